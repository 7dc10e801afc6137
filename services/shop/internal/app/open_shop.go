package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/shop/internal/domain"
	"github.com/marketplace/marketplace/services/shop/shopevents"
)

// OpenShop opens the acting user's shop: any signed-in user may, once
// (domain.ErrHasShop while they have an open one). The name must be free
// among open shops (domain.ErrNameTaken); the slug comes from the name.
// The shop and its shop.created event are written in one transaction;
// the user service makes the owner a seller when it receives it.
func (a *App) OpenShop(ctx context.Context, who actor.Actor, name, description string) (*domain.Shop, error) {
	if err := domain.CanOpen(who); err != nil {
		return nil, err
	}
	p, err := domain.NewProfile(name, description)
	if err != nil {
		return nil, err
	}
	var s *domain.Shop
	err = a.inTxRetrying(ctx, func(ctx context.Context) error {
		switch _, err := a.store.OpenShopByOwner(ctx, who.UserID); {
		case err == nil:
			return domain.ErrHasShop
		case !errors.Is(err, domain.ErrShopNotFound):
			return err
		}
		if err := a.checkName(ctx, p.Name(), ""); err != nil {
			return err
		}
		slug, err := a.freeSlug(ctx, p.Name())
		if err != nil {
			return err
		}
		s, err = domain.NewShop(id.New(), who.UserID, slug, p, a.clock.Now())
		if err != nil {
			return err
		}
		if err := a.store.AddShop(ctx, s); err != nil {
			return err
		}
		return a.events.Add(ctx, shopevents.ShopCreated{Shop: payload(s), CreatedAt: s.CreatedAt()})
	})
	if err != nil {
		return nil, fmt.Errorf("open shop: %w", err)
	}
	return s, nil
}
