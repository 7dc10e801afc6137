package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/marketplace/marketplace/services/cart/cartevents"
	"github.com/marketplace/marketplace/services/cart/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
)

// CreateGuest starts an empty cart for a visitor who is not signed in
// (anyone may), announcing it with cart.created.
func (a *App) CreateGuest(ctx context.Context) (domain.Summary, error) {
	c := domain.NewCart(id.New(), "", a.clock.Now())
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		if _, err := a.store.AddCart(ctx, c); err != nil {
			return err
		}
		return a.events.Add(ctx, cartCreated(c, nil))
	})
	if err != nil {
		return domain.Summary{}, wrap(err, "create a guest cart")
	}
	return domain.Summarize(c, nil), nil
}

// Get returns a cart: Mine, the acting user's (empty, without an id, when
// they have none), or a guest cart by its id. A user's cart is never
// reachable by its id: that is domain.ErrCartNotFound for everyone.
func (a *App) Get(ctx context.Context, who actor.Actor, ref string) (domain.Summary, error) {
	c, offers, err := a.find(ctx, who, ref, false)
	switch {
	case errors.Is(err, domain.ErrCartNotFound) && ref == Mine:
		return emptyCartOf(who.UserID), nil
	case err != nil:
		return domain.Summary{}, wrap(err, "read cart %s", ref)
	}
	return a.view(ctx, c, offers), nil
}

func emptyCartOf(ownerID string) domain.Summary {
	return domain.Summarize(domain.RebuildCart("", ownerID, 0, nil, time.Time{}, time.Time{}), nil)
}

// AddItem adds quantity of a variation to a cart (Mine is made on the
// first add). See domain.Cart.Add for the limits.
func (a *App) AddItem(ctx context.Context, who actor.Actor, ref, variationID string, quantity int64) (domain.Summary, error) {
	if variationID == "" {
		return domain.Summary{}, fault.Fields(map[string]string{"variation_id": "choose a variation"})
	}
	if err := domain.CheckQuantity(quantity); err != nil {
		return domain.Summary{}, err
	}
	// A cart that cannot be used is refused before the other services are
	// asked anything.
	if _, _, err := a.find(ctx, who, ref, false); err != nil && !(ref == Mine && errors.Is(err, domain.ErrCartNotFound)) {
		return domain.Summary{}, wrap(err, "add to cart %s", ref)
	}
	o, err := a.offer(ctx, variationID)
	if err != nil {
		return domain.Summary{}, wrap(err, "add %s to cart %s", variationID, ref)
	}
	now := a.clock.Now()
	c, offers, err := a.change(ctx, who, ref, true, map[string]domain.Offer{variationID: o},
		func(c *domain.Cart, _ map[string]domain.Offer) error { return c.Add(o, quantity, now) })
	if err != nil {
		return domain.Summary{}, wrap(err, "add %s to cart %s", variationID, ref)
	}
	return a.view(ctx, c, offers), nil
}

// SetQuantity changes a line's quantity; 0 removes it. More than before
// must be within the limits and the stock; less is always allowed.
func (a *App) SetQuantity(ctx context.Context, who actor.Actor, ref, variationID string, quantity int64) (domain.Summary, error) {
	if quantity < 0 {
		return domain.Summary{}, fault.Fields(map[string]string{"quantity": "the quantity cannot be negative"})
	}
	if quantity > domain.MaxLineQuantity {
		return domain.Summary{}, fault.Fields(map[string]string{
			"quantity": fmt.Sprintf("at most %d of one item fit in a cart", domain.MaxLineQuantity)})
	}
	c, offers, err := a.find(ctx, who, ref, false)
	if err != nil {
		return domain.Summary{}, lineError(err, ref, variationID)
	}
	l, ok := c.Line(variationID)
	if !ok {
		return domain.Summary{}, domain.ErrLineNotFound
	}
	extra := map[string]domain.Offer{}
	if o, known := offers[variationID]; known && quantity > l.Quantity && !o.AvailableKnown {
		if err := a.fillAvailability(ctx, offers); err != nil {
			return domain.Summary{}, wrap(err, "change the quantity of %s in cart %s", variationID, ref)
		}
		extra[variationID] = offers[variationID]
	}
	now := a.clock.Now()
	c, offers, err = a.change(ctx, who, ref, false, extra, func(c *domain.Cart, offers map[string]domain.Offer) error {
		o, known := offers[variationID]
		if !known {
			o = domain.Offer{VariationID: variationID, Gone: true}
		}
		return c.SetQuantity(variationID, quantity, o, now)
	})
	if err != nil {
		return domain.Summary{}, lineError(err, ref, variationID)
	}
	return a.view(ctx, c, offers), nil
}

