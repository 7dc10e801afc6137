package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/shop/internal/domain"
	"github.com/marketplace/marketplace/services/shop/shopevents"
)

// UpdateShop edits an open shop's name and description; only its owner
// may. A change is a new version, announced as shop.updated; an edit that
// changes nothing writes nothing. The slug stays as it is.
func (a *App) UpdateShop(ctx context.Context, who actor.Actor, shopID, name, description string) (*domain.Shop, error) {
	if who.Anonymous() {
		return nil, domain.CanOpen(who) // "sign in", before anything else
	}
	p, err := domain.NewProfile(name, description)
	if err != nil {
		// Refusing bad input before looking the shop up is safe: the
		// rules do not depend on the shop, and it reveals nothing.
		return nil, err
	}
	var s *domain.Shop
	err = a.inTxRetrying(ctx, func(ctx context.Context) error {
		var changed bool
		var err error
		s, err = a.store.UpdateShop(ctx, shopID, func(s *domain.Shop) error {
			if !s.Open() {
				return domain.ErrShopNotFound
			}
			if err := s.CanEdit(who); err != nil {
				return err
			}
			if domain.NameKey(p.Name()) != s.NameKey() {
				if err := a.checkName(ctx, p.Name(), s.ID()); err != nil {
					return err
				}
			}
			changed, err = s.Edit(p, a.clock.Now())
			return err
		})
		if err != nil || !changed {
			return err
		}
		return a.events.Add(ctx, shopevents.ShopUpdated{Shop: payload(s), UpdatedAt: s.UpdatedAt()})
	})
	if err != nil {
		return nil, fmt.Errorf("update shop %s: %w", shopID, err)
	}
	return s, nil
}
