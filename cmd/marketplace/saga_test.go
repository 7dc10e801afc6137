package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/order"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/eventbus/inproc"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/opsclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

// system is every service of the all-in-one binary, running on the
// in-process bus with a clock the test moves.
type system struct {
	data      string
	token     string
	bus       *inproc.Bus
	clock     *clock.Manual
	hosts     map[string]*host.Host
	cart      *cartclient.Client
	orders    *orderclient.Client
	payments  *paymentclient.Client
	warehouse *warehouseclient.Client
	analytics *analyticsclient.Client
}

func startSystem(t *testing.T) *system {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	data := t.TempDir()
	sec, err := loadSecrets(data)
	if err != nil {
		t.Fatal(err)
	}
	bus, err := inproc.Open(ctx, filepath.Join(data, "bus.db"))
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC))
	// The catalog and its stock, without the photos (drawing them is slow
	// and no saga needs them).
	seeded := map[string]bool{"shop": true, "product": true, "warehouse": true}
	hosts, urls, err := openServices(ctx, openOptions{
		dataDir: data, bus: bus, log: slog.New(slog.NewTextHandler(io.Discard, nil)), secrets: sec,
		hold: 15 * time.Minute, demo: func(name string) bool { return seeded[name] }, clock: clk,
	})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	s := &system{data: data, token: sec.InternalToken, bus: bus, clock: clk, hosts: map[string]*host.Host{}}
	for i, h := range hosts {
		s.hosts[services[i].name] = h
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := h.Run(ctx); err != nil {
				t.Errorf("%s: %v", services[i].name, err)
			}
		}()
	}
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		bus.Close()
	})
	opt := httpclient.Options{Token: sec.InternalToken}
	s.cart, s.orders = cartclient.New(urls["cart"], opt), orderclient.New(urls["order"], opt)
	s.payments, s.warehouse = paymentclient.New(urls["payment"], opt), warehouseclient.New(urls["warehouse"], opt)
	s.analytics = analyticsclient.New(urls["analytics"], opt)
	return s
}

// eventually polls until cond holds: for state that events change.
func eventually(t *testing.T, what string, cond func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ok, err := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s (last error %v)", what, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (s *system) available(t *testing.T, variationID string) int64 {
	t.Helper()
	m, err := s.warehouse.Availability(context.Background(), []string{variationID})
	if err != nil {
		t.Fatal(err)
	}
	return m[variationID]
}

var address = orderclient.Address{FullName: "Saga Shopper", Address: "1 Test Street", City: "Testville", PostalCode: "12345", Country: "Testland"}

// checkout puts n of a variation in a new buyer's cart and checks it out.
func (s *system) checkout(t *testing.T, buyer context.Context, variationID string, n int64) orderclient.Order {
	t.Helper()
	if _, err := s.cart.AddItem(buyer, cartclient.Mine, cartclient.AddItemRequest{VariationID: variationID, Quantity: n}); err != nil {
		t.Fatal(err)
	}
	res, err := s.cart.Checkout(buyer, cartclient.CheckoutRequest{CheckoutID: id.New(), Address: address})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Orders) != 1 || len(res.Failed) != 0 {
		t.Fatalf("checkout made %d orders, %d failed", len(res.Orders), len(res.Failed))
	}
	return res.Orders[0]
}

func shopper() context.Context {
	return actor.With(context.Background(), actor.Actor{UserID: id.New(), Role: actor.Shopper})
}

// An unpaid order expires when its hold runs out (the clock moves, nobody
// sleeps) and its stock comes back.
func TestSagaExpiryRestoresStock(t *testing.T) {
	s := startSystem(t)
	v := demo.Products[0].Variations[0]
	before := s.available(t, v.ID)
	buyer := shopper()
	o := s.checkout(t, buyer, v.ID, 2)
	if got := s.available(t, v.ID); got != before-2 {
		t.Fatalf("after the checkout %d are available, want %d", got, before-2)
	}

	s.clock.Advance(14 * time.Minute)
	svc := s.hosts["order"].Service().(*order.Service)
	if n, err := svc.ExpireDue(context.Background()); err != nil || n != 0 {
		t.Fatalf("before the hold ran out: %d expired (%v)", n, err)
	}
	s.clock.Advance(2 * time.Minute)
	if n, err := svc.ExpireDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("after the hold ran out: %d expired (%v), want 1", n, err)
	}
	got, err := s.orders.Get(buyer, o.ID)
	if err != nil || got.Status != orderclient.StatusCancelled || got.CancelReason != "expired" {
		t.Fatalf("order %+v (%v), want cancelled as expired", got, err)
	}
	eventually(t, "the stock to come back", func() (bool, error) { return s.available(t, v.ID) == before, nil })
}

