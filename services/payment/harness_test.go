package payment_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/payment"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

var start = time.Date(2026, 6, 7, 8, 9, 10, 0, time.UTC)

// People of the tests.
var (
	buyer   = actor.Actor{UserID: id.New(), Role: actor.Shopper}
	other   = actor.Actor{UserID: id.New(), Role: actor.Shopper}
	seller  = actor.Actor{UserID: id.New(), Role: actor.Seller}
	admin   = actor.Actor{UserID: id.New(), Role: actor.Admin}
	shopID  = id.New()
	nobody  = actor.Actor{}
	allCard = []string{paymentclient.CardSucceeds, paymentclient.CardDeclined, paymentclient.CardInsufficientFunds, otherCard}
)

// otherCard passes the Luhn check but is not a test card.
const otherCard = "5555 5555 5555 4444"

func as(a actor.Actor) context.Context { return actor.With(context.Background(), a) }

// fakeOrders serves GET /v1/orders/{id} like the order service: to the
// buyer, the shop's owner or an admin.
type fakeOrders struct {
	mu     sync.Mutex
	orders map[string]orderclient.Order
	calls  int
}

func (f *fakeOrders) put(o orderclient.Order) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.orders[o.ID] = o
}

func (f *fakeOrders) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

func (f *fakeOrders) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	w.Header().Set("Content-Type", "application/json")
	fail := func(status int, code, msg string) {
		w.WriteHeader(status)
		_, _ = fmt.Fprintf(w, `{"error":{"code":%q,"message":%q}}`, code, msg)
	}
	if r.Header.Get(httpserver.HeaderToken) != testkit.Token {
		fail(http.StatusUnauthorized, "unauthenticated", "a valid internal token is required")
		return
	}
	oid, ok := strings.CutPrefix(r.URL.Path, "/v1/orders/")
	o, found := f.orders[oid]
	if r.Method != http.MethodGet || !ok || !found {
		fail(http.StatusNotFound, "not_found", "no such order")
		return
	}
	user, role := r.Header.Get(actor.HeaderUserID), r.Header.Get(actor.HeaderRole)
	if user == "" {
		fail(http.StatusUnauthorized, "unauthenticated", "sign in")
		return
	}
	if user != o.BuyerID && user != o.ShopOwnerID && role != string(actor.Admin) {
		fail(http.StatusForbidden, "forbidden", "not your order")
		return
	}
	_ = json.NewEncoder(w).Encode(o)
}

// countingGateway wraps the sandbox, counting calls. down makes charges
// fail; hold, when set, runs inside every charge before the sandbox
// answers.
type countingGateway struct {
	inner   payment.Gateway
	charges atomic.Int64
	refunds atomic.Int64
	down    atomic.Bool
	hold    atomic.Pointer[func()]
}

func (g *countingGateway) Charge(ctx context.Context, r payment.ChargeRequest) (payment.ChargeResult, error) {
	g.charges.Add(1)
	if h := g.hold.Load(); h != nil {
		(*h)()
	}
	if g.down.Load() {
		return payment.ChargeResult{}, errors.New("gateway down for the test")
	}
	return g.inner.Charge(ctx, r)
}

func (g *countingGateway) Refund(ctx context.Context, chargeID string, amount int64) error {
	g.refunds.Add(1)
	return g.inner.Refund(ctx, chargeID, amount)
}

// syncBuffer collects log output from many goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// harness is one payment service over real HTTP, with a fake order
// service, a counting sandbox, every log line at hand, and its database.
type harness struct {
	t       *testing.T
	served  testkit.Served
	client  *paymentclient.Client
	db      *database.DB
	clock   *clock.Manual
	orders  *fakeOrders
	gateway *countingGateway
	logs    *syncBuffer
	// arrivals counts payment requests as they reach the server; arrived
	// is closed when it reaches want (see await).
	arrivals atomic.Int64
	want     atomic.Int64
	arrived  chan struct{}
}

