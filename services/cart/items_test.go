package cart_test

import (
	"context"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

func TestAddChangeRemoveWithinLimits(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		clay := newShop("Nordic Clay")
		mug := h.listed(clay, "Mug", []int64{2400, 2600}, 5, 30)
		g := h.guest()
		if g.ID == "" || g.OwnerID != "" || len(g.Groups) != 0 || g.Total.Currency != "EUR" {
			t.Fatalf("new guest cart %+v", g)
		}

		c := h.add(nobody, g.ID, mug.Vids[0], 2)
		it := item(t, c, mug.Vids[0])
		if it.Quantity != 2 || it.UnitPrice.Amount != 2400 || it.AddedPrice.Amount != 2400 || it.LineTotal.Amount != 4800 ||
			it.Available != 5 || it.Problem != "" || it.ProductName != "Mug" || it.ShopName != "Nordic Clay" || it.SKU == "" {
			t.Fatalf("item %+v", it)
		}
		if c.ItemCount != 2 || c.Total.Amount != 4800 {
			t.Fatalf("cart %+v", c)
		}

		// Refused adds: a clear 4xx, and nothing changes.
		before := h.snapshot()
		for _, tc := range []struct {
			name    string
			vid     string
			q       int64
			target  *fault.Error
			fields  []string
			message string
		}{
			{"zero", mug.Vids[0], 0, fault.Invalid, []string{"quantity"}, "at least 1"},
			{"negative", mug.Vids[0], -1, fault.Invalid, []string{"quantity"}, "at least 1"},
			{"21 in all", mug.Vids[1], 21, fault.Invalid, []string{"quantity"}, "at most 20"},
			{"above stock", mug.Vids[0], 4, fault.Invalid, []string{"quantity"}, "only 5 available"},
			{"no variation", "", 1, fault.Invalid, []string{"variation_id"}, ""},
			{"unknown variation", id.New(), 1, fault.NotFound, nil, ""},
		} {
			_, err := h.client.AddItem(as(nobody), g.ID, cartclient.AddItemRequest{VariationID: tc.vid, Quantity: tc.q})
			fe := testkit.WantFault(t, err, tc.target, tc.fields...)
			if !strings.Contains(fe.Message, tc.message) {
				t.Errorf("%s: message %q, want %q", tc.name, fe.Message, tc.message)
			}
		}
		h.unchanged(before)
		h.add(nobody, g.ID, mug.Vids[1], 18)
		before = h.snapshot()
		_, err := h.client.AddItem(as(nobody), g.ID, cartclient.AddItemRequest{VariationID: mug.Vids[1], Quantity: 3})
		if fe := testkit.WantFault(t, err, fault.Invalid, "quantity"); !strings.Contains(fe.Message, "at most 20") {
			t.Fatalf("18 + 3: %q", fe.Message)
		}
		h.unchanged(before)

		// Up to exactly 20 and exactly the stock is fine.
		c = h.add(nobody, g.ID, mug.Vids[1], 2)
		c = h.add(nobody, g.ID, mug.Vids[0], 3)
		if q := quantities(c); q[mug.Vids[0]] != 5 || q[mug.Vids[1]] != 20 {
			t.Fatalf("quantities %v", q)
		}

		// Change: within the limits, 0 removes, a missing line is 404.
		before = h.snapshot()
		for _, tc := range []struct {
			vid    string
			q      int64
			target *fault.Error
		}{
			{mug.Vids[0], 6, fault.Invalid},
			{mug.Vids[1], 21, fault.Invalid},
			{mug.Vids[0], -1, fault.Invalid},
			{id.New(), 1, fault.NotFound},
		} {
			_, err := h.client.SetQuantity(as(nobody), g.ID, tc.vid, tc.q)
			testkit.WantFault(t, err, tc.target)
		}
		h.unchanged(before)
		c, err = h.client.SetQuantity(as(nobody), g.ID, mug.Vids[0], 1)
		if err != nil || quantities(c)[mug.Vids[0]] != 1 {
			t.Fatalf("set 1: %v %v", quantities(c), err)
		}
		c, err = h.client.SetQuantity(as(nobody), g.ID, mug.Vids[0], 0)
		if err != nil || len(quantities(c)) != 1 {
			t.Fatalf("set 0: %v %v", quantities(c), err)
		}
		_, err = h.client.SetQuantity(as(nobody), g.ID, mug.Vids[0], 2)
		testkit.WantFault(t, err, fault.NotFound)
		c, err = h.client.Remove(as(nobody), g.ID, mug.Vids[1])
		if err != nil || len(c.Groups) != 0 || c.ItemCount != 0 || c.Total.Amount != 0 {
			t.Fatalf("remove: %+v %v", c, err)
		}
		_, err = h.client.Remove(as(nobody), g.ID, mug.Vids[1])
		testkit.WantFault(t, err, fault.NotFound)

		// Every change is a cart.updated with the whole content and a
		// growing version.
		es := h.events()
		var versions []int64
		for _, e := range es {
			if e.Cart.CartID == g.ID {
				versions = append(versions, e.Cart.Version)
			}
		}
		if es[0].Type != "cart.created" || len(versions) != 8 {
			t.Fatalf("events %v", types(es))
		}
		for i, v := range versions {
			if v != int64(i+1) {
				t.Fatalf("versions %v", versions)
			}
		}
		if got := h.get(nobody, g.ID); got.Version != 8 || len(got.Groups) != 0 {
			t.Fatalf("cart after all %+v", got)
		}
	})
}

