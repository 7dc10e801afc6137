package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

// Audit checks every variation's stock against the sums of its ledger and
// against its held and committed reservations; admins only. It returns the
// rows that do not add up and how many were checked.
func (a *App) Audit(ctx context.Context) ([]domain.AuditRow, int64, error) {
	act := actor.From(ctx)
	if err := domain.RequireSignedIn(act); err != nil {
		return nil, 0, err
	}
	if !act.IsAdmin() {
		return nil, 0, fault.Forbiddenf("only administrators can audit stock")
	}
	rows, checked, err := a.store.Audit(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("audit stock: %w", err)
	}
	return rows, checked, nil
}
