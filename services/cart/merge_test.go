package cart_test

import (
	"slices"
	"testing"

	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

func TestMergeGuestCartAtLogin(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		clay, volt := newShop("Nordic Clay"), newShop("Volt & Wire")
		mug := h.listed(clay, "Mug", []int64{2400, 2600, 1900}, 4, 100, 0)
		lamp := h.listed(volt, "Lamp", []int64{4500}, 10)

		// Alice's cart from an earlier visit.
		h.add(alice, cartclient.Mine, mug.Vids[0], 2)
		h.add(alice, cartclient.Mine, mug.Vids[1], 10)

		// Her guest cart of today.
		g := h.guest()
		h.add(nobody, g.ID, lamp.Vids[0], 1)
		h.add(nobody, g.ID, mug.Vids[0], 3)  // 2 + 3, but only 4 available
		h.add(nobody, g.ID, mug.Vids[1], 15) // 10 + 15, but at most 20
		h.setStock(mug.Vids[2], 2, 2)
		h.add(nobody, g.ID, mug.Vids[2], 2)
		h.setStock(mug.Vids[2], 0, 3) // sold out meanwhile: not merged as a new line
		n := len(h.events())

		c, err := h.client.Merge(as(alice), g.ID)
		if err != nil {
			t.Fatal(err)
		}
		q := quantities(c)
		if q[mug.Vids[0]] != 4 || q[mug.Vids[1]] != 20 || q[lamp.Vids[0]] != 1 || len(q) != 3 {
			t.Fatalf("merged quantities %v", q)
		}
		// The user's lines keep their places; new ones come after, so the
		// clay shop stays first.
		if c.Groups[0].ShopID != clay.ID || c.Groups[1].ShopID != volt.ID || c.OwnerID != alice.UserID {
			t.Fatalf("groups %+v", c.Groups)
		}
		es := h.eventsSince(n)
		if got := types(es); !slices.Equal(got, []string{"cart.updated " + c.ID, "cart.deleted " + g.ID}) {
			t.Fatalf("events %v", got)
		}
		if es[1].Deleted.OwnerID != "" || es[1].Deleted.Version != 6 {
			t.Fatalf("cart.deleted %+v", es[1].Deleted)
		}
		if u := lastUpdate(t, es, c.ID); len(u.Items) != 3 || u.Version != c.Version {
			t.Fatalf("cart.updated %+v", u)
		}
		// The guest cart is gone; merging it again changes nothing.
		_, err = h.client.Get(as(nobody), g.ID)
		testkit.WantFault(t, err, fault.NotFound)
		before := h.snapshot()
		again, err := h.client.Merge(as(alice), g.ID)
		if err != nil || again.ID != c.ID || again.Version != c.Version {
			t.Fatalf("merge again: %+v %v", again, err)
		}
		if _, err := h.client.Merge(as(alice), id.New()); err != nil {
			t.Fatal(err)
		}
		h.unchanged(before)
		_, err = h.client.Merge(as(alice), "")
		testkit.WantFault(t, err, fault.Invalid, "guest_cart_id")
	})
}

func TestMergeMakesTheUserCart(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.listed(newShop("Summit Gear"), "Tent", []int64{19900}, 3)
		g := h.guest()
		h.add(nobody, g.ID, p.Vids[0], 2)

		c, err := h.client.Merge(as(bob), g.ID)
		if err != nil || c.ID == "" || c.ID == g.ID || c.OwnerID != bob.UserID || quantities(c)[p.Vids[0]] != 2 {
			t.Fatalf("merged %+v %v", c, err)
		}
		es := h.events()
		got := types(es)
		want := []string{"cart.created " + g.ID, "cart.updated " + g.ID, "cart.created " + c.ID, "cart.updated " + c.ID, "cart.deleted " + g.ID}
		if !slices.Equal(got, want) {
			t.Fatalf("events %v, want %v", got, want)
		}

		// An empty guest cart is deleted without making a cart.
		e := h.guest()
		if c, err := h.client.Merge(as(alice), e.ID); err != nil || c.ID != "" {
			t.Fatalf("empty merge %+v %v", c, err)
		}
		_, err = h.client.Get(as(nobody), e.ID)
		testkit.WantFault(t, err, fault.NotFound)
	})
}
