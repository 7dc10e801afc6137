package app

import (
	"context"

	"github.com/marketplace/marketplace/services/comment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
)

// EditReview replaces the rating and text of who's own review. An empty
// author name keeps the current one. An edit that changes nothing writes
// and announces nothing.
func (a *App) EditReview(ctx context.Context, who actor.Actor, reviewID string, rating int, body, authorName string) (*domain.Review, error) {
	if err := domain.CanWrite(who); err != nil {
		return nil, err
	}
	in, err := domain.NewInput(rating, body, authorName)
	if err != nil {
		return nil, err
	}
	var out *domain.Review
	err = a.change(ctx, reviewID, func(r *domain.Review) error { return r.CanEdit(who) },
		func(ctx context.Context, r *domain.Review, rt *domain.Rating) error {
			before := snapshot(r)
			out = r
			if !r.Edit(in, a.clock.Now()) {
				return nil
			}
			if err := a.store.SaveReview(ctx, r); err != nil {
				return err
			}
			return a.record(ctx, before, r, rt)
		})
	if err != nil {
		return nil, wrap(err, "edit review %s", reviewID)
	}
	return out, nil
}
