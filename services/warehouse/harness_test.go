package warehouse_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/warehouse"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseevents"
)

var start = time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

// People of the tests.
var (
	sellerA = actor.Actor{UserID: id.New(), Role: actor.Seller}
	sellerB = actor.Actor{UserID: id.New(), Role: actor.Seller}
	shopper = actor.Actor{UserID: id.New(), Role: actor.Shopper}
	admin   = actor.Actor{UserID: id.New(), Role: actor.Admin}
	shopA   = id.New()
	shopB   = id.New()
)

func as(a actor.Actor) context.Context { return actor.With(context.Background(), a) }

var anonymous = context.Background()

// fakeProducts serves GET /v1/products/{id} like the product service, from
// a map the test fills; down makes it answer 503.
type fakeProducts struct {
	mu       sync.Mutex
	products map[string]productclient.Product
	down     bool
	calls    int
}

func (f *fakeProducts) put(p productclient.Product) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.products[p.ID] = p
}

func (f *fakeProducts) setDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
}

func (f *fakeProducts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	w.Header().Set("Content-Type", "application/json")
	pid, ok := strings.CutPrefix(r.URL.Path, "/v1/products/")
	if f.down {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"error":{"code":"unavailable","message":"down for the test"}}`))
		return
	}
	p, found := f.products[pid]
	if r.Method != http.MethodGet || !ok || !found {
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error":{"code":"not_found","message":"no such product"}}`))
		return
	}
	_ = json.NewEncoder(w).Encode(p)
}

// harness is one warehouse over real HTTP with a fake product service.
type harness struct {
	t        *testing.T
	served   testkit.Served
	client   *warehouseclient.Client
	svc      *warehouse.Service
	db       *database.DB
	clock    *clock.Manual
	products *fakeProducts
}

func newHarness(t *testing.T, dbURL string) *harness {
	t.Helper()
	fake := &fakeProducts{products: map[string]productclient.Product{}}
	fakeSrv := httptest.NewServer(fake)
	t.Cleanup(fakeSrv.Close)
	products := productclient.New(fakeSrv.URL, httpclient.Options{Token: testkit.Token, Retries: 1})
	clk := clock.NewManual(start)
	s := testkit.ServeService(t, "warehouse", dbURL, clk, func(d host.Deps) (host.Service, error) {
		return warehouse.New(d, products)
	})
	return &harness{
		t: t, served: s, svc: s.Service.(*warehouse.Service), db: s.Deps.DB, clock: clk, products: fake,
		client: warehouseclient.New(s.URL, httpclient.Options{Token: testkit.Token}),
	}
}

// deliver runs the consumer on the payloads, each as a fresh event, and
// wants every one acknowledged.
func (h *harness) deliver(payloads ...eventbus.Payload) {
	h.t.Helper()
	envs := make([]eventbus.Envelope, 0, len(payloads))
	for _, p := range payloads {
		envs = append(envs, testkit.Event(h.t, "product", p))
	}
	h.deliverEnvelopes(envs...)
}

func (h *harness) deliverEnvelopes(envs ...eventbus.Envelope) {
	h.t.Helper()
	for i, o := range testkit.Deliver(h.t, h.served, envs...) {
		if o != testkit.Acked {
			h.t.Fatalf("event %d (%s) was %s", i, envs[i].Type, o)
		}
	}
}

func created(productID, shopID string, owner actor.Actor, version int64, variationIDs ...string) productevents.ProductCreated {
	return productevents.ProductCreated{Product: product(productID, shopID, owner, version, variationIDs...), CreatedAt: start}
}

func updated(productID, shopID string, owner actor.Actor, version int64, variationIDs ...string) productevents.ProductUpdated {
	return productevents.ProductUpdated{Product: product(productID, shopID, owner, version, variationIDs...), UpdatedAt: start}
}

func product(productID, shopID string, owner actor.Actor, version int64, variationIDs ...string) productevents.Product {
	p := productevents.Product{ProductID: productID, ShopID: shopID, OwnerID: owner.UserID, Name: "Mug", Currency: "EUR", Version: version}
	for i, v := range variationIDs {
		p.Variations = append(p.Variations, productevents.Variation{VariationID: v, SKU: "SKU-" + v[:8], Name: "V", Price: int64(100 + i)})
	}
	return p
}

// catalogProduct is the product service's answer for a product.
func catalogProduct(productID, shopID string, owner actor.Actor, variationIDs ...string) productclient.Product {
	p := productclient.Product{ID: productID, ShopID: shopID, OwnerID: owner.UserID, Name: "Mug"}
	for _, v := range variationIDs {
		p.Variations = append(p.Variations, productclient.Variation{ID: v, SKU: "SKU", Name: "V"})
	}
	return p
}

