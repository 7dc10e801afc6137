package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

// Commit turns an order's held stock into sold stock (the order was paid):
// reserved moves to sold, with a commit movement per line and no stock
// event, since nothing became more or less available. Committing again
// changes nothing; a released reservation cannot be committed. The actor
// who reserved or an admin may do it.
func (a *App) Commit(ctx context.Context, orderID string) (domain.Reservation, error) {
	return a.settle(ctx, orderID, domain.StateCommitted, false)
}

// Release gives an order's held stock back (cancelled or expired): reserved
// moves to available, with a release movement and a stock.increased event
// per line. Releasing again changes nothing; a committed reservation cannot
// be released this way. The actor who reserved or an admin may do it.
func (a *App) Release(ctx context.Context, orderID string) (domain.Reservation, error) {
	return a.settle(ctx, orderID, domain.StateReleased, false)
}

// OrderPaid commits the reservation of a paid order (the consumer of
// order.paid). An order without a reservation, or whose reservation was
// released already (it was cancelled), changes nothing.
func (a *App) OrderPaid(ctx context.Context, orderID string) error {
	_, err := a.settle(ctx, orderID, domain.StateCommitted, true)
	return ignoreSettled(err)
}

// OrderCancelled gives a cancelled order's stock back (the consumer of
// order.cancelled): a held reservation is released; a committed one (the
// order had been paid) is returned, sold stock becoming available again.
func (a *App) OrderCancelled(ctx context.Context, orderID string) error {
	_, err := a.settle(ctx, orderID, domain.StateReleased, true)
	return ignoreSettled(err)
}

// ignoreSettled turns "no reservation" and "already past that state" into
// success: an event about an order the warehouse holds nothing for, or
// that arrives after the reservation moved on, has nothing left to do.
func ignoreSettled(err error) error {
	if errors.Is(err, fault.NotFound) || errors.Is(err, fault.Conflict) {
		return nil
	}
	return err
}

// settle moves a reservation into state to. From the API (system false) the
// actor who reserved or an admin may do it; the event consumers (system
// true) act for the platform and may also return committed stock.
func (a *App) settle(ctx context.Context, orderID, to string, system bool) (domain.Reservation, error) {
	act := actor.From(ctx)
	if !system {
		if err := domain.RequireSignedIn(act); err != nil {
			return domain.Reservation{}, err
		}
	}
	var out domain.Reservation
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		r, err := a.store.Reservation(ctx, orderID)
		if err != nil {
			return err
		}
		if !system && r.ActorID != act.UserID && !act.IsAdmin() {
			return fault.Forbiddenf("order %s was reserved by someone else", orderID)
		}
		from := r.State
		tr, err := domain.Settle(orderID, from, to, system)
		if err != nil {
			return err
		}
		if tr == domain.AlreadyDone {
			out = r
			return nil
		}
		kind, reason := domain.KindCommit, domain.ReasonCommitted
		switch {
		case to == domain.StateReleased && from == domain.StateCommitted:
			kind, reason = domain.KindRelease, domain.ReasonReturned
		case to == domain.StateReleased:
			kind, reason = domain.KindRelease, domain.ReasonReleased
		}
		now := a.clock.Now()
		// The conditional state change decides a race between a commit and
		// a release of the same order: the loser finds the new state.
		ok, err := a.store.SetReservationState(ctx, orderID, from, to, now)
		if err != nil {
			return err
		}
		if !ok {
			if r, err = a.store.Reservation(ctx, orderID); err != nil {
				return err
			}
			if _, err := domain.Settle(orderID, r.State, to, system); err != nil {
				return err
			}
			out = r
			return nil
		}
		for _, l := range domain.LockOrder(r.Lines) {
			d := domain.SettleDelta(from, to, l.Quantity)
			// Not "live": a variation retired since it was reserved still
			// settles its reservation.
			moved, err := a.store.Move(ctx, l.VariationID, d, false, now)
			if err != nil {
				return err
			}
			if !moved {
				return fmt.Errorf("variation %s holds less reserved stock than the reservation (%d)", l.VariationID, l.Quantity)
			}
			if _, err := a.record(ctx, l.VariationID, kind, d, reason, orderID, act.UserID, now); err != nil { // act is empty for the platform
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
