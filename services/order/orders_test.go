package order_test

import (
	"context"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

func TestOrderAuthorization(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.placed(mugSand, 1) // shop A's
		snap := h.snapshot()

		// Reading: the buyer, shop A's owner, an admin.
		for _, who := range []actor.Actor{buyer, ownerA, admin} {
			sameJSON(t, "order", h.get(who, o.ID), o)
		}
		for _, who := range []actor.Actor{other, ownerB, seller} {
			_, err := h.client.Get(as(who), o.ID)
			testkit.WantFault(t, err, fault.Forbidden)
		}
		_, err := h.client.Get(context.Background(), o.ID)
		testkit.WantFault(t, err, fault.Unauthenticated)
		for _, missing := range []string{id.New(), "not-an-id"} {
			_, err = h.client.Get(as(buyer), missing)
			testkit.WantFault(t, err, fault.NotFound)
		}

		// Cancelling: not another shopper, not the shop's owner.
		for _, who := range []actor.Actor{other, ownerA, ownerB} {
			_, err := h.client.Cancel(as(who), o.ID)
			testkit.WantFault(t, err, fault.Forbidden)
		}
		_, err = h.client.Cancel(context.Background(), o.ID)
		testkit.WantFault(t, err, fault.Unauthenticated)
		_, err = h.client.Cancel(as(buyer), id.New())
		testkit.WantFault(t, err, fault.NotFound)

		// Shipping: the shop's owner only, and only once it is paid.
		for _, who := range []actor.Actor{buyer, other, ownerB, admin} {
			_, err := h.client.Ship(as(who), o.ID)
			testkit.WantFault(t, err, fault.Forbidden)
		}
		_, err = h.client.Ship(as(ownerA), o.ID)
		if fe := testkit.WantFault(t, err, fault.Conflict); fe.Message != "only a paid order can be shipped" {
			t.Fatalf("message %q", fe.Message)
		}
		h.unchanged(snap)

		h.pay(o)
		shipped, err := h.client.Ship(as(ownerA), o.ID)
		if err != nil || shipped.Status != orderclient.StatusShipped || len(shipped.Timeline) != 3 ||
			shipped.Timeline[2].Status != "shipped" || !shipped.UpdatedAt.Equal(h.clock.Now()) {
			t.Fatalf("shipped %+v, %v", shipped, err)
		}
		sameJSON(t, "shipped order", h.get(buyer, o.ID), shipped)
		evs := h.events("order.shipped", o.ID)
		if len(evs) != 1 || evs[0].Shipped.Version != 3 || evs[0].Shipped.ShopOwnerID != ownerA.UserID ||
			!evs[0].Shipped.ShippedAt.Equal(h.clock.Now()) || evs[0].Shipped.Total != o.Total.Amount {
			t.Fatalf("order.shipped %+v", evs)
		}
		_, err = h.client.Ship(as(ownerA), o.ID)
		testkit.WantFault(t, err, fault.Conflict)

		// A shipped order cannot be cancelled, not even by an admin.
		snap = h.snapshot()
		for _, who := range []actor.Actor{buyer, admin} {
			_, err := h.client.Cancel(as(who), o.ID)
			if fe := testkit.WantFault(t, err, fault.Conflict); fe.Message != "a shipped order cannot be cancelled" {
				t.Fatalf("message %q", fe.Message)
			}
		}
		h.unchanged(snap)

		// The shop's owner sees it among the shipped orders.
		page, err := h.client.ShopOrders(as(ownerA), orderclient.StatusShipped, 1)
		if err != nil || page.Total != 1 || page.Items[0].ID != o.ID {
			t.Fatalf("shipped orders of shop A: %+v, %v", page, err)
		}
	})
}

