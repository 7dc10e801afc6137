package app

import (
	"context"
	"errors"
	"slices"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

// ProductStock returns the stock of every live variation of a product, to
// the shop's owner or an admin.
//
// The warehouse learns variations from product events, but a seller who has
// just added a variation may ask before its event arrives (the web shows
// the stock form right after). So ProductStock asks the product service,
// which has the product's current variations, and creates the rows it does
// not have yet (available 0, no movement: the ledger sums stay 0). That
// fallback only ever adds rows; retiring and reviving stay with the events,
// which carry versions, so a stale answer can never undo a newer event. If
// the product service cannot answer, a product the warehouse already knows
// is answered from its own rows.
func (a *App) ProductStock(ctx context.Context, productID string) ([]domain.Stock, error) {
	act := actor.From(ctx)
	if err := domain.RequireSignedIn(act); err != nil {
		return nil, err
	}
	if productID == "" {
		return nil, domain.ErrProductNotFound
	}
	local, known, err := a.store.Product(ctx, productID)
	if err != nil {
		return nil, wrap(err, "stock of product %s", productID)
	}
	if known && local.Deleted {
		return nil, domain.ErrProductNotFound
	}
	forbidden := fault.Forbiddenf("only the shop's owner can see its stock")
	if known && local.OwnerID != "" && !domain.MayManage(act, local.OwnerID) {
		return nil, forbidden // ownership never changes: no need to ask
	}

	var remote *CatalogProduct
	if a.catalog != nil {
		p, err := a.catalog.Product(ctx, productID)
		switch {
		case err == nil:
			remote = &p
		case errors.Is(err, fault.NotFound):
			return nil, domain.ErrProductNotFound
		case known:
			a.log.WarnContext(ctx, "product service unavailable; answering stock from what the warehouse knows",
				"product_id", productID, "err", err)
		default:
			return nil, wrap(err, "look up product %s", productID)
		}
	}
	if !known && remote == nil {
		return nil, domain.ErrProductNotFound
	}
	owner, shop := local.OwnerID, local.ShopID
	if remote != nil && remote.OwnerID != "" {
		owner, shop = remote.OwnerID, remote.ShopID
	}
	if !domain.MayManage(act, owner) {
		return nil, forbidden
	}

	rows, err := a.store.ProductStock(ctx, productID)
	if err != nil {
		return nil, wrap(err, "stock of product %s", productID)
	}
	if remote != nil {
		if missing := missingVariations(rows, remote.VariationIDs); len(missing) > 0 || !known {
			if err := a.learn(ctx, productID, shop, owner, missing); err != nil {
				return nil, err
			}
			if rows, err = a.store.ProductStock(ctx, productID); err != nil {
				return nil, wrap(err, "stock of product %s", productID)
			}
		}
	}
	out := make([]domain.Stock, 0, len(rows))
	for _, s := range rows {
		// A live row the product service no longer lists was removed a
		// moment ago; its event will retire it.
		if s.Retired || (remote != nil && !slices.Contains(remote.VariationIDs, s.VariationID)) {
			continue
		}
		out = append(out, s)
	}
	return out, nil
}

func missingVariations(rows []domain.Stock, ids []string) []string {
	have := make(map[string]bool, len(rows))
	for _, s := range rows {
		have[s.VariationID] = true
	}
	var out []string
	for _, id := range ids {
		if !have[id] {
			out = append(out, id)
		}
	}
	return out
}

// learn records a product and its missing variations from the product
// service's answer. The product gets version 0, so its first event (version
// 1 or more) still applies in full.
func (a *App) learn(ctx context.Context, productID, shopID, ownerID string, variationIDs []string) error {
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		now := a.clock.Now()
		p, known, err := a.store.Product(ctx, productID)
		switch {
		case err != nil:
			return err
		case known && p.Deleted:
			return domain.ErrProductNotFound // deleted while we asked
		case !known:
			p = domain.ProductInfo{ProductID: productID, ShopID: shopID, OwnerID: ownerID, UpdatedAt: now}
			if err := a.store.SaveProduct(ctx, p); err != nil {
				return err
			}
		}
		for _, id := range variationIDs {
			if _, err := a.store.InsertStock(ctx, domain.Stock{
				VariationID: id, ProductID: productID, ShopID: p.ShopID, OwnerID: p.OwnerID, UpdatedAt: now,
			}); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap(err, "learn product %s from the product service", productID)
}
