package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/payment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/id"
)

// OrderCreated applies order.created: it opens a pending payment of the
// order's total. A payment the order has already (opened by an early
// attempt, or left cancelled by an order.cancelled that overtook this
// event) is not reopened; only the order version it knows is raised. It
// runs in the transaction in ctx (the inbox's).
func (a *App) OrderCreated(ctx context.Context, o domain.Order) error {
	p, err := domain.NewPayment(id.New(), o, a.clock.Now())
	if err != nil {
		return eventbus.Permanent(fmt.Errorf("order.created: %w", err))
	}
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		inserted, err := a.store.InsertPayment(ctx, p)
		if err != nil || inserted {
			return wrap(err, "open payment of order %s", o.OrderID)
		}
		existing, err := a.store.LockPayment(ctx, o.OrderID)
		if err != nil {
			return wrap(err, "payment of order %s", o.OrderID)
		}
		if !existing.SeeOrderVersion(o.Version) {
			return nil
		}
		return wrap(a.store.SavePayment(ctx, existing), "payment of order %s", o.OrderID)
	})
}

// OrderCancelled applies order.cancelled: a pending payment is cancelled
// (later attempts are refused), a succeeded one is refunded through the
// gateway and marked refunded. An order never heard of gets a cancelled
// payment, so that a late order.created does not open it. A refund the
// gateway cannot make now is an error, and the event is retried. It runs
// in the transaction in ctx (the inbox's).
//
// The refund is asked for inside the transaction, holding the payment's
// lock, so a concurrent attempt waits and then finds the payment
// refunded. Should the commit fail after the gateway refunded, the retry
// asks again: a gateway must treat a second refund of one charge as a
// repeat (the sandbox does; real providers take the charge id, or an
// idempotency key derived from it, for that).
func (a *App) OrderCancelled(ctx context.Context, o domain.Order) error {
	now := a.clock.Now()
	fresh, err := domain.NewPayment(id.New(), o, now)
	if err != nil {
		return eventbus.Permanent(fmt.Errorf("order.cancelled: %w", err))
	}
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		// Insert-if-absent first: then the row exists to be locked, and a
		// concurrent attempt that opens the payment itself meets the lock.
		if _, err := a.store.InsertPayment(ctx, fresh); err != nil {
			return wrap(err, "cancel payment of order %s", o.OrderID)
		}
		p, err := a.store.LockPayment(ctx, o.OrderID)
		if err != nil {
			return wrap(err, "cancel payment of order %s", o.OrderID)
		}
		changed := p.SeeOrderVersion(o.Version)
		switch {
		case p.Cancel(now):
			changed = true
		case p.NeedsRefund():
			if err := a.gateway.Refund(ctx, p.ChargeID(), p.Amount()); err != nil {
				return fmt.Errorf("refund payment %s of order %s: %w", p.ID(), o.OrderID, err)
			}
			if err := p.Refunded(now); err != nil {
				return err
			}
			a.log.Info("payment refunded", "payment_id", p.ID(), "order_id", o.OrderID, "amount", p.Amount(), "currency", p.Currency())
			changed = true
		}
		if !changed {
			return nil
		}
		return wrap(a.store.SavePayment(ctx, p), "cancel payment of order %s", o.OrderID)
	})
}
