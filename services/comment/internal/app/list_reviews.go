package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/comment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// MaxPage bounds the page number a listing accepts.
const MaxPage = 10000

// ReviewPage is one page of reviews with the rating they add up to.
type ReviewPage struct {
	Items   []*domain.Review
	Rating  domain.Rating // for a shop: ProductID empty, Version 0
	Page    int
	PerPage int
	Total   int64
}

// ProductReviews returns a page of a product's reviews, newest first, as
// who may see them (hidden ones only for admins and their author), with the
// product's rating. An unknown product has none.
func (a *App) ProductReviews(ctx context.Context, who actor.Actor, productID string, page int) (ReviewPage, error) {
	if err := checkPage(page); err != nil {
		return ReviewPage{}, err
	}
	items, total, err := a.store.ReviewsOf(ctx, a.pageQuery(ReviewQuery{ProductID: productID, Viewer: who}, page))
	if err != nil {
		return ReviewPage{}, fmt.Errorf("list reviews of product %s: %w", productID, err)
	}
	rt := domain.RebuildRating(productID, 0, 0, 0)
	rs, err := a.store.Ratings(ctx, []string{productID})
	if err != nil {
		return ReviewPage{}, fmt.Errorf("list reviews of product %s: %w", productID, err)
	}
	if len(rs) == 1 {
		rt = rs[0]
	}
	return ReviewPage{Items: items, Rating: rt, Page: page, PerPage: domain.ReviewsPerPage, Total: total}, nil
}

// ShopReviews returns a page of the reviews of a shop's products, newest
// first, as who may see them, with the shop's rating over its visible
// reviews (for the seller dashboard; public data).
func (a *App) ShopReviews(ctx context.Context, who actor.Actor, shopID string, page int) (ReviewPage, error) {
	if err := checkPage(page); err != nil {
		return ReviewPage{}, err
	}
	items, total, err := a.store.ReviewsOf(ctx, a.pageQuery(ReviewQuery{ShopID: shopID, Viewer: who}, page))
	if err != nil {
		return ReviewPage{}, fmt.Errorf("list reviews of shop %s: %w", shopID, err)
	}
	count, sum, err := a.store.ShopRating(ctx, shopID)
	if err != nil {
		return ReviewPage{}, fmt.Errorf("list reviews of shop %s: %w", shopID, err)
	}
	return ReviewPage{Items: items, Rating: domain.RebuildRating("", count, sum, 0), Page: page, PerPage: domain.ReviewsPerPage, Total: total}, nil
}

// MyReview returns who's review of a product, hidden or not.
func (a *App) MyReview(ctx context.Context, who actor.Actor, productID string) (*domain.Review, error) {
	if who.Anonymous() {
		return nil, fault.Unauthenticatedf("sign in to see your review")
	}
	r, err := a.store.ReviewByAuthor(ctx, productID, who.UserID)
	if err != nil {
		return nil, wrap(err, "look up review of product %s", productID)
	}
	return r, nil
}

func (a *App) pageQuery(q ReviewQuery, page int) ReviewQuery {
	q.Limit = domain.ReviewsPerPage
	q.Offset = (page - 1) * domain.ReviewsPerPage
	return q
}

func checkPage(page int) error {
	if page < 1 || page > MaxPage {
		return fault.Fields(map[string]string{"page": fmt.Sprintf("the page must be a number from 1 to %d", MaxPage)})
	}
	return nil
}
