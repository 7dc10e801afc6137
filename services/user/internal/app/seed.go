package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/user/internal/domain"
)

// DemoUser is an account of the demo dataset, with its fixed id.
type DemoUser struct {
	ID, Name, Email string
	Role            actor.Role
}

// SeedDemo creates the demo accounts that do not exist yet, all with
// password, each with its user.created event. An account whose email
// someone else has taken meanwhile is left out. Running it again changes
// nothing.
func (a *App) SeedDemo(ctx context.Context, users []DemoUser, password string) error {
	var hash string // one hash for all: they share the password, and it saves seconds at start-up
	for _, du := range users {
		switch _, err := a.store.UserByID(ctx, du.ID); {
		case err == nil:
			continue
		case !errors.Is(err, domain.ErrUserNotFound):
			return fmt.Errorf("seed user %s: %w", du.Email, err)
		}
		s, err := domain.NewSignup(du.Name, du.Email, password, du.Role)
		if err != nil {
			return fmt.Errorf("seed user %s: %w", du.Email, err)
		}
		switch _, err := a.store.UserByEmail(ctx, s.Email()); {
		case err == nil:
			continue
		case !errors.Is(err, domain.ErrUserNotFound):
			return fmt.Errorf("seed user %s: %w", du.Email, err)
		}
		if hash == "" {
			if hash, err = a.hasher.Hash(ctx, password); err != nil {
				return err
			}
		}
		u, err := domain.NewUser(du.ID, s, hash, a.clock.Now())
		if err != nil {
			return err
		}
		// Taken meanwhile (another instance seeding at the same time):
		// the account is there, which is all that is asked.
		if err := a.addUser(ctx, u); err != nil && !errors.Is(err, domain.ErrEmailTaken) {
			return fmt.Errorf("seed user %s: %w", du.Email, err)
		}
	}
	return nil
}