func newHarness(t *testing.T, dbURL string) *harness {
	t.Helper()
	h := &harness{
		t: t, orders: &fakeOrders{orders: map[string]orderclient.Order{}},
		gateway: &countingGateway{inner: payment.NewSandbox()}, logs: &syncBuffer{}, clock: clock.NewManual(start),
	}
	fakeSrv := httptest.NewServer(h.orders)
	t.Cleanup(fakeSrv.Close)
	orders := orderclient.New(fakeSrv.URL, httpclient.Options{Token: testkit.Token, Retries: 1})

	log := slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	deps, err := host.NewDeps(context.Background(), host.Config{Name: "payment", DatabaseURL: dbURL, Clock: h.clock, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { deps.DB.Close() })
	svc, err := payment.New(deps, orders, h.gateway, payment.WithRequestHashKey([]byte("test hash key")))
	if err != nil {
		t.Fatal(err)
	}
	e := httpserver.New(httpserver.Options{Service: "payment", Logger: log, Registry: deps.Registry})
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if c.Request().Method == http.MethodPost && strings.HasSuffix(c.Request().URL.Path, "/attempts") {
				if n := h.arrivals.Add(1); n == h.want.Load() {
					close(h.arrived)
				}
			}
			return next(c)
		}
	})
	svc.Routes(e.Group("/v1", httpserver.Internal(testkit.Token)))
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	h.served = testkit.Served{URL: srv.URL, Deps: deps, Service: svc}
	h.db = deps.DB
	h.client = paymentclient.New(srv.URL, httpclient.Options{Token: testkit.Token, Timeout: 20 * time.Second})
	return h
}

// holdChargesUntil makes every charge wait until n payment requests have
// reached the server, so that concurrent requests really overlap the
// charge (no sleeping: the server counts them in).
func (h *harness) holdChargesUntil(n int) {
	h.arrivals.Store(0)
	h.arrived = make(chan struct{})
	h.want.Store(int64(n))
	arrived := h.arrived
	hold := func() {
		select {
		case <-arrived:
		case <-time.After(15 * time.Second):
			h.t.Errorf("only %d of %d requests arrived", h.arrivals.Load(), n)
		}
	}
	h.gateway.hold.Store(&hold)
	h.t.Cleanup(func() { h.gateway.hold.Store(nil) })
}

// newOrder returns an order of buyer's at shopID, waiting for payment.
func newOrder(total int64) orderevents.Order {
	return orderevents.Order{
		OrderID: id.New(), CheckoutID: id.New(), BuyerID: buyer.UserID, ShopID: shopID, ShopOwnerID: seller.UserID,
		Lines: []orderevents.Line{{
			VariationID: id.New(), ProductID: id.New(), SKU: "MUG-1", ProductName: "Mug", VariationName: "Sand",
			Quantity: 2, UnitPrice: total / 2, LineTotal: total,
		}},
		Total: total, Currency: "EUR", Version: 1,
	}
}

func createdEvent(o orderevents.Order) orderevents.OrderCreated {
	return orderevents.OrderCreated{Order: o, ExpiresAt: start.Add(15 * time.Minute), CreatedAt: start}
}

func cancelledEvent(o orderevents.Order, wasPaid bool) orderevents.OrderCancelled {
	o.Version++
	return orderevents.OrderCancelled{Order: o, Reason: orderevents.ReasonByBuyer, WasPaid: wasPaid, CancelledAt: start}
}

// asOrderService describes o as the order service answers about it.
func asOrderService(o orderevents.Order, status string) orderclient.Order {
	return orderclient.Order{
		ID: o.OrderID, CheckoutID: o.CheckoutID, BuyerID: o.BuyerID, ShopID: o.ShopID, ShopOwnerID: o.ShopOwnerID,
		Status: status, Total: orderclient.Money{Amount: o.Total, Currency: o.Currency}, CreatedAt: start,
	}
}

// deliver runs the consumer on the envelopes and wants each acknowledged.
func (h *harness) deliver(envs ...eventbus.Envelope) {
	h.t.Helper()
	for i, o := range testkit.Deliver(h.t, h.served, envs...) {
		if o != testkit.Acked {
			h.t.Fatalf("event %d (%s) was %s", i, envs[i].Type, o)
		}
	}
}

func (h *harness) event(p eventbus.Payload) eventbus.Envelope {
	return testkit.Event(h.t, "order", p)
}

