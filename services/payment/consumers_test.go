package payment_test

import (
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

func TestCancelAfterSuccessRefundsOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.opened(4800)
		h.mustPay(buyer, o.OrderID, "k1", paymentclient.CardSucceeds)
		h.clock.Advance(time.Minute)
		env := h.event(cancelledEvent(o, true))
		h.deliver(env, env) // delivered twice
		p := h.get(buyer, o.OrderID)
		if p.Status != paymentclient.StatusRefunded || p.RefundedAt == nil || !p.RefundedAt.Equal(start.Add(time.Minute)) {
			t.Fatalf("payment %+v", p)
		}
		if n := h.gateway.refunds.Load(); n != 1 {
			t.Fatalf("refunded %d times", n)
		}
		// Another cancellation event (a new id) finds nothing to refund.
		h.deliver(h.event(cancelledEvent(o, true)))
		if n := h.gateway.refunds.Load(); n != 1 {
			t.Fatalf("refunded %d times", n)
		}
		before := h.snapshot()
		_, err := h.pay(buyer, o.OrderID, "k2", paymentclient.CardSucceeds)
		if fe := testkit.WantFault(t, err, fault.Conflict); fe.Message != "this order was cancelled" {
			t.Fatalf("message %q", fe.Message)
		}
		h.unchanged(before)
		// The first request again is still answered from its key.
		if again := h.mustPay(buyer, o.OrderID, "k1", paymentclient.CardSucceeds); again.Status != paymentclient.StatusRefunded {
			t.Fatalf("replay %+v", again)
		}
	})
}

func TestCancelBeforePaymentRefusesAttempts(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.opened(4800)
		h.mustPay(buyer, o.OrderID, "k1", paymentclient.CardDeclined)
		h.deliver(h.event(cancelledEvent(o, false)))
		p := h.get(buyer, o.OrderID)
		if p.Status != paymentclient.StatusCancelled || p.RefundedAt != nil || len(p.Attempts) != 1 {
			t.Fatalf("payment %+v", p)
		}
		before := h.snapshot()
		_, err := h.pay(buyer, o.OrderID, "k2", paymentclient.CardSucceeds)
		if fe := testkit.WantFault(t, err, fault.Conflict); fe.Message != "this order was cancelled" {
			t.Fatalf("message %q", fe.Message)
		}
		h.unchanged(before)
		if h.gateway.refunds.Load() != 0 {
			t.Fatal("refunded an unpaid order")
		}
	})
}

func TestCancelBeforeCreatedLeavesCancelledPayment(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := newOrder(4800)
		h.deliver(h.event(cancelledEvent(o, false)), h.event(createdEvent(o)))
		p := h.get(buyer, o.OrderID)
		if p.Status != paymentclient.StatusCancelled || p.Amount.Amount != 4800 || p.BuyerID != buyer.UserID {
			t.Fatalf("payment %+v", p)
		}
		before := h.snapshot()
		_, err := h.pay(buyer, o.OrderID, "k", paymentclient.CardSucceeds)
		testkit.WantFault(t, err, fault.Conflict)
		h.unchanged(before)
		if h.orders.count() != 0 {
			t.Fatal("asked the order service about an order it knows")
		}
	})
}

func TestConsumersApplyEachEventOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := newOrder(4800)
		env := h.event(createdEvent(o))
		h.deliver(env, env)
		first := h.get(buyer, o.OrderID)
		h.deliver(h.event(createdEvent(o))) // the same order, a new event id
		// The redelivery is skipped by the inbox; the new event id gets
		// through it, and opening a payment is idempotent by itself (one
		// payment per order).
		if got := h.get(buyer, o.OrderID); got.ID != first.ID || h.count("payments") != 1 || h.count("processed_events") != 2 {
			t.Fatalf("payment %+v; %d payments, %d processed events", got, h.count("payments"), h.count("processed_events"))
		}
		cancel := h.event(cancelledEvent(o, false))
		h.deliver(cancel, cancel)
		if got := h.get(buyer, o.OrderID); got.Status != paymentclient.StatusCancelled || h.count("processed_events") != 3 {
			t.Fatalf("payment %+v", got)
		}
		var version int64
		if err := h.db.SQL().QueryRow(`SELECT order_version FROM payments`).Scan(&version); err != nil || version != 2 {
			t.Fatalf("order version %d, %v", version, err)
		}
		if len(h.events()) != 0 {
			t.Fatal("consumers announced something")
		}
	})
}

func TestBrokenOrderEventsAreDeadLettered(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		noBuyer := newOrder(100)
		noBuyer.BuyerID = ""
		badCurrency := newOrder(100)
		badCurrency.Currency = "euro"
		noID := newOrder(100)
		noID.OrderID = ""
		outcomes := testkit.Deliver(t, h.served,
			h.event(createdEvent(noBuyer)), h.event(createdEvent(badCurrency)), h.event(cancelledEvent(noID, false)))
		for i, o := range outcomes {
			if o != testkit.DeadLettered {
				t.Fatalf("event %d was %s", i, o)
			}
		}
		if h.count("payments") != 0 {
			t.Fatal("a broken event opened a payment")
		}
	})
}
