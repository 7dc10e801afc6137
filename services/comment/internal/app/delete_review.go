package app

import (
	"context"

	"github.com/marketplace/marketplace/services/comment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
)

// DeleteReview removes a review; its author or an admin may.
func (a *App) DeleteReview(ctx context.Context, who actor.Actor, reviewID string) error {
	err := a.change(ctx, reviewID, func(r *domain.Review) error { return r.CanDelete(who) }, a.remove)
	return wrap(err, "delete review %s", reviewID)
}

// remove deletes r and records it, in the transaction in ctx, under the
// rating lock.
func (a *App) remove(ctx context.Context, r *domain.Review, rt *domain.Rating) error {
	if err := a.store.DeleteReview(ctx, r.ID()); err != nil {
		return err
	}
	return a.record(ctx, r, nil, rt)
}
