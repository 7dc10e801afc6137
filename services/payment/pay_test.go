package payment_test

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/payment"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

func TestOrderCreatedOpensPendingPayment(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.opened(4800)
		p := h.get(buyer, o.OrderID)
		if !id.Valid(p.ID) || p.OrderID != o.OrderID || p.BuyerID != buyer.UserID || p.Status != paymentclient.StatusPending ||
			p.Amount != (paymentclient.Money{Amount: 4800, Currency: "EUR"}) || len(p.Attempts) != 0 || p.Attempts == nil ||
			p.RefundedAt != nil || !p.CreatedAt.Equal(start) || !p.UpdatedAt.Equal(start) {
			t.Fatalf("payment %+v", p)
		}
		if got := h.get(admin, o.OrderID); !reflect.DeepEqual(got, p) {
			t.Fatalf("admin sees %+v", got)
		}
		for _, tt := range []struct {
			name   string
			who    actor.Actor
			target *fault.Error
		}{
			{"other shopper", other, fault.Forbidden},
			{"the shop's owner", seller, fault.Forbidden},
			{"anonymous", nobody, fault.Unauthenticated},
		} {
			_, err := h.client.ForOrder(as(tt.who), o.OrderID)
			testkit.WantFault(t, err, tt.target)
		}
		_, err := h.client.ForOrder(as(buyer), id.New())
		testkit.WantFault(t, err, fault.NotFound)
		if len(h.events()) != 0 {
			t.Fatal("opening a payment announced something")
		}
	})
}

func TestDeclinedThenSucceeded(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.opened(4800)

		p := h.mustPay(buyer, o.OrderID, "key-1", paymentclient.CardDeclined)
		if p.Status != paymentclient.StatusPending || len(p.Attempts) != 1 {
			t.Fatalf("after a declined card: %+v", p)
		}
		failed := p.Attempts[0]
		if !id.Valid(failed.ID) || failed.Status != paymentclient.AttemptFailed || failed.Reason != paymentevents.ReasonDeclined ||
			failed.Message == "" || failed.CardLast4 != "0002" || !failed.At.Equal(start) {
			t.Fatalf("failed attempt %+v", failed)
		}

		h.clock.Advance(time.Second)
		p = h.mustPay(buyer, o.OrderID, "key-2", "4242-4242-4242-4242")
		if p.Status != paymentclient.StatusSucceeded || len(p.Attempts) != 2 || !p.UpdatedAt.Equal(start.Add(time.Second)) {
			t.Fatalf("after a good card: %+v", p)
		}
		ok := p.Attempts[0]
		if ok.Status != paymentclient.AttemptSucceeded || ok.Reason != "" || ok.CardLast4 != "4242" || p.Attempts[1] != failed {
			t.Fatalf("attempts, newest first: %+v", p.Attempts)
		}
		if got := h.get(buyer, o.OrderID); !reflect.DeepEqual(got, p) {
			t.Fatalf("read back %+v, want %+v", got, p)
		}

		evs := h.events()
		if len(evs) != 2 || evs[0].Type != "payment.failed" || evs[1].Type != "payment.success" {
			t.Fatalf("events %+v", evs)
		}
		want := paymentevents.Attempt{
			PaymentID: p.ID, AttemptID: failed.ID, OrderID: o.OrderID, BuyerID: buyer.UserID, ShopID: shopID,
			Amount: 4800, Currency: "EUR", CardLast4: "0002", At: start,
		}
		if evs[0].Attempt != want || evs[0].Reason != paymentevents.ReasonDeclined {
			t.Fatalf("payment.failed %+v, want %+v", evs[0], want)
		}
		want.AttemptID, want.CardLast4, want.At = ok.ID, "4242", start.Add(time.Second)
		if evs[1].Attempt != want {
			t.Fatalf("payment.success %+v, want %+v", evs[1].Attempt, want)
		}
		if n := h.gateway.charges.Load(); n != 2 {
			t.Fatalf("%d charges", n)
		}

		// Paid: a new attempt is refused without asking the gateway.
		before := h.snapshot()
		_, err := h.pay(buyer, o.OrderID, "key-3", paymentclient.CardSucceeds)
		if fe := testkit.WantFault(t, err, fault.Conflict); fe.Message != "this order is already paid" {
			t.Fatalf("message %q", fe.Message)
		}
		h.unchanged(before)
	})
}

func TestSameRequestConcurrentlyChargesOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.opened(2500)
		const n = 10
		h.holdChargesUntil(n)
		results := make([]paymentclient.Payment, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				results[i], errs[i] = h.pay(buyer, o.OrderID, "same-key", paymentclient.CardSucceeds)
			})
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil {
				t.Fatalf("request %d: %v", i, errs[i])
			}
			if !reflect.DeepEqual(results[i], results[0]) {
				t.Fatalf("request %d answered %+v, request 0 %+v", i, results[i], results[0])
			}
		}
		if p := results[0]; p.Status != paymentclient.StatusSucceeded || len(p.Attempts) != 1 {
			t.Fatalf("payment %+v", p)
		}
		if c := h.gateway.charges.Load(); c != 1 {
			t.Fatalf("the gateway was asked %d times, want once", c)
		}
		if a, e := h.count("payment_attempts"), len(h.events()); a != 1 || e != 1 {
			t.Fatalf("%d attempts, %d events", a, e)
		}

		// Later, the same request again: the same answer, no charge.
		again := h.mustPay(buyer, o.OrderID, "same-key", "4242424242424242")
		if !reflect.DeepEqual(again, results[0]) || h.gateway.charges.Load() != 1 {
			t.Fatalf("replay %+v", again)
		}
	})
}

func TestDifferentKeysConcurrentlyPayOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.opened(2500)
		const n = 10
		h.holdChargesUntil(n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				_, errs[i] = h.pay(buyer, o.OrderID, fmt.Sprintf("key-%d", i), paymentclient.CardSucceeds)
			})
		}
		wg.Wait()
		succeeded := 0
		for i, err := range errs {
			switch {
			case err == nil:
				succeeded++
			case errors.Is(err, fault.Conflict):
				if fe, _ := fault.As(err); fe.Message != "this order is already paid" {
					t.Fatalf("request %d: %q", i, fe.Message)
				}
			default:
				t.Fatalf("request %d: %v", i, err)
			}
		}
		if succeeded != 1 {
			t.Fatalf("%d requests succeeded, want 1", succeeded)
		}
		if c := h.gateway.charges.Load(); c != 1 {
			t.Fatalf("the gateway was asked %d times", c)
		}
		p := h.get(buyer, o.OrderID)
		if p.Status != paymentclient.StatusSucceeded || len(p.Attempts) != 1 || len(h.events()) != 1 {
			t.Fatalf("payment %+v", p)
		}
	})
}

func TestKeyReuseForAnotherRequestIsRefused(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.opened(1000)
		second := h.opened(2000)
		first := h.mustPay(buyer, o.OrderID, "k", paymentclient.CardDeclined)
		before := h.snapshot()
		for _, tt := range []struct{ name, order, card string }{
			{"another card", o.OrderID, paymentclient.CardSucceeds},
			{"another order", second.OrderID, paymentclient.CardDeclined},
		} {
			_, err := h.pay(buyer, tt.order, "k", tt.card)
			if fe := testkit.WantFault(t, err, fault.Conflict); fe.Message != "this Idempotency-Key was used for a different payment" {
				t.Fatalf("%s: %q", tt.name, fe.Message)
			}
		}
		h.unchanged(before)
		// The same card written differently is the same request.
		if again := h.mustPay(buyer, o.OrderID, "k", "4000000000000002"); !reflect.DeepEqual(again, first) {
			t.Fatalf("replay %+v, want %+v", again, first)
		}
		// Keys are the buyer's own: another buyer may use the same one.
		theirs := newOrder(700)
		theirs.BuyerID = other.UserID
		h.deliver(h.event(createdEvent(theirs)))
		if p := h.mustPay(other, theirs.OrderID, "k", paymentclient.CardSucceeds); p.Status != paymentclient.StatusSucceeded {
			t.Fatalf("other buyer's payment %+v", p)
		}
	})
}

