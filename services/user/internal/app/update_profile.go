package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/user/internal/domain"
)

// errSignIn answers a change attempted by nobody in particular.
var errSignIn = fault.Unauthenticatedf("sign in to change an account")

// UpdateProfile changes the acting user's own display name, under the
// rules of registration.
func (a *App) UpdateProfile(ctx context.Context, who actor.Actor, userID, name string) (*domain.User, error) {
	if who.Anonymous() {
		return nil, errSignIn
	}
	if !domain.CanEdit(who, userID) {
		return nil, fault.Forbiddenf("you may only change your own profile")
	}
	u, err := a.store.UpdateUser(ctx, userID, func(u *domain.User) error {
		return u.Rename(name, a.clock.Now())
	})
	if err != nil {
		return nil, fmt.Errorf("update profile of user %s: %w", userID, err)
	}
	return u, nil
}