// opened delivers order.created for a new order and returns the order.
func (h *harness) opened(total int64) orderevents.Order {
	h.t.Helper()
	o := newOrder(total)
	h.deliver(h.event(createdEvent(o)))
	return o
}

func (h *harness) pay(who actor.Actor, orderID, key, card string) (paymentclient.Payment, error) {
	return h.client.Pay(as(who), orderID, key, paymentclient.PayRequest{CardNumber: card})
}

func (h *harness) mustPay(who actor.Actor, orderID, key, card string) paymentclient.Payment {
	h.t.Helper()
	p, err := h.pay(who, orderID, key, card)
	if err != nil {
		h.t.Fatalf("pay %s: %v", orderID, err)
	}
	return p
}

func (h *harness) get(who actor.Actor, orderID string) paymentclient.Payment {
	h.t.Helper()
	p, err := h.client.ForOrder(as(who), orderID)
	if err != nil {
		h.t.Fatalf("payment of %s: %v", orderID, err)
	}
	return p
}

func (h *harness) count(table string) int64 {
	h.t.Helper()
	var n int64
	if err := h.db.Conn(context.Background()).Table(table).Count(&n).Error; err != nil {
		h.t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// outboxEvent is a payment event in the outbox.
type outboxEvent struct {
	Type    string
	Attempt paymentevents.Attempt
	Reason  string
}

func (h *harness) events() []outboxEvent {
	h.t.Helper()
	var rs []struct{ Type, Envelope string }
	if err := h.db.Conn(context.Background()).Table("outbox").Select("type, envelope").Order("id").Scan(&rs).Error; err != nil {
		h.t.Fatal(err)
	}
	var out []outboxEvent
	for _, r := range rs {
		var env eventbus.Envelope
		if err := json.Unmarshal([]byte(r.Envelope), &env); err != nil {
			h.t.Fatal(err)
		}
		if env.Source != "payment" || env.Version != 1 || !id.Valid(env.ID) {
			h.t.Fatalf("envelope %+v", env)
		}
		switch r.Type {
		case "payment.success":
			p, err := eventbus.Decode[paymentevents.PaymentSucceeded](env)
			if err != nil {
				h.t.Fatal(err)
			}
			out = append(out, outboxEvent{Type: r.Type, Attempt: p.Attempt})
		case "payment.failed":
			p, err := eventbus.Decode[paymentevents.PaymentFailed](env)
			if err != nil {
				h.t.Fatal(err)
			}
			out = append(out, outboxEvent{Type: r.Type, Attempt: p.Attempt, Reason: p.Reason})
		default:
			h.t.Fatalf("outbox has a %s event", r.Type)
		}
	}
	return out
}

// snapshot is what a refused request must leave as it was.
type snapshot struct {
	Payments, Attempts, Outbox, Charges int64
}

func (h *harness) snapshot() snapshot {
	h.t.Helper()
	return snapshot{
		Payments: h.count("payments"), Attempts: h.count("payment_attempts"), Outbox: h.count("outbox"),
		Charges: h.gateway.charges.Load(),
	}
}

func (h *harness) unchanged(before snapshot) {
	h.t.Helper()
	if after := h.snapshot(); after != before {
		h.t.Fatalf("state changed:\nbefore %+v\nafter  %+v", before, after)
	}
}

// dump returns the text of every row of every table of the database.
func (h *harness) dump() string {
	h.t.Helper()
	ctx := context.Background()
	q := `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`
	if h.db.Dialect() == database.SQLite {
		q = `SELECT name FROM sqlite_master WHERE type = 'table'`
	}
	var tables []string
	if err := h.db.Conn(ctx).Raw(q).Scan(&tables).Error; err != nil {
		h.t.Fatal(err)
	}
	if len(tables) < 4 {
		h.t.Fatalf("only tables %v", tables)
	}
	var out strings.Builder
	for _, table := range tables {
		rows, err := h.db.SQL().QueryContext(ctx, `SELECT * FROM `+table)
		if err != nil {
			h.t.Fatalf("read %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				h.t.Fatal(err)
			}
			for _, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				fmt.Fprintf(&out, "%s|%v\n", table, v)
			}
		}
		if err := rows.Err(); err != nil {
			h.t.Fatal(err)
		}
		rows.Close()
	}
	return out.String()
}
