package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/order/internal/domain"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// PaymentSucceeded marks an order waiting for payment paid, with
// order.paid (the warehouse commits its stock). An order paid already, or
// cancelled (the payment service refunds it on order.cancelled), or one
// this service never placed, stays as it is. It runs in the consumer's
// transaction.
func (a *App) PaymentSucceeded(ctx context.Context, orderID, paymentID string, at time.Time) error {
	_, err := a.change(ctx, orderID, func(o *domain.Order) (eventbus.Payload, error) {
		now := a.clock.Now()
		if at.IsZero() {
			at = now
		}
		if !o.Pay(paymentID, at.UTC(), now, a.newID()) {
			return nil, nil
		}
		return orderevents.OrderPaid{Order: eventOrder(o), PaymentID: paymentID, PaidAt: at.UTC()}, nil
	})
	if errors.Is(err, domain.ErrOrderNotFound) {
		return nil // not an order of ours to pay
	}
	if err != nil {
		return fmt.Errorf("mark order %s paid: %w", orderID, err)
	}
	return nil
}

// PaymentFailed adds "payment declined: <reason>" to an order's timeline;
// the order keeps waiting for payment (the shopper may try again). It
// runs in the consumer's transaction.
func (a *App) PaymentFailed(ctx context.Context, orderID, reason string, at time.Time) error {
	_, err := a.store.UpdateOrder(ctx, orderID, func(o *domain.Order) error {
		if !o.Status.Visible() {
			return domain.ErrOrderNotFound
		}
		if at.IsZero() {
			at = a.clock.Now()
		}
		o.Timeline = append(o.Timeline, domain.DeclinedStep(reason, at.UTC(), a.newID()))
		return nil
	})
	if errors.Is(err, domain.ErrOrderNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("record the declined payment of order %s: %w", orderID, err)
	}
	return nil
}