func TestInvalidInputChangesNothing(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.opened(1000)
		unknown := newOrder(1000) // no event, and the order service does not know it either
		for _, orderID := range []string{o.OrderID, unknown.OrderID} {
			for _, tt := range []struct {
				name, key, card string
				field           string
			}{
				{"Luhn check fails", "k1", "4242 4242 4242 4241", "card_number"},
				{"letters", "k2", "4242 4242 4242 42ab", "card_number"},
				{"too short", "k3", "4242 4242 42", "card_number"},
				{"too long", "k4", "4242 4242 4242 4242 4242", "card_number"},
				{"empty", "k5", "", "card_number"},
				{"no key", "", paymentclient.CardSucceeds, ""},
				{"key too long", strings.Repeat("k", 101), paymentclient.CardSucceeds, ""},
				{"key with a space", "a key", paymentclient.CardSucceeds, ""},
			} {
				t.Run(tt.name, func(t *testing.T) {
					before := h.snapshot()
					_, err := h.pay(buyer, orderID, tt.key, tt.card)
					var fields []string
					if tt.field != "" {
						fields = []string{tt.field}
					}
					fe := testkit.WantFault(t, err, fault.Invalid, fields...)
					if tt.field == "card_number" && tt.card != "" && fe.Fields["card_number"] != "this card number is not valid" {
						t.Fatalf("message %q", fe.Fields["card_number"])
					}
					if tt.field == "" && !strings.Contains(fe.Message, "Idempotency-Key") {
						t.Fatalf("message %q does not name the header", fe.Message)
					}
					if digits := strings.Map(keepDigits, tt.card); len(digits) > 4 && strings.Contains(fe.Error(), digits) {
						t.Fatalf("the error repeats the card number: %v", fe)
					}
					h.unchanged(before)
				})
			}
		}
		if n := h.orders.count(); n != 0 {
			t.Fatalf("bad input asked the order service %d times", n)
		}
		// Not JSON at all.
		req, _ := http.NewRequest(http.MethodPost, h.served.URL+"/v1/orders/"+o.OrderID+"/payment/attempts", strings.NewReader(`{"card_number":`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", "k9")
		req.Header.Set(httpserver.HeaderToken, testkit.Token)
		req.Header.Set(actor.HeaderUserID, buyer.UserID)
		req.Header.Set(actor.HeaderRole, string(buyer.Role))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("malformed JSON: %d", resp.StatusCode)
		}
		if h.count("payment_attempts") != 0 || h.gateway.charges.Load() != 0 {
			t.Fatal("something was recorded or charged")
		}
	})
}

func keepDigits(r rune) rune {
	if r >= '0' && r <= '9' {
		return r
	}
	return -1
}

func TestDeclineReasons(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.opened(1000)
		p := h.mustPay(buyer, o.OrderID, "k1", paymentclient.CardInsufficientFunds)
		if a := p.Attempts[0]; a.Status != paymentclient.AttemptFailed || a.Reason != paymentevents.ReasonInsufficientFunds || a.CardLast4 != "9995" {
			t.Fatalf("insufficient funds: %+v", a)
		}
		p = h.mustPay(buyer, o.OrderID, "k2", otherCard)
		if a := p.Attempts[0]; a.Status != paymentclient.AttemptFailed || a.Reason != paymentevents.ReasonDeclined ||
			!strings.Contains(a.Message, "use one of the test cards") || a.CardLast4 != "4444" {
			t.Fatalf("not a test card: %+v", a)
		}
		if p.Status != paymentclient.StatusPending || len(p.Attempts) != 2 {
			t.Fatalf("payment %+v", p)
		}
		evs := h.events()
		if len(evs) != 2 || evs[0].Reason != paymentevents.ReasonInsufficientFunds || evs[1].Reason != paymentevents.ReasonDeclined {
			t.Fatalf("events %+v", evs)
		}
	})
}

func TestOnlyTheBuyerMayPay(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.opened(1000)
		before := h.snapshot()
		for _, tt := range []struct {
			name   string
			who    actor.Actor
			target *fault.Error
		}{
			{"other shopper", other, fault.Forbidden},
			{"the shop's owner", seller, fault.Forbidden},
			{"admin", admin, fault.Forbidden},
			{"anonymous", nobody, fault.Unauthenticated},
		} {
			_, err := h.pay(tt.who, o.OrderID, "k-"+tt.name[:3], paymentclient.CardSucceeds)
			testkit.WantFault(t, err, tt.target)
		}
		h.unchanged(before)
		if p := h.get(buyer, o.OrderID); p.Status != paymentclient.StatusPending {
			t.Fatalf("payment %+v", p)
		}

		// Before order.created: the order service says whose order it is.
		early := newOrder(500)
		h.orders.put(asOrderService(early, orderclient.StatusPendingPayment))
		for _, who := range []actor.Actor{other, seller, admin} {
			_, err := h.pay(who, early.OrderID, "k", paymentclient.CardSucceeds)
			testkit.WantFault(t, err, fault.Forbidden)
		}
		h.unchanged(before)
	})
}

