package app

import (
	"context"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

// Adjust changes a variation's available stock for its shop's owner (or an
// admin): the conditional update, the ledger line and the stock event in
// one transaction. A set that changes nothing records nothing.
//
// The variation must be known already: an adjustment names only a
// variation, and the product service cannot be asked about a variation
// without its product, so an unknown one is domain.ErrUnknownVariation.
// ProductStock (which has the product id) learns new variations first.
func (a *App) Adjust(ctx context.Context, variationID, mode string, quantity int64, reason string) (domain.Stock, error) {
	act := actor.From(ctx)
	if err := domain.RequireSignedIn(act); err != nil {
		return domain.Stock{}, err
	}
	adj, err := domain.NewAdjustment(mode, quantity, reason)
	if err != nil {
		return domain.Stock{}, err
	}
	var out domain.Stock
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		// A concurrent reservation may change the row between the read and
		// the update; the update's condition then fails and the adjustment
		// is decided again from the fresh row (never blindly applied).
		for attempt := 1; ; attempt++ {
			s, err := a.store.Stock(ctx, variationID)
			if err != nil {
				return err
			}
			if !s.ManagedBy(act) {
				return fault.Forbiddenf("only the shop's owner can change its stock")
			}
			if s.Retired {
				return domain.ErrRetired
			}
			if adj.Mode() == domain.ModeRemove && s.Available < adj.Quantity() {
				return domain.NotEnough(s.Available)
			}
			delta := adj.DeltaFrom(s.Available)
			if delta == 0 {
				out = s
				return nil
			}
			now := a.clock.Now()
			var ok bool
			if adj.Mode() == domain.ModeSet {
				ok, err = a.store.SetAvailable(ctx, variationID, adj.Quantity(), s.Version, now)
			} else {
				ok, err = a.store.Move(ctx, variationID, domain.Delta{Available: delta}, true, now)
			}
			if err != nil {
				return err
			}
			if ok {
				out, err = a.record(ctx, variationID, domain.KindAdjustment, domain.Delta{Available: delta},
					adj.Reason(), "", act.UserID, now)
				return err
			}
			if attempt == 3 {
				return fault.Conflictf("the stock is changing right now; try again")
			}
		}
	})
	if err != nil {
		return domain.Stock{}, wrap(err, "adjust stock of %s", variationID)
	}
	return out, nil
}
