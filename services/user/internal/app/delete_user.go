package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/user/internal/domain"
	"github.com/marketplace/marketplace/services/user/userevents"
)

// DeleteUser deletes an account: the user themself, confirming with their
// password (fault.Fields on "password" when it is missing or wrong), or an
// admin deleting someone else's account. The row goes, so the email can
// register again; its sessions go with it; user.deleted is written in the
// same transaction so the other services remove what belongs to the user.
func (a *App) DeleteUser(ctx context.Context, who actor.Actor, userID, password string) error {
	if who.Anonymous() {
		return errSignIn
	}
	ok, confirm := domain.CanDelete(who, userID)
	if !ok {
		return fault.Forbiddenf("you may only delete your own account")
	}
	u, err := a.store.UserByID(ctx, userID)
	switch {
	case errors.Is(err, domain.ErrUserNotFound):
		return domain.ErrUserNotFound
	case err != nil:
		return fmt.Errorf("delete user %s: %w", userID, err)
	}
	if confirm {
		if password == "" {
			return fault.Fields(map[string]string{"password": "enter your password to confirm"})
		}
		ok, err := a.verifyPassword(ctx, u, password)
		if err != nil {
			return err
		}
		if !ok {
			return fault.Fields(map[string]string{"password": "the password is incorrect"})
		}
	}
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		if err := a.store.DeleteUser(ctx, userID); err != nil {
			return err
		}
		return a.events.Add(ctx, userevents.UserDeleted{UserID: userID, DeletedAt: a.clock.Now()})
	})
	switch {
	case errors.Is(err, domain.ErrUserNotFound):
		return domain.ErrUserNotFound // deleted meanwhile
	case err != nil:
		return fmt.Errorf("delete user %s: %w", userID, err)
	}
	return nil
}
