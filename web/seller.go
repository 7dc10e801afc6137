package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"

	"github.com/marketplace/marketplace/services/comment/commentclient"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/shop/shopclient"
	"github.com/marketplace/marketplace/views/components"
	"github.com/marketplace/marketplace/views/seller"
)

// The seller dashboard is for any signed-in user; what it shows depends on
// whether they have a shop, which the shop service says (the seller role
// follows the shop asynchronously, so it is not asked).

// myShop returns the signed-in user's open shop; ok is false when they
// have none. It keeps the answer in the session for the header's link.
func (w *Web) myShop(c echo.Context) (shopclient.Shop, bool, error) {
	if s, ok := c.Get("shop").(shopclient.Shop); ok {
		return s, true, nil
	}
	s, err := w.cfg.Clients.Shop.Mine(c.Request().Context())
	switch {
	case errors.Is(err, fault.NotFound):
		w.rememberShop(c, false)
		return shopclient.Shop{}, false, nil
	case err != nil:
		return shopclient.Shop{}, false, err
	}
	w.rememberShop(c, true)
	c.Set("shop", s)
	return s, true, nil
}

func (w *Web) rememberShop(c echo.Context, has bool) {
	v := "no"
	if has {
		v = "yes"
	}
	if bs := w.session(c); bs.get(keyHasShop) != v {
		bs.set(keyHasShop, v)
	}
}

// hasShop says whether the signed-in user has a shop, for the header: from
// this request or the session when known, else asked once and remembered.
// A failed lookup shows the header as for a user without a shop.
func (w *Web) hasShop(c echo.Context) bool {
	if _, ok := c.Get("shop").(shopclient.Shop); ok {
		return true
	}
	switch w.session(c).get(keyHasShop) {
	case "yes":
		return true
	case "no":
		return false
	}
	_, ok, err := w.myShop(c)
	if err != nil {
		w.log.Warn("look up the user's shop for the header", "err", err)
		return false
	}
	return ok
}

// requireShop lets only shop owners through; the others are invited to
// open a shop.
func (w *Web) requireShop(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		_, ok, err := w.myShop(c)
		if err != nil {
			return err
		}
		if !ok {
			return w.redirect(c, "/seller/shop")
		}
		return next(c)
	}
}

// shopOf is the shop requireShop found.
func shopOf(c echo.Context) shopclient.Shop {
	s, _ := c.Get("shop").(shopclient.Shop)
	return s
}

func shopURL(slug string) string { return "/shops/" + url.PathEscape(slug) }

func shell(s shopclient.Shop, active string) seller.Shell {
	return seller.Shell{ShopName: s.Name, ShopURL: shopURL(s.Slug), Active: active}
}

// ---------- Shop settings ----------

var shopFields = map[string]string{"name": "name", "description": "description"}

func (w *Web) shopSettings(c echo.Context) error {
	s, ok, err := w.myShop(c)
	if err != nil {
		return err
	}
	v := seller.ShopPage{HasShop: ok}
	if ok {
		v.Shell = shell(s, seller.TabShop)
		v.Form = seller.ShopForm{Name: s.Name, Description: s.Description}
	}
	return w.render(c, http.StatusOK, seller.ShopSettings(w.page(c, shopTitle(ok)), v))
}

func shopTitle(has bool) string {
	if has {
		return "Shop settings"
	}
	return "Open your shop"
}

// saveShop opens the user's shop, or edits it when they have one.
func (w *Web) saveShop(c echo.Context) error {
	s, has, err := w.myShop(c)
	if err != nil {
		return err
	}
	form := seller.ShopForm{Name: strings.TrimSpace(c.FormValue("name")), Description: strings.TrimSpace(c.FormValue("description"))}
	req := shopclient.ShopRequest{Name: form.Name, Description: form.Description}
	ctx := c.Request().Context()
	if has {
		_, err = w.cfg.Clients.Shop.Update(ctx, s.ID, req)
	} else {
		s, err = w.cfg.Clients.Shop.Open(ctx, req)
	}
	if err != nil {
		p, ok := formProblems(err, shopFields)
		if !ok {
			return err
		}
		form.Errors, form.Error = p.Fields, p.General
		v := seller.ShopPage{HasShop: has, Form: form}
		if has {
			v.Shell = shell(s, seller.TabShop)
		}
		return w.render(c, http.StatusUnprocessableEntity, seller.ShopSettings(w.page(c, shopTitle(has)), v))
	}
	bs := w.session(c)
	if has {
		bs.flash("Your shop is saved.")
		return w.redirect(c, "/seller/shop")
	}
	c.Set("shop", s)
	w.rememberShop(c, true)
	bs.flash("Your shop “" + s.Name + "” is open. Add your first product!")
	return w.redirect(c, "/seller")
}

