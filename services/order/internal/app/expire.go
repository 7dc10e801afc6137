package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/order/internal/domain"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/background"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// ExpireDue cancels the orders whose payment hold has run out (reason
// expired), each in its own transaction with its order.cancelled, and
// returns how many it cancelled. An order paid meanwhile is left alone.
func (a *App) ExpireDue(ctx context.Context) (int, error) {
	var now time.Time
	return background.Sweep(ctx, batch,
		func(ctx context.Context) ([]string, error) {
			now = a.clock.Now()
			ids, err := a.store.DueOrders(ctx, now, batch)
			if err != nil {
				return nil, fmt.Errorf("find due orders: %w", err)
			}
			return ids, nil
		},
		func(ctx context.Context, id string) (bool, error) {
			expired, err := a.expire(ctx, id, now)
			if err != nil {
				return false, fmt.Errorf("expire order %s: %w", id, err)
			}
			return expired, nil
		})
}

func (a *App) expire(ctx context.Context, id string, now time.Time) (bool, error) {
	expired := false
	_, err := a.change(ctx, id, func(o *domain.Order) (eventbus.Payload, error) {
		if !o.Due(now) {
			return nil, nil // paid or cancelled meanwhile
		}
		ev, err := a.cancel(o, orderevents.ReasonExpired)
		expired = ev != nil
		return ev, err
	})
	if errors.Is(err, domain.ErrOrderNotFound) {
		return false, nil
	}
	return expired, err
}