func TestCancel(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		stock := h.available(mugSand)[mugSand.ID]
		o := h.placed(mugSand, 2)
		h.clock.Advance(time.Minute)

		c, err := h.client.Cancel(as(buyer), o.ID)
		if err != nil || c.Status != orderclient.StatusCancelled || c.CancelReason != orderevents.ReasonByBuyer ||
			len(c.Timeline) != 2 || c.Timeline[1].Status != "cancelled" || c.Timeline[1].Note != orderevents.ReasonByBuyer ||
			!c.UpdatedAt.Equal(start.Add(time.Minute)) {
			t.Fatalf("cancelled %+v, %v", c, err)
		}
		evs := h.events("order.cancelled", o.ID)
		if len(evs) != 1 {
			t.Fatalf("%d order.cancelled", len(evs))
		}
		e := evs[0].Cancelled
		if e.Reason != orderevents.ReasonByBuyer || e.WasPaid || e.Version != 2 || !e.CancelledAt.Equal(h.clock.Now()) ||
			e.BuyerID != buyer.UserID || len(e.Lines) != 1 || e.Lines[0].Quantity != 2 || e.Total != 4800 {
			t.Fatalf("order.cancelled %+v", e)
		}
		// The warehouse releases the stock when it consumes order.cancelled,
		// not the order service: it is still held here.
		if got := h.available(mugSand)[mugSand.ID]; got != stock-2 {
			t.Fatalf("available %d", got)
		}

		// Cancelling again returns it unchanged.
		snap := h.snapshot()
		again, err := h.client.Cancel(as(buyer), o.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, "cancelled twice", again, c)
		h.unchanged(snap)

		// An admin cancels a paid order: it will be refunded.
		p := h.pay(h.placed(shirtWhiteS, 1))
		c, err = h.client.Cancel(as(admin), p.ID)
		if err != nil || c.Status != orderclient.StatusCancelled || c.CancelReason != orderevents.ReasonByAdmin {
			t.Fatalf("cancelled %+v, %v", c, err)
		}
		evs = h.events("order.cancelled", p.ID)
		if len(evs) != 1 || !evs[0].Cancelled.WasPaid || evs[0].Cancelled.Reason != orderevents.ReasonByAdmin || evs[0].Cancelled.Version != 3 {
			t.Fatalf("order.cancelled %+v", evs)
		}
		// Cancelled orders are still listed for the buyer.
		if mine, _ := h.client.Mine(as(buyer), 1); mine.Total != 2 || mine.Items[0].ID != p.ID {
			t.Fatalf("mine %+v", mine)
		}
	})
}

func TestExpiry(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := context.Background()
		unpaid := h.placed(mugSand, 1)
		paid := h.pay(h.placed(shirtWhiteS, 1))

		h.clock.Advance(hold - time.Second)
		if n, err := h.svc.ExpireDue(ctx); err != nil || n != 0 {
			t.Fatalf("expired %d before the hold ran out (%v)", n, err)
		}
		h.clock.Advance(2 * time.Second)
		if n, err := h.svc.ExpireDue(ctx); err != nil || n != 1 {
			t.Fatalf("expired %d, %v", n, err)
		}
		o := h.get(buyer, unpaid.ID)
		if o.Status != orderclient.StatusCancelled || o.CancelReason != orderevents.ReasonExpired ||
			o.Timeline[len(o.Timeline)-1].Note != orderevents.ReasonExpired {
			t.Fatalf("expired order %+v", o)
		}
		evs := h.events("order.cancelled", unpaid.ID)
		if len(evs) != 1 || evs[0].Cancelled.Reason != orderevents.ReasonExpired || evs[0].Cancelled.WasPaid || evs[0].Cancelled.Version != 2 {
			t.Fatalf("order.cancelled %+v", evs)
		}
		// A paid order never expires; nothing is due twice.
		h.clock.Advance(24 * time.Hour)
		if n, err := h.svc.ExpireDue(ctx); err != nil || n != 0 {
			t.Fatalf("expired %d, %v", n, err)
		}
		if o := h.get(buyer, paid.ID); o.Status != orderclient.StatusPaid {
			t.Fatalf("paid order %+v", o)
		}
		if len(h.events("order.cancelled", "")) != 1 {
			t.Fatal("more than one order.cancelled")
		}

		// The worker stops with its context.
		stopped, cancel := context.WithCancel(ctx)
		cancel()
		if err := h.svc.Run(stopped); err != nil {
			t.Fatalf("run: %v", err)
		}
	})
}

