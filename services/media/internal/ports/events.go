package ports

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/media/internal/app"
	"github.com/marketplace/marketplace/services/media/internal/domain"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/product/productevents"
)

// Consumers applies product events. Handlers run inside the inbox
// transaction (the store joins it through the context).
type Consumers struct{ app *app.App }

// NewConsumers returns the consumers over a.
func NewConsumers(a *app.App) *Consumers { return &Consumers{app: a} }

// Subscribe registers the handlers on r.
func (c *Consumers) Subscribe(r *eventbus.Router) {
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e productevents.ProductCreated) error {
		if err := check(e.Product); err != nil {
			return err
		}
		return c.app.ProductChanged(ctx, product(e.Product))
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e productevents.ProductUpdated) error {
		if err := check(e.Product); err != nil {
			return err
		}
		return c.app.ProductChanged(ctx, product(e.Product))
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e productevents.ProductDeleted) error {
		if e.ProductID == "" {
			return eventbus.Permanent(errors.New("product.deleted without a product id"))
		}
		return c.app.ProductDeleted(ctx, domain.Product{
			ID: e.ProductID, ShopID: e.ShopID, OwnerID: e.OwnerID, Version: e.Version,
		})
	})
}

// check refuses, for good, an event no retry can make sense of.
func check(p productevents.Product) error {
	if p.ProductID == "" || p.ShopID == "" || p.OwnerID == "" {
		return eventbus.Permanent(fmt.Errorf("product event for %q without its product, shop or owner id", p.ProductID))
	}
	return nil
}

func product(p productevents.Product) domain.Product {
	return domain.Product{ID: p.ProductID, ShopID: p.ShopID, OwnerID: p.OwnerID, Name: p.Name, Version: p.Version}
}
