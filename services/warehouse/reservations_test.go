package warehouse_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

func lines(pairs ...any) []warehouseclient.Line {
	var out []warehouseclient.Line
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, warehouseclient.Line{VariationID: pairs[i].(string), Quantity: int64(pairs[i+1].(int))})
	}
	return out
}

func TestReserveCommitRelease(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		pid, vids := h.listed(sellerA, shopA, 10, 5)
		a, b := vids[0], vids[1]
		ctx := as(shopper)
		evsBefore := len(h.events())

		order := id.New()
		r, err := h.client.Reserve(ctx, warehouseclient.ReserveRequest{OrderID: order, Lines: lines(b, 2, a, 3)})
		if err != nil {
			t.Fatal(err)
		}
		if r.OrderID != order || r.State != "held" || len(r.Lines) != 2 || r.Lines[0] != (warehouseclient.Line{VariationID: b, Quantity: 2}) ||
			!r.CreatedAt.Equal(start) {
			t.Fatalf("reservation %+v", r)
		}
		if ra, rb := h.row(a), h.row(b); ra.Available != 7 || ra.Reserved != 3 || rb.Available != 3 || rb.Reserved != 2 {
			t.Fatalf("rows %+v %+v", ra, rb)
		}
		evs := h.events()[evsBefore:]
		if len(evs) != 2 {
			t.Fatalf("events %+v", evs)
		}
		for _, e := range evs {
			if e.Type != "stock.decreased" || e.Reason != "reserved" || e.Reference != order || e.ProductID != pid {
				t.Fatalf("event %+v", e)
			}
			if e.VariationID == a && (e.Quantity != 3 || e.Available != 7 || e.Version != 2) {
				t.Fatalf("event of a %+v", e)
			}
		}
		ms, _ := h.client.Movements(as(sellerA), a, 1)
		if m := ms[0]; m.Kind != "reserve" || m.DeltaAvailable != -3 || m.DeltaReserved != 3 || m.Reference != order || m.ActorID != shopper.UserID {
			t.Fatalf("movement %+v", m)
		}
		if got, _ := h.client.Availability(anonymous, []string{a}); got[a] != 7 {
			t.Fatalf("availability %v", got)
		}

		// The same order again (lines in another order): the same reservation,
		// nothing moved.
		before := h.snapshot()
		again, err := h.client.Reserve(ctx, warehouseclient.ReserveRequest{OrderID: order, Lines: lines(a, 3, b, 2)})
		if err != nil || again.State != "held" || len(again.Lines) != 2 || again.Lines[0].VariationID != b {
			t.Fatalf("replay %+v, %v", again, err)
		}
		h.unchanged(before)
		// The same order with other lines is a conflict; someone else's is forbidden.
		_, err = h.client.Reserve(ctx, warehouseclient.ReserveRequest{OrderID: order, Lines: lines(a, 4, b, 2)})
		testkit.WantFault(t, err, fault.Conflict)
		_, err = h.client.Reserve(as(sellerB), warehouseclient.ReserveRequest{OrderID: order, Lines: lines(a, 3, b, 2)})
		testkit.WantFault(t, err, fault.Forbidden)
		h.unchanged(before)

		// Commit: reserved becomes sold, no stock event; twice is a no-op;
		// release afterwards is a conflict. Only the reserving actor or an
		// admin may settle.
		_, err = h.client.Commit(as(sellerB), order)
		testkit.WantFault(t, err, fault.Forbidden)
		_, err = h.client.Commit(anonymous, order)
		testkit.WantFault(t, err, fault.Unauthenticated)
		h.clock.Advance(1)
		c, err := h.client.Commit(ctx, order)
		if err != nil || c.State != "committed" || !c.UpdatedAt.Equal(start.Add(1)) {
			t.Fatalf("commit %+v, %v", c, err)
		}
		if ra := h.row(a); ra.Available != 7 || ra.Reserved != 0 || ra.Sold != 3 {
			t.Fatalf("after commit %+v", ra)
		}
		if n := len(h.events()); n != evsBefore+2 {
			t.Fatalf("commit published %d events", n-evsBefore-2)
		}
		ms, _ = h.client.Movements(as(sellerA), a, 1)
		if m := ms[0]; m.Kind != "commit" || m.DeltaReserved != -3 || m.DeltaSold != 3 || m.DeltaAvailable != 0 || m.Reference != order {
			t.Fatalf("commit movement %+v", m)
		}
		before = h.snapshot()
		if c, err := h.client.Commit(ctx, order); err != nil || c.State != "committed" {
			t.Fatalf("commit again %+v, %v", c, err)
		}
		_, err = h.client.Release(ctx, order)
		testkit.WantFault(t, err, fault.Conflict)
		h.unchanged(before)

		// Release: reserved goes back to available with stock.increased;
		// twice is a no-op; commit afterwards is a conflict. An admin may do it.
		order2 := id.New()
		if _, err := h.client.Reserve(ctx, warehouseclient.ReserveRequest{OrderID: order2, Lines: lines(a, 7)}); err != nil {
			t.Fatal(err)
		}
		if got, _ := h.client.Availability(anonymous, []string{a}); got[a] != 0 {
			t.Fatalf("availability %v", got)
		}
		n := len(h.events())
		rel, err := h.client.Release(as(admin), order2)
		if err != nil || rel.State != "released" {
			t.Fatalf("release %+v, %v", rel, err)
		}
		if ra := h.row(a); ra.Available != 7 || ra.Reserved != 0 || ra.Sold != 3 {
			t.Fatalf("after release %+v", ra)
		}
		evs = h.events()[n:]
		if len(evs) != 1 || evs[0].Type != "stock.increased" || evs[0].Reason != "released" || evs[0].Reference != order2 ||
			evs[0].Quantity != 7 || evs[0].Available != 7 {
			t.Fatalf("release events %+v", evs)
		}
		before = h.snapshot()
		if rel, err := h.client.Release(ctx, order2); err != nil || rel.State != "released" {
			t.Fatalf("release again %+v, %v", rel, err)
		}
		_, err = h.client.Commit(ctx, order2)
		testkit.WantFault(t, err, fault.Conflict)
		// Reserving a released order again returns it as it is.
		if again, err := h.client.Reserve(ctx, warehouseclient.ReserveRequest{OrderID: order2, Lines: lines(a, 7)}); err != nil || again.State != "released" {
			t.Fatalf("reserve released %+v, %v", again, err)
		}
		h.unchanged(before)

		for _, f := range []func(context.Context, string) (warehouseclient.Reservation, error){h.client.Commit, h.client.Release} {
			_, err := f(ctx, id.New())
			testkit.WantFault(t, err, fault.NotFound)
		}
		h.auditClean()
	})
}

