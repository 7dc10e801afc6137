package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// CreateProduct adds a product to the acting user's open shop and
// announces it (product.created) in the same transaction. The shop comes
// from who is acting, never from the request.
func (a *App) CreateProduct(ctx context.Context, in domain.ProductInput) (*domain.Product, error) {
	who, err := signedIn(ctx, "add products")
	if err != nil {
		return nil, err
	}
	in, err = in.Check()
	if err != nil {
		return nil, err
	}
	shop, err := a.sellerShop(ctx, who)
	if err != nil {
		return nil, err
	}
	// Categories only ever grow (the foreign key guards the rest), so the
	// transaction below can start with its write.
	cat, err := a.category(ctx, in.CategoryID)
	if err != nil {
		return nil, err
	}
	p, err := domain.NewProduct(id.New(), shop, cat, in, Currency, a.clock.Now())
	if err != nil {
		return nil, err
	}
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		if err := a.store.AddProduct(ctx, p); err != nil {
			return err
		}
		return a.events.Add(ctx, created(p))
	})
	if err != nil {
		return nil, fmt.Errorf("create product: %w", err)
	}
	return p, nil
}

// category returns the category a request names, or invalid input.
func (a *App) category(ctx context.Context, id string) (domain.Category, error) {
	cat, err := a.store.Category(ctx, id)
	if errors.Is(err, fault.NotFound) {
		return cat, fault.Fields(map[string]string{"category_id": "there is no such category"})
	}
	return cat, err
}

// sellerShop returns the open shop of the acting user. The shop events
// usually told us already; when they have not arrived yet, the shop service
// is asked and its answer kept (at version 0, so the events still win).
func (a *App) sellerShop(ctx context.Context, who actor.Actor) (domain.Shop, error) {
	s, err := a.store.OpenShopOf(ctx, who.UserID)
	if err == nil || !errors.Is(err, domain.ErrShopNotFound) {
		return s, err
	}
	if a.shops == nil {
		return domain.Shop{}, domain.ErrNoShop
	}
	s, err = a.shops.ShopOf(ctx, who.UserID)
	switch {
	case errors.Is(err, domain.ErrShopNotFound):
		return domain.Shop{}, domain.ErrNoShop
	case err != nil:
		return domain.Shop{}, err
	case s.OwnerID != who.UserID || s.ID == "":
		return domain.Shop{}, domain.ErrNoShop
	}
	s.Version, s.Closed = 0, false
	if err := a.store.AddShop(ctx, s); err != nil {
		return domain.Shop{}, err
	}
	// The projection has the last word: a shop.deleted may have arrived.
	kept, err := a.store.Shop(ctx, s.ID)
	if err != nil {
		return domain.Shop{}, err
	}
	if kept.Closed || kept.OwnerID != who.UserID {
		return domain.Shop{}, domain.ErrNoShop
	}
	return kept, nil
}