func TestPayBeforeOrderCreated(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := newOrder(3300)
		h.orders.put(asOrderService(o, orderclient.StatusPendingPayment))
		p := h.mustPay(buyer, o.OrderID, "k1", paymentclient.CardSucceeds)
		if p.Status != paymentclient.StatusSucceeded || p.BuyerID != buyer.UserID || p.Amount.Amount != 3300 || p.Amount.Currency != "EUR" {
			t.Fatalf("payment %+v", p)
		}
		if evs := h.events(); len(evs) != 1 || evs[0].Attempt.ShopID != shopID || evs[0].Attempt.Amount != 3300 {
			t.Fatalf("events %+v", evs)
		}
		// The event arrives late: nothing is reopened.
		h.deliver(h.event(createdEvent(o)))
		if got := h.get(buyer, o.OrderID); got.Status != paymentclient.StatusSucceeded || got.ID != p.ID || h.count("payments") != 1 {
			t.Fatalf("after the late order.created: %+v", got)
		}

		before := h.snapshot()
		for _, tt := range []struct {
			name, status string
			target       *fault.Error
			message      string
		}{
			{"cancelled", orderclient.StatusCancelled, fault.Conflict, "this order was cancelled"},
			{"paid", orderclient.StatusPaid, fault.Conflict, "this order is already paid"},
			{"shipped", orderclient.StatusShipped, fault.Conflict, "this order is already paid"},
		} {
			ord := newOrder(100)
			h.orders.put(asOrderService(ord, tt.status))
			_, err := h.pay(buyer, ord.OrderID, "k-"+tt.name, paymentclient.CardSucceeds)
			if fe := testkit.WantFault(t, err, tt.target); fe.Message != tt.message {
				t.Fatalf("%s: %q", tt.name, fe.Message)
			}
		}
		_, err := h.pay(buyer, id.New(), "k-unknown", paymentclient.CardSucceeds)
		testkit.WantFault(t, err, fault.NotFound)
		h.unchanged(before)
	})
}

func TestGatewayDownRecordsNothing(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		o := h.opened(1000)
		h.gateway.down.Store(true)
		before := h.snapshot()
		_, err := h.pay(buyer, o.OrderID, "k", paymentclient.CardSucceeds)
		testkit.WantFault(t, err, fault.Unavailable)
		before.Charges = h.gateway.charges.Load() // asked (the client retries), but nothing kept
		h.unchanged(before)
		h.gateway.down.Store(false)
		if p := h.mustPay(buyer, o.OrderID, "k", paymentclient.CardSucceeds); p.Status != paymentclient.StatusSucceeded {
			t.Fatalf("retry with the same key: %+v", p)
		}
	})
}

// No full card number reaches the database, a log line or an answer.
func TestOnlyTheLastFourDigitsAreKept(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		var answers strings.Builder
		for i, card := range allCard {
			o := h.opened(1000)
			for j, written := range []string{card, strings.ReplaceAll(card, " ", "-"), strings.ReplaceAll(card, " ", "")} {
				p, err := h.pay(buyer, o.OrderID, fmt.Sprintf("k-%d-%d", i, j), written)
				fmt.Fprintf(&answers, "%+v %v\n", p, err)
			}
			_, err := h.pay(buyer, o.OrderID, fmt.Sprintf("k-%d-0", i), paymentclient.CardDeclined) // key reuse
			fmt.Fprintf(&answers, "%v\n", err)
		}
		o := h.opened(1000)
		h.deliver(h.event(cancelledEvent(o, false)))
		if h.count("payment_attempts") == 0 {
			t.Fatal("nothing was recorded")
		}
		texts := map[string]string{"database": h.dump(), "logs": h.logs.String(), "answers": answers.String()}
		if !strings.Contains(texts["database"], "4242") || !strings.Contains(texts["logs"], "payment attempt") {
			t.Fatalf("the scan sees nothing: %s", texts["logs"])
		}
		for _, card := range allCard {
			digits := strings.Map(keepDigits, card)
			for what, text := range texts {
				for _, needle := range []string{digits, card, strings.ReplaceAll(card, " ", "-"), digits[:12], digits[4:]} {
					if strings.Contains(text, needle) {
						t.Fatalf("%s holds %q:\n%s", what, needle, text)
					}
				}
			}
		}
	})
}

func TestCardNumberPrintsMasked(t *testing.T) {
	n := payment.CardNumber("4242424242424242")
	for _, s := range []string{fmt.Sprint(n), fmt.Sprintf("%v %+v %#v %s %q", n, n, n, n, n), fmt.Sprintf("%+v", struct{ N any }{n})} {
		if strings.Contains(s, "42424242") || !strings.Contains(s, "4242") {
			t.Fatalf("printed %q", s)
		}
	}
	if n.Digits() != "4242424242424242" || n.Last4() != "4242" {
		t.Fatal("digits")
	}
}
