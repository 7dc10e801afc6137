package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/views/catalog"
)

const perPage = 24

// listingURL is the shareable URL of a listing state.
func listingURL(q, category string, page int) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if category != "" {
		v.Set("category", category)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/products"
	}
	return "/products?" + v.Encode()
}

// products is the listing and search page. HTMX requests (category chips,
// pagination) get only the results fragment; the URL stays shareable.
func (w *Web) products(c echo.Context) error {
	q, category := c.QueryParam("q"), c.QueryParam("category")
	page := 1
	if s := c.QueryParam("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return fault.Invalidf("page must be a whole number from 1")
		}
		page = n
	}
	ctx := c.Request().Context()
	var (
		res  productclient.Page
		cats []productclient.Category
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		res, err = w.cfg.Clients.Product.List(gctx, productclient.ListQuery{Q: q, Category: category, Page: page, PerPage: perPage})
		return err
	})
	g.Go(func() (err error) {
		cats, err = w.cfg.Clients.Product.Categories(gctx)
		return err
	})
	if err := g.Wait(); err != nil {
		if fe, ok := fault.As(err); ok && errors.Is(err, fault.Invalid) && len(fe.Fields) > 0 {
			for _, msg := range fe.Fields {
				return fault.Invalidf("%s", msg) // e.g. an unknown category in a hand-edited link
			}
		}
		return err
	}

	v := catalog.ListingView{Query: q, Category: category, Products: productCards(res.Items), Heading: "All products"}
	v.Categories = append(v.Categories, catalog.CategoryLink{Name: "All", URL: listingURL(q, "", 1), Active: category == ""})
	for _, cat := range cats {
		if cat.Slug == category {
			v.Heading = cat.Name
		}
		if cat.ParentID == "" {
			v.Categories = append(v.Categories, catalog.CategoryLink{Name: cat.Name, URL: listingURL(q, cat.Slug, 1), Active: cat.Slug == category})
		}
	}
	if q != "" {
		v.Heading = fmt.Sprintf("Results for “%s”", q)
	}
	switch res.Total {
	case 0:
		v.Summary = "No products match"
	case 1:
		v.Summary = "1 product"
	default:
		v.Summary = fmt.Sprintf("%d products", res.Total)
	}
	pages := int((res.Total + perPage - 1) / perPage)
	if pages > 1 {
		v.Pages.Status = fmt.Sprintf("Page %d of %d", page, pages)
		if page > 1 {
			v.Pages.PrevURL = listingURL(q, category, page-1)
		}
		if page < pages {
			v.Pages.NextURL = listingURL(q, category, page+1)
		}
	}
	if isFragmentRequest(c) {
		return w.render(c, http.StatusOK, catalog.ListingResults(v))
	}
	return w.render(c, http.StatusOK, catalog.Listing(w.page(c, v.Heading), v))
}

// product is the product page.
func (w *Web) product(c echo.Context) error {
	p, err := w.cfg.Clients.Product.Get(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	v := catalog.ProductView{
		ID: p.ID, Name: p.Name, ShopName: p.ShopName, Category: p.CategoryName, Description: p.Description,
		PriceFrom: formatMoney(p.PriceFrom.Amount, p.PriceFrom.Currency), ImageAlt: p.Name,
	}
	if cats, err := w.cfg.Clients.Product.Categories(c.Request().Context()); err == nil {
		for _, cat := range cats {
			if cat.ID == p.CategoryID {
				v.CategoryURL = listingURL("", cat.Slug, 1)
			}
		}
	}
	for _, vr := range p.Variations {
		v.Variations = append(v.Variations, catalog.VariationView{
			ID: vr.ID, Name: vr.Name, SKU: vr.SKU, Price: formatMoney(vr.Price.Amount, vr.Price.Currency),
		})
	}
	return w.render(c, http.StatusOK, catalog.ProductPage(w.page(c, p.Name), v))
}
