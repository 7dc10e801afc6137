package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"

	"github.com/marketplace/marketplace/services/comment/commentclient"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/views/catalog"
	"github.com/marketplace/marketplace/views/components"
)

// lowStock is from how few units on a variation says "Only n left".
const lowStock = 5

// product is the product page.
func (w *Web) product(c echo.Context) error {
	page, err := pageParam(c, "reviews_page")
	if err != nil {
		return err
	}
	v, err := w.productView(c, c.Param("id"), page, nil)
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, catalog.ProductPage(w.page(c, v.Name), v))
}

// productView loads the product page: the product, its category path, the
// availability of its variations and a page of reviews. form, when set, is
// the review form as the user sent it, with its problems.
func (w *Web) productView(c echo.Context, id string, reviewsPage int, form *catalog.ReviewForm) (catalog.ProductView, error) {
	ctx := c.Request().Context()
	p, err := w.cfg.Clients.Product.Get(ctx, id)
	if err != nil {
		return catalog.ProductView{}, err
	}
	var (
		cats    []productclient.Category
		avail   map[string]int64
		reviews catalog.ReviewsView
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		cats, err = w.cfg.Clients.Product.Categories(gctx)
		return err
	})
	g.Go(func() error {
		var err error
		if avail, err = w.cfg.Clients.Warehouse.Availability(gctx, variationIDs(p)); err != nil {
			// The page is still worth showing without stock figures.
			w.log.Warn("availability for the product page", "product", p.ID, "err", err)
			avail = nil
		}
		return nil
	})
	g.Go(func() (err error) {
		reviews, err = w.reviewsView(c, p, reviewsPage, form)
		return err
	})
	if err := g.Wait(); err != nil {
		return catalog.ProductView{}, err
	}
	v := catalog.ProductView{
		ID: p.ID, Name: p.Name, ShopName: p.ShopName, Category: p.CategoryName, Description: p.Description,
		Rating: reviews.Rating, Reviews: reviews,
	}
	if p.ShopSlug != "" {
		v.ShopURL = shopURL(p.ShopSlug)
	}
	if len(p.Variations) > 0 && p.PriceFrom.Amount > 0 {
		v.PriceFrom = formatMoney(p.PriceFrom.Amount, p.PriceFrom.Currency)
	}
	v.Parents, v.CategoryURL = categoryPath(cats, p.CategoryID)
	for _, img := range p.Images {
		v.Images = append(v.Images, catalog.GalleryImage{ThumbURL: img.ThumbURL, MediumURL: img.MediumURL, LargeURL: img.LargeURL, Alt: img.Alt})
	}
	v.Variations = variationViews(p, avail)
	return v, nil
}

// buyBoxView is the part of the product page that the add-to-cart form
// needs: the product and its options with their availability.
func (w *Web) buyBoxView(c echo.Context, id string) (catalog.ProductView, error) {
	ctx := c.Request().Context()
	p, err := w.cfg.Clients.Product.Get(ctx, id)
	if err != nil {
		return catalog.ProductView{}, err
	}
	avail, err := w.cfg.Clients.Warehouse.Availability(ctx, variationIDs(p))
	if err != nil {
		w.log.Warn("availability for the add-to-cart form", "product", p.ID, "err", err)
		avail = nil
	}
	return catalog.ProductView{ID: p.ID, Name: p.Name, Variations: variationViews(p, avail)}, nil
}

func variationIDs(p productclient.Product) []string {
	ids := make([]string, 0, len(p.Variations))
	for _, x := range p.Variations {
		ids = append(ids, x.ID)
	}
	return ids
}

// variationViews are the options of the product page; avail nil: no
// stock figures (every option can be chosen, the cart checks).
func variationViews(p productclient.Product, avail map[string]int64) []catalog.VariationView {
	out := make([]catalog.VariationView, 0, len(p.Variations))
	for _, x := range p.Variations {
		vv := catalog.VariationView{ID: x.ID, Name: x.Name, SKU: x.SKU, Price: formatMoney(x.Price.Amount, x.Price.Currency), InStock: true}
		if avail != nil {
			n := avail[x.ID]
			switch {
			case n <= 0:
				vv.Availability, vv.InStock = "Out of stock", false
			case n <= lowStock:
				vv.Availability, vv.Low = "Only "+strconv.FormatInt(n, 10)+" left", true
			default:
				vv.Availability = "In stock"
			}
		}
		out = append(out, vv)
	}
	return out
}

// categoryPath returns the ancestors of a category (root first) as links,
// and the category's own listing URL.
func categoryPath(cats []productclient.Category, id string) ([]catalog.CategoryLink, string) {
	byID := make(map[string]productclient.Category, len(cats))
	for _, c := range cats {
		byID[c.ID] = c
	}
	cat, ok := byID[id]
	if !ok {
		return nil, ""
	}
	var parents []catalog.CategoryLink
	seen := map[string]bool{cat.ID: true}
	for p, ok := byID[cat.ParentID]; ok && !seen[p.ID]; p, ok = byID[p.ParentID] {
		seen[p.ID] = true
		parents = append([]catalog.CategoryLink{{Name: p.Name, URL: listingURL("", p.Slug, "", 1)}}, parents...)
	}
	return parents, listingURL("", cat.Slug, "", 1)
}

// reviewsView loads a page of a product's reviews and, for a signed-in
// user, their own review.
func (w *Web) reviewsView(c echo.Context, p productclient.Product, page int, form *catalog.ReviewForm) (catalog.ReviewsView, error) {
	ctx := c.Request().Context()
	productID := p.ID
	u, signedIn := currentUser(c)
	v := catalog.ReviewsView{
		ProductID: productID, SignedIn: signedIn, IsAdmin: signedIn && actor.Role(u.Role) == actor.Admin,
		// The comment service refuses reviews of one's own products; the
		// page says so instead of offering a form that would fail.
		OwnProduct: signedIn && p.OwnerID != "" && p.OwnerID == u.ID,
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		res, err := w.cfg.Clients.Comment.ProductReviews(gctx, productID, page)
		if err != nil {
			return err
		}
		v.Rating = components.Rating{Average: res.Rating.Average, Count: res.Rating.Count}
		v.Page = max(res.Page, 1)
		if res.PerPage > 0 {
			v.Pages = int((res.Total + int64(res.PerPage) - 1) / int64(res.PerPage))
		}
		for _, r := range res.Items {
			v.Items = append(v.Items, reviewItem(r, signedIn && r.UserID == u.ID))
		}
		return nil
	})
	var mine *catalog.ReviewItem
	if signedIn {
		g.Go(func() error {
			r, err := w.cfg.Clients.Comment.Mine(gctx, productID)
			switch {
			case errors.Is(err, fault.NotFound):
				return nil
			case err != nil:
				return err
			}
			item := reviewItem(r, true)
			mine = &item
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return v, err
	}
	v.Mine = mine
	switch {
	case form != nil:
		v.Form = *form
	case mine != nil:
		v.Form = catalog.ReviewForm{Rating: mine.Rating, Body: mine.Body}
	}
	return v, nil
}

func reviewItem(r commentclient.Review, mine bool) catalog.ReviewItem {
	human, machine := formatDate(r.CreatedAt)
	author := r.AuthorName
	if author == "" {
		author = "A shopper"
	}
	return catalog.ReviewItem{
		ID: r.ID, Author: author, Rating: r.Rating, Body: r.Body, Date: human, DateTime: machine,
		Verified: r.Verified, Hidden: r.Hidden, Mine: mine,
	}
}