func TestUserCartIsMadeOnFirstAdd(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.listed(newShop("Paper Trail"), "Notebook", []int64{900}, 10)

		empty := h.get(alice, cartclient.Mine)
		if empty.ID != "" || len(empty.Groups) != 0 || empty.ItemCount != 0 {
			t.Fatalf("no cart yet: %+v", empty)
		}
		// A refused first add makes no cart either.
		before := h.snapshot()
		_, err := h.client.AddItem(as(alice), cartclient.Mine, cartclient.AddItemRequest{VariationID: p.Vids[0], Quantity: 11})
		testkit.WantFault(t, err, fault.Invalid, "quantity")
		h.unchanged(before)

		c := h.add(alice, cartclient.Mine, p.Vids[0], 1)
		if c.ID == "" || c.OwnerID != alice.UserID || c.Version != 2 {
			t.Fatalf("user cart %+v", c)
		}
		c = h.add(alice, cartclient.Mine, p.Vids[0], 2)
		if h.get(alice, cartclient.Mine).ID != c.ID || quantities(c)[p.Vids[0]] != 3 {
			t.Fatalf("second add %+v", c)
		}
		es := h.events()
		if got := types(es); len(got) != 3 || es[0].Type != "cart.created" || es[0].Cart.OwnerID != alice.UserID ||
			es[1].Type != "cart.updated" || es[2].Cart.Items[0].Quantity != 3 || es[2].Cart.Items[0].UnitPrice != 900 {
			t.Fatalf("events %v %+v", got, es)
		}
		// Changing and removing need a line.
		_, err = h.client.SetQuantity(as(bob), cartclient.Mine, p.Vids[0], 1)
		testkit.WantFault(t, err, fault.NotFound)
		_, err = h.client.Remove(as(bob), cartclient.Mine, p.Vids[0])
		testkit.WantFault(t, err, fault.NotFound)
	})
}

