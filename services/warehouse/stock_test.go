package warehouse_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

func TestAdjustments(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		pid, vids := h.listed(sellerA, shopA, 0)
		v := vids[0]

		s := h.adjust(sellerA, v, "set", 10, "stock count")
		if s.VariationID != v || s.ProductID != pid || s.ShopID != shopA || s.Available != 10 || s.Reserved != 0 || !s.UpdatedAt.Equal(start) {
			t.Fatalf("after set: %+v", s)
		}
		h.clock.Advance(1)
		if s = h.adjust(sellerA, v, "add", 5, "restock"); s.Available != 15 {
			t.Fatalf("after add: %+v", s)
		}
		h.clock.Advance(1)
		if s = h.adjust(sellerA, v, "remove", 15, "  damaged in transit "); s.Available != 0 {
			t.Fatalf("after remove: %+v", s)
		}
		h.clock.Advance(1)
		if s = h.adjust(admin, v, "set", 4, "correction by support"); s.Available != 4 {
			t.Fatalf("admin set: %+v", s)
		}

		// A set that changes nothing records nothing.
		before := h.snapshot()
		if s = h.adjust(sellerA, v, "set", 4, "count again"); s.Available != 4 {
			t.Fatalf("no-op set: %+v", s)
		}
		h.unchanged(before)

		evs := h.events()
		want := []struct {
			typ             string
			qty, avail, ver int64
			reason          string
		}{
			{"stock.increased", 10, 10, 1, "stock count"},
			{"stock.increased", 5, 15, 2, "restock"},
			{"stock.decreased", 15, 0, 3, "damaged in transit"},
			{"stock.increased", 4, 4, 4, "correction by support"},
		}
		if len(evs) != len(want) {
			t.Fatalf("%d events, want %d: %+v", len(evs), len(want), evs)
		}
		ms, err := h.client.Movements(as(sellerA), v, 0)
		if err != nil || len(ms) != 4 {
			t.Fatalf("movements %+v, %v", ms, err)
		}
		for i, w := range want {
			e := evs[i]
			m := ms[len(ms)-1-i] // newest first
			if e.Type != w.typ || e.Quantity != w.qty || e.Available != w.avail || e.Version != w.ver || e.Reason != w.reason ||
				e.VariationID != v || e.ProductID != pid || e.ShopID != shopA || e.MovementID != m.ID || e.Reference != "" {
				t.Errorf("event %d: %+v, want %+v (movement %s)", i, e, w, m.ID)
			}
			delta := w.qty
			if w.typ == "stock.decreased" {
				delta = -delta
			}
			if m.Kind != "adjustment" || m.DeltaAvailable != delta || m.DeltaReserved != 0 || m.DeltaSold != 0 || m.Reason != w.reason {
				t.Errorf("movement %d: %+v", i, m)
			}
		}
		if ms[0].ActorID != admin.UserID || ms[1].ActorID != sellerA.UserID {
			t.Errorf("movement actors %q %q", ms[0].ActorID, ms[1].ActorID)
		}
		if r := h.row(v); r.Version != 4 || r.Available != 4 {
			t.Fatalf("row %+v", r)
		}
		h.auditClean()
	})
}

