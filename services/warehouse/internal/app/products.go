package app

import (
	"context"
	"time"

	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

// ProductState is a product as a product.created or product.updated event
// describes it: whose it is and its current variations.
type ProductState struct {
	ProductID, ShopID, OwnerID string
	VariationIDs               []string
	Version                    int64
}

// ProductChanged applies a product.created or product.updated event, in the
// consumer's transaction. An event no newer than what is known, or about a
// deleted product, changes nothing. Otherwise new variations get a stock
// row (available 0), listed ones that were retired come back, and the
// product's other rows are retired; the shop and owner are recorded on
// every row for authorization.
func (a *App) ProductChanged(ctx context.Context, p ProductState, at time.Time) error {
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		known, ok, err := a.store.Product(ctx, p.ProductID)
		if err != nil {
			return err
		}
		if ok && !known.AcceptsUpdate(p.Version) {
			a.log.DebugContext(ctx, "stale product event ignored", "product_id", p.ProductID,
				"version", p.Version, "known_version", known.Version, "deleted", known.Deleted)
			return nil
		}
		now := a.clock.Now()
		if err := a.store.SaveProduct(ctx, domain.ProductInfo{
			ProductID: p.ProductID, ShopID: p.ShopID, OwnerID: p.OwnerID, Version: p.Version, UpdatedAt: now,
		}); err != nil {
			return err
		}
		if err := a.store.LockProduct(ctx, p.ProductID); err != nil {
			return err
		}
		if err := a.store.SetOwner(ctx, p.ProductID, p.ShopID, p.OwnerID, now); err != nil {
			return err
		}
		for _, id := range p.VariationIDs {
			if _, err := a.store.InsertStock(ctx, domain.Stock{
				VariationID: id, ProductID: p.ProductID, ShopID: p.ShopID, OwnerID: p.OwnerID, UpdatedAt: now,
			}); err != nil {
				return err
			}
		}
		if err := a.store.SetRetired(ctx, p.ProductID, p.VariationIDs, false, false, now); err != nil {
			return err
		}
		return a.store.SetRetired(ctx, p.ProductID, p.VariationIDs, true, true, now)
	})
	return wrap(err, "apply product %s version %d", p.ProductID, p.Version)
}

// ProductDeleted applies a product.deleted event: every variation of the
// product is retired (its numbers stay for the ledger) and the product is
// remembered as deleted, so late created or updated events are ignored.
func (a *App) ProductDeleted(ctx context.Context, productID, shopID, ownerID string, variationIDs []string, version int64) error {
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		known, ok, err := a.store.Product(ctx, productID)
		if err != nil {
			return err
		}
		if ok && !known.AcceptsDelete(version) {
			return nil
		}
		now := a.clock.Now()
		info := domain.ProductInfo{ProductID: productID, ShopID: shopID, OwnerID: ownerID, Version: version, Deleted: true, UpdatedAt: now}
		if ok {
			info.Version = max(version, known.Version)
			if info.OwnerID == "" {
				info.ShopID, info.OwnerID = known.ShopID, known.OwnerID
			}
		}
		if err := a.store.SaveProduct(ctx, info); err != nil {
			return err
		}
		if err := a.store.LockProduct(ctx, productID); err != nil {
			return err
		}
		if err := a.store.SetRetired(ctx, productID, nil, true, true, now); err != nil {
			return err
		}
		return a.store.RetireVariations(ctx, variationIDs, now)
	})
	return wrap(err, "apply deletion of product %s", productID)
}
