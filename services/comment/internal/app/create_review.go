package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/comment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/id"
)

// CreateReview adds who's review of a product: it checks the input, asks
// the product service for the product (and its shop), and writes the
// review, the product's new rating and comment.created in one
// transaction. A second review of the same product is
// domain.ErrAlreadyReviewed.
func (a *App) CreateReview(ctx context.Context, who actor.Actor, productID string, rating int, body, authorName string) (*domain.Review, error) {
	if err := domain.CanWrite(who); err != nil {
		return nil, err
	}
	in, err := domain.NewInput(rating, body, authorName)
	if err != nil {
		return nil, err
	}
	if !id.Valid(productID) {
		return nil, domain.ErrProductNotFound
	}
	// A cheap early answer for the common case; the unique index decides
	// races.
	switch _, err := a.store.ReviewByAuthor(ctx, productID, who.UserID); {
	case err == nil:
		return nil, domain.ErrAlreadyReviewed
	case !errors.Is(err, domain.ErrReviewNotFound):
		return nil, fmt.Errorf("create review: look up existing review: %w", err)
	}
	// Outside the transaction: no lock is held while the product service
	// answers.
	p, err := a.catalog.Product(ctx, productID)
	if err != nil {
		return nil, err
	}
	if p.OwnerID != "" && p.OwnerID == who.UserID {
		return nil, domain.ErrOwnProduct
	}
	r, err := domain.NewReview(id.New(), p.ID, p.ShopID, who.UserID, in, a.clock.Now())
	if err != nil {
		return nil, err
	}
	switch bought, err := a.store.Purchased(ctx, who.UserID, p.ID); {
	case err != nil:
		return nil, fmt.Errorf("create review: look up purchases: %w", err)
	case bought:
		r.MarkVerified()
	}
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		rt, err := a.store.LockRating(ctx, r.ProductID())
		if err != nil {
			return err
		}
		if err := a.store.AddReview(ctx, r); err != nil {
			return err
		}
		return a.record(ctx, nil, r, &rt)
	})
	if err != nil {
		if errors.Is(err, domain.ErrAlreadyReviewed) {
			return nil, domain.ErrAlreadyReviewed
		}
		return nil, fmt.Errorf("create review of product %s: %w", productID, err)
	}
	return r, nil
}
