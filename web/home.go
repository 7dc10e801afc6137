package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"

	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentclient"
	"github.com/marketplace/marketplace/views/catalog"
	"github.com/marketplace/marketplace/views/components"
)

// homeGrid is how many products each row of the home page shows.
const homeGrid = 8

// bannersTimeout bounds the wait for the home page's banners: without
// them the page is still worth showing.
const bannersTimeout = 2 * time.Second

// home shows the banners, the categories, the newest and the best rated
// products. An admin may preview the banners of another moment with
// ?preview_at=2026-12-01T10:00 (UTC); for anyone else it is ignored.
func (w *Web) home(c echo.Context) error {
	ctx := c.Request().Context()
	var (
		newest, top productclient.Page
		cats        []productclient.Category
		showing     []visualcontentclient.Banner
	)
	at, atProblem := previewAt(c)
	g, gctx := errgroup.WithContext(ctx)
	if !isFragmentRequest(c) {
		g.Go(func() error {
			// The page is worth showing without its banners, and soon.
			ctx, cancel := context.WithTimeout(gctx, bannersTimeout)
			defer cancel()
			var err error
			if showing, err = w.cfg.Clients.VisualContent.Showing(ctx, at); err != nil {
				w.log.Warn("banners for the home page", "err", err)
				showing = nil
			}
			return nil
		})
	}
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
	v.Hero, v.Slides = homeBanners(showing)
	if !at.IsZero() {
		v.Preview, v.PreviewISO = formatDateTime(at)
	}
	p := w.page(c, "Discover independent shops")
	if atProblem != "" {
		p.Notices = append(p.Notices, atProblem)
	}
	return w.render(c, http.StatusOK, catalog.Home(p, v))
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
