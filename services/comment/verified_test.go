package comment_test

import (
	"slices"
	"testing"

	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

// order.paid marks the buyer's reviews of what they bought as verified:
// the reviews written before the purchase, and those written after.
func TestVerifiedBuyer(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		bought := h.products.add(id.New(), id.New())
		later := h.products.add(id.New(), id.New())
		other := h.products.add(id.New(), id.New())
		buyer, browser := user(actor.Shopper), user(actor.Shopper)
		before := h.create(buyer, bought.ID, 4, "Lovely.")
		notBought := h.create(buyer, other.ID, 3, "")
		someoneElse := h.create(browser, bought.ID, 5, "")

		env := testkit.Event(t, "order", orderevents.OrderPaid{Order: orderevents.Order{
			OrderID: id.New(), BuyerID: buyer.UserID,
			Lines: []orderevents.Line{{ProductID: bought.ID, Quantity: 1}, {ProductID: later.ID, Quantity: 2}},
		}})
		if got := testkit.Deliver(t, h.served, env, env); !slices.Equal(got, []testkit.Outcome{testkit.Acked, testkit.Acked}) {
			t.Fatalf("outcomes %v", got)
		}
		check := func(who actor.Actor, productID string, want bool) {
			t.Helper()
			r, err := h.client.Mine(as(who), productID)
			if err != nil {
				t.Fatal(err)
			}
			if r.Verified != want {
				t.Fatalf("review %s verified = %v, want %v", r.ID, r.Verified, want)
			}
		}
		check(buyer, before.ProductID, true)
		check(buyer, notBought.ProductID, false)
		check(browser, someoneElse.ProductID, false)
		h.create(buyer, later.ID, 5, "Bought two.")
		check(buyer, later.ID, true)
		if n := h.count("purchases"); n != 2 {
			t.Fatalf("%d purchases recorded, want 2", n)
		}
	})
}
