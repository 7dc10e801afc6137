package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/order/internal/domain"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// change runs fn on an order, locked, in one transaction with the event fn
// returns (nil for none). Orders that were never placed are not found.
func (a *App) change(ctx context.Context, id string, fn func(o *domain.Order) (eventbus.Payload, error)) (*domain.Order, error) {
	var out *domain.Order
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		var ev eventbus.Payload
		o, err := a.store.UpdateOrder(ctx, id, func(o *domain.Order) error {
			if !o.Status.Visible() {
				return domain.ErrOrderNotFound
			}
			var err error
			ev, err = fn(o)
			return err
		})
		if err != nil {
			return err
		}
		out = o
		if ev == nil {
			return nil
		}
		return a.events.Add(ctx, ev)
	})
	return out, err
}

// CancelOrder cancels an order before it ships: its buyer, or an admin.
// A cancelled order is returned as it is; a shipped one is a conflict.
// order.cancelled tells the warehouse to release the stock and, for a
// paid order, the payment service to refund it.
func (a *App) CancelOrder(ctx context.Context, who actor.Actor, id string) (*domain.Order, error) {
	if who.Anonymous() {
		return nil, domain.ErrSignIn
	}
	o, err := a.change(ctx, id, func(o *domain.Order) (eventbus.Payload, error) {
		if !o.CanRead(who) {
			return nil, domain.ErrNotYours
		}
		reason, err := o.CancelReasonFor(who)
		if err != nil {
			return nil, err
		}
		return a.cancel(o, reason)
	})
	if err != nil {
		return nil, wrap(err, "cancel order %s", id)
	}
	return o, nil
}

// cancel cancels o now for reason and returns its event, or nil when o was
// cancelled already.
func (a *App) cancel(o *domain.Order, reason string) (eventbus.Payload, error) {
	now := a.clock.Now()
	changed, wasPaid, err := o.Cancel(reason, now, a.newID())
	if err != nil || !changed {
		return nil, err
	}
	return orderevents.OrderCancelled{Order: eventOrder(o), Reason: reason, WasPaid: wasPaid, CancelledAt: now}, nil
}

// ShipOrder marks a paid order shipped: its shop's owner only.
func (a *App) ShipOrder(ctx context.Context, who actor.Actor, id string) (*domain.Order, error) {
	if who.Anonymous() {
		return nil, domain.ErrSignIn
	}
	o, err := a.change(ctx, id, func(o *domain.Order) (eventbus.Payload, error) {
		if err := o.CanShip(who); err != nil {
			return nil, err
		}
		now := a.clock.Now()
		if err := o.Ship(now, a.newID()); err != nil {
			return nil, err
		}
		return orderevents.OrderShipped{Order: eventOrder(o), ShippedAt: now}, nil
	})
	if err != nil {
		return nil, wrap(err, "ship order %s", id)
	}
	return o, nil
}

// wrap adds context to unexpected errors and passes the categorized ones
// (not found, forbidden, conflict) as they are.
func wrap(err error, format string, args ...any) error {
	if errors.Is(err, domain.ErrOrderNotFound) {
		return domain.ErrOrderNotFound
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
