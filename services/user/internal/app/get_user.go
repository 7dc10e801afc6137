package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/user/internal/domain"
)

// GetUser returns one account to the acting user, who must be that user or
// an admin. The permission is checked before the lookup, so a refusal
// does not reveal whether the account exists.
func (a *App) GetUser(ctx context.Context, who actor.Actor, userID string) (*domain.User, error) {
	if !domain.CanSee(who, userID) {
		return nil, fault.Forbiddenf("you may only see your own account")
	}
	u, err := a.store.UserByID(ctx, userID)
	switch {
	case errors.Is(err, domain.ErrUserNotFound):
		return nil, domain.ErrUserNotFound
	case err != nil:
		return nil, fmt.Errorf("get user %s: %w", userID, err)
	}
	return u, nil
}
