package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

// Limits of a ledger page.
const (
	DefaultMovements = 50
	MaxMovements     = 200
)

// Movements returns a variation's ledger, newest first, to its shop's owner
// or an admin. A limit of 0 means the default.
func (a *App) Movements(ctx context.Context, variationID string, limit int) ([]domain.Movement, error) {
	act := actor.From(ctx)
	if err := domain.RequireSignedIn(act); err != nil {
		return nil, err
	}
	if limit == 0 {
		limit = DefaultMovements
	}
	if limit < 1 || limit > MaxMovements {
		return nil, fault.Fields(map[string]string{"limit": fmt.Sprintf("the limit must be from 1 to %d", MaxMovements)})
	}
	s, err := a.store.Stock(ctx, variationID)
	if err != nil {
		return nil, err
	}
	if !s.ManagedBy(act) {
		return nil, fault.Forbiddenf("only the shop's owner can see its stock movements")
	}
	ms, err := a.store.Movements(ctx, variationID, limit)
	if err != nil {
		return nil, fmt.Errorf("movements of %s: %w", variationID, err)
	}
	return ms, nil
}