func TestAdjustRejectsBadInput(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		_, vids := h.listed(sellerA, shopA, 3)
		v := vids[0]
		tests := []struct {
			name   string
			adj    warehouseclient.Adjustment
			target *fault.Error
			fields []string
		}{
			{"add zero", warehouseclient.Adjustment{Mode: "add", Quantity: 0, Reason: "x"}, fault.Invalid, []string{"quantity"}},
			{"remove zero", warehouseclient.Adjustment{Mode: "remove", Quantity: 0, Reason: "x"}, fault.Invalid, []string{"quantity"}},
			{"negative set", warehouseclient.Adjustment{Mode: "set", Quantity: -1, Reason: "x"}, fault.Invalid, []string{"quantity"}},
			{"negative add", warehouseclient.Adjustment{Mode: "add", Quantity: -3, Reason: "x"}, fault.Invalid, []string{"quantity"}},
			{"huge", warehouseclient.Adjustment{Mode: "add", Quantity: 1_000_001, Reason: "x"}, fault.Invalid, []string{"quantity"}},
			{"bad mode", warehouseclient.Adjustment{Mode: "multiply", Quantity: 2, Reason: "x"}, fault.Invalid, []string{"mode"}},
			{"no mode", warehouseclient.Adjustment{Quantity: 2, Reason: "x"}, fault.Invalid, []string{"mode"}},
			{"empty reason", warehouseclient.Adjustment{Mode: "add", Quantity: 2, Reason: "  "}, fault.Invalid, []string{"reason"}},
			{"long reason", warehouseclient.Adjustment{Mode: "add", Quantity: 2, Reason: strings.Repeat("r", 201)}, fault.Invalid, []string{"reason"}},
			{"remove more than available", warehouseclient.Adjustment{Mode: "remove", Quantity: 4, Reason: "x"}, fault.Conflict, []string{"quantity"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := h.snapshot()
				_, err := h.client.Adjust(as(sellerA), v, tt.adj)
				fe := testkit.WantFault(t, err, tt.target, tt.fields...)
				if tt.target == fault.Conflict && fe.Message != "only 3 available" {
					t.Errorf("message %q", fe.Message)
				}
				h.unchanged(before)
			})
		}

		// Malformed bodies are refused too.
		before := h.snapshot()
		for _, body := range []string{`{"mode": "add", "quantity": "5", "reason": "x"}`, `{"mode": "add", "quantity": 1.5, "reason": "x"}`,
			`{"mode": "add", "quantity": 99999999999999999999, "reason": "x"}`, `not json`, ``} {
			if status := h.post(sellerA, "/v1/stock/"+v+"/adjustments", body); status != http.StatusUnprocessableEntity {
				t.Errorf("body %q: status %d", body, status)
			}
		}
		h.unchanged(before)

		_, err := h.client.Adjust(as(sellerA), id.New(), warehouseclient.Adjustment{Mode: "add", Quantity: 1, Reason: "x"})
		if fe := testkit.WantFault(t, err, fault.NotFound); fe.Message != "unknown variation" {
			t.Fatalf("unknown variation: %q", fe.Message)
		}
		h.unchanged(before)
		if r := h.row(v); r.Available != 3 {
			t.Fatalf("row %+v", r)
		}
	})
}

func TestStockAuthorization(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		pid, vids := h.listed(sellerA, shopA, 5)
		v := vids[0]
		h.products.put(catalogProduct(pid, shopA, sellerA, vids...))
		add := warehouseclient.Adjustment{Mode: "add", Quantity: 1, Reason: "mine now"}
		before := h.snapshot()

		for _, tc := range []struct {
			name   string
			ctx    context.Context
			target *fault.Error
		}{
			{"seller B", as(sellerB), fault.Forbidden},
			{"shopper", as(shopper), fault.Forbidden},
			{"anonymous", anonymous, fault.Unauthenticated},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := h.client.Adjust(tc.ctx, v, add)
				testkit.WantFault(t, err, tc.target)
				_, err = h.client.Movements(tc.ctx, v, 10)
				testkit.WantFault(t, err, tc.target)
				_, err = h.client.ProductStock(tc.ctx, pid)
				testkit.WantFault(t, err, tc.target)
				_, err = h.client.Audit(tc.ctx)
				testkit.WantFault(t, err, tc.target)
			})
		}
		// The seller cannot audit either; only admins.
		_, err := h.client.Audit(as(sellerA))
		testkit.WantFault(t, err, fault.Forbidden)
		h.unchanged(before)

		// Availability is public.
		got, err := h.client.Availability(anonymous, []string{v})
		if err != nil || got[v] != 5 {
			t.Fatalf("availability %v, %v", got, err)
		}
		// The owner and an admin may read.
		for _, a := range []context.Context{as(sellerA), as(admin)} {
			if ms, err := h.client.Movements(a, v, 10); err != nil || len(ms) != 1 {
				t.Fatalf("movements %+v, %v", ms, err)
			}
			if st, err := h.client.ProductStock(a, pid); err != nil || len(st) != 1 || st[0].Available != 5 {
				t.Fatalf("product stock %+v, %v", st, err)
			}
		}
	})
}

