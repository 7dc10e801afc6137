package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/order/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
)

// GetOrder returns an order to its buyer, its shop's owner or an admin;
// anyone else is refused. Orders that were never placed are not found.
func (a *App) GetOrder(ctx context.Context, who actor.Actor, id string) (*domain.Order, error) {
	if who.Anonymous() {
		return nil, domain.ErrSignIn
	}
	o, err := a.store.Order(ctx, id)
	switch {
	case errors.Is(err, domain.ErrOrderNotFound):
		return nil, domain.ErrOrderNotFound
	case err != nil:
		return nil, fmt.Errorf("get order %s: %w", id, err)
	case !o.Status.Visible():
		return nil, domain.ErrOrderNotFound
	case !o.CanRead(who):
		return nil, domain.ErrNotYours
	}
	return o, nil
}
