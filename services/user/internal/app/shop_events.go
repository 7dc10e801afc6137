package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/user/internal/domain"
)

// ShopChanged applies shop.created (l.Open) and shop.deleted (!l.Open):
// the owner becomes a seller while they have an open shop and a shopper
// again when they have none; admins keep their role. A link older than
// the one recorded for the shop changes nothing, and a shop of an unknown
// (or deleted) user is ignored. It runs in the transaction in ctx (the
// inbox's).
func (a *App) ShopChanged(ctx context.Context, l ShopLink) error {
	if l.ShopID == "" || l.UserID == "" {
		return eventbus.Permanent(fmt.Errorf("shop event without a shop id or owner id: %+v", l))
	}
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		switch _, err := a.store.UserByID(ctx, l.UserID); {
		case errors.Is(err, domain.ErrUserNotFound):
			return nil
		case err != nil:
			return fmt.Errorf("shop %s: look up owner: %w", l.ShopID, err)
		}
		stored, err := a.store.RecordShop(ctx, l)
		if err != nil || !stored {
			return err
		}
		owns, err := a.store.OwnsOpenShop(ctx, l.UserID)
		if err != nil {
			return err
		}
		_, err = a.store.UpdateUser(ctx, l.UserID, func(u *domain.User) error {
			u.SyncShopRole(owns, a.clock.Now())
			return nil
		})
		if err != nil {
			return fmt.Errorf("shop %s: update owner's role: %w", l.ShopID, err)
		}
		return nil
	})
}