// RemoveItem takes a line out of a cart.
func (a *App) RemoveItem(ctx context.Context, who actor.Actor, ref, variationID string) (domain.Summary, error) {
	now := a.clock.Now()
	c, offers, err := a.change(ctx, who, ref, false, nil, func(c *domain.Cart, _ map[string]domain.Offer) error {
		return c.Remove(variationID, now)
	})
	if err != nil {
		return domain.Summary{}, lineError(err, ref, variationID)
	}
	return a.view(ctx, c, offers), nil
}

// lineError turns "the user has no cart" into "the line is not in the
// cart", which is what the caller asked about.
func lineError(err error, ref, variationID string) error {
	if ref == Mine && errors.Is(err, domain.ErrCartNotFound) {
		return domain.ErrLineNotFound
	}
	return wrap(err, "change %s in cart %s", variationID, ref)
}

// Merge moves a guest cart's lines into the acting user's cart (see
// domain.Cart.Merge) and deletes the guest cart (cart.deleted). A guest
// cart that does not exist (merged already, say) changes nothing.
func (a *App) Merge(ctx context.Context, who actor.Actor, guestCartID string) (domain.Summary, error) {
	if who.Anonymous() {
		return domain.Summary{}, errSignIn
	}
	if guestCartID == "" {
		return domain.Summary{}, fault.Fields(map[string]string{"guest_cart_id": "the guest cart id is required"})
	}
	if !id.Valid(guestCartID) {
		return a.Get(ctx, who, Mine)
	}
	// Stock unknown so far is asked for before the transaction, so that
	// no lock is held over a call.
	g, known, err := a.store.Cart(ctx, guestCartID, false)
	switch {
	case errors.Is(err, domain.ErrCartNotFound) || (err == nil && !g.IsGuest()):
		return a.Get(ctx, who, Mine)
	case err != nil:
		return domain.Summary{}, wrap(err, "merge cart %s", guestCartID)
	}
	a.knownAvailability(ctx, known)

	var (
		c      *domain.Cart
		offers map[string]domain.Offer
	)
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		// Both carts at once, in id order: taking the guest's and then
		// the user's could deadlock with a product or shop deletion
		// taking them in id order.
		if err := a.store.LockCarts(ctx, guestCartID, who.UserID); err != nil {
			return err
		}
		g, goffers, err := a.store.Cart(ctx, guestCartID, true)
		switch {
		case errors.Is(err, domain.ErrCartNotFound) || (err == nil && !g.IsGuest()):
			c, offers, err = a.store.CartOf(ctx, who.UserID, false)
			return err
		case err != nil:
			return err
		}
		for vid, o := range known {
			if o.AvailableKnown {
				goffers[vid] = o
			}
		}
		now := a.clock.Now()
		var evs []eventbus.Payload
		c, offers, err = a.store.CartOf(ctx, who.UserID, true)
		if errors.Is(err, domain.ErrCartNotFound) {
			if !domain.NewCart("", who.UserID, now).Merge(g.Lines(), goffers, now) {
				err = nil // nothing to merge: no cart is made for it
			} else {
				var created bool
				c, offers, created, err = a.userCart(ctx, who.UserID)
				if created {
					evs = append(evs, cartCreated(c, offers))
				}
			}
		}
		if err != nil {
			return err
		}
		if c != nil {
			maps.Copy(offers, goffers)
			loaded, before := c.Version(), c.Lines()
			if c.Merge(g.Lines(), goffers, now) {
				if err := a.store.SaveCart(ctx, c, loaded, before); err != nil {
					return err
				}
				evs = append(evs, cartUpdated(c, offers))
			}
		}
		if err := a.store.DeleteCart(ctx, g.ID()); err != nil {
			return err
		}
		evs = append(evs, cartevents.CartDeleted{CartID: g.ID(), Version: g.Version() + 1, DeletedAt: now})
		return a.events.Add(ctx, evs...)
	})
	switch {
	case errors.Is(err, domain.ErrCartNotFound):
		return emptyCartOf(who.UserID), nil
	case err != nil:
		return domain.Summary{}, wrap(err, "merge cart %s", guestCartID)
	case c == nil:
		return emptyCartOf(who.UserID), nil
	}
	return a.view(ctx, c, offers), nil
}

