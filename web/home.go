package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"

	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/views/catalog"
	"github.com/marketplace/marketplace/views/components"
)

// homeGrid is how many products each row of the home page shows.
const homeGrid = 8

// home shows the categories, the newest and the best rated products.
func (w *Web) home(c echo.Context) error {
	ctx := c.Request().Context()
	var (
		newest, top productclient.Page
		cats        []productclient.Category
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		newest, err = w.cfg.Clients.Product.List(gctx, productclient.ListQuery{Sort: productclient.SortNewest, PerPage: homeGrid})
		return err
	})
	g.Go(func() (err error) {
		top, err = w.cfg.Clients.Product.List(gctx, productclient.ListQuery{Sort: productclient.SortRating, PerPage: homeGrid})
		return err
	})
	g.Go(func() (err error) {
		cats, err = w.cfg.Clients.Product.Categories(gctx)
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	v := catalog.HomeView{NewArrivals: productCards(newest.Items), TopRated: productCards(rated(top.Items))}
	for _, cat := range cats {
		if cat.ParentID == "" {
			v.Categories = append(v.Categories, catalog.CategoryLink{Name: cat.Name, URL: "/products?category=" + url.QueryEscape(cat.Slug)})
		}
	}
	if isFragmentRequest(c) {
		return w.render(c, http.StatusOK, catalog.ProductGrid(v.NewArrivals))
	}
	return w.render(c, http.StatusOK, catalog.Home(w.page(c, "Discover independent shops"), v))
}

// rated keeps the products that have reviews: a "top rated" row of
// unrated products would say nothing.
func rated(items []productclient.Summary) []productclient.Summary {
	out := items[:0:0]
	for _, p := range items {
		if p.Rating.Count > 0 {
			out = append(out, p)
		}
	}
	return out
}

func productCards(items []productclient.Summary) []catalog.ProductCard {
	cards := make([]catalog.ProductCard, 0, len(items))
	for _, p := range items {
		card := catalog.ProductCard{
			ID: p.ID, Name: p.Name, URL: productURL(p.ID),
			Price: formatMoney(p.PriceFrom.Amount, p.PriceFrom.Currency), ShopName: p.ShopName,
			ImageAlt: p.Name, Category: p.CategoryName,
			Rating: components.Rating{Average: p.Rating.Average, Count: p.Rating.Count},
		}
		if p.ShopSlug != "" {
			card.ShopURL = shopURL(p.ShopSlug)
		}
		if p.Image != nil {
			card.ImageURL, card.ImageLargeURL = p.Image.ThumbURL, p.Image.MediumURL
			if card.ImageURL == "" {
				card.ImageURL, card.ImageLargeURL = p.Image.MediumURL, ""
			}
			if p.Image.Alt != "" {
				card.ImageAlt = p.Image.Alt
			}
		}
		if p.PriceFrom.Amount <= 0 {
			card.Price = ""
		}
		cards = append(cards, card)
	}
	return cards
}
