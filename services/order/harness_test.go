package order_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/order"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/product"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/shop/shopclient"
	"github.com/marketplace/marketplace/services/warehouse"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

var start = time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

const hold = 10 * time.Minute

// People of the tests: two shoppers, the owners of the first two demo
// shops, another seller and an admin.
var (
	buyer   = actor.Actor{UserID: id.New(), Role: actor.Shopper}
	other   = actor.Actor{UserID: id.New(), Role: actor.Shopper}
	ownerA  = actor.Actor{UserID: demo.Shops[0].OwnerID, Role: actor.Seller}
	ownerB  = actor.Actor{UserID: demo.Shops[1].OwnerID, Role: actor.Seller}
	seller  = actor.Actor{UserID: id.New(), Role: actor.Seller}
	admin   = actor.Actor{UserID: id.New(), Role: actor.Admin}
	address = orderclient.Address{FullName: "Ada Lovelace", Address: "12 St James's Square", City: "London", PostalCode: "SW1Y 4JH", Country: "GB"}
)

func as(a actor.Actor) context.Context { return actor.With(context.Background(), a) }

// Demo variations: shopA is the first demo shop, shopB the second.
var (
	mugSand     = demo.Products[0].Variations[0]  // shop A, 24.00, 40 in stock
	bowl        = demo.Products[1].Variations[0]  // shop A, 54.00, 8 in stock
	plates      = demo.Products[5].Variations[0]  // shop A, 72.00, 6 in stock
	shirtWhiteS = demo.Products[6].Variations[0]  // shop B, 29.00, 14 in stock
	speakers    = demo.Products[14].Variations[0] // shop C, 249.00, 4 in stock
	shopA       = demo.Shops[0]
	shopB       = demo.Shops[1]
)

// switchable forwards to a server unless it is switched off, when it
// answers 503 as a service that is down.
type switchable struct {
	proxy *httputil.ReverseProxy
	down  atomic.Bool
}