func TestAvailability(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		pid, vids := h.listed(sellerA, shopA, 7, 2)
		unknown := id.New()
		got, err := h.client.Availability(anonymous, []string{vids[0], vids[1], unknown, vids[0]})
		if err != nil || len(got) != 3 || got[vids[0]] != 7 || got[vids[1]] != 2 || got[unknown] != 0 {
			t.Fatalf("availability %v, %v", got, err)
		}
		if got, err := h.client.Availability(anonymous, nil); err != nil || len(got) != 0 {
			t.Fatalf("no ids: %v, %v", got, err)
		}
		// Retired variations (removed from the product) are 0.
		h.deliver(updated(pid, shopA, sellerA, 2, vids[0]))
		if got, err := h.client.Availability(anonymous, vids); err != nil || got[vids[0]] != 7 || got[vids[1]] != 0 {
			t.Fatalf("after retiring: %v, %v", got, err)
		}
		many := make([]string, 201)
		for i := range many {
			many[i] = id.New()
		}
		_, err = h.client.Availability(anonymous, many)
		testkit.WantFault(t, err, fault.Invalid, "variation_id")
		if got, err := h.client.Availability(anonymous, many[:200]); err != nil || len(got) != 200 {
			t.Fatalf("200 ids: %d, %v", len(got), err)
		}
	})
}

func TestMovementsLimit(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		_, vids := h.listed(sellerA, shopA, 1)
		v := vids[0]
		for i := range 60 {
			h.clock.Advance(1)
			h.adjust(sellerA, v, "add", int64(i+1), "restock")
		}
		ms, err := h.client.Movements(as(sellerA), v, 0)
		if err != nil || len(ms) != 50 {
			t.Fatalf("default page: %d, %v", len(ms), err)
		}
		if ms[0].DeltaAvailable != 60 || ms[49].DeltaAvailable != 11 {
			t.Fatalf("not newest first: %d .. %d", ms[0].DeltaAvailable, ms[49].DeltaAvailable)
		}
		if ms, err := h.client.Movements(as(sellerA), v, 200); err != nil || len(ms) != 61 || ms[60].Reason != "initial count" {
			t.Fatalf("all: %d, %v", len(ms), err)
		}
		if ms, err := h.client.Movements(as(sellerA), v, 3); err != nil || len(ms) != 3 {
			t.Fatalf("three: %d, %v", len(ms), err)
		}
		for _, bad := range []int{-1, 201} {
			_, err := h.client.Movements(as(sellerA), v, bad)
			testkit.WantFault(t, err, fault.Invalid, "limit")
		}
		_, err = h.client.Movements(as(sellerA), id.New(), 10)
		testkit.WantFault(t, err, fault.NotFound)
	})
}