// listed makes a product of seller A with n variations known from its
// created event, each with the given available stock, and returns the
// product and variation ids.
func (h *harness) listed(owner actor.Actor, shop string, available ...int64) (string, []string) {
	h.t.Helper()
	pid := id.New()
	vids := make([]string, len(available))
	for i := range vids {
		vids[i] = id.New()
	}
	h.deliver(created(pid, shop, owner, 1, vids...))
	for i, n := range available {
		if n > 0 {
			h.adjust(owner, vids[i], "set", n, "initial count")
		}
	}
	return pid, vids
}

func (h *harness) adjust(a actor.Actor, variationID, mode string, n int64, reason string) warehouseclient.Stock {
	h.t.Helper()
	s, err := h.client.Adjust(as(a), variationID, warehouseclient.Adjustment{Mode: mode, Quantity: n, Reason: reason})
	if err != nil {
		h.t.Fatalf("adjust %s %s %d: %v", variationID, mode, n, err)
	}
	return s
}

// post sends a raw JSON body as a, returning the status.
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

// row is a stock row as stored, retired ones included.
type row struct {
	VariationID, ProductID, ShopID, OwnerID string
	Available, Reserved, Sold, Version      int64
	Retired                                 bool
}

func (h *harness) rows() map[string]row {
	h.t.Helper()
	var rs []row
	err := h.db.Conn(context.Background()).Raw(
		`SELECT variation_id, product_id, shop_id, owner_id, available, reserved, sold, version, retired FROM stock`).Scan(&rs).Error
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string]row{}
	for _, r := range rs {
		out[r.VariationID] = r
	}
	return out
}

func (h *harness) row(variationID string) row {
	h.t.Helper()
	r, ok := h.rows()[variationID]
	if !ok {
		h.t.Fatalf("no stock row for %s", variationID)
	}
	return r
}

func (h *harness) count(table string) int64 {
	h.t.Helper()
	var n int64
	if err := h.db.Conn(context.Background()).Table(table).Count(&n).Error; err != nil {
		h.t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// stockEvent is a stock event in the outbox.
type stockEvent struct {
	Type string
	warehouseevents.StockChange
}

func (h *harness) events() []stockEvent {
	h.t.Helper()
	var rs []struct{ Type, Envelope string }
	if err := h.db.Conn(context.Background()).Table("outbox").Select("type, envelope").Order("id").Scan(&rs).Error; err != nil {
		h.t.Fatal(err)
	}
	var out []stockEvent
	for _, r := range rs {
		var env eventbus.Envelope
		if err := json.Unmarshal([]byte(r.Envelope), &env); err != nil {
			h.t.Fatal(err)
		}
		if env.Source != "warehouse" {
			h.t.Fatalf("envelope from %q", env.Source)
		}
		switch r.Type {
		case "stock.increased":
			p, err := eventbus.Decode[warehouseevents.StockIncreased](env)
			if err != nil {
				h.t.Fatal(err)
			}
			out = append(out, stockEvent{r.Type, p.StockChange})
		case "stock.decreased":
			p, err := eventbus.Decode[warehouseevents.StockDecreased](env)
			if err != nil {
				h.t.Fatal(err)
			}
			out = append(out, stockEvent{r.Type, p.StockChange})
		default:
			h.t.Fatalf("outbox has a %s event", r.Type)
		}
	}
	return out
}

// snapshot is everything a rejected request must leave as it was.
type snapshot struct {
	Rows                                   map[string]row
	Movements, Outbox, Reservations, Lines int64
	Products                               int64
}

func (h *harness) snapshot() snapshot {
	h.t.Helper()
	return snapshot{
		Rows: h.rows(), Movements: h.count("stock_movements"), Outbox: h.count("outbox"),
		Reservations: h.count("reservations"), Lines: h.count("reservation_lines"), Products: h.count("products"),
	}
}

func (h *harness) unchanged(before snapshot) {
	h.t.Helper()
	if after := h.snapshot(); !reflect.DeepEqual(before, after) {
		h.t.Fatalf("state changed:\nbefore %+v\nafter  %+v", before, after)
	}
}

// auditClean wants the audit to find nothing wrong.
func (h *harness) auditClean() warehouseclient.AuditReport {
	h.t.Helper()
	rep, err := h.client.Audit(as(admin))
	if err != nil {
		h.t.Fatal(err)
	}
	if len(rep.Items) != 0 {
		h.t.Fatalf("audit found %+v", rep.Items)
	}
	if rep.Checked != h.count("stock") {
		h.t.Fatalf("audit checked %d of %d rows", rep.Checked, h.count("stock"))
	}
	return rep
}