// A declined card, then a good one: paid, and the stock is sold. Then the
// buyer cancels the paid order: it is refunded and its stock is back.
func TestSagaPayThenCancelRefundsAndRestores(t *testing.T) {
	s := startSystem(t)
	v := demo.Products[3].Variations[1]
	before := s.available(t, v.ID)
	buyer := shopper()
	o := s.checkout(t, buyer, v.ID, 1)

	pay := func(card string) paymentclient.Payment {
		t.Helper()
		// order.created opens the payment, or the payment service asks the
		// order service if the event has not arrived: either way it can pay.
		p, err := s.payments.Pay(buyer, o.ID, id.New(), paymentclient.PayRequest{CardNumber: card})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if p := pay(paymentclient.CardDeclined); p.Status != paymentclient.StatusPending || p.Attempts[0].Status != paymentclient.AttemptFailed {
		t.Fatalf("after the declined card: %+v", p)
	}
	if p := pay(paymentclient.CardSucceeds); p.Status != paymentclient.StatusSucceeded {
		t.Fatalf("after the good card: %+v", p)
	}
	eventually(t, "the order to be paid", func() (bool, error) {
		got, err := s.orders.Get(buyer, o.ID)
		return err == nil && got.Status == orderclient.StatusPaid, err
	})

	if _, err := s.orders.Cancel(buyer, o.ID); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the refund", func() (bool, error) {
		p, err := s.payments.ForOrder(buyer, o.ID)
		return err == nil && p.Status == paymentclient.StatusRefunded, err
	})
	eventually(t, "the stock to come back", func() (bool, error) { return s.available(t, v.ID) == before, nil })
	rep, err := s.warehouse.Audit(actor.With(context.Background(), actor.Actor{UserID: "audit", Role: actor.Admin}))
	if err != nil || len(rep.Items) > 0 {
		t.Fatalf("stock audit: %+v (%v)", rep, err)
	}
	var out strings.Builder // the operator's command says the same
	if err := run(context.Background(), []string{"stock-audit", "--data", s.data}, &out, io.Discard); err != nil || !strings.Contains(out.String(), "all stock adds up") {
		t.Fatalf("marketplace stock-audit: %q, %v", out.String(), err)
	}
	if _, err := s.orders.Cancel(buyer, o.ID); err != nil {
		t.Fatalf("cancelling twice: %v", err)
	}
	if _, err := s.payments.Pay(buyer, o.ID, id.New(), paymentclient.PayRequest{CardNumber: paymentclient.CardSucceeds}); !errors.Is(err, fault.Conflict) {
		t.Fatalf("paying a cancelled order: err = %v, want a conflict", err)
	}

	// Analytics saw it all: one order, paid (its total is the day's GMV)
	// and cancelled, two payment attempts of which one failed. Rebuilding
	// the projections from its event log gives the same dashboard.
	eventually(t, "every event to be handled", func() (bool, error) { return s.settled(t), nil })
	admin := actor.With(context.Background(), actor.Actor{UserID: "analyst", Role: actor.Admin})
	live, err := s.analytics.PlatformDashboard(admin, 7)
	if err != nil {
		t.Fatal(err)
	}
	if live.TotalOrders != 1 || live.TotalGMV != o.Total.Amount || live.Currency != o.Total.Currency || live.TotalCancelled != 1 || live.PaymentAttempts != 2 || live.PaymentFailed != 1 {
		t.Fatalf("platform dashboard: %d orders, GMV %d, %d cancelled, %d attempts, %d failed; want 1, %d, 1, 2, 1",
			live.TotalOrders, live.TotalGMV, live.TotalCancelled, live.PaymentAttempts, live.PaymentFailed, o.Total.Amount)
	}
	out.Reset()
	if err := run(context.Background(), []string{"analytics", "rebuild", "--data", s.data}, &out, io.Discard); err != nil || !strings.Contains(out.String(), "rebuilt the analytics projections") {
		t.Fatalf("marketplace analytics rebuild: %q, %v", out.String(), err)
	}
	rebuilt, err := s.analytics.PlatformDashboard(admin, 7)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rebuilt, live) {
		t.Fatalf("after the rebuild the dashboard is\n%+v\nwant\n%+v", rebuilt, live)
	}
}

