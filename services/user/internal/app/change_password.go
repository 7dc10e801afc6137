package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/user/internal/domain"
)

// ChangePassword changes the acting user's own password. The current
// password must be right (fault.Fields on "current"; the attempt counts
// toward the account's sign-in throttling) and the new one must follow the
// rules of registration (fault.Fields on "new"). Every other session of
// the user is revoked: keepToken is the caller's own session token, which
// stays valid; "" revokes them all.
func (a *App) ChangePassword(ctx context.Context, who actor.Actor, userID, current, newPassword, keepToken string) error {
	if who.Anonymous() {
		return errSignIn
	}
	if !domain.CanEdit(who, userID) {
		return fault.Forbiddenf("you may only change your own password")
	}
	u, err := a.store.UserByID(ctx, userID)
	switch {
	case errors.Is(err, domain.ErrUserNotFound):
		return domain.ErrUserNotFound
	case err != nil:
		return fmt.Errorf("change password of user %s: %w", userID, err)
	}

	problems := map[string]string{}
	if msg := domain.CheckNewPassword(newPassword, u.Email()); msg != "" {
		problems["new"] = msg
	}
	if current == "" {
		problems["current"] = "enter your current password"
	} else {
		ok, err := a.verifyPassword(ctx, u, current)
		if err != nil {
			return err
		}
		if !ok {
			problems["current"] = "the current password is incorrect"
		}
	}
	if len(problems) > 0 {
		return fault.Fields(problems)
	}

	hash, err := a.hasher.Hash(ctx, newPassword)
	if err != nil {
		return err
	}
	keep := ""
	if keepToken != "" && len(keepToken) <= maxTokenLen {
		keep = domain.HashToken(keepToken)
	}
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		now := a.clock.Now()
		if _, err := a.store.UpdateUser(ctx, userID, func(u *domain.User) error {
			u.SetPasswordHash(hash, now)
			return nil
		}); err != nil {
			return err
		}
		return a.store.RevokeUserSessions(ctx, userID, keep, now)
	})
	if err != nil {
		return fmt.Errorf("change password of user %s: %w", userID, err)
	}
	return nil
}
