package ports

import (
	"context"

	"github.com/marketplace/marketplace/services/order/internal/app"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// Subscribe registers the event handlers of the order service's queue;
// the router wraps each in the inbox transaction.
func Subscribe(r *eventbus.Router, a *app.App) {
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e paymentevents.PaymentSucceeded) error {
		return a.PaymentSucceeded(ctx, e.OrderID, e.PaymentID, e.At)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e paymentevents.PaymentFailed) error {
		return a.PaymentFailed(ctx, e.OrderID, e.Reason, e.At)
	})
}
