package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/user/internal/domain"
)

// maxTokenLen bounds what is hashed and looked up; real tokens are 43
// characters.
const maxTokenLen = 128

var errNoSession = fault.Unauthenticatedf("the session has expired or was signed out; please sign in again")

// ResolveSession returns the live session of token and its user, or
// fault.Unauthenticated when the token is unknown, expired or revoked.
func (a *App) ResolveSession(ctx context.Context, token string) (SignedIn, error) {
	if token == "" || len(token) > maxTokenLen {
		return SignedIn{}, errNoSession
	}
	s, err := a.store.SessionByTokenHash(ctx, domain.HashToken(token))
	switch {
	case errors.Is(err, domain.ErrSessionNotFound):
		return SignedIn{}, errNoSession
	case err != nil:
		return SignedIn{}, fmt.Errorf("resolve session: %w", err)
	}
	if !s.Active(a.clock.Now()) {
		return SignedIn{}, errNoSession
	}
	u, err := a.store.UserByID(ctx, s.UserID())
	switch {
	case errors.Is(err, domain.ErrUserNotFound):
		return SignedIn{}, errNoSession
	case err != nil:
		return SignedIn{}, fmt.Errorf("resolve session: %w", err)
	}
	return SignedIn{Session: s, User: u}, nil
}
