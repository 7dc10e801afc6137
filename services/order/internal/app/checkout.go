package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/marketplace/marketplace/services/order/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// CheckoutResult is what a checkout made: the orders placed (sorted by id)
// and the shops that failed.
type CheckoutResult struct {
	CheckoutID string
	Orders     []*domain.Order
	Failed     []domain.ShopFailure
}

// Checkout places one order per shop for the signed-in buyer who.
//
// The checkout id is the idempotency key: the same request again, even
// concurrently, answers from what the first one recorded; the same id for
// another request or another buyer is domain.ErrCheckoutReused.
//
// It is crash safe in three steps. A first transaction records the
// checkout and its orders, reserving. Then each order's stock is reserved
// in the warehouse (the order id is the reservation's, so asking again is
// harmless). A second transaction places the reserved orders (pending
// payment, with order.created) and marks the refused ones failed. A
// request that stops between the steps leaves a checkout that a replay, or
// else the worker, finishes from what is recorded.
func (a *App) Checkout(ctx context.Context, who actor.Actor, r domain.CheckoutRequest) (CheckoutResult, error) {
	if who.Anonymous() {
		return CheckoutResult{}, domain.ErrSignIn
	}
	r = r.Normalized()
	if err := r.Validate(); err != nil {
		return CheckoutResult{}, err
	}
	hash := r.Hash()
	c, err := a.store.Checkout(ctx, r.ID)
	switch {
	case err == nil:
		return a.replay(ctx, who, c, hash)
	case !errors.Is(err, domain.ErrCheckoutNotFound):
		return CheckoutResult{}, fmt.Errorf("checkout %s: %w", r.ID, err)
	}

	variations, err := a.catalog.Variations(ctx, r.VariationIDs())
	if err != nil {
		return CheckoutResult{}, fmt.Errorf("checkout %s: look up variations: %w", r.ID, err)
	}
	plan, err := domain.PlanCheckout(r, who, variations, a.clock.Now(), a.newID)
	if err != nil {
		return CheckoutResult{}, err
	}
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		return a.store.CreateCheckout(ctx, plan.Checkout, plan.Orders)
	})
	switch {
	case errors.Is(err, domain.ErrCheckoutExists):
		// A concurrent request recorded it first: go on from its record.
		c, err := a.store.Checkout(ctx, r.ID)
		if err != nil {
			return CheckoutResult{}, fmt.Errorf("checkout %s: %w", r.ID, err)
		}
		return a.replay(ctx, who, c, hash)
	case err != nil:
		return CheckoutResult{}, fmt.Errorf("checkout %s: record: %w", r.ID, err)
	}
	return a.complete(ctx, plan.Checkout, plan.Orders)
}

// replay answers a request for a recorded checkout: from the record when
// it is settled, else by finishing it.
func (a *App) replay(ctx context.Context, who actor.Actor, c *domain.Checkout, hash string) (CheckoutResult, error) {
	if err := c.Replays(who, hash); err != nil {
		return CheckoutResult{}, err
	}
	orders, err := a.store.CheckoutOrders(ctx, c.ID)
	if err != nil {
		return CheckoutResult{}, fmt.Errorf("checkout %s: %w", c.ID, err)
	}
	if c.Done {
		return result(c, orders), nil
	}
	return a.complete(ctx, c, orders)
}

