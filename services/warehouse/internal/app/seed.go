package app

import (
	"context"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

// SeedDemo gives every demo variation its starting stock, as an "initial
// stock" adjustment with its stock.increased event, like a seller's first
// count. It is idempotent: a variation whose ledger has any line already
// (seeded before, or adjusted since) is left alone, while a bare row that
// a product event created first still gets its stock.
func (a *App) SeedDemo(ctx context.Context) error {
	owners := make(map[string]string, len(demo.Shops))
	for _, s := range demo.Shops {
		owners[s.ID] = s.OwnerID
	}
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		now := a.clock.Now()
		for _, p := range demo.Products {
			owner := owners[p.ShopID]
			if _, known, err := a.store.Product(ctx, p.ID); err != nil {
				return err
			} else if !known {
				// Version 0: the product service's own events still apply.
				if err := a.store.SaveProduct(ctx, domain.ProductInfo{
					ProductID: p.ID, ShopID: p.ShopID, OwnerID: owner, UpdatedAt: now,
				}); err != nil {
					return err
				}
			}
			for _, v := range p.Variations {
				if _, err := a.store.InsertStock(ctx, domain.Stock{
					VariationID: v.ID, ProductID: p.ID, ShopID: p.ShopID, OwnerID: owner, UpdatedAt: now,
				}); err != nil {
					return err
				}
				has, err := a.store.HasMovements(ctx, v.ID)
				if err != nil {
					return err
				}
				if has || v.Stock <= 0 {
					continue
				}
				d := domain.Delta{Available: v.Stock}
				moved, err := a.store.Move(ctx, v.ID, d, true, now)
				if err != nil {
					return err
				}
				if !moved {
					continue // retired: its product was deleted
				}
				if _, err := a.record(ctx, v.ID, domain.KindAdjustment, d, domain.ReasonInitialStock, "", "", now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return wrap(err, "seed demo stock")
}