func TestGroupsByShopWithTotals(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		clay, volt := newShop("Nordic Clay"), newShop("Volt & Wire")
		mug := h.listed(clay, "Mug", []int64{2400, 2600}, 10, 10)
		// The lamp's events have not arrived: the product service and the
		// warehouse are asked, once each.
		lamp := h.newProduct(volt, "Desk Lamp", 4500)
		h.stock.set(lamp.Vids[0], 3)

		g := h.guest()
		h.add(nobody, g.ID, mug.Vids[0], 2)
		h.add(nobody, g.ID, lamp.Vids[0], 1)
		c := h.add(nobody, g.ID, mug.Vids[1], 1)

		if len(c.Groups) != 2 {
			t.Fatalf("groups %+v", c.Groups)
		}
		a, b := c.Groups[0], c.Groups[1]
		if a.ShopID != clay.ID || a.ShopName != "Nordic Clay" || len(a.Items) != 2 ||
			a.Items[0].VariationID != mug.Vids[0] || a.Items[1].VariationID != mug.Vids[1] || a.Subtotal.Amount != 2*2400+2600 {
			t.Fatalf("first group %+v", a)
		}
		if b.ShopID != volt.ID || b.ShopName != "Volt & Wire" || len(b.Items) != 1 || b.Subtotal.Amount != 4500 {
			t.Fatalf("second group %+v", b)
		}
		lampItem := b.Items[0]
		if lampItem.Available != 3 || lampItem.ThumbURL == "" || lampItem.ProductName != "Desk Lamp" || lampItem.Problem != "" {
			t.Fatalf("looked-up item %+v", lampItem)
		}
		if c.ItemCount != 4 || c.Total.Amount != 2*2400+2600+4500 || c.Total.Currency != "EUR" {
			t.Fatalf("totals %+v", c)
		}
		var lampLookups int
		for _, ids := range h.catalog.called() {
			if len(ids) == 1 && ids[0] == lamp.Vids[0] {
				lampLookups++
			}
		}
		if lampLookups != 1 {
			t.Fatalf("variation lookups %v", h.catalog.called())
		}
		if calls := h.stock.called(); len(calls) != 1 || calls[0][0] != lamp.Vids[0] {
			t.Fatalf("availability lookups %v", calls)
		}
		// A later product event with the same data changes nothing shown.
		h.deliver("product", created(lamp, 1))
		if again := h.get(nobody, g.ID); again.Total != c.Total || len(again.Groups) != 2 {
			t.Fatalf("after the late event %+v", again)
		}
	})
}

func TestCartAuthorization(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.listed(newShop("Green Corner"), "Fern", []int64{1500}, 10)
		mine := h.add(alice, cartclient.Mine, p.Vids[0], 1)
		g := h.guest()

		// A user's cart is never a guest ref: not for its owner, another
		// user or an anonymous visitor.
		before := h.snapshot()
		for _, who := range []struct {
			name string
			ctx  context.Context
		}{{"owner", as(alice)}, {"other", as(bob)}, {"anonymous", as(nobody)}} {
			_, err := h.client.Get(who.ctx, mine.ID)
			testkit.WantFault(t, err, fault.NotFound)
			_, err = h.client.AddItem(who.ctx, mine.ID, cartclient.AddItemRequest{VariationID: p.Vids[0], Quantity: 1})
			testkit.WantFault(t, err, fault.NotFound)
			_, err = h.client.SetQuantity(who.ctx, mine.ID, p.Vids[0], 2)
			testkit.WantFault(t, err, fault.NotFound)
			_, err = h.client.Remove(who.ctx, mine.ID, p.Vids[0])
			testkit.WantFault(t, err, fault.NotFound)
		}
		// Bob merging Alice's cart as if it were a guest's takes nothing.
		if c, err := h.client.Merge(as(bob), mine.ID); err != nil || c.ID != "" || len(c.Groups) != 0 {
			t.Fatalf("merge another's cart: %+v %v", c, err)
		}
		// Anonymous visitors have no "mine".
		_, err := h.client.Get(as(nobody), cartclient.Mine)
		testkit.WantFault(t, err, fault.Unauthenticated)
		_, err = h.client.AddItem(as(nobody), cartclient.Mine, cartclient.AddItemRequest{VariationID: p.Vids[0], Quantity: 1})
		testkit.WantFault(t, err, fault.Unauthenticated)
		_, err = h.client.Merge(as(nobody), g.ID)
		testkit.WantFault(t, err, fault.Unauthenticated)
		_, err = h.client.Checkout(as(nobody), cartclient.CheckoutRequest{CheckoutID: id.New(), Address: address})
		testkit.WantFault(t, err, fault.Unauthenticated)
		// Unknown and malformed guest refs.
		for _, ref := range []string{id.New(), "not-a-uuid"} {
			_, err = h.client.Get(as(nobody), ref)
			testkit.WantFault(t, err, fault.NotFound)
		}
		h.unchanged(before)
		// A guest cart is reachable by its id, by whoever holds it.
		if c := h.get(bob, g.ID); c.ID != g.ID {
			t.Fatalf("guest cart %+v", c)
		}
	})
}
