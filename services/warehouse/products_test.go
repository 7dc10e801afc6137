package warehouse_test

import (
	"testing"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

func deletedEvent(productID, shopID string, owner actor.Actor, version int64, variationIDs ...string) productevents.ProductDeleted {
	return productevents.ProductDeleted{
		ProductID: productID, ShopID: shopID, OwnerID: owner.UserID, VariationIDs: variationIDs, Version: version, DeletedAt: start,
	}
}

func TestLearnsProductsFromEvents(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		pid, a, b, c := id.New(), id.New(), id.New(), id.New()

		// Delivered twice (the same event id): applied once.
		env := testkit.Event(t, "product", created(pid, shopA, sellerA, 1, a, b))
		h.deliverEnvelopes(env, env)
		rows := h.rows()
		if len(rows) != 2 || rows[a].ProductID != pid || rows[a].ShopID != shopA || rows[a].OwnerID != sellerA.UserID ||
			rows[a].Available != 0 || rows[a].Retired || rows[b].Retired {
			t.Fatalf("rows %+v", rows)
		}
		h.adjust(sellerA, b, "set", 4, "count")

		// Version 3 drops b and adds c.
		h.deliver(updated(pid, shopA, sellerA, 3, a, c))
		rows = h.rows()
		if !rows[b].Retired || rows[b].Available != 4 || rows[a].Retired || rows[c].Retired || len(rows) != 3 {
			t.Fatalf("after v3: %+v", rows)
		}
		// A retired variation reports 0 and refuses adjustments.
		if got, _ := h.client.Availability(anonymous, []string{b}); got[b] != 0 {
			t.Fatalf("retired availability %d", got[b])
		}
		_, err := h.client.Adjust(as(sellerA), b, warehouseclient.Adjustment{Mode: "add", Quantity: 1, Reason: "x"})
		testkit.WantFault(t, err, fault.Conflict)

		// Late events (version 2, and the created event again) change nothing.
		before := h.snapshot()
		h.deliver(updated(pid, shopA, sellerA, 2, a, b), created(pid, shopA, sellerA, 1, a, b))
		h.unchanged(before)

		// Deleted: every variation retired, the numbers kept for the ledger.
		env = testkit.Event(t, "product", deletedEvent(pid, shopA, sellerA, 4, a, c))
		h.deliverEnvelopes(env, env)
		for v, r := range h.rows() {
			if !r.Retired {
				t.Fatalf("%s not retired after the deletion", v)
			}
		}
		// Nothing revives a deleted product, whatever its version.
		before = h.snapshot()
		h.deliver(updated(pid, shopA, sellerA, 9, a, b, c), deletedEvent(pid, shopA, sellerA, 4, a, c))
		h.unchanged(before)
		h.auditClean()
	})
}

func TestProductEventsOutOfOrder(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		pid, x, y := id.New(), id.New(), id.New()
		// The update (version 2) overtakes the creation (version 1).
		h.deliver(updated(pid, shopA, sellerA, 2, x), created(pid, shopA, sellerA, 1, x, y))
		rows := h.rows()
		if len(rows) != 1 || rows[x].Retired {
			t.Fatalf("rows %+v", rows)
		}

		// A deletion that arrives before anything else retires what it names
		// and keeps the product from being created later.
		gone, v := id.New(), id.New()
		h.deliver(deletedEvent(gone, shopB, sellerB, 2, v), created(gone, shopB, sellerB, 1, v))
		if _, ok := h.rows()[v]; ok {
			t.Fatal("a deleted product's variation was created")
		}

		// The owner moves with the events (a product keeps its shop, but the
		// warehouse follows whatever the newest event says).
		h.deliver(updated(pid, shopB, sellerB, 3, x))
		if r := h.row(x); r.ShopID != shopB || r.OwnerID != sellerB.UserID {
			t.Fatalf("row %+v", r)
		}
		_, err := h.client.Adjust(as(sellerA), x, warehouseclient.Adjustment{Mode: "add", Quantity: 1, Reason: "x"})
		testkit.WantFault(t, err, fault.Forbidden)
		h.adjust(sellerB, x, "add", 1, "x")
	})
}

func TestMalformedProductEventsAreDeadLettered(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		before := h.snapshot()
		bad := []productevents.ProductCreated{
			created("", shopA, sellerA, 1, id.New()),
			{Product: productevents.Product{ProductID: id.New(), Version: 1, Variations: []productevents.Variation{{}}}},
		}
		for _, p := range bad {
			out := testkit.Deliver(t, h.served, testkit.Event(t, "product", p))
			if out[0] != testkit.DeadLettered {
				t.Fatalf("%+v was %s", p, out[0])
			}
		}
		h.unchanged(before)
	})
}