// complete reserves the stock of a recorded checkout's orders that are
// still reserving and settles the checkout. A passing failure of the
// warehouse leaves everything as recorded and is returned.
func (a *App) complete(ctx context.Context, c *domain.Checkout, orders []*domain.Order) (CheckoutResult, error) {
	ctx = actor.With(ctx, c.Buyer()) // the worker has no actor of its own
	var pending []*domain.Order
	for _, o := range orders {
		if o.Status == domain.StatusReserving {
			pending = append(pending, o)
		}
	}
	outcomes := a.reserveAll(ctx, pending)
	for i, err := range outcomes {
		var refused *Refused
		if err != nil && !errors.As(err, &refused) {
			return CheckoutResult{}, fmt.Errorf("checkout %s: reserve stock for order %s: %w", c.ID, pending[i].ID, err)
		}
	}

	now := a.clock.Now()
	done := *c
	done.Done, done.UpdatedAt = true, now
	done.Failed = slices.Clone(c.Failed)
	var placed, failed []*domain.Order
	for i, o := range pending {
		var refused *Refused
		if errors.As(outcomes[i], &refused) {
			if err := o.Fail(now); err != nil {
				return CheckoutResult{}, err
			}
			failed = append(failed, o)
			done.Failed = append(done.Failed, domain.StockFailure(o, refused.Lines, refused.Message))
			continue
		}
		if err := o.Place(now, now.Add(a.hold), a.newID()); err != nil {
			return CheckoutResult{}, err
		}
		placed = append(placed, o)
	}

	var finished bool
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		var err error
		finished, err = a.store.FinishCheckout(ctx, &done, placed, failed)
		if err != nil || !finished {
			return err
		}
		events := make([]eventbus.Payload, 0, len(placed))
		for _, o := range placed {
			events = append(events, orderCreated(o))
		}
		return a.events.Add(ctx, events...)
	})
	if err != nil {
		return CheckoutResult{}, fmt.Errorf("checkout %s: place orders: %w", c.ID, err)
	}
	if !finished {
		return a.settledMeanwhile(ctx, c.ID, placed)
	}
	return result(&done, orders), nil
}

// settledMeanwhile answers for a checkout that a concurrent request
// settled while this one reserved stock. Should that request have been
// refused stock that this one then got, the order is failed with stock
// held for it: the stock goes back.
func (a *App) settledMeanwhile(ctx context.Context, checkoutID string, reserved []*domain.Order) (CheckoutResult, error) {
	c, err := a.store.Checkout(ctx, checkoutID)
	if err != nil {
		return CheckoutResult{}, fmt.Errorf("checkout %s: %w", checkoutID, err)
	}
	orders, err := a.store.CheckoutOrders(ctx, checkoutID)
	if err != nil {
		return CheckoutResult{}, fmt.Errorf("checkout %s: %w", checkoutID, err)
	}
	status := make(map[string]domain.Status, len(orders))
	for _, o := range orders {
		status[o.ID] = o.Status
	}
	for _, o := range reserved {
		if status[o.ID] != domain.StatusFailed {
			continue
		}
		if err := a.warehouse.Release(ctx, o.ID); err != nil {
			a.log.Error("release the stock of a failed order", "order", o.ID, "err", err)
		}
	}
	return result(c, orders), nil
}

// reserveAll reserves the orders' stock, a few at a time, and returns each
// one's outcome.
func (a *App) reserveAll(ctx context.Context, orders []*domain.Order) []error {
	errs := make([]error, len(orders))
	slots := make(chan struct{}, reserveConcurrency)
	var wg sync.WaitGroup
	for i, o := range orders {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			errs[i] = a.warehouse.Reserve(ctx, o.ID, o.Lines)
		})
	}
	wg.Wait()
	return errs
}

// result is the answer for a settled checkout: its visible orders and its
// failures.
func result(c *domain.Checkout, orders []*domain.Order) CheckoutResult {
	out := CheckoutResult{CheckoutID: c.ID, Failed: c.Failed}
	for _, o := range orders {
		if o.Status.Visible() {
			out.Orders = append(out.Orders, o)
		}
	}
	return out
}

// ResumeInterrupted finishes the checkouts that have been reserving for
// longer than StaleAfter (their request stopped, and the client did not
// come back), and returns how many it settled.
func (a *App) ResumeInterrupted(ctx context.Context) (int, error) {
	ids, err := a.store.InterruptedCheckouts(ctx, a.clock.Now().Add(-StaleAfter), batch)
	if err != nil {
		return 0, fmt.Errorf("find interrupted checkouts: %w", err)
	}
	n := 0
	var errs []error
	for _, id := range ids {
		if ctx.Err() != nil {
			break
		}
		c, err := a.store.Checkout(ctx, id)
		if err != nil {
			errs = append(errs, fmt.Errorf("resume checkout %s: %w", id, err))
			continue
		}
		if c.Done {
			continue
		}
		orders, err := a.store.CheckoutOrders(ctx, id)
		if err == nil {
			_, err = a.complete(ctx, c, orders)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("resume checkout %s: %w", id, err))
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}
