package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/cart/cartevents"
	"github.com/marketplace/marketplace/services/cart/internal/domain"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// The consumers run in the inbox's transaction (a.tx.InTx joins it), so an
// event's effects and its record commit together. Events may come late and
// out of order: the versions they carry decide, and the store keeps the
// newest.

// ProductChanged applies product.created and product.updated: the
// product's variations with their current prices and names. A variation
// missing from the list is gone (its lines stay in carts, marked
// unavailable). Carts do not change.
func (a *App) ProductChanged(ctx context.Context, p ProductState) error {
	if p.ProductID == "" || p.ShopID == "" {
		return eventbus.Permanent(fmt.Errorf("product event without a product or shop id: %+v", p))
	}
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		_, err := a.store.ApplyProduct(ctx, p, a.clock.Now())
		return err
	})
	return wrap(err, "apply product %s version %d", p.ProductID, p.Version)
}

// ProductDeleted applies product.deleted: the product's variations are
// gone and their lines leave every cart, each changed cart with its
// cart.updated.
func (a *App) ProductDeleted(ctx context.Context, productID, shopID string, version int64) error {
	if productID == "" {
		return eventbus.Permanent(errors.New("product.deleted without a product id"))
	}
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		if err := a.store.DeleteProduct(ctx, productID, shopID, version, a.clock.Now()); err != nil {
			return err
		}
		return a.dropLines(ctx, productID, "", func(l domain.Line) bool { return l.ProductID == productID })
	})
	return wrap(err, "delete product %s", productID)
}

// ShopChanged applies shop.created and shop.updated: the shop's name.
func (a *App) ShopChanged(ctx context.Context, shopID, name string, version int64) error {
	if shopID == "" {
		return eventbus.Permanent(errors.New("shop event without a shop id"))
	}
	return wrap(a.store.ApplyShop(ctx, shopID, name, version, a.clock.Now()), "apply shop %s version %d", shopID, version)
}

// ShopDeleted applies shop.deleted: the shop's lines leave every cart, each
// changed cart with its cart.updated, and its variations can no longer be
// added.
func (a *App) ShopDeleted(ctx context.Context, shopID string, version int64) error {
	if shopID == "" {
		return eventbus.Permanent(errors.New("shop.deleted without a shop id"))
	}
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		if err := a.store.DeleteShop(ctx, shopID, version, a.clock.Now()); err != nil {
			return err
		}
		return a.dropLines(ctx, "", shopID, func(l domain.Line) bool { return l.ShopID == shopID })
	})
	return wrap(err, "delete shop %s", shopID)
}

func (a *App) dropLines(ctx context.Context, productID, shopID string, drop func(domain.Line) bool) error {
	carts, offers, err := a.store.CartsWith(ctx, productID, shopID)
	if err != nil {
		return err
	}
	now := a.clock.Now()
	var evs []eventbus.Payload
	for _, c := range carts {
		loaded, before := c.Version(), c.Lines()
		if !c.RemoveWhere(drop, now) {
			continue
		}
		if err := a.store.SaveCart(ctx, c, loaded, before); err != nil {
			return err
		}
		evs = append(evs, cartUpdated(c, offers))
	}
	return a.events.Add(ctx, evs...)
}

// StockChanged applies stock.increased and stock.decreased: the newest
// available count of a variation.
func (a *App) StockChanged(ctx context.Context, variationID string, available, version int64) error {
	if variationID == "" {
		return eventbus.Permanent(errors.New("stock event without a variation id"))
	}
	err := a.store.ApplyStock(ctx, variationID, max(available, 0), version, a.clock.Now())
	return wrap(err, "apply stock of %s version %d", variationID, version)
}

// UserDeleted applies user.deleted: the user's cart goes (cart.deleted),
// with their checkout records, and no cart is made for them again.
func (a *App) UserDeleted(ctx context.Context, userID string) error {
	if userID == "" {
		return eventbus.Permanent(errors.New("user.deleted without a user id"))
	}
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		now := a.clock.Now()
		c, _, err := a.store.CartOf(ctx, userID, true)
		switch {
		case errors.Is(err, domain.ErrCartNotFound):
		case err != nil:
			return err
		default:
			if err := a.store.DeleteCart(ctx, c.ID()); err != nil {
				return err
			}
			if err := a.events.Add(ctx, cartevents.CartDeleted{
				CartID: c.ID(), OwnerID: userID, Version: c.Version() + 1, DeletedAt: now,
			}); err != nil {
				return err
			}
		}
		return a.store.ForgetUser(ctx, userID, now)
	})
	return wrap(err, "delete the cart of user %s", userID)
}

// ExpiredOrder is an order that was cancelled because it was not paid in
// time, as order.cancelled tells it.
type ExpiredOrder struct {
	OrderID, BuyerID, Currency string
	Lines                      []ExpiredLine
}

// ExpiredLine is one line of an ExpiredOrder.
type ExpiredLine struct {
	VariationID, ProductID string
	Quantity, UnitPrice    int64
}

// OrderExpired puts an expired order's lines back in its buyer's cart
// (made if need be), within the cart's limits and at the order's prices,
// so the shopper finds them again (cart.updated). Lines of variations that
// are gone, or that the cart never knew, are left out; a deleted buyer
// gets nothing back.
func (a *App) OrderExpired(ctx context.Context, o ExpiredOrder) error {
	if o.BuyerID == "" {
		return eventbus.Permanent(fmt.Errorf("order %s without a buyer", o.OrderID))
	}
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		if gone, err := a.store.UserDeleted(ctx, o.BuyerID); err != nil || gone {
			return err
		}
		ids := make([]string, 0, len(o.Lines))
		for _, l := range o.Lines {
			ids = append(ids, l.VariationID)
		}
		known, err := a.store.Offers(ctx, ids)
		if err != nil {
			return err
		}
		var lines []domain.Line
		for _, l := range o.Lines {
			if off, ok := known[l.VariationID]; ok && !off.Gone {
				lines = append(lines, domain.Line{
					VariationID: l.VariationID, ProductID: off.ProductID, ShopID: off.ShopID,
					Quantity: l.Quantity, AddedPrice: domain.Money{Amount: l.UnitPrice, Currency: o.Currency},
				})
			}
		}
		if len(lines) == 0 {
			return nil
		}
		var evs []eventbus.Payload
		c, offers, err := a.store.CartOf(ctx, o.BuyerID, true)
		if errors.Is(err, domain.ErrCartNotFound) {
			var created bool
			c, offers, created, err = a.userCart(ctx, o.BuyerID)
			if created {
				evs = append(evs, cartCreated(c, offers))
			}
		}
		if err != nil {
			return err
		}
		for id, off := range known {
			offers[id] = off
		}
		loaded, before := c.Version(), c.Lines()
		if c.Restore(lines, a.clock.Now()) {
			if err := a.store.SaveCart(ctx, c, loaded, before); err != nil {
				return err
			}
			evs = append(evs, cartUpdated(c, offers))
		}
		return a.events.Add(ctx, evs...)
	})
	return wrap(err, "restore expired order %s", o.OrderID)
}
