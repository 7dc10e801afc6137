package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// DeleteProduct removes a product of the acting seller's shop, or any
// product when an admin acts, and announces it (product.deleted).
func (a *App) DeleteProduct(ctx context.Context, productID string) error {
	who, err := signedIn(ctx, "delete products")
	if err != nil {
		return err
	}
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		p, err := a.store.LockProduct(ctx, productID)
		if err != nil {
			return err
		}
		if err := p.MayDelete(who); err != nil {
			return err
		}
		return a.remove(ctx, p)
	})
	if err != nil {
		return fmt.Errorf("delete product %s: %w", productID, err)
	}
	return nil
}

// remove deletes a locked product and records its product.deleted event.
func (a *App) remove(ctx context.Context, p *domain.Product) error {
	if err := a.store.DeleteProduct(ctx, p.ID); err != nil {
		return err
	}
	return a.events.Add(ctx, deleted(p, a.clock.Now()))
}