func (s *switchable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.down.Load() {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"error":{"code":"unavailable","message":"down for the test"}}`))
		return
	}
	s.proxy.ServeHTTP(w, r)
}

// harness is the order service over real HTTP, with the real product and
// warehouse services (demo data seeded) behind it, on one manual clock.
type harness struct {
	t         *testing.T
	served    testkit.Served
	svc       *order.Service
	db        *database.DB
	client    *orderclient.Client
	stock     *warehouseclient.Client
	warehouse *switchable
	clock     *clock.Manual
}

func newHarness(t *testing.T, dbURL string) *harness {
	t.Helper()
	ctx := context.Background()
	another := func() string {
		if strings.HasPrefix(dbURL, "sqlite:") {
			return testkit.SQLite(t)
		}
		return testkit.Postgres(t)
	}
	clk := clock.NewManual(start)
	opt := httpclient.Options{Token: testkit.Token}

	nowhere := shopclient.New("http://127.0.0.1:1", opt)
	ps := testkit.ServeService(t, "product", another(), clk, func(d host.Deps) (host.Service, error) {
		return product.New(d, nowhere)
	})
	products := productclient.New(ps.URL, opt)
	ws := testkit.ServeService(t, "warehouse", another(), clk, func(d host.Deps) (host.Service, error) {
		return warehouse.New(d, products)
	})
	for _, s := range []testkit.Served{ps, ws} {
		if err := s.Service.(host.Seeder).Seed(ctx); err != nil {
			t.Fatalf("seed %s: %v", s.Deps.Name, err)
		}
	}
	target, _ := url.Parse(ws.URL)
	sw := &switchable{proxy: httputil.NewSingleHostReverseProxy(target)}
	proxy := httptest.NewServer(sw)
	t.Cleanup(proxy.Close)

	served := testkit.ServeService(t, "order", dbURL, clk, func(d host.Deps) (host.Service, error) {
		return order.New(d, products, warehouseclient.New(proxy.URL, httpclient.Options{Token: testkit.Token, Retries: 1}), hold)
	})
	return &harness{
		t: t, served: served, svc: served.Service.(*order.Service), db: served.Deps.DB, clock: clk, warehouse: sw,
		client: orderclient.New(served.URL, opt), stock: warehouseclient.New(ws.URL, opt),
	}
}

func line(v demo.Variation, quantity int64) orderclient.CheckoutLine {
	return orderclient.CheckoutLine{VariationID: v.ID, Quantity: quantity, ExpectedPrice: v.Price}
}

func request(lines ...orderclient.CheckoutLine) orderclient.CheckoutRequest {
	return orderclient.CheckoutRequest{CheckoutID: id.New(), Address: address, Lines: lines}
}

func (h *harness) checkout(who actor.Actor, r orderclient.CheckoutRequest) orderclient.CheckoutResult {
	h.t.Helper()
	res, err := h.client.Checkout(as(who), r)
	if err != nil {
		h.t.Fatalf("checkout: %v", err)
	}
	return res
}

// placed checks out one line for the buyer and returns its order.
func (h *harness) placed(v demo.Variation, quantity int64) orderclient.Order {
	h.t.Helper()
	res := h.checkout(buyer, request(line(v, quantity)))
	if len(res.Orders) != 1 {
		h.t.Fatalf("checkout made %+v", res)
	}
	return res.Orders[0]
}

func (h *harness) get(who actor.Actor, orderID string) orderclient.Order {
	h.t.Helper()
	o, err := h.client.Get(as(who), orderID)
	if err != nil {
		h.t.Fatalf("get order %s: %v", orderID, err)
	}
	return o
}

// available asks the warehouse how many of each variation can be sold.
func (h *harness) available(vs ...demo.Variation) map[string]int64 {
	h.t.Helper()
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	got, err := h.stock.Availability(context.Background(), ids)
	if err != nil {
		h.t.Fatal(err)
	}
	return got
}

func (h *harness) count(table, where string, args ...any) int64 {
	h.t.Helper()
	var n int64
	q := h.db.Conn(context.Background()).Table(table)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		h.t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// snapshot is what a refused request must leave as it was.
type snapshot struct{ Checkouts, Orders, Lines, Steps, Outbox, Versions int64 }

func (h *harness) snapshot() snapshot {
	h.t.Helper()
	var versions int64
	if err := h.db.Conn(context.Background()).Raw(`SELECT COALESCE(SUM(version), 0) FROM orders`).Scan(&versions).Error; err != nil {
		h.t.Fatal(err)
	}
	return snapshot{
		Checkouts: h.count("checkouts", ""), Orders: h.count("orders", ""), Lines: h.count("order_lines", ""),
		Steps: h.count("order_steps", ""), Outbox: h.count("outbox", ""), Versions: versions,
	}
}

func (h *harness) unchanged(before snapshot) {
	h.t.Helper()
	if after := h.snapshot(); after != before {
		h.t.Fatalf("state changed:\nbefore %+v\nafter  %+v", before, after)
	}
}

// outboxEvent is an event in the outbox, decoded by its type.
type outboxEvent struct {
	Type      string
	Created   orderevents.OrderCreated
	Paid      orderevents.OrderPaid
	Cancelled orderevents.OrderCancelled
	Shipped   orderevents.OrderShipped
}

// OrderID is the order the event is about.
func (e outboxEvent) OrderID() string {
	switch e.Type {
	case "order.created":
		return e.Created.OrderID
	case "order.paid":
		return e.Paid.OrderID
	case "order.cancelled":
		return e.Cancelled.OrderID
	default:
		return e.Shipped.OrderID
	}
}

// events returns the outbox's events of type typ ("" for all) about the
// order orderID ("" for any), oldest first.
func (h *harness) events(typ, orderID string) []outboxEvent {
	h.t.Helper()
	var rows []struct{ Type, Envelope string }
	if err := h.db.Conn(context.Background()).Table("outbox").Select("type, envelope").Order("id").Scan(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	var out []outboxEvent
	for _, r := range rows {
		var env eventbus.Envelope
		if err := json.Unmarshal([]byte(r.Envelope), &env); err != nil {
			h.t.Fatal(err)
		}
		if env.Source != "order" || env.Type != r.Type {
			h.t.Fatalf("envelope %+v", env)
		}
		e := outboxEvent{Type: r.Type}
		var err error
		switch r.Type {
		case "order.created":
			e.Created, err = eventbus.Decode[orderevents.OrderCreated](env)
		case "order.paid":
			e.Paid, err = eventbus.Decode[orderevents.OrderPaid](env)
		case "order.cancelled":
			e.Cancelled, err = eventbus.Decode[orderevents.OrderCancelled](env)
		case "order.shipped":
			e.Shipped, err = eventbus.Decode[orderevents.OrderShipped](env)
		default:
			h.t.Fatalf("outbox has a %s event", r.Type)
		}
		if err != nil {
			h.t.Fatal(err)
		}
		if (typ == "" || e.Type == typ) && (orderID == "" || e.OrderID() == orderID) {
			out = append(out, e)
		}
	}
	return out
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

func paymentSucceeded(t *testing.T, o orderclient.Order, paymentID string, at time.Time) eventbus.Envelope {
	return testkit.Event(t, "payment", paymentevents.PaymentSucceeded{Attempt: attempt(o, paymentID, at)})
}

func paymentFailed(t *testing.T, o orderclient.Order, reason string, at time.Time) eventbus.Envelope {
	return testkit.Event(t, "payment", paymentevents.PaymentFailed{Attempt: attempt(o, "pay-"+o.ID[:8], at), Reason: reason})
}

func attempt(o orderclient.Order, paymentID string, at time.Time) paymentevents.Attempt {
	return paymentevents.Attempt{
		PaymentID: paymentID, AttemptID: id.New(), OrderID: o.ID, BuyerID: o.BuyerID, ShopID: o.ShopID,
		Amount: o.Total.Amount, Currency: o.Total.Currency, CardLast4: "4242", At: at,
	}
}

// pay delivers payment.success for o and returns the order as it is then.
func (h *harness) pay(o orderclient.Order) orderclient.Order {
	h.t.Helper()
	h.deliver(paymentSucceeded(h.t, o, "pay-"+o.ID[:8], h.clock.Now()))
	return h.get(buyer, o.ID)
}

// sameJSON fails unless a and b encode alike.
func sameJSON(t *testing.T, what string, a, b any) {
	t.Helper()
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatalf("%s differ:\n%s\n%s", what, ja, jb)
	}
}

// post sends a raw body as a and returns the status.
func (h *harness) post(a actor.Actor, path, body string) int {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.served.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Internal-Token", testkit.Token)
	req.Header.Set(actor.HeaderUserID, a.UserID)
	req.Header.Set(actor.HeaderRole, string(a.Role))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// getStatus sends a GET as a and returns the status.
func (h *harness) getStatus(a actor.Actor, path string) int {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodGet, h.served.URL+path, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("X-Internal-Token", testkit.Token)
	req.Header.Set(actor.HeaderUserID, a.UserID)
	req.Header.Set(actor.HeaderRole, string(a.Role))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
