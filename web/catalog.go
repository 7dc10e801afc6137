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
func listingURL(q, category, sort string, page int) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if category != "" {
		v.Set("category", category)
	}
	if sort != "" && sort != productclient.SortNewest {
		v.Set("sort", sort)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/products"
	}
	return "/products?" + v.Encode()
}

var sorts = map[string]bool{
	productclient.SortNewest: true, productclient.SortPriceUp: true, productclient.SortPriceDown: true, productclient.SortRating: true,
}

// products is the listing and search page. HTMX requests (category chips,
// pagination, the sort order) get only the results fragment; the URL stays
// shareable.
func (w *Web) products(c echo.Context) error {
	q, category, sort := c.QueryParam("q"), c.QueryParam("category"), c.QueryParam("sort")
	if sort != "" && !sorts[sort] {
		return fault.Invalidf("sort must be one of newest, price_asc, price_desc or rating")
	}
	page, err := pageParam(c, "page")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	var (
		res  productclient.Page
		cats []productclient.Category
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		res, err = w.cfg.Clients.Product.List(gctx, productclient.ListQuery{Q: q, Category: category, Sort: sort, Page: page, PerPage: perPage})
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

	v := catalog.ListingView{Query: q, Category: category, Sort: sort, Products: productCards(res.Items), Heading: "All products"}
	v.Categories = append(v.Categories, catalog.CategoryLink{Name: "All", URL: listingURL(q, "", sort, 1), Active: category == ""})
	for _, cat := range cats {
		if cat.Slug == category {
			v.Heading = cat.Name
		}
		if cat.ParentID == "" {
			v.Categories = append(v.Categories, catalog.CategoryLink{Name: cat.Name, URL: listingURL(q, cat.Slug, sort, 1), Active: cat.Slug == category})
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
	v.Pages = pageLinks(page, perPage, res.Total, func(n int) string { return listingURL(q, category, sort, n) })
	if isFragmentRequest(c) {
		return w.render(c, http.StatusOK, catalog.ListingResults(v))
	}
	return w.render(c, http.StatusOK, catalog.Listing(w.page(c, v.Heading), v))
}