// closeShop closes the user's shop after they ticked the confirmation.
func (w *Web) closeShop(c echo.Context) error {
	s, has, err := w.myShop(c)
	if err != nil {
		return err
	}
	if !has {
		return w.redirect(c, "/seller/shop")
	}
	if c.FormValue("confirm") != "yes" {
		v := seller.ShopPage{
			HasShop: true, Shell: shell(s, seller.TabShop),
			Form:       seller.ShopForm{Name: s.Name, Description: s.Description},
			CloseError: "Tick the box to confirm that you want to close your shop.",
		}
		return w.render(c, http.StatusUnprocessableEntity, seller.ShopSettings(w.page(c, "Shop settings"), v))
	}
	if err := w.cfg.Clients.Shop.Close(c.Request().Context(), s.ID); err != nil {
		return err
	}
	c.Set("shop", nil)
	w.rememberShop(c, false)
	w.session(c).flash("Your shop “" + s.Name + "” is closed.")
	return w.redirect(c, "/seller/shop")
}

// ---------- Overview ----------

// maxShopProducts bounds how many products the overview adds up.
const maxShopProducts = 1000

// shopProducts returns the shop's products (up to maxShopProducts), the
// owner's drafts included.
func (w *Web) shopProducts(ctx context.Context, shopID string) ([]productclient.Summary, int64, error) {
	var all []productclient.Summary
	for page := 1; ; page++ {
		res, err := w.cfg.Clients.Product.List(ctx, productclient.ListQuery{ShopID: shopID, Page: page, PerPage: 100})
		if err != nil {
			return nil, 0, err
		}
		all = append(all, res.Items...)
		if len(res.Items) == 0 || int64(len(all)) >= res.Total || len(all) >= maxShopProducts {
			return all, res.Total, nil
		}
	}
}

// availableByProduct sums the available stock of each product's
// variations. A product the warehouse cannot answer for is left out; ok is
// false then, so the page can say the figure is incomplete.
func (w *Web) availableByProduct(ctx context.Context, items []productclient.Summary) (map[string]int64, bool) {
	out := make(map[string]int64, len(items))
	failed := make([]bool, len(items))
	sums := make([]int64, len(items))
	var g errgroup.Group
	g.SetLimit(8)
	for i, p := range items {
		if p.Variations == 0 {
			continue
		}
		g.Go(func() error {
			stock, err := w.cfg.Clients.Warehouse.ProductStock(ctx, p.ID)
			if err != nil {
				w.log.Warn("product stock", "product", p.ID, "err", err)
				failed[i] = true
				return nil
			}
			for _, s := range stock {
				sums[i] += s.Available
			}
			return nil
		})
	}
	_ = g.Wait()
	ok := true
	for i, p := range items {
		if failed[i] {
			ok = false
			continue
		}
		out[p.ID] = sums[i]
	}
	return out, ok
}

// sellerOverview is GET /seller: the shop's key figures, its sales over a
// range of days (?days=7, 30 or 90), its latest reviews. The range switch
// asks for the sales section alone with htmx.
func (w *Web) sellerOverview(c echo.Context) error {
	s := shopOf(c)
	ctx := c.Request().Context()
	days := daysParam(c)
	if isFragmentRequest(c) {
		return w.render(c, http.StatusOK, seller.Sales(w.sellerSales(ctx, days)))
	}
	var (
		items   []productclient.Summary
		total   int64
		reviews commentclient.ReviewPage
		toShip  = "—"
		sales   seller.SalesView
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		// Never fails: a failure of analytics is a note in the section.
		sales = w.sellerSales(gctx, days)
		return nil
	})
	g.Go(func() (err error) {
		items, total, err = w.shopProducts(gctx, s.ID)
		return err
	})
	g.Go(func() (err error) {
		reviews, err = w.cfg.Clients.Comment.ShopReviews(gctx, s.ID, 1)
		return err
	})
	g.Go(func() error {
		// The overview is still worth showing without this figure.
		paid, err := w.cfg.Clients.Order.ShopOrders(gctx, orderclient.StatusPaid, 1)
		if err != nil {
			w.log.Warn("orders to ship for the seller overview", "shop", s.ID, "err", err)
			return nil
		}
		toShip = formatCount(paid.Total)
		return nil
	})
	if err := g.Wait(); err != nil {
		return err
	}
	stock, complete := w.availableByProduct(ctx, items)
	var units, drafts int64
	for _, p := range items {
		units += stock[p.ID]
		if p.Variations == 0 {
			drafts++
		}
	}
	v := seller.Overview{
		Shell:    shell(s, seller.TabOverview),
		Products: formatCount(total),
		Drafts:   formatCount(drafts),
		Stock:    formatCount(units),
		Rating:   shopRating(reviews, items),
		ToShip:   toShip,
		Sales:    sales,
	}
	if !complete {
		v.Stock = "—"
	}
	names := productNames(items)
	for i, r := range reviews.Items {
		if i == 5 {
			break
		}
		v.Reviews = append(v.Reviews, reviewRow(r, names))
	}
	return w.render(c, http.StatusOK, seller.OverviewPage(w.page(c, "Seller dashboard"), v))
}

