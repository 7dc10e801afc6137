package warehouse_test

import (
	"context"
	"testing"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

func TestSeed(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		owners := map[string]actor.Actor{}
		for _, s := range demo.Shops {
			owners[s.ID] = actor.Actor{UserID: s.OwnerID, Role: actor.Seller}
		}
		// The product event of the first demo product arrived first: its
		// bare rows still get their stock.
		first := demo.Products[0]
		var firstIDs []string
		for _, v := range first.Variations {
			firstIDs = append(firstIDs, v.ID)
		}
		h.deliver(created(first.ID, first.ShopID, owners[first.ShopID], 1, firstIDs...))

		for range 2 {
			if err := h.svc.Seed(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		rows := h.rows()
		var variations, stocked int64
		for _, p := range demo.Products {
			for _, v := range p.Variations {
				variations++
				r, ok := rows[v.ID]
				if !ok || r.Available != v.Stock || r.ProductID != p.ID || r.ShopID != p.ShopID || r.OwnerID != owners[p.ShopID].UserID {
					t.Fatalf("variation %s: %+v", v.SKU, r)
				}
				if v.Stock > 0 {
					stocked++
				}
			}
		}
		if int64(len(rows)) != variations || h.count("stock_movements") != stocked {
			t.Fatalf("%d rows, %d movements; want %d and %d", len(rows), h.count("stock_movements"), variations, stocked)
		}
		evs := h.events()
		if int64(len(evs)) != stocked {
			t.Fatalf("%d events, want %d", len(evs), stocked)
		}
		for _, e := range evs {
			if e.Type != "stock.increased" || e.Reason != "initial stock" || e.Version != 1 || e.Quantity != e.Available {
				t.Fatalf("event %+v", e)
			}
		}
		h.auditClean()

		// The demo owners manage their own stock and nobody else's.
		v := first.Variations[0]
		ms, err := h.client.Movements(as(owners[first.ShopID]), v.ID, 10)
		if err != nil || len(ms) != 1 || ms[0].Reason != "initial stock" || ms[0].DeltaAvailable != v.Stock {
			t.Fatalf("movements %+v, %v", ms, err)
		}
		other := owners[demo.Shops[1].ID]
		_, err = h.client.Adjust(as(other), v.ID, warehouseclient.Adjustment{Mode: "add", Quantity: 1, Reason: "x"})
		testkit.WantFault(t, err, fault.Forbidden)

		// A product event after seeding changes no numbers.
		before := h.snapshot()
		h.deliver(updated(first.ID, first.ShopID, owners[first.ShopID], 2, firstIDs...))
		after := h.snapshot()
		for id, r := range before.Rows {
			if a := after.Rows[id]; a.Available != r.Available || a.Retired {
				t.Fatalf("%s: %+v -> %+v", id, r, a)
			}
		}
	})
}
