package app

import (
	"context"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/user/internal/domain"
)

// Register opens a shopper account, the sign-up anyone may do.
func (a *App) Register(ctx context.Context, name, email, password string) (*domain.User, error) {
	return a.CreateUser(ctx, name, email, password, actor.Shopper)
}
