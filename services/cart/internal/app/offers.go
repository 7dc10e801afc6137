package app

import (
	"context"
	"slices"

	"github.com/marketplace/marketplace/services/cart/internal/domain"
)

// offer returns what the cart knows of a variation to add, asking the
// product service when no product event has taught it yet (or, at most
// once per RefreshAfter, when it lacks a thumbnail or shop name) and the
// warehouse when its stock is unknown. A variation that does not exist,
// or no longer, is domain.ErrUnknownVariation.
func (a *App) offer(ctx context.Context, variationID string) (domain.Offer, error) {
	offers, err := a.store.Offers(ctx, []string{variationID})
	if err != nil {
		return domain.Offer{}, err
	}
	o, known := offers[variationID]
	if !known || a.stale(o) {
		err := a.lookUp(ctx, []string{variationID})
		switch {
		case err != nil && !known:
			return domain.Offer{}, err
		case err != nil:
			// What events taught is enough to go on; the picture can wait.
			a.log.Warn("refresh a variation from the product service", "variation_id", variationID, "err", err)
		default:
			if offers, err = a.store.Offers(ctx, []string{variationID}); err != nil {
				return domain.Offer{}, err
			}
			o, known = offers[variationID]
		}
	}
	if !known || o.Gone {
		return domain.Offer{}, domain.ErrUnknownVariation
	}
	if !o.AvailableKnown {
		if err := a.fillAvailability(ctx, offers); err != nil {
			return domain.Offer{}, err
		}
		o = offers[variationID]
	}
	return o, nil
}

// stale reports whether a known variation lacks what only a lookup gives
// and was not looked up lately.
func (a *App) stale(o domain.Offer) bool {
	if o.Gone || (o.ThumbURL != "" && o.ShopName != "") {
		return false
	}
	return o.LookedUpAt.IsZero() || a.clock.Now().Sub(o.LookedUpAt) >= RefreshAfter
}

// lookUp asks the product service about variations (one call) and stores
// what it says.
func (a *App) lookUp(ctx context.Context, ids []string) error {
	found, err := a.catalog.Variations(ctx, ids)
	if err != nil {
		return wrap(err, "look up variations")
	}
	if len(found) == 0 {
		return nil
	}
	vs := make([]LookedUp, 0, len(found))
	for _, id := range ids {
		if v, ok := found[id]; ok {
			vs = append(vs, v)
		}
	}
	return wrap(a.store.SaveLookup(ctx, vs, a.clock.Now()), "store looked-up variations")
}

// fillAvailability asks the warehouse (one call) about the variations in
// offers whose stock no event has reported, stores the answers and puts
// them in offers. Variations it does not name have none.
func (a *App) fillAvailability(ctx context.Context, offers map[string]domain.Offer) error {
	var ids []string
	for id, o := range offers {
		if !o.AvailableKnown && !o.Gone {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	got, err := a.stock.Availability(ctx, ids)
	if err != nil {
		return wrap(err, "ask the warehouse about stock")
	}
	answers := make(map[string]int64, len(ids))
	for _, id := range ids {
		answers[id] = max(got[id], 0)
	}
	if err := a.store.SaveAvailability(ctx, answers, a.clock.Now()); err != nil {
		return wrap(err, "store looked-up stock")
	}
	for id, n := range answers {
		o := offers[id]
		o.Available, o.AvailableKnown = n, true
		offers[id] = o
	}
	return nil
}

// knownAvailability is fillAvailability for reading a cart: when the
// warehouse cannot answer, the cart shows without stock problems rather
// than not at all.
func (a *App) knownAvailability(ctx context.Context, offers map[string]domain.Offer) {
	if err := a.fillAvailability(ctx, offers); err != nil {
		a.log.Warn("cart shown without stock of some variations", "err", err)
	}
}
