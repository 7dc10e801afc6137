package app

import (
	"context"
	"errors"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

// Reserve holds stock for every line of an order, or for none, for any
// signed-in actor (the order service calls it on the shopper's behalf). It
// reports whether it created the reservation; asking again for the same
// order returns the existing reservation when the lines are the same, and
// is a conflict when they differ.
//
// Each line takes its stock with one conditional update (available >= n,
// not retired), in variation-id order so that concurrent reservations never
// deadlock. When any line cannot be held, every line is tried (to name all
// of them in the conflict's Fields) and the transaction is rolled back.
func (a *App) Reserve(ctx context.Context, orderID string, lines []domain.Line) (domain.Reservation, bool, error) {
	act := actor.From(ctx)
	if err := domain.RequireSignedIn(act); err != nil {
		return domain.Reservation{}, false, err
	}
	req, err := domain.NewReserveRequest(orderID, lines)
	if err != nil {
		return domain.Reservation{}, false, err
	}
	var (
		out     domain.Reservation
		created bool
	)
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		now := a.clock.Now()
		r := domain.Reservation{
			OrderID: req.OrderID(), State: domain.StateHeld, Lines: req.Lines(), ActorID: act.UserID,
			CreatedAt: now, UpdatedAt: now,
		}
		// Claiming the order id first makes a concurrent request for the
		// same order wait here until this one commits or rolls back.
		inserted, err := a.store.InsertReservation(ctx, r)
		if err != nil {
			return err
		}
		if !inserted {
			existing, err := a.store.Reservation(ctx, r.OrderID)
			if err != nil {
				return err
			}
			if existing.ActorID != act.UserID && !act.IsAdmin() {
				return fault.Forbiddenf("order %s was reserved by someone else", r.OrderID)
			}
			if !domain.SameLines(existing.Lines, r.Lines) {
				return fault.Conflictf("order %s already has a reservation with other lines", r.OrderID)
			}
			out = existing
			return nil
		}
		problems := map[string]string{}
		for _, l := range domain.LockOrder(r.Lines) {
			d := domain.Delta{Available: -l.Quantity, Reserved: l.Quantity}
			ok, err := a.store.Move(ctx, l.VariationID, d, true, now)
			if err != nil {
				return err
			}
			if !ok {
				s, err := a.store.Stock(ctx, l.VariationID)
				if err != nil && !errors.Is(err, domain.ErrUnknownVariation) {
					return err
				}
				problems[l.VariationID] = domain.LineProblem(s, err == nil)
				continue
			}
			if len(problems) > 0 {
				continue // doomed: the rest is only tried to report it
			}
			if _, err := a.record(ctx, l.VariationID, domain.KindReserve, d, domain.ReasonReserved, r.OrderID, act.UserID, now); err != nil {
				return err
			}
		}
		if len(problems) > 0 {
			return domain.NotEnoughStock(problems)
		}
		if err := a.store.AddReservationLines(ctx, r.OrderID, r.Lines); err != nil {
			return err
		}
		out, created = r, true
		return nil
	})
	if err != nil {
		return domain.Reservation{}, false, wrap(err, "reserve stock for order %s", orderID)
	}
	return out, created, nil
}
