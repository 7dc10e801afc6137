// Package app holds the user service's use cases, one per file. It
// declares what it needs from the outside (ports.go); the adapters provide
// it and user.go wires them by hand.
package app

import (
	"context"
	"time"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/user/internal/domain"
)

// Store keeps accounts and sessions. Its methods run in the transaction in
// ctx, if any.
type Store interface {
	// AddUser stores a new account; domain.ErrEmailTaken when the email
	// is in use (decided by the unique index, so concurrent signups race
	// safely).
	AddUser(ctx context.Context, u *domain.User) error
	// UserByID returns an account or domain.ErrUserNotFound.
	UserByID(ctx context.Context, id string) (*domain.User, error)
	// UserByEmail returns the account with a normalized email or
	// domain.ErrUserNotFound.
	UserByEmail(ctx context.Context, email string) (*domain.User, error)
	// AddSession stores a new session.
	AddSession(ctx context.Context, s *domain.Session) error
	// SessionByTokenHash returns a session (even an expired or revoked
	// one) or domain.ErrSessionNotFound.
	SessionByTokenHash(ctx context.Context, tokenHash string) (*domain.Session, error)
	// RevokeSession marks the session revoked at at, if it is not already;
	// an unknown hash is not an error.
	RevokeSession(ctx context.Context, tokenHash string, at time.Time) error
}

// Transactor runs fn in one database transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Events records outgoing events in the transaction in ctx (the outbox).
type Events interface {
	Add(ctx context.Context, events ...eventbus.Payload) error
}
