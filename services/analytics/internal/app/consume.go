package app

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/marketplace/marketplace/services/analytics/internal/domain"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// Consume logs a consumed event and, if it is new, applies what it says
// to the projections, in one transaction. The event log is the consumer's
// inbox: a redelivered event finds its id there and changes nothing.
func (a *Analytics) Consume(ctx context.Context, e Event, f domain.Facts) error {
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		fresh, err := a.store.RecordEvent(ctx, e)
		if err != nil {
			return err
		}
		if !fresh {
			eventbus.MarkDuplicate(ctx)
			return nil
		}
		return a.project(ctx, f)
	})
}

// project merges facts (of one event, or of a batch in a rebuild) into the
// entities and moves the daily figures by the change of each entity's
// contribution. The live consumer and the rebuild share it, so both build
// the same projections. The tables are written in one fixed order, and
// rows in key order, so concurrent consumers never deadlock.
func (a *Analytics) project(ctx context.Context, f domain.Facts) error {
	var roll domain.Rollups

	lines := map[string][]domain.Line{}
	orders := make([]domain.Order, len(f.Orders))
	for i, o := range f.Orders {
		orders[i] = o.Order
		if len(lines[o.Order.ID]) == 0 {
			lines[o.Order.ID] = o.Lines
		}
	}
	err := merge(ctx, a.store.Orders(), orders, func(o domain.Order) string { return o.ID },
		func(o domain.Order) domain.Rollups { return o.Contribution(lines[o.ID]) }, &roll)
	if err == nil {
		err = merge(ctx, a.store.Shops(), f.Shops, func(s domain.Shop) string { return s.ID }, domain.Shop.Contribution, &roll)
	}
	if err == nil {
		err = merge(ctx, a.store.Users(), f.Users, func(u domain.User) string { return u.ID }, domain.User.Contribution, &roll)
	}
	if err == nil {
		err = merge(ctx, a.store.Reviews(), f.Reviews, func(r domain.Review) string { return r.ID }, domain.Review.Contribution, &roll)
	}
	if err == nil {
		err = merge(ctx, a.store.Attempts(), f.Attempts, func(t domain.Attempt) string { return t.ID }, domain.Attempt.Contribution, &roll)
	}
	if err != nil {
		return err
	}
	if names := f.ProductNames(); len(names) > 0 {
		if err := a.store.MergeProductNames(ctx, names); err != nil {
			return err
		}
	}
	if links := f.OwnerShops(); len(links) > 0 {
		if err := a.store.AddOwnerShops(ctx, links); err != nil {
			return err
		}
	}
	if cs := f.ShopCurrencies(); len(cs) > 0 {
		if err := a.store.AddShopCurrencies(ctx, cs); err != nil {
			return err
		}
	}
	if len(f.CartActivity) > 0 || len(f.Checkouts) > 0 {
		if err := a.store.AddCartDays(ctx, f.CartActivity, f.Checkouts); err != nil {
			return err
		}
	}
	if roll = roll.Compact(); !roll.Empty() {
		return a.store.ApplyRollups(ctx, roll)
	}
	return nil
}

// entity is what project needs of an entity: a merge and equality.
type entity[T any] interface {
	comparable
	Merge(T) T
}

// merge folds facts into the stored entities they name, saves those that
// changed and adds the change of their contributions to roll.
func merge[T entity[T]](ctx context.Context, store Entities[T], facts []T, id func(T) string, contribution func(T) domain.Rollups, roll *domain.Rollups) error {
	if len(facts) == 0 {
		return nil
	}
	folded := map[string]T{}
	for _, f := range facts {
		k := id(f)
		if k == "" {
			continue // nothing to key it by: an event without an id says nothing
		}
		folded[k] = folded[k].Merge(f)
	}
	if len(folded) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(folded))
	stored, err := store.Lock(ctx, ids)
	if err != nil {
		return fmt.Errorf("lock %d entities: %w", len(ids), err)
	}
	var changed []T
	for _, k := range ids {
		old, ok := stored[k]
		if !ok {
			return fmt.Errorf("lock entity %s: no row", k)
		}
		updated := old.Merge(folded[k])
		if updated == old {
			continue
		}
		changed = append(changed, updated)
		roll.Add(domain.Change(contribution(old), contribution(updated)), 1)
	}
	if len(changed) == 0 {
		return nil
	}
	if err := store.Save(ctx, changed); err != nil {
		return fmt.Errorf("save %d entities: %w", len(changed), err)
	}
	return nil
}
