package app

import (
	"context"

	"github.com/marketplace/marketplace/services/comment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
)

// SetHidden hides a review from shoppers (and from the product's rating)
// or shows it again; admins only. Asking for the state it is in already
// changes and announces nothing.
func (a *App) SetHidden(ctx context.Context, who actor.Actor, reviewID string, hidden bool) (*domain.Review, error) {
	if err := domain.CanModerate(who); err != nil {
		return nil, err
	}
	var out *domain.Review
	err := a.change(ctx, reviewID, func(*domain.Review) error { return nil },
		func(ctx context.Context, r *domain.Review, rt *domain.Rating) error {
			before := snapshot(r)
			out = r
			if !r.SetHidden(hidden, a.clock.Now()) {
				return nil
			}
			if err := a.store.SaveReview(ctx, r); err != nil {
				return err
			}
			return a.record(ctx, before, r, rt)
		})
	if err != nil {
		return nil, wrap(err, "hide review %s", reviewID)
	}
	return out, nil
}
