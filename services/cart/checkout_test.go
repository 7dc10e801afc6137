package cart_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

func TestCheckoutIsIdempotent(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		clay, volt := newShop("Nordic Clay"), newShop("Volt & Wire")
		mug := h.listed(clay, "Mug", []int64{2400, 2600}, 10, 10)
		lamp := h.listed(volt, "Lamp", []int64{4500}, 10)
		h.add(alice, cartclient.Mine, mug.Vids[0], 2)
		h.add(alice, cartclient.Mine, lamp.Vids[0], 1)
		c := h.add(alice, cartclient.Mine, mug.Vids[1], 1)
		n := len(h.events())

		checkoutID := id.New()
		statements := h.db.Statements()
		first := h.checkout(alice, checkoutID)
		if used := h.db.Statements() - statements; used > 6 {
			t.Errorf("a checkout took %d SQL statements, want at most 6", used)
		} else {
			t.Logf("a checkout took %d SQL statements", used)
		}
		if first.CheckoutID != checkoutID || len(first.Orders) != 2 || len(first.Failed) != 0 {
			t.Fatalf("result %+v", first)
		}
		calls := h.orders.called()
		if len(calls) != 1 {
			t.Fatalf("order service called %d times", len(calls))
		}
		call := calls[0]
		if call.Actor != alice || call.Key != checkoutID || call.Request.Address != address {
			t.Fatalf("order call %+v", call)
		}
		wantLines := []string{mug.Vids[0] + " 2 2400", lamp.Vids[0] + " 1 4500", mug.Vids[1] + " 1 2600"}
		var gotLines []string
		for _, l := range call.Request.Lines {
			gotLines = append(gotLines, l.VariationID+" "+itoa(l.Quantity)+" "+itoa(l.ExpectedPrice))
		}
		if !slices.Equal(gotLines, wantLines) {
			t.Fatalf("lines %v, want %v", gotLines, wantLines)
		}

		// The cart is empty now, and the events say so.
		after := h.get(alice, cartclient.Mine)
		if after.ID != c.ID || len(after.Groups) != 0 || after.Version != c.Version+1 {
			t.Fatalf("cart after checkout %+v", after)
		}
		es := h.eventsSince(n)
		if got := types(es); !slices.Equal(got, []string{"cart.checked_out " + c.ID}) {
			t.Fatalf("events %v", got)
		}
		co := es[0].CheckedOut
		orderIDs := []string{first.Orders[0].ID, first.Orders[1].ID}
		if co.CheckoutID != checkoutID || !slices.Equal(co.OrderIDs, orderIDs) || len(co.Items) != 3 || co.OwnerID != alice.UserID ||
			co.Version != after.Version || co.Currency != "EUR" {
			t.Fatalf("cart.checked_out %+v", co)
		}

		// The same checkout nine more times: the same result, no orders.
		before := h.snapshot()
		for range 9 {
			statements := h.db.Statements()
			again := h.checkout(alice, checkoutID)
			if !reflect.DeepEqual(again, first) {
				t.Fatalf("replay %+v, want %+v", again, first)
			}
			if used := h.db.Statements() - statements; used != 1 {
				t.Fatalf("a replay took %d statements", used)
			}
		}
		if len(h.orders.called()) != 1 {
			t.Fatalf("order service called %d times", len(h.orders.called()))
		}
		// Another request with the same id is refused, whoever sends it.
		other := address
		other.City = "Bergen"
		_, err := h.client.Checkout(as(alice), cartclient.CheckoutRequest{CheckoutID: checkoutID, Address: other})
		testkit.WantFault(t, err, fault.Conflict)
		_, err = h.client.Checkout(as(bob), cartclient.CheckoutRequest{CheckoutID: checkoutID, Address: address})
		testkit.WantFault(t, err, fault.Conflict)
		h.unchanged(before)

		// A new checkout of the now empty cart.
		_, err = h.client.Checkout(as(alice), cartclient.CheckoutRequest{CheckoutID: id.New(), Address: address})
		if fe := testkit.WantFault(t, err, fault.Invalid); fe.Message != "your cart is empty" {
			t.Fatalf("empty cart: %q", fe.Message)
		}
		if len(h.orders.called()) != 1 {
			t.Fatalf("order service called %d times", len(h.orders.called()))
		}
	})
}

func TestCheckoutSentTwiceAtOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.listed(newShop("Volt & Wire"), "Cable", []int64{900}, 10)
		c := h.add(alice, cartclient.Mine, p.Vids[0], 2)
		n := len(h.events())
		checkoutID := id.New()
		const senders = 4
		results := make([]cartclient.CheckoutResult, senders)
		errs := make([]error, senders)
		var wg sync.WaitGroup
		for i := range senders {
			wg.Go(func() {
				results[i], errs[i] = h.client.Checkout(as(alice), cartclient.CheckoutRequest{CheckoutID: checkoutID, Address: address})
			})
		}
		wg.Wait()
		for i := range senders {
			if errs[i] != nil || !reflect.DeepEqual(results[i], results[0]) {
				t.Fatalf("sender %d: %+v %v, want %+v", i, results[i], errs[i], results[0])
			}
		}
		// The order service may be asked more than once (it is idempotent
		// too); the cart checks out once.
		if got := types(h.eventsSince(n)); !slices.Equal(got, []string{"cart.checked_out " + c.ID}) {
			t.Fatalf("events %v", got)
		}
		if after := h.get(alice, cartclient.Mine); len(after.Groups) != 0 || after.Version != c.Version+1 {
			t.Fatalf("cart %+v", after)
		}
	})
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestCheckoutRefusesChangedPricesOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.listed(newShop("Summit Gear"), "Tent", []int64{19900, 4900}, 5, 5)
		h.add(alice, cartclient.Mine, p.Vids[0], 1)
		c := h.add(alice, cartclient.Mine, p.Vids[1], 2)

		p.Prices = []int64{21900, 4900}
		h.deliver("product", updated(p, 2))
		n := len(h.events())
		checkoutID := id.New()
		_, err := h.client.Checkout(as(alice), cartclient.CheckoutRequest{CheckoutID: checkoutID, Address: address})
		if fe := testkit.WantFault(t, err, fault.Conflict); !strings.Contains(fe.Message, "some prices changed") {
			t.Fatalf("message %q", fe.Message)
		}
		if len(h.orders.called()) != 0 {
			t.Fatal("the order service was called")
		}
		// The shopper has now seen the new price.
		seen := h.get(alice, cartclient.Mine)
		if it := item(t, seen, p.Vids[0]); it.AddedPrice.Amount != 21900 || it.Problem != "" || seen.Version != c.Version+1 {
			t.Fatalf("after the refusal %+v", seen)
		}
		es := h.eventsSince(n)
		if len(es) != 1 || es[0].Type != "cart.updated" || es[0].Cart.Items[0].UnitPrice != 21900 {
			t.Fatalf("events %v", types(es))
		}
		// The same checkout again goes through, at the new price.
		res := h.checkout(alice, checkoutID)
		if len(res.Orders) != 1 || res.Orders[0].Total.Amount != 21900+2*4900 {
			t.Fatalf("result %+v", res)
		}
		if calls := h.orders.called(); len(calls) != 1 || calls[0].Request.Lines[0].ExpectedPrice != 21900 {
			t.Fatalf("order calls %+v", calls)
		}
	})
}