func TestReserveIsAllOrNothing(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		pid, vids := h.listed(sellerA, shopA, 10, 2, 0, 5)
		plenty, few, none, gone := vids[0], vids[1], vids[2], vids[3]
		h.deliver(updated(pid, shopA, sellerA, 2, plenty, few, none)) // retires "gone"
		unknown := id.New()
		ctx := as(shopper)

		before := h.snapshot()
		_, err := h.client.Reserve(ctx, warehouseclient.ReserveRequest{OrderID: id.New(),
			Lines: lines(plenty, 5, few, 3, none, 1, gone, 1, unknown, 1)})
		fe := testkit.WantFault(t, err, fault.Conflict, few, none, gone, unknown)
		want := map[string]string{few: "only 2 left", none: "sold out", gone: "no longer sold", unknown: "unknown variation"}
		for v, msg := range want {
			if fe.Fields[v] != msg {
				t.Errorf("%s: %q, want %q", v, fe.Fields[v], msg)
			}
		}
		h.unchanged(before) // the plenty line was rolled back too

		_, err = h.client.Reserve(ctx, warehouseclient.ReserveRequest{OrderID: id.New(), Lines: lines(plenty, 5, few, 3)})
		if fe := testkit.WantFault(t, err, fault.Conflict, few); fe.Message == "" {
			t.Fatal("no message")
		}
		h.unchanged(before)

		// The order can be reserved once the stock is there.
		order := id.New()
		_, err = h.client.Reserve(ctx, warehouseclient.ReserveRequest{OrderID: order, Lines: lines(plenty, 5, few, 3)})
		testkit.WantFault(t, err, fault.Conflict)
		h.adjust(sellerA, few, "add", 1, "found one")
		if r, err := h.client.Reserve(ctx, warehouseclient.ReserveRequest{OrderID: order, Lines: lines(plenty, 5, few, 3)}); err != nil || r.State != "held" {
			t.Fatalf("after restock %+v, %v", r, err)
		}
		if r := h.row(few); r.Available != 0 || r.Reserved != 3 {
			t.Fatalf("row %+v", r)
		}

		// A variation retired while held still settles.
		h.deliver(updated(pid, shopA, sellerA, 3, plenty))
		if _, err := h.client.Release(ctx, order); err != nil {
			t.Fatal(err)
		}
		if r := h.row(few); r.Available != 3 || r.Reserved != 0 || !r.Retired {
			t.Fatalf("retired row after release %+v", r)
		}
		if got, _ := h.client.Availability(anonymous, []string{few}); got[few] != 0 {
			t.Fatalf("retired availability %v", got)
		}
		h.auditClean()
	})
}

