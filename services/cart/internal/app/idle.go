package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/cart/cartevents"
	"github.com/marketplace/marketplace/services/cart/internal/domain"
	"github.com/marketplace/marketplace/services/platform/background"
)

// GuestCartTTL is how long a guest cart is kept untouched. Guests' carts
// are made for every visitor who adds something and most are never
// bought from, so without an end they would grow the database for ever.
// The browser session that refers to one lasts 14 days from the last
// visit; a visitor who kept coming back for 30 days without touching the
// cart finds it empty and starts a new one.
const GuestCartTTL = 30 * 24 * time.Hour

// SweepEvery is how often the worker looks for idle guest carts.
const SweepEvery = time.Hour

// sweepBatch bounds the carts one query of the sweep takes.
const sweepBatch = 100

// Run is the worker: every SweepEvery it deletes the guest carts idle for
// GuestCartTTL, until ctx ends.
func (a *App) Run(ctx context.Context) error {
	background.Every(ctx, SweepEvery, nil, func(ctx context.Context) {
		if n, err := a.DeleteIdleGuestCarts(ctx); err != nil && ctx.Err() == nil {
			a.log.Error("delete idle guest carts", "err", err)
		} else if n > 0 {
			a.log.Info("deleted idle guest carts", "count", n)
		}
	})
	return nil
}

// DeleteIdleGuestCarts deletes the guest carts not changed for
// GuestCartTTL, each in its own transaction with its cart.deleted, and
// returns how many it deleted. A cart changed (or merged) meanwhile is
// left alone.
func (a *App) DeleteIdleGuestCarts(ctx context.Context) (int, error) {
	var cutoff time.Time
	return background.Sweep(ctx, sweepBatch,
		func(ctx context.Context) ([]string, error) {
			cutoff = a.clock.Now().Add(-GuestCartTTL)
			ids, err := a.store.IdleGuestCarts(ctx, cutoff, sweepBatch)
			if err != nil {
				return nil, fmt.Errorf("find idle guest carts: %w", err)
			}
			return ids, nil
		},
		func(ctx context.Context, id string) (bool, error) {
			deleted, err := a.deleteIdle(ctx, id, cutoff)
			if err != nil {
				return false, fmt.Errorf("delete idle guest cart %s: %w", id, err)
			}
			return deleted, nil
		})
}

func (a *App) deleteIdle(ctx context.Context, cartID string, cutoff time.Time) (bool, error) {
	deleted := false
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		c, _, err := a.store.Cart(ctx, cartID, true)
		if errors.Is(err, domain.ErrCartNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if !c.IsGuest() || !c.UpdatedAt().Before(cutoff) {
			return nil // merged, claimed or changed since it was found
		}
		if err := a.store.DeleteCart(ctx, c.ID()); err != nil {
			return err
		}
		deleted = true
		return a.events.Add(ctx, cartevents.CartDeleted{CartID: c.ID(), Version: c.Version() + 1, DeletedAt: a.clock.Now()})
	})
	return deleted, err
}
