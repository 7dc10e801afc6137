package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// ShopChanged applies shop.created or shop.updated: the catalog keeps the
// newest state of the shop and relabels its products with the shop's
// current name and slug. An older state arriving late changes nothing.
func (a *App) ShopChanged(ctx context.Context, s domain.Shop) error {
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		newer, err := a.store.SaveShop(ctx, s)
		if err != nil || !newer {
			return err
		}
		return a.store.RelabelShop(ctx, s)
	})
}

// ShopDeleted applies shop.deleted: the shop is closed for good and its
// products are deleted, each announced with product.deleted.
func (a *App) ShopDeleted(ctx context.Context, shopID, ownerID string, version int64) error {
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		if err := a.store.CloseShop(ctx, shopID, ownerID, version); err != nil {
			return err
		}
		ids, err := a.store.ShopProductIDs(ctx, shopID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			p, err := a.store.LockProduct(ctx, id)
			if err != nil {
				return fmt.Errorf("delete products of closed shop %s: %w", shopID, err)
			}
			if err := a.remove(ctx, p); err != nil {
				return fmt.Errorf("delete products of closed shop %s: %w", shopID, err)
			}
		}
		return nil
	})
}