// shopRating is the comment service's rating of the shop when it gives one,
// else the average of the products' ratings weighted by their reviews.
func shopRating(reviews commentclient.ReviewPage, items []productclient.Summary) components.Rating {
	if reviews.Rating.Count > 0 {
		return components.Rating{Average: reviews.Rating.Average, Count: reviews.Rating.Count}
	}
	var sum float64
	var n int64
	for _, p := range items {
		sum += p.Rating.Average * float64(p.Rating.Count)
		n += p.Rating.Count
	}
	if n == 0 {
		return components.Rating{}
	}
	return components.Rating{Average: sum / float64(n), Count: n}
}

func productNames(items []productclient.Summary) map[string]string {
	m := make(map[string]string, len(items))
	for _, p := range items {
		m[p.ID] = p.Name
	}
	return m
}

func reviewRow(r commentclient.Review, names map[string]string) seller.ReviewRow {
	human, machine := formatDate(r.CreatedAt)
	row := seller.ReviewRow{
		ID: r.ID, Author: r.AuthorName, Rating: r.Rating, Body: r.Body, Date: human, DateTime: machine,
		Verified: r.Verified, Hidden: r.Hidden, ProductName: names[r.ProductID],
		ProductURL: productURL(r.ProductID) + "#reviews",
	}
	if row.ProductName == "" {
		row.ProductName, row.ProductURL = "a product no longer listed", ""
	}
	if row.Author == "" {
		row.Author = "A shopper"
	}
	return row
}

func productURL(id string) string { return "/products/" + url.PathEscape(id) }

// ---------- Reviews ----------

func (w *Web) sellerReviews(c echo.Context) error {
	s := shopOf(c)
	page, err := pageParam(c, "page")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	var (
		items   []productclient.Summary
		reviews commentclient.ReviewPage
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		items, _, err = w.shopProducts(gctx, s.ID)
		return err
	})
	g.Go(func() (err error) {
		reviews, err = w.cfg.Clients.Comment.ShopReviews(gctx, s.ID, page)
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	names := productNames(items)
	v := seller.ReviewsPage{Shell: shell(s, seller.TabReviews), Rating: shopRating(reviews, items)}
	for _, r := range reviews.Items {
		v.Rows = append(v.Rows, reviewRow(r, names))
	}
	if reviews.Total > 0 {
		v.Summary = components.Plural(reviews.Total, "review", "reviews")
	}
	v.Pages = pageLinks(page, reviews.PerPage, reviews.Total, func(n int) string {
		return "/seller/reviews?page=" + strconv.Itoa(n)
	})
	return w.render(c, http.StatusOK, seller.Reviews(w.page(c, "Reviews"), v))
}

// pageParam reads a page number from the query: 1 when absent.
func pageParam(c echo.Context, name string) (int, error) {
	s := c.QueryParam(name)
	if s == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fault.Invalidf("%s must be a whole number from 1", name)
	}
	return n, nil
}

// pageLinks links the neighbours of page in a listing of total items.
func pageLinks(page, perPage int, total int64, url func(int) string) components.PageLinks {
	if perPage <= 0 {
		return components.PageLinks{}
	}
	pages := int((total + int64(perPage) - 1) / int64(perPage))
	var l components.PageLinks
	if pages <= 1 {
		return l
	}
	l.Status = "Page " + strconv.Itoa(page) + " of " + strconv.Itoa(pages)
	if page > 1 {
		l.PrevURL = url(min(page-1, pages))
	}
	if page < pages {
		l.NextURL = url(page + 1)
	}
	return l
}