func TestCheckoutKeepsFailedShopsAndUnavailableItems(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		clay, volt := newShop("Nordic Clay"), newShop("Volt & Wire")
		mug := h.listed(clay, "Mug", []int64{2400, 2600}, 10, 10)
		lamp := h.listed(volt, "Lamp", []int64{4500}, 10)
		h.add(alice, cartclient.Mine, mug.Vids[0], 2)
		h.add(alice, cartclient.Mine, lamp.Vids[0], 1)
		h.add(alice, cartclient.Mine, mug.Vids[1], 1)
		// The second mug is no longer sold.
		h.catalog.remove(mug.Vids[1])
		retired := mug
		retired.Vids, retired.Prices = mug.Vids[:1], mug.Prices[:1]
		h.deliver("product", updated(retired, 2))
		h.orders.failShop(volt.ID, "only 0 left")

		res := h.checkout(alice, id.New())
		if len(res.Orders) != 1 || res.Orders[0].ShopID != clay.ID || len(res.Failed) != 1 || res.Failed[0].ShopID != volt.ID {
			t.Fatalf("result %+v", res)
		}
		if lines := h.orders.called()[0].Request.Lines; len(lines) != 2 || lines[0].VariationID != mug.Vids[0] || lines[1].VariationID != lamp.Vids[0] {
			t.Fatalf("ordered lines %+v", lines)
		}
		c := h.get(alice, cartclient.Mine)
		if q := quantities(c); len(q) != 2 || q[lamp.Vids[0]] != 1 || q[mug.Vids[1]] != 1 {
			t.Fatalf("left in the cart %v", q)
		}
		if it := item(t, c, mug.Vids[1]); it.Problem != cartclient.ProblemUnavailable {
			t.Fatalf("retired item %+v", it)
		}
		es := h.events()
		co := es[len(es)-1].CheckedOut
		if es[len(es)-1].Type != "cart.checked_out" || len(co.Items) != 1 || co.Items[0].VariationID != mug.Vids[0] || len(co.OrderIDs) != 1 {
			t.Fatalf("cart.checked_out %+v", co)
		}
		// Nothing but unavailable items and a failing shop: the shop's
		// order fails again, the cart stays.
		res = h.checkout(alice, id.New())
		if len(res.Orders) != 0 || len(res.Failed) != 1 {
			t.Fatalf("second result %+v", res)
		}
		if q := quantities(h.get(alice, cartclient.Mine)); len(q) != 2 {
			t.Fatalf("cart after a failed checkout %v", q)
		}
		h.add(alice, cartclient.Mine, lamp.Vids[0], 0+1)
		if _, err := h.client.Remove(as(alice), cartclient.Mine, lamp.Vids[0]); err != nil {
			t.Fatal(err)
		}
		_, err := h.client.Checkout(as(alice), cartclient.CheckoutRequest{CheckoutID: id.New(), Address: address})
		testkit.WantFault(t, err, fault.Invalid)
	})
}

func TestCheckoutBadInput(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.listed(newShop("Paper Trail"), "Planner", []int64{1900}, 5)
		h.add(alice, cartclient.Mine, p.Vids[0], 1)
		before := h.snapshot()
		blank := address
		blank.FullName, blank.Country = " ", "N"
		for _, tc := range []struct {
			name   string
			r      cartclient.CheckoutRequest
			fields []string
		}{
			{"no id", cartclient.CheckoutRequest{Address: address}, []string{"checkout_id"}},
			{"not a uuid", cartclient.CheckoutRequest{CheckoutID: "checkout-1", Address: address}, []string{"checkout_id"}},
			{"bad address", cartclient.CheckoutRequest{CheckoutID: id.New(), Address: blank}, []string{"address.full_name", "address.country"}},
		} {
			_, err := h.client.Checkout(as(alice), tc.r)
			testkit.WantFault(t, err, fault.Invalid, tc.fields...)
		}
		h.unchanged(before)
		if len(h.orders.called()) != 0 {
			t.Fatal("the order service was called")
		}
		// Bob has no cart.
		_, err := h.client.Checkout(as(bob), cartclient.CheckoutRequest{CheckoutID: id.New(), Address: address})
		if fe := testkit.WantFault(t, err, fault.Invalid); fe.Message != "your cart is empty" {
			t.Fatalf("message %q", fe.Message)
		}
	})
}
