package app

import (
	"context"

	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// AddVariation adds a variation to a product of the acting seller's shop
// and announces the product's new state (product.updated).
func (a *App) AddVariation(ctx context.Context, productID string, in domain.VariationInput) (domain.Variation, error) {
	if _, err := signedIn(ctx, "edit products"); err != nil {
		return domain.Variation{}, err
	}
	v, err := domain.NewVariation(id.New(), in)
	if err != nil {
		return domain.Variation{}, err
	}
	_, err = a.change(ctx, productID, func(_ context.Context, p *domain.Product) error {
		return p.AddVariation(v, a.clock.Now())
	})
	if err != nil {
		return domain.Variation{}, err
	}
	return v, nil
}

// UpdateVariation changes a variation's SKU, name and price.
func (a *App) UpdateVariation(ctx context.Context, productID, variationID string, in domain.VariationInput) (domain.Variation, error) {
	if _, err := signedIn(ctx, "edit products"); err != nil {
		return domain.Variation{}, err
	}
	if _, err := in.Check(); err != nil {
		return domain.Variation{}, err
	}
	var v domain.Variation
	_, err := a.change(ctx, productID, func(_ context.Context, p *domain.Product) error {
		var err error
		v, err = p.UpdateVariation(variationID, in, a.clock.Now())
		return err
	})
	if err != nil {
		return domain.Variation{}, err
	}
	return v, nil
}

// DeleteVariation removes a variation; the product's next state
// (product.updated) no longer lists it.
func (a *App) DeleteVariation(ctx context.Context, productID, variationID string) error {
	_, err := a.change(ctx, productID, func(_ context.Context, p *domain.Product) error {
		return p.RemoveVariation(variationID, a.clock.Now())
	})
	return err
}
