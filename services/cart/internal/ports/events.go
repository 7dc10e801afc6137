package ports

import (
	"context"

	"github.com/marketplace/marketplace/services/cart/internal/app"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/shop/shopevents"
	"github.com/marketplace/marketplace/services/user/userevents"
	"github.com/marketplace/marketplace/services/warehouse/warehouseevents"
)

// Subscribe registers the event handlers of the cart service's queue; the
// router wraps each in the inbox transaction.
func Subscribe(r *eventbus.Router, a *app.App) {
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e productevents.ProductCreated) error {
		return a.ProductChanged(ctx, productState(e.Product))
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e productevents.ProductUpdated) error {
		return a.ProductChanged(ctx, productState(e.Product))
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e productevents.ProductDeleted) error {
		return a.ProductDeleted(ctx, e.ProductID, e.ShopID, e.Version)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e shopevents.ShopCreated) error {
		return a.ShopChanged(ctx, e.ShopID, e.Name, e.Version)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e shopevents.ShopUpdated) error {
		return a.ShopChanged(ctx, e.ShopID, e.Name, e.Version)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e shopevents.ShopDeleted) error {
		return a.ShopDeleted(ctx, e.ShopID, e.Version)
	})
	// Applying a stock event is an upsert that keeps the highest version,
	// so a late or repeated one changes nothing even before the inbox.
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e warehouseevents.StockIncreased) error {
		return a.StockChanged(ctx, e.VariationID, e.Available, e.Version)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e warehouseevents.StockDecreased) error {
		return a.StockChanged(ctx, e.VariationID, e.Available, e.Version)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e userevents.UserDeleted) error {
		return a.UserDeleted(ctx, e.UserID)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e orderevents.OrderCancelled) error {
		if e.Reason != orderevents.ReasonExpired {
			return nil // the shopper or an admin meant it
		}
		o := app.ExpiredOrder{OrderID: e.OrderID, BuyerID: e.BuyerID, Currency: e.Currency}
		for _, l := range e.Lines {
			o.Lines = append(o.Lines, app.ExpiredLine{VariationID: l.VariationID, ProductID: l.ProductID, Quantity: l.Quantity, UnitPrice: l.UnitPrice})
		}
		return a.OrderExpired(ctx, o)
	})
}

func productState(p productevents.Product) app.ProductState {
	s := app.ProductState{ProductID: p.ProductID, ShopID: p.ShopID, Name: p.Name, Currency: p.Currency, Version: p.Version}
	for _, v := range p.Variations {
		s.Variations = append(s.Variations, app.ProductVariation{VariationID: v.VariationID, SKU: v.SKU, Name: v.Name, Price: v.Price})
	}
	return s
}
