package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

// Commit turns an order's held stock into sold stock (the order was paid):
// reserved moves to sold, with a commit movement per line and no stock
// event, since nothing became more or less available. Committing again
// changes nothing; a released reservation cannot be committed.
func (a *App) Commit(ctx context.Context, orderID string) (domain.Reservation, error) {
	return a.settle(ctx, orderID, domain.StateCommitted)
}

// Release gives an order's held stock back (cancelled or expired): reserved
// moves to available, with a release movement and a stock.increased event
// per line. Releasing again changes nothing; a committed reservation cannot
// be released.
func (a *App) Release(ctx context.Context, orderID string) (domain.Reservation, error) {
	return a.settle(ctx, orderID, domain.StateReleased)
}

// settle moves a held reservation into state to. The actor who reserved or
// an admin may do it.
func (a *App) settle(ctx context.Context, orderID, to string) (domain.Reservation, error) {
	act := actor.From(ctx)
	if err := domain.RequireSignedIn(act); err != nil {
		return domain.Reservation{}, err
	}
	kind, reason := domain.KindCommit, domain.ReasonCommitted
	if to == domain.StateReleased {
		kind, reason = domain.KindRelease, domain.ReasonReleased
	}
	var out domain.Reservation
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		r, err := a.store.Reservation(ctx, orderID)
		if err != nil {
			return err
		}
		if r.ActorID != act.UserID && !act.IsAdmin() {
			return fault.Forbiddenf("order %s was reserved by someone else", orderID)
		}
		tr, err := domain.Settle(orderID, r.State, to)
		if err != nil {
			return err
		}
		if tr == domain.AlreadyDone {
			out = r
			return nil
		}
		now := a.clock.Now()
		// The conditional state change decides a race between a commit and
		// a release of the same order: the loser finds the new state.
		ok, err := a.store.SetReservationState(ctx, orderID, domain.StateHeld, to, now)
		if err != nil {
			return err
		}
		if !ok {
			if r, err = a.store.Reservation(ctx, orderID); err != nil {
				return err
			}
			if _, err := domain.Settle(orderID, r.State, to); err != nil {
				return err
			}
			out = r
			return nil
		}
		for _, l := range domain.LockOrder(r.Lines) {
			d := domain.SettleDelta(to, l.Quantity)
			// Not "live": a variation retired since it was reserved still
			// settles its reservation.
			moved, err := a.store.Move(ctx, l.VariationID, d, false, now)
			if err != nil {
				return err
			}
			if !moved {
				return fmt.Errorf("variation %s holds less reserved stock than the reservation (%d)", l.VariationID, l.Quantity)
			}
			if _, err := a.record(ctx, l.VariationID, kind, d, reason, orderID, act.UserID, now); err != nil {
				return err
			}
		}
		r.State, r.UpdatedAt = to, now
		out = r
		return nil
	})
	if err != nil {
		return domain.Reservation{}, wrap(err, "%s reservation of order %s", to, orderID)
	}
	return out, nil
}