func TestReserveRejectsBadInput(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		_, vids := h.listed(sellerA, shopA, 5)
		v := vids[0]
		many := make([]warehouseclient.Line, 101)
		for i := range many {
			many[i] = warehouseclient.Line{VariationID: id.New(), Quantity: 1}
		}
		tests := []struct {
			name   string
			req    warehouseclient.ReserveRequest
			fields []string
		}{
			{"no order id", warehouseclient.ReserveRequest{Lines: lines(v, 1)}, []string{"order_id"}},
			{"no lines", warehouseclient.ReserveRequest{OrderID: id.New()}, []string{"lines"}},
			{"101 lines", warehouseclient.ReserveRequest{OrderID: id.New(), Lines: many}, []string{"lines"}},
			{"quantity 0", warehouseclient.ReserveRequest{OrderID: id.New(), Lines: lines(v, 0)}, []string{"lines[0].quantity"}},
			{"negative quantity", warehouseclient.ReserveRequest{OrderID: id.New(), Lines: lines(v, -2)}, []string{"lines[0].quantity"}},
			{"quantity 1001", warehouseclient.ReserveRequest{OrderID: id.New(), Lines: lines(v, 1001)}, []string{"lines[0].quantity"}},
			{"duplicate variation", warehouseclient.ReserveRequest{OrderID: id.New(), Lines: lines(v, 1, v, 1)}, []string{"lines[1].variation_id"}},
			{"no variation", warehouseclient.ReserveRequest{OrderID: id.New(), Lines: lines("", 1)}, []string{"lines[0].variation_id"}},
		}
		before := h.snapshot()
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := h.client.Reserve(as(shopper), tt.req)
				testkit.WantFault(t, err, fault.Invalid, tt.fields...)
			})
		}
		_, err := h.client.Reserve(anonymous, warehouseclient.ReserveRequest{OrderID: id.New(), Lines: lines(v, 1)})
		testkit.WantFault(t, err, fault.Unauthenticated)
		if status := h.post(shopper, "/v1/reservations", `{"order_id": 5}`); status != http.StatusUnprocessableEntity {
			t.Fatalf("malformed: %d", status)
		}
		h.unchanged(before)
	})
}

// No oversell under any concurrency: 50 shoppers race for 20 units.
func TestConcurrentReservations(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		_, vids := h.listed(sellerA, shopA, 20)
		v := vids[0]

		var (
			wg         sync.WaitGroup
			mu         sync.Mutex
			won, lost  int
			unexpected []error
		)
		for range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				buyer := actor.Actor{UserID: id.New(), Role: actor.Shopper}
				_, err := h.client.Reserve(as(buyer), warehouseclient.ReserveRequest{OrderID: id.New(), Lines: lines(v, 1)})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					won++
				case errors.Is(err, fault.Conflict):
					lost++
				default:
					unexpected = append(unexpected, err)
				}
			}()
		}
		wg.Wait()
		if len(unexpected) > 0 || won != 20 || lost != 30 {
			t.Fatalf("%d reserved, %d refused, unexpected %v", won, lost, unexpected)
		}
		if r := h.row(v); r.Available != 0 || r.Reserved != 20 || r.Sold != 0 || r.Version != 21 {
			t.Fatalf("row %+v", r)
		}
		if n := h.count("reservations"); n != 20 {
			t.Fatalf("%d reservations", n)
		}
		// Every stock event has its own version: a consumer can order them.
		seen := map[int64]bool{}
		for _, e := range h.events() {
			if seen[e.Version] {
				t.Fatalf("version %d twice", e.Version)
			}
			seen[e.Version] = true
		}
		if len(seen) != 21 {
			t.Fatalf("%d events", len(seen))
		}
		h.auditClean()

		// Ten requests for the same order at once: one reservation.
		_, vids = h.listed(sellerA, shopA, 20)
		w := vids[0]
		order := id.New()
		results := make([]warehouseclient.Reservation, 10)
		errs := make([]error, 10)
		for i := range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = h.client.Reserve(as(shopper), warehouseclient.ReserveRequest{OrderID: order, Lines: lines(w, 3)})
			}()
		}
		wg.Wait()
		for i := range 10 {
			if errs[i] != nil || results[i].OrderID != order || results[i].State != "held" || len(results[i].Lines) != 1 {
				t.Fatalf("request %d: %+v, %v", i, results[i], errs[i])
			}
		}
		if r := h.row(w); r.Available != 17 || r.Reserved != 3 {
			t.Fatalf("row %+v", r)
		}
		if n := h.count("reservations"); n != 21 {
			t.Fatalf("%d reservations", n)
		}
		ms, err := h.client.Movements(as(sellerA), w, 200)
		if err != nil || len(ms) != 2 || ms[0].Kind != "reserve" {
			t.Fatalf("movements %+v, %v", ms, err)
		}
		h.auditClean()
	})
}
