package ports

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/payment/internal/app"
	"github.com/marketplace/marketplace/services/payment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// Subscribe registers the consumers of order events. The router wraps
// each in the inbox transaction, so a redelivery changes nothing; payment
// states only move forward, so events in any order end in the same state.
func Subscribe(r *eventbus.Router, a *app.App) {
	// Opening a payment inserts it unless the order has one: idempotent
	// even before the inbox.
	eventbus.On(r, func(ctx context.Context, env eventbus.Envelope, ev orderevents.OrderCreated) error {
		if ev.OrderID == "" {
			return eventbus.Permanent(fmt.Errorf("%s %s has no order id", env.Type, env.ID))
		}
		return a.OrderCreated(ctx, order(ev.Order))
	})
	eventbus.On(r, func(ctx context.Context, env eventbus.Envelope, ev orderevents.OrderCancelled) error {
		if ev.OrderID == "" {
			return eventbus.Permanent(fmt.Errorf("%s %s has no order id", env.Type, env.ID))
		}
		return a.OrderCancelled(ctx, order(ev.Order))
	})
}

func order(o orderevents.Order) domain.Order {
	return domain.Order{
		OrderID: o.OrderID, BuyerID: o.BuyerID, ShopID: o.ShopID,
		Amount: o.Total, Currency: o.Currency, Version: o.Version,
	}
}