func TestPaymentEvents(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.placed(mugSand, 1)
		h.clock.Advance(time.Minute)

		// A declined attempt is noted; the order keeps waiting.
		declined := paymentFailed(t, o, "insufficient_funds", h.clock.Now())
		h.deliver(declined, declined)
		got := h.get(buyer, o.ID)
		if got.Status != orderclient.StatusPendingPayment || len(got.Timeline) != 2 ||
			got.Timeline[1].Status != "payment_declined" || got.Timeline[1].Note != "payment declined: insufficient funds" {
			t.Fatalf("after payment.failed %+v", got)
		}

		// payment.success, delivered twice and then sent again: paid once.
		h.clock.Advance(time.Minute)
		paidAt := h.clock.Now()
		success := paymentSucceeded(t, o, "pay-1", paidAt)
		h.deliver(success, success, paymentSucceeded(t, o, "pay-1", paidAt))
		got = h.get(buyer, o.ID)
		if got.Status != orderclient.StatusPaid || len(got.Timeline) != 3 || got.Timeline[2].Status != "paid" {
			t.Fatalf("after payment.success %+v", got)
		}
		evs := h.events("order.paid", o.ID)
		if len(evs) != 1 || evs[0].Paid.PaymentID != "pay-1" || !evs[0].Paid.PaidAt.Equal(paidAt) || evs[0].Paid.Version != 2 ||
			evs[0].Paid.ShopOwnerID != ownerA.UserID || len(evs[0].Paid.Lines) != 1 {
			t.Fatalf("order.paid %+v", evs)
		}

		// A late declined attempt (out of order) does not unpay it.
		h.deliver(paymentFailed(t, o, "declined", paidAt.Add(-time.Second)))
		got = h.get(buyer, o.ID)
		if got.Status != orderclient.StatusPaid || len(got.Timeline) != 4 || got.Timeline[2].Status != "payment_declined" {
			t.Fatalf("after a late payment.failed %+v", got)
		}

		// payment.success for a cancelled order: it stays cancelled (the
		// payment service refunds it on order.cancelled).
		c := h.placed(shirtWhiteS, 1)
		if _, err := h.client.Cancel(as(buyer), c.ID); err != nil {
			t.Fatal(err)
		}
		snap := h.snapshot()
		h.deliver(paymentSucceeded(t, c, "pay-2", h.clock.Now()))
		if got := h.get(buyer, c.ID); got.Status != orderclient.StatusCancelled {
			t.Fatalf("cancelled order became %s", got.Status)
		}
		h.unchanged(snap)
		if len(h.events("order.paid", c.ID)) != 0 {
			t.Fatal("order.paid for a cancelled order")
		}

		// Events about orders this service never placed are absorbed.
		ghost := orderclient.Order{ID: id.New(), BuyerID: buyer.UserID, Total: orderclient.Money{Amount: 100, Currency: "EUR"}}
		h.deliver(paymentSucceeded(t, ghost, "pay-3", h.clock.Now()), paymentFailed(t, ghost, "declined", h.clock.Now()))
		h.unchanged(snap)
	})
}

func TestListPages(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		var ids []string
		for range 21 {
			ids = append(ids, h.placed(mugSand, 1).ID)
			h.clock.Advance(time.Second)
		}
		first, err := h.client.Mine(as(buyer), 1)
		if err != nil || first.Total != 21 || len(first.Items) != 20 || first.Items[0].ID != ids[20] || first.Items[19].ID != ids[1] {
			t.Fatalf("page 1: %d of %d, %v", len(first.Items), first.Total, err)
		}
		second, err := h.client.Mine(as(buyer), 2)
		if err != nil || len(second.Items) != 1 || second.Items[0].ID != ids[0] || second.Page != 2 {
			t.Fatalf("page 2: %+v, %v", second, err)
		}
		third, err := h.client.Mine(as(buyer), 3)
		if err != nil || len(third.Items) != 0 || third.Items == nil || third.Total != 21 {
			t.Fatalf("page 3: %+v, %v", third, err)
		}
		shop, err := h.client.ShopOrders(as(ownerA), orderclient.StatusPendingPayment, 2)
		if err != nil || shop.Total != 21 || len(shop.Items) != 1 {
			t.Fatalf("shop page 2: %+v, %v", shop, err)
		}
		if code := h.getStatus(buyer, "/v1/orders?page=x"); code != 422 {
			t.Fatalf("page=x: %d", code)
		}
		if code := h.getStatus(buyer, "/v1/shop-orders?page=0"); code != 422 {
			t.Fatalf("page=0: %d", code)
		}
	})
}