// The web calls ProductStock before the seller's first adjustment; it
// learns from the product service what no event has told yet.
func TestProductStockFallsBackOnTheProductService(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := as(sellerA)

		// A product no event has announced yet.
		pid, v1, v2 := id.New(), id.New(), id.New()
		h.products.put(catalogProduct(pid, shopA, sellerA, v1, v2))
		_, err := h.client.Adjust(ctx, v1, warehouseclient.Adjustment{Mode: "set", Quantity: 3, Reason: "first"})
		testkit.WantFault(t, err, fault.NotFound)

		// Seller B and a shopper learn nothing and create nothing.
		before := h.snapshot()
		for _, a := range []context.Context{as(sellerB), as(shopper)} {
			_, err := h.client.ProductStock(a, pid)
			testkit.WantFault(t, err, fault.Forbidden)
		}
		h.unchanged(before)

		st, err := h.client.ProductStock(ctx, pid)
		if err != nil || len(st) != 2 || st[0].Available != 0 || st[0].ProductID != pid || st[0].ShopID != shopA {
			t.Fatalf("learned stock %+v, %v", st, err)
		}
		if n := h.count("stock_movements"); n != 0 {
			t.Fatalf("learning wrote %d movements", n)
		}
		h.adjust(sellerA, v1, "set", 3, "first")
		// Asking again adds nothing.
		before = h.snapshot()
		if st, err := h.client.ProductStock(ctx, pid); err != nil || len(st) != 2 {
			t.Fatalf("again: %+v, %v", st, err)
		}
		h.unchanged(before)

		// The late created event (version 1) applies over what was learned
		// (version 0) and duplicates nothing.
		h.deliver(created(pid, shopA, sellerA, 1, v1, v2))
		if r := h.row(v1); r.Available != 3 || r.OwnerID != sellerA.UserID || r.Retired {
			t.Fatalf("after the event: %+v", r)
		}

		// A variation added a moment ago, its product.updated not here yet.
		v3 := id.New()
		h.products.put(catalogProduct(pid, shopA, sellerA, v1, v2, v3))
		st, err = h.client.ProductStock(ctx, pid)
		if err != nil || len(st) != 3 {
			t.Fatalf("with the new variation: %+v, %v", st, err)
		}
		h.adjust(sellerA, v3, "add", 9, "first delivery")

		// A variation removed a moment ago is no longer shown, but only the
		// event retires it.
		h.products.put(catalogProduct(pid, shopA, sellerA, v1, v3))
		st, err = h.client.ProductStock(ctx, pid)
		if err != nil || len(st) != 2 || st[0].VariationID == v2 && st[1].VariationID == v2 {
			t.Fatalf("after removal: %+v, %v", st, err)
		}
		for _, s := range st {
			if s.VariationID == v2 {
				t.Fatal("removed variation shown")
			}
		}
		if h.row(v2).Retired {
			t.Fatal("the fallback retired a row")
		}

		// The product service down: a known product is answered from the
		// warehouse's own rows, an unknown one is unavailable.
		h.products.setDown(true)
		if st, err := h.client.ProductStock(ctx, pid); err != nil || len(st) != 3 {
			t.Fatalf("degraded: %+v, %v", st, err)
		}
		_, err = h.client.ProductStock(ctx, id.New())
		testkit.WantFault(t, err, fault.Unavailable)
		h.products.setDown(false)

		// Unknown to both, or deleted: not found.
		_, err = h.client.ProductStock(ctx, id.New())
		testkit.WantFault(t, err, fault.NotFound)
		h.deliver(deletedEvent(pid, shopA, sellerA, 3, v1, v2, v3))
		_, err = h.client.ProductStock(ctx, pid)
		testkit.WantFault(t, err, fault.NotFound)
		h.auditClean()
	})
}

func TestAuditFindsTampering(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		_, vids := h.listed(sellerA, shopA, 5, 6)
		rep := h.auditClean()
		if rep.Checked != 2 {
			t.Fatalf("checked %d", rep.Checked)
		}
		// Someone edits a row behind the ledger's back.
		if err := h.db.Conn(context.Background()).Exec(`UPDATE stock SET available = available + 2 WHERE variation_id = ?`, vids[1]).Error; err != nil {
			t.Fatal(err)
		}
		rep, err := h.client.Audit(as(admin))
		if err != nil || len(rep.Items) != 1 || rep.Checked != 2 {
			t.Fatalf("audit %+v, %v", rep, err)
		}
		m := rep.Items[0]
		if m.VariationID != vids[1] || m.Available != 8 || m.LedgerAvailable != 6 || len(m.Problems) == 0 {
			t.Fatalf("mismatch %+v", m)
		}
		// The ledger itself cannot be edited or trimmed.
		for _, q := range []string{`UPDATE stock_movements SET delta_available = 8`, `DELETE FROM stock_movements`} {
			if err := h.db.Conn(context.Background()).Exec(q).Error; err == nil {
				t.Fatalf("%s succeeded on the append-only ledger", q)
			}
		}
	})
}
