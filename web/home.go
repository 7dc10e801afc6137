package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"

	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/views/catalog"
)

// home shows the newest products and the top-level categories.
func (w *Web) home(c echo.Context) error {
	ctx := c.Request().Context()
	var (
		page productclient.Page
		cats []productclient.Category
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		page, err = w.cfg.Clients.Product.List(gctx, productclient.ListQuery{PerPage: 24})
		return err
	})
	g.Go(func() (err error) {
		cats, err = w.cfg.Clients.Product.Categories(gctx)
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	v := catalog.HomeView{Products: productCards(page.Items)}
	for _, cat := range cats {
		if cat.ParentID == "" {
			v.Categories = append(v.Categories, catalog.CategoryLink{Name: cat.Name, URL: "/products?category=" + url.QueryEscape(cat.Slug)})
		}
	}
	if isFragmentRequest(c) {
		return w.render(c, http.StatusOK, catalog.ProductGrid(v.Products))
	}
	return w.render(c, http.StatusOK, catalog.Home(w.page(c, "Discover independent shops"), v))
}

func productCards(items []productclient.Summary) []catalog.ProductCard {
	cards := make([]catalog.ProductCard, 0, len(items))
	for _, p := range items {
		cards = append(cards, catalog.ProductCard{
			ID: p.ID, Name: p.Name, URL: "/products/" + url.PathEscape(p.ID),
			Price: formatMoney(p.PriceFrom.Amount, p.PriceFrom.Currency), ShopName: p.ShopName,
			ImageAlt: p.Name, Category: p.CategoryName,
		})
	}
	return cards
}
