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
	// UpdateUser loads the account, locked against concurrent changes,
	// lets fn change it and stores the result; domain.ErrUserNotFound when
	// there is no such account. It runs in a transaction (joining the one
	// in ctx).
	UpdateUser(ctx context.Context, id string, fn func(*domain.User) error) (*domain.User, error)
	// DeleteUser removes the account with its sessions and shop links;
	// domain.ErrUserNotFound when there is no such account.
	DeleteUser(ctx context.Context, id string) error
	// RevokeUserSessions marks every live session of the user revoked at
	// at, except the one whose token hash is keepTokenHash ("" keeps none).
	RevokeUserSessions(ctx context.Context, userID, keepTokenHash string, at time.Time) error

	// RecordShop stores what a shop event says about a shop of a user,
	// unless a record of the same or a newer version of that shop is
	// stored already; it reports whether it stored anything.
	RecordShop(ctx context.Context, l ShopLink) (bool, error)
	// OwnsOpenShop reports whether the user has a shop that is open as far
	// as the recorded events say.
	OwnsOpenShop(ctx context.Context, userID string) (bool, error)

	// UpdateLoginThrottle loads (or starts) the sign-in record of a
	// normalized email, locked against concurrent attempts, lets fn change
	// it and stores it with the time now, in a transaction of its own.
	UpdateLoginThrottle(ctx context.Context, email string, now time.Time, fn func(*domain.LoginThrottle)) error
	// ResetLoginThrottle forgets the sign-in record of an email.
	ResetLoginThrottle(ctx context.Context, email string) error
	// DeleteStaleSessions deletes the sessions that expired, or were
	// revoked, before cutoff, and returns how many.
	DeleteStaleSessions(ctx context.Context, cutoff time.Time) (int64, error)
	// DeleteQuietLoginThrottles deletes the sign-in records last changed
	// before cutoff whose lock (if any) ended before now, and returns how
	// many.
	DeleteQuietLoginThrottles(ctx context.Context, cutoff, now time.Time) (int64, error)
}

// ShopLink is what the user service keeps of a shop: whose it is, whether
// it is open, and the version of the newest event that said so.
type ShopLink struct {
	ShopID, UserID string
	Version        int64
	Open           bool
}

// Transactor runs fn in one database transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Events records outgoing events in the transaction in ctx (the outbox).
type Events interface {
	Add(ctx context.Context, events ...eventbus.Payload) error
}