// settled reports whether every event has been published and handled:
// no outbox holds anything and no queue has anything waiting.
func (s *system) settled(t *testing.T) bool {
	t.Helper()
	ctx := database.Quiet(context.Background()) // looking is not part of what is measured
	for _, h := range s.hosts {
		n, err := h.Deps().Outbox.Pending(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return false
		}
	}
	n, err := s.bus.Pending(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n == 0
}

// statements is the number of SQL statements every service ran so far.
func (s *system) statements() (int64, map[string]int64) {
	var total int64
	each := map[string]int64{}
	for name, h := range s.hosts {
		n := h.Deps().DB.Statements()
		each[name] = n
		total += n
	}
	return total, each
}

// One checkout, with everything it causes (the order, the reservation, the
// payment opened from order.created, the events each consumer applies),
// costs at most 30 SQL statements across the services that take part in
// it. Analytics' projection of those events (logging them, merging the
// order, its product names, owner and currency, the day's figures) is
// counted on its own, at most 10: it is off the buyer's path, behind the
// bus, and it is what the dashboards are made of.
func TestStatementsPerCheckout(t *testing.T) {
	s := startSystem(t)
	eventually(t, "the demo data's events to settle", func() (bool, error) { return s.settled(t), nil })
	buyer := shopper()
	v := demo.Products[8].Variations[0]
	if _, err := s.cart.AddItem(buyer, cartclient.Mine, cartclient.AddItemRequest{VariationID: v.ID, Quantity: 1}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the cart's events to settle", func() (bool, error) { return s.settled(t), nil })

	before, each := s.statements()
	res, err := s.cart.Checkout(buyer, cartclient.CheckoutRequest{CheckoutID: id.New(), Address: address})
	if err != nil || len(res.Orders) != 1 {
		t.Fatalf("checkout: %+v, %v", res, err)
	}
	eventually(t, "the checkout's events to settle", func() (bool, error) { return s.settled(t), nil })
	after, eachAfter := s.statements()
	projection := eachAfter["analytics"] - each["analytics"]
	cost := after - before - projection
	for name, n := range eachAfter {
		if d := n - each[name]; d > 0 {
			t.Logf("%-10s %d", name, d)
		}
	}
	t.Logf("one checkout: %d SQL statements in the services it goes through, %d more in analytics", cost, projection)
	if cost > 30 {
		t.Errorf("one checkout costs %d SQL statements, want at most 30", cost)
	}
	if projection > 10 {
		t.Errorf("analytics spends %d SQL statements on one checkout's events, want at most 10", projection)
	}
}

// An event a consumer cannot handle ends in its queue's dead letters, which
// admins (only) list and replay through the service's operations API.
func TestDeadLettersThroughTheOpsAPI(t *testing.T) {
	s := startSystem(t)
	bad := eventbus.Envelope{ID: id.New(), Type: "order.paid", Version: 1, Source: "test", OccurredAt: s.clock.Now(),
		Data: []byte(`{"order_id": 42}`)} // a number where an id belongs: no retry can fix it
	if err := s.bus.Publish(context.Background(), []eventbus.Envelope{bad}); err != nil {
		t.Fatal(err)
	}
	ops := opsclient.New("warehouse", s.hosts["warehouse"].URL(), httpclient.Options{Token: s.token})
	admin := actor.With(context.Background(), actor.Actor{UserID: "ops", Role: actor.Admin})
	eventually(t, "the dead letter", func() (bool, error) {
		d, err := ops.DeadLetters(admin, 10)
		return err == nil && len(d.Items) == 1 && d.Items[0].EventID == bad.ID, err
	})
	for _, who := range []context.Context{shopper(), actor.With(context.Background(), actor.Actor{UserID: "s", Role: actor.Seller})} {
		if _, err := ops.DeadLetters(who, 10); !errors.Is(err, fault.Forbidden) {
			t.Fatalf("a non-admin listing dead letters: %v", err)
		}
		if _, err := ops.Replay(who, nil); !errors.Is(err, fault.Forbidden) {
			t.Fatalf("a non-admin replaying dead letters: %v", err)
		}
	}
	if n, err := ops.Replay(admin, []string{bad.ID}); err != nil || n != 1 {
		t.Fatalf("replay: %d, %v", n, err)
	}
	// Still unreadable: it comes back to the dead letters.
	eventually(t, "the replayed event to fail again", func() (bool, error) {
		d, err := ops.DeadLetters(admin, 10)
		return err == nil && len(d.Items) == 1, err
	})
}
