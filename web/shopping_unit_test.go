package web

import (
	"strings"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
)

func TestParseCartQuantity(t *testing.T) {
	for _, tc := range []struct {
		in    string
		least int64
		want  int64
		msg   string
	}{
		{"1", 1, 1, ""}, {" 20 ", 1, 20, ""}, {"007", 1, 7, ""}, {"0", 0, 0, ""},
		{"0", 1, 0, "1 or more"}, {"-2", 1, 0, "1 or more"}, {"-2", 0, 0, "0 or more"}, {"", 1, 0, "1 or more"},
		{"1.5", 1, 0, "whole number"}, {"two", 1, 0, "whole number"}, {"99999999999", 1, 0, "at most 20"},
	} {
		got, msg := parseCartQuantity(tc.in, tc.least)
		if got != tc.want || (tc.msg == "") != (msg == "") || !strings.Contains(msg, tc.msg) {
			t.Errorf("parseCartQuantity(%q, %d) = %d, %q; want %d, %q", tc.in, tc.least, got, msg, tc.want, tc.msg)
		}
	}
}

func TestFailureNotices(t *testing.T) {
	ct := cartclient.Cart{Groups: []cartclient.Group{{ShopID: "s1", ShopName: "Nordic Clay Studio", Items: []cartclient.Item{
		{VariationID: "v1", ProductName: "Stoneware Mug", VariationName: "Sand"},
	}}}}
	got := failureNotices([]orderclient.ShopFailure{
		{ShopID: "s1", Reason: "not_enough_stock", Lines: map[string]string{"v1": "only 2 left"}},
		{ShopID: "s2", ShopName: "Summit Gear", Reason: "no longer sold"},
	}, ct)
	want := []string{
		"Nordic Clay Studio: only 2 left of Stoneware Mug (Sand) — these items stay in your cart.",
		"Summit Gear: no longer sold — these items stay in your cart.",
	}
	if len(got) != len(want) {
		t.Fatalf("notices %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("notice %d = %q, want %q", i, got[i], want[i])
		}
	}
	many := make([]orderclient.ShopFailure, 8)
	if n := failureNotices(many, ct); len(n) != 5 || !strings.Contains(n[4], "4 more shops") {
		t.Errorf("8 failures: %q", n)
	}
}

func TestItemProblem(t *testing.T) {
	eur := func(n int64) cartclient.Money { return cartclient.Money{Amount: n, Currency: "EUR"} }
	for _, tc := range []struct {
		it   cartclient.Item
		want string
	}{
		{cartclient.Item{Problem: cartclient.ProblemOutOfStock}, "Out of stock"},
		{cartclient.Item{Problem: cartclient.ProblemNotEnough, Available: 2}, "Only 2 left"},
		{cartclient.Item{Problem: cartclient.ProblemUnavailable}, "No longer available"},
		{cartclient.Item{Problem: cartclient.ProblemPriceChanged, AddedPrice: eur(2400), UnitPrice: eur(2600)}, "Price changed from €24.00 to €26.00"},
		{cartclient.Item{}, ""},
	} {
		if got, _ := itemProblem(tc.it); !strings.HasPrefix(got, tc.want) || (tc.want == "") != (got == "") {
			t.Errorf("problem %q: %q, want %q", tc.it.Problem, got, tc.want)
		}
	}
}

func TestOrderViewStates(t *testing.T) {
	now := time.Date(2026, 3, 12, 13, 50, 0, 0, time.UTC)
	o := orderclient.Order{
		ID: "0190c3b2-0000-7000-8000-0000000000ab", BuyerID: "u1", ShopName: "Clay", Status: orderclient.StatusPendingPayment,
		Total: orderclient.Money{Amount: 4800, Currency: "EUR"}, ExpiresAt: now.Add(15 * time.Minute), CreatedAt: now,
		Timeline: []orderclient.Step{{Status: "placed", At: now}, {Status: "payment_declined", Note: "payment declined: insufficient funds", At: now.Add(time.Minute)}},
	}
	pay := &paymentclient.Payment{Status: paymentclient.StatusPending, Attempts: []paymentclient.Attempt{
		{Status: paymentclient.AttemptFailed, Reason: "insufficient_funds", CardLast4: "9995", At: now.Add(time.Minute)},
	}}
	v := orderView(o, pay, "u1", false, now)
	if !v.CanPay || v.Confirming || !v.CanCancel || v.PayBefore != "14:05 UTC" || v.Pay.Key == "" {
		t.Fatalf("pending: %+v", v)
	}
	if len(v.Timeline) != 2 || v.Timeline[1].Label != "Payment declined" || v.Timeline[1].Note != "Insufficient funds" {
		t.Errorf("timeline %+v", v.Timeline) // the order's own step, not a copy from the payment
	}
	if again := orderView(o, pay, "u1", false, now); again.Pay.Key == v.Pay.Key {
		t.Error("the pay form's key is not fresh at each rendering")
	}
	if other := orderView(o, nil, "u2", false, now); other.IsBuyer || other.CanCancel {
		t.Error("someone else (the shop's owner) gets the buyer's actions")
	}

	pay.Status = paymentclient.StatusSucceeded
	v = orderView(o, pay, "u1", false, now)
	if !v.Confirming || v.CanPay || v.CanCancel || v.Status.Label != "Confirming payment" {
		t.Fatalf("confirming: %+v", v)
	}

	o.Status = orderclient.StatusPaid
	o.Timeline = append(o.Timeline, orderclient.Step{Status: "paid", At: now.Add(2 * time.Minute)})
	v = orderView(o, pay, "u1", false, now)
	if v.Confirming || v.CanPay || !v.CanCancel || !strings.Contains(v.Refund, "€48.00") {
		t.Fatalf("paid: %+v", v)
	}
	if got, _ := payBefore(now.Add(24*time.Hour), now); got != "13:50 UTC on 13 Mar" {
		t.Errorf("a deadline tomorrow: %q", got)
	}
}
