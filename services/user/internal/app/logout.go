package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/user/internal/domain"
)

// Logout revokes the session of token. An unknown or already revoked
// token is not an error: the caller wants the session gone, and it is.
func (a *App) Logout(ctx context.Context, token string) error {
	if token == "" || len(token) > maxTokenLen {
		return nil
	}
	if err := a.store.RevokeSession(ctx, domain.HashToken(token), a.clock.Now()); err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	return nil
}
