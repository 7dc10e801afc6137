package warehouse_test

import (
	"testing"

	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

// The saga settles reservations through order events: paid commits,
// cancelled releases, and cancelling a paid order returns its sold stock.
// Each event delivered twice settles once; the audit stays clean.
func TestOrderEventsSettleReservations(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		_, vids := h.listed(sellerA, shopA, 10)
		v := vids[0]
		reserve := func(n int) string {
			order := id.New()
			if _, err := h.client.Reserve(as(shopper), warehouseclient.ReserveRequest{OrderID: order, Lines: lines(v, n)}); err != nil {
				t.Fatal(err)
			}
			return order
		}
		paid := func(order string) orderevents.OrderPaid {
			return orderevents.OrderPaid{Order: orderevents.Order{OrderID: order}}
		}
		cancelled := func(order string, wasPaid bool) orderevents.OrderCancelled {
			return orderevents.OrderCancelled{Order: orderevents.Order{OrderID: order}, Reason: orderevents.ReasonByBuyer, WasPaid: wasPaid}
		}

		kept, dropped, returned := reserve(2), reserve(3), reserve(4)
		h.deliver(paid(kept), paid(kept))                               // sold
		h.deliver(cancelled(dropped, false), cancelled(dropped, false)) // back to available
		h.deliver(paid(returned), cancelled(returned, true), cancelled(returned, true), paid(returned))
		h.deliver(paid(id.New()), cancelled(id.New(), false)) // orders the warehouse holds nothing for

		if r := h.row(v); r.Available != 8 || r.Reserved != 0 || r.Sold != 2 {
			t.Fatalf("after the events: available %d reserved %d sold %d, want 8, 0, 2", r.Available, r.Reserved, r.Sold)
		}
		ms, err := h.client.Movements(as(sellerA), v, 20)
		if err != nil {
			t.Fatal(err)
		}
		returns := 0
		for _, m := range ms {
			if m.Reason == "returned" {
				returns++
				if m.DeltaAvailable != 4 || m.DeltaSold != -4 || m.Reference != returned {
					t.Fatalf("return movement %+v", m)
				}
			}
		}
		if returns != 1 {
			t.Fatalf("%d return movements, want 1", returns)
		}
		h.auditClean()
	})
}
