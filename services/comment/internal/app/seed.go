package app

import (
	"context"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/comment/internal/domain"
)

// SeedReview is a review of the demo data set, with its fixed id.
type SeedReview struct {
	ID, ProductID, ShopID, UserID, AuthorName string
	Rating                                    int
	Body                                      string
	CreatedAt                                 time.Time
}

// Seed adds the given reviews that are not there yet (by id, or by user and
// product), each with its rating update and comment.created, in one
// transaction. Running it again adds nothing.
func (a *App) Seed(ctx context.Context, reviews []SeedReview) error {
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		for _, s := range reviews {
			in, err := domain.NewInput(s.Rating, s.Body, s.AuthorName)
			if err != nil {
				return fmt.Errorf("seed review %s: %w", s.ID, err)
			}
			r, err := domain.NewReview(s.ID, s.ProductID, s.ShopID, s.UserID, in, s.CreatedAt)
			if err != nil {
				return fmt.Errorf("seed review %s: %w", s.ID, err)
			}
			rt, err := a.store.LockRating(ctx, r.ProductID())
			if err != nil {
				return err
			}
			added, err := a.store.AddReviewIfAbsent(ctx, r)
			if err != nil {
				return fmt.Errorf("seed review %s: %w", s.ID, err)
			}
			if !added {
				continue
			}
			if err := a.record(ctx, nil, r, &rt); err != nil {
				return err
			}
		}
		return nil
	})
}
