package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/shop/internal/domain"
)

// CloseShop closes an open shop: its owner or an admin may. The shop is
// kept with closed_at set (its slug stays reserved, its name is free
// again) and shop.deleted is written in the same transaction.
func (a *App) CloseShop(ctx context.Context, who actor.Actor, shopID string) error {
	if who.Anonymous() {
		return domain.CanOpen(who) // the same "sign in" answer, before any lookup
	}
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		s, err := a.store.UpdateShop(ctx, shopID, func(s *domain.Shop) error {
			if !s.Open() {
				return domain.ErrShopNotFound
			}
			if err := s.CanClose(who); err != nil {
				return err
			}
			return s.Close(a.clock.Now())
		})
		if err != nil {
			return err
		}
		return a.events.Add(ctx, deleted(s))
	})
	if err != nil {
		return fmt.Errorf("close shop %s: %w", shopID, err)
	}
	return nil
}

// OwnerDeleted closes the open shop of a deleted user, if they had one,
// and writes shop.deleted. It runs in the transaction in ctx (the inbox's
// when it handles user.deleted).
func (a *App) OwnerDeleted(ctx context.Context, ownerID string) error {
	if ownerID == "" {
		return nil
	}
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		open, err := a.store.OpenShopByOwner(ctx, ownerID)
		switch {
		case errors.Is(err, domain.ErrShopNotFound):
			return nil
		case err != nil:
			return fmt.Errorf("shop of deleted user %s: %w", ownerID, err)
		}
		s, err := a.store.UpdateShop(ctx, open.ID(), func(s *domain.Shop) error {
			if !s.Open() {
				return domain.ErrShopNotFound
			}
			return s.Close(a.clock.Now())
		})
		switch {
		case errors.Is(err, domain.ErrShopNotFound):
			return nil
		case err != nil:
			return fmt.Errorf("close shop %s of deleted user %s: %w", open.ID(), ownerID, err)
		}
		return a.events.Add(ctx, deleted(s))
	})
}
