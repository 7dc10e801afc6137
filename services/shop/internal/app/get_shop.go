package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/shop/internal/domain"
)

// GetShop returns an open shop by its id or its slug; closed and unknown
// shops are domain.ErrShopNotFound. Shops are public.
func (a *App) GetShop(ctx context.Context, idOrSlug string) (*domain.Shop, error) {
	var (
		s   *domain.Shop
		err error
	)
	if id.Valid(idOrSlug) {
		s, err = a.store.ShopByID(ctx, idOrSlug)
		if err == nil && !s.Open() {
			err = domain.ErrShopNotFound
		}
	} else {
		s, err = a.store.OpenShopBySlug(ctx, strings.ToLower(idOrSlug))
	}
	switch {
	case errors.Is(err, domain.ErrShopNotFound):
		return nil, domain.ErrShopNotFound
	case err != nil:
		return nil, fmt.Errorf("get shop %q: %w", idOrSlug, err)
	}
	return s, nil
}

// ListShops returns the open shops, newest first (at most ListLimit).
func (a *App) ListShops(ctx context.Context) ([]*domain.Shop, error) {
	shops, err := a.store.OpenShops(ctx, ListLimit)
	if err != nil {
		return nil, fmt.Errorf("list shops: %w", err)
	}
	return shops, nil
}

// ShopOf returns the open shop of a user, or domain.ErrShopNotFound.
func (a *App) ShopOf(ctx context.Context, ownerID string) (*domain.Shop, error) {
	s, err := a.store.OpenShopByOwner(ctx, ownerID)
	switch {
	case errors.Is(err, domain.ErrShopNotFound):
		return nil, domain.ErrShopNotFound
	case err != nil:
		return nil, fmt.Errorf("shop of user %s: %w", ownerID, err)
	}
	return s, nil
}

// MyShop returns the acting user's open shop: fault.Unauthenticated for
// nobody, domain.ErrShopNotFound when they have none.
func (a *App) MyShop(ctx context.Context, who actor.Actor) (*domain.Shop, error) {
	if who.Anonymous() {
		return nil, fault.Unauthenticatedf("sign in to see your shop")
	}
	return a.ShopOf(ctx, who.UserID)
}
