package ports

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/warehouse/internal/app"
)

// Subscribe registers the consumers of product and order events. The router wraps
// each in the inbox transaction, so a redelivery changes nothing; the
// versions in the payloads keep late events from undoing newer ones.
func Subscribe(r *eventbus.Router, a *app.App) {
	eventbus.On(r, func(ctx context.Context, env eventbus.Envelope, ev productevents.ProductCreated) error {
		return productChanged(ctx, a, env, ev.Product)
	})
	eventbus.On(r, func(ctx context.Context, env eventbus.Envelope, ev productevents.ProductUpdated) error {
		return productChanged(ctx, a, env, ev.Product)
	})
	eventbus.On(r, func(ctx context.Context, env eventbus.Envelope, ev productevents.ProductDeleted) error {
		if ev.ProductID == "" {
			return eventbus.Permanent(fmt.Errorf("%s %s has no product id", env.Type, env.ID))
		}
		return a.ProductDeleted(ctx, ev.ProductID, ev.ShopID, ev.OwnerID, ev.VariationIDs, ev.Version)
	})
	// The saga settles reservations through events, so a paid or cancelled
	// order's stock is settled even if nobody is waiting for it.
	eventbus.On(r, func(ctx context.Context, env eventbus.Envelope, ev orderevents.OrderPaid) error {
		if ev.OrderID == "" {
			return eventbus.Permanent(fmt.Errorf("%s %s has no order id", env.Type, env.ID))
		}
		return a.OrderPaid(ctx, ev.OrderID)
	})
	eventbus.On(r, func(ctx context.Context, env eventbus.Envelope, ev orderevents.OrderCancelled) error {
		if ev.OrderID == "" {
			return eventbus.Permanent(fmt.Errorf("%s %s has no order id", env.Type, env.ID))
		}
		return a.OrderCancelled(ctx, ev.OrderID)
	})
}

func productChanged(ctx context.Context, a *app.App, env eventbus.Envelope, p productevents.Product) error {
	if p.ProductID == "" {
		return eventbus.Permanent(fmt.Errorf("%s %s has no product id", env.Type, env.ID))
	}
	ids := make([]string, 0, len(p.Variations))
	for _, v := range p.Variations {
		if v.VariationID == "" {
			return eventbus.Permanent(fmt.Errorf("%s %s has a variation without an id", env.Type, env.ID))
		}
		ids = append(ids, v.VariationID)
	}
	return a.ProductChanged(ctx, app.ProductState{
		ProductID: p.ProductID, ShopID: p.ShopID, OwnerID: p.OwnerID, VariationIDs: ids, Version: p.Version,
	}, env.OccurredAt)
}
