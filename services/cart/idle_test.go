package cart_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/cart"
	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

// Guest carts left untouched for 30 days are deleted (cart.deleted); a
// guest cart changed since, and users' carts however old, are kept.
func TestIdleGuestCartsAreDeleted(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		svc := h.served.Service.(*cart.Service)
		mug := h.listed(newShop("Nordic Clay"), "Mug", []int64{2400}, 50)

		idle, kept := h.guest(), h.guest()
		h.add(nobody, idle.ID, mug.Vids[0], 1)
		h.add(nobody, kept.ID, mug.Vids[0], 2)
		h.add(alice, cartclient.Mine, mug.Vids[0], 3)
		empty := h.guest() // never filled: idle as well

		h.clock.Advance(20 * 24 * time.Hour)
		h.add(nobody, kept.ID, mug.Vids[0], 1) // touched on day 20
		h.clock.Advance(9 * 24 * time.Hour)
		n := len(h.events())
		if got, err := svc.DeleteIdleGuestCarts(context.Background()); err != nil || got != 0 {
			t.Fatalf("day 29: deleted %d, %v; want none yet", got, err)
		}

		h.clock.Advance(2 * 24 * time.Hour) // day 31
		if got, err := svc.DeleteIdleGuestCarts(context.Background()); err != nil || got != 2 {
			t.Fatalf("day 31: deleted %d, %v; want the two idle guest carts", got, err)
		}
		es := h.eventsSince(n)
		got := types(es)
		slices.Sort(got)
		want := []string{"cart.deleted " + idle.ID, "cart.deleted " + empty.ID}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("events %v, want %v", got, want)
		}
		for _, e := range es {
			if e.Deleted.OwnerID != "" || e.Deleted.Version < 1 || !e.Deleted.DeletedAt.Equal(h.clock.Now()) {
				t.Fatalf("cart.deleted %+v", e.Deleted)
			}
		}
		for _, ref := range []string{idle.ID, empty.ID} {
			if _, err := h.client.Get(as(nobody), ref); !errors.Is(err, fault.NotFound) {
				t.Fatalf("deleted cart %s: %v", ref, err)
			}
		}
		if c := h.get(nobody, kept.ID); quantities(c)[mug.Vids[0]] != 3 {
			t.Fatalf("the touched guest cart %+v", c)
		}
		if c := h.get(alice, cartclient.Mine); quantities(c)[mug.Vids[0]] != 3 {
			t.Fatalf("alice's cart %+v", c)
		}

		// A second sweep finds nothing more; the touched cart goes in its turn.
		before := h.snapshot()
		if got, err := svc.DeleteIdleGuestCarts(context.Background()); err != nil || got != 0 {
			t.Fatalf("again: deleted %d, %v", got, err)
		}
		h.unchanged(before)
		h.clock.Advance(20 * 24 * time.Hour)
		if got, err := svc.DeleteIdleGuestCarts(context.Background()); err != nil || got != 1 {
			t.Fatalf("day 51: deleted %d, %v; want the touched guest cart", got, err)
		}
		if c := h.get(alice, cartclient.Mine); quantities(c)[mug.Vids[0]] != 3 {
			t.Fatalf("alice's cart after day 51 %+v", c)
		}
	})
}