// find returns the cart ref addresses for who: Mine (signed-in only) or a
// guest cart's id.
func (a *App) find(ctx context.Context, who actor.Actor, ref string, lock bool) (*domain.Cart, map[string]domain.Offer, error) {
	if ref == Mine {
		if who.Anonymous() {
			return nil, nil, errSignIn
		}
		return a.store.CartOf(ctx, who.UserID, lock)
	}
	if !id.Valid(ref) {
		return nil, nil, domain.ErrCartNotFound
	}
	c, offers, err := a.store.Cart(ctx, ref, lock)
	if err != nil {
		return nil, nil, err
	}
	if !c.IsGuest() {
		return nil, nil, domain.ErrCartNotFound
	}
	return c, offers, nil
}

// userCart makes a user's cart, or returns the one made meanwhile; it
// reports whether it made it.
func (a *App) userCart(ctx context.Context, ownerID string) (*domain.Cart, map[string]domain.Offer, bool, error) {
	c := domain.NewCart(id.New(), ownerID, a.clock.Now())
	added, err := a.store.AddCart(ctx, c)
	if err != nil {
		return nil, nil, false, err
	}
	if !added {
		c, offers, err := a.store.CartOf(ctx, ownerID, true)
		return c, offers, false, err
	}
	return c, map[string]domain.Offer{}, true, nil
}

// change runs fn on the cart ref addresses, locked, in a transaction; when
// fn changed it, it is saved and cart.updated is written. With create, the
// user's cart is made when they have none (cart.created), and unmade when
// fn fails. extra adds offers that fn and the answer need.
func (a *App) change(ctx context.Context, who actor.Actor, ref string, create bool, extra map[string]domain.Offer,
	fn func(*domain.Cart, map[string]domain.Offer) error) (*domain.Cart, map[string]domain.Offer, error) {
	var (
		c      *domain.Cart
		offers map[string]domain.Offer
	)
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		var err error
		var evs []eventbus.Payload
		c, offers, err = a.find(ctx, who, ref, true)
		if errors.Is(err, domain.ErrCartNotFound) && ref == Mine && create {
			var created bool
			c, offers, created, err = a.userCart(ctx, who.UserID)
			if created {
				evs = append(evs, cartCreated(c, offers))
			}
		}
		if err != nil {
			return err
		}
		maps.Copy(offers, extra)
		loaded, before := c.Version(), c.Lines()
		if err := fn(c, offers); err != nil {
			return err
		}
		if c.Version() != loaded {
			if err := a.store.SaveCart(ctx, c, loaded, before); err != nil {
				return err
			}
			evs = append(evs, cartUpdated(c, offers))
		}
		return a.events.Add(ctx, evs...)
	})
	return c, offers, err
}

// view is a cart as its page shows it, with the stock of every line that
// can be had.
func (a *App) view(ctx context.Context, c *domain.Cart, offers map[string]domain.Offer) domain.Summary {
	a.knownAvailability(ctx, offers)
	return domain.Summarize(c, offers)
}
