package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/user/internal/domain"
	"github.com/marketplace/marketplace/services/user/userevents"
)

// CreateUser opens an account with any role (the operator's command);
// Register is the public form of it. The account and its user.created event
// are written in one transaction.
func (a *App) CreateUser(ctx context.Context, name, email, password string, role actor.Role) (*domain.User, error) {
	s, err := domain.NewSignup(name, email, password, role)
	if err != nil {
		return nil, err
	}
	// A cheap early answer for the common case; the unique index below
	// decides races.
	switch _, err := a.store.UserByEmail(ctx, s.Email()); {
	case err == nil:
		return nil, domain.ErrEmailTaken
	case !errors.Is(err, domain.ErrUserNotFound):
		return nil, fmt.Errorf("create user: look up email: %w", err)
	}
	hash, err := a.hasher.Hash(ctx, s.Password())
	if err != nil {
		return nil, err
	}
	u, err := domain.NewUser(id.New(), s, hash, a.clock.Now())
	if err != nil {
		return nil, err
	}
	if err := a.addUser(ctx, u); err != nil {
		if errors.Is(err, domain.ErrEmailTaken) {
			return nil, domain.ErrEmailTaken
		}
		return nil, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// addUser stores a new account and its user.created event in one
// transaction.
func (a *App) addUser(ctx context.Context, u *domain.User) error {
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		if err := a.store.AddUser(ctx, u); err != nil {
			return err
		}
		return a.events.Add(ctx, userevents.UserCreated{
			UserID: u.ID(), Name: u.Name(), Role: string(u.Role()), CreatedAt: u.CreatedAt(),
		})
	})
}
