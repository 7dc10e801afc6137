package cart_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/cart"
	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/cart/cartevents"
	"github.com/marketplace/marketplace/services/order/orderclient"
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
	"github.com/marketplace/marketplace/services/shop/shopevents"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseevents"
)

var start = time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

// People of the tests.
var (
	alice  = actor.Actor{UserID: id.New(), Role: actor.Shopper}
	bob    = actor.Actor{UserID: id.New(), Role: actor.Shopper}
	seller = actor.Actor{UserID: id.New(), Role: actor.Seller}
	nobody = actor.Actor{}
)

func as(a actor.Actor) context.Context { return actor.With(context.Background(), a) }

var address = orderclient.Address{FullName: "Alice Brown", Address: "1 Main Street", City: "Oslo", PostalCode: "0150", Country: "Norway"}

// fakeCatalog serves GET /v1/variations like the product service, from a
// map the test fills, and records the ids of every call.
type fakeCatalog struct {
	mu    sync.Mutex
	items map[string]productclient.VariationInfo
	calls [][]string
}

func (f *fakeCatalog) put(v productclient.VariationInfo) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items[v.VariationID] = v
}

func (f *fakeCatalog) get(vid string) productclient.VariationInfo {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.items[vid]
}

func (f *fakeCatalog) remove(vid string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.items, vid)
}

func (f *fakeCatalog) called() [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func (f *fakeCatalog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Method != http.MethodGet || r.URL.Path != "/v1/variations" {
		http.NotFound(w, r)
		return
	}
	ids := r.URL.Query()["id"]
	f.calls = append(f.calls, ids)
	out := []productclient.VariationInfo{}
	for _, vid := range ids {
		if v, ok := f.items[vid]; ok {
			out = append(out, v)
		}
	}
	writeJSON(w, map[string]any{"items": out})
}

// fakeStock serves GET /v1/availability like the warehouse, and records
// the ids of every call.
type fakeStock struct {
	mu        sync.Mutex
	available map[string]int64
	calls     [][]string
}

func (f *fakeStock) set(vid string, n int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.available[vid] = n
}

func (f *fakeStock) called() [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func (f *fakeStock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Method != http.MethodGet || r.URL.Path != "/v1/availability" {
		http.NotFound(w, r)
		return
	}
	ids := r.URL.Query()["variation_id"]
	f.calls = append(f.calls, ids)
	out := map[string]int64{}
	for _, vid := range ids {
		out[vid] = f.available[vid] // unknown: 0, as the warehouse says
	}
	writeJSON(w, map[string]any{"items": out})
}

// orderCall is one request the fake order service received.
type orderCall struct {
	Actor   actor.Actor
	Key     string
	Request orderclient.CheckoutRequest
}

// fakeOrders serves POST /v1/checkouts like the order service: one order
// per shop of the lines (shops from the catalog), except the shops in
// fail; idempotent by checkout id. It records every call.
type fakeOrders struct {
	mu      sync.Mutex
	catalog *fakeCatalog
	fail    map[string]string // shop id -> reason
	results map[string]orderclient.CheckoutResult
	calls   []orderCall
}

func (f *fakeOrders) failShop(shopID, reason string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail[shopID] = reason
}

func (f *fakeOrders) called() []orderCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func (f *fakeOrders) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/checkouts" {
		http.NotFound(w, r)
		return
	}
	var req orderclient.CheckoutRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	who := actor.Actor{UserID: r.Header.Get(actor.HeaderUserID), Role: actor.Role(r.Header.Get(actor.HeaderRole))}
	f.calls = append(f.calls, orderCall{Actor: who, Key: r.Header.Get("Idempotency-Key"), Request: req})
	if res, ok := f.results[req.CheckoutID]; ok {
		writeJSON(w, res)
		return
	}
	res := orderclient.CheckoutResult{CheckoutID: req.CheckoutID, Orders: []orderclient.Order{}, Failed: []orderclient.ShopFailure{}}
	byShop := map[string]*orderclient.Order{}
	var shops []string
	for _, l := range req.Lines {
		v := f.catalog.get(l.VariationID)
		if _, failed := f.fail[v.ShopID]; failed {
			if !slices.ContainsFunc(res.Failed, func(s orderclient.ShopFailure) bool { return s.ShopID == v.ShopID }) {
				res.Failed = append(res.Failed, orderclient.ShopFailure{ShopID: v.ShopID, ShopName: v.ShopName, Reason: f.fail[v.ShopID]})
			}
			continue
		}
		o, ok := byShop[v.ShopID]
		if !ok {
			o = &orderclient.Order{ID: id.New(), CheckoutID: req.CheckoutID, BuyerID: who.UserID, ShopID: v.ShopID,
				ShopName: v.ShopName, Status: orderclient.StatusPendingPayment, Address: req.Address,
				Total: orderclient.Money{Currency: "EUR"}}
			byShop[v.ShopID] = o
			shops = append(shops, v.ShopID)
		}
		o.Lines = append(o.Lines, orderclient.Line{VariationID: l.VariationID, ProductID: v.ProductID, SKU: v.SKU,
			ProductName: v.ProductName, VariationName: v.Name, Quantity: l.Quantity,
			UnitPrice: orderclient.Money{Amount: l.ExpectedPrice, Currency: "EUR"},
			LineTotal: orderclient.Money{Amount: l.ExpectedPrice * l.Quantity, Currency: "EUR"}})
		o.Total.Amount += l.ExpectedPrice * l.Quantity
	}
	for _, s := range shops {
		res.Orders = append(res.Orders, *byShop[s])
	}
	f.results[req.CheckoutID] = res
	writeJSON(w, res)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// harness is one cart service over real HTTP with fakes of the product,
// warehouse and order services.
type harness struct {
	t       *testing.T
	served  testkit.Served
	client  *cartclient.Client
	db      *database.DB
	clock   *clock.Manual
	catalog *fakeCatalog
	stock   *fakeStock
	orders  *fakeOrders
}

func newHarness(t *testing.T, dbURL string) *harness {
	t.Helper()
	catalog := &fakeCatalog{items: map[string]productclient.VariationInfo{}}
	stock := &fakeStock{available: map[string]int64{}}
	orders := &fakeOrders{catalog: catalog, fail: map[string]string{}, results: map[string]orderclient.CheckoutResult{}}
	opt := httpclient.Options{Token: testkit.Token, Retries: 1}
	var urls []string
	for _, h := range []http.Handler{catalog, stock, orders} {
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}
	clk := clock.NewManual(start)
	s := testkit.ServeService(t, "cart", dbURL, clk, func(d host.Deps) (host.Service, error) {
		return cart.New(d, productclient.New(urls[0], opt), warehouseclient.New(urls[1], opt), orderclient.New(urls[2], opt))
	})
	return &harness{
		t: t, served: s, db: s.Deps.DB, clock: clk, catalog: catalog, stock: stock, orders: orders,
		client: cartclient.New(s.URL, httpclient.Options{Token: testkit.Token}),
	}
}

// deliver runs the consumer on the payloads, each as a fresh event from
// source, and wants every one acknowledged.
func (h *harness) deliver(source string, payloads ...eventbus.Payload) {
	h.t.Helper()
	envs := make([]eventbus.Envelope, 0, len(payloads))
	for _, p := range payloads {
		envs = append(envs, testkit.Event(h.t, source, p))
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

// shop is a shop of the tests with its products.
type shop struct{ ID, Name string }

func newShop(name string) shop { return shop{ID: id.New(), Name: name} }

// product is a product of the tests: its variations' ids and prices.
type product struct {
	ID     string
	Shop   shop
	Name   string
	Vids   []string
	Prices []int64
}

func (p product) event(version int64) productevents.Product {
	e := productevents.Product{ProductID: p.ID, ShopID: p.Shop.ID, OwnerID: seller.UserID, Name: p.Name, Currency: "EUR", Version: version}
	for i, vid := range p.Vids {
		e.Variations = append(e.Variations, productevents.Variation{VariationID: vid, SKU: "SKU-" + vid[len(vid)-6:], Name: "V" + string(rune('A'+i)), Price: p.Prices[i]})
	}
	return e
}

// newProduct makes a product in the product service (the fake catalog, at
// version 1) with one variation per price, without telling the cart.
func (h *harness) newProduct(s shop, name string, prices ...int64) product {
	p := product{ID: id.New(), Shop: s, Name: name, Prices: prices}
	for range prices {
		p.Vids = append(p.Vids, id.New())
	}
	for i, e := range p.event(1).Variations {
		h.catalog.put(productclient.VariationInfo{
			VariationID: e.VariationID, SKU: e.SKU, Name: e.Name, Price: productclient.Money{Amount: prices[i], Currency: "EUR"},
			ProductID: p.ID, ProductName: name, ShopID: s.ID, ShopName: s.Name, OwnerID: seller.UserID,
			ThumbURL: "/media/" + e.VariationID + "/thumb.jpg", ProductVersion: 1,
		})
	}
	return p
}

// listed makes a product that the cart learns from its product.created
// event (and its shop from shop.created), each variation with the given
// stock from a stock.increased event.
func (h *harness) listed(s shop, name string, prices []int64, stock ...int64) product {
	h.t.Helper()
	p := h.newProduct(s, name, prices...)
	h.deliver("shop", shopevents.ShopCreated{Shop: shopevents.Shop{ShopID: s.ID, OwnerID: seller.UserID, Name: s.Name, Version: 1}})
	h.deliver("product", productevents.ProductCreated{Product: p.event(1), CreatedAt: start})
	for i, n := range stock {
		h.setStock(p.Vids[i], n, 1)
	}
	return p
}

func (h *harness) setStock(vid string, available, version int64) {
	h.t.Helper()
	h.stock.set(vid, available)
	h.deliver("warehouse", warehouseevents.StockIncreased{StockChange: warehouseevents.StockChange{
		VariationID: vid, Quantity: 1, Available: available, Reason: "restock", MovementID: id.New(), Version: version, At: start,
	}})
}

func (h *harness) guest() cartclient.Cart {
	h.t.Helper()
	c, err := h.client.CreateGuest(context.Background())
	if err != nil {
		h.t.Fatalf("create guest cart: %v", err)
	}
	return c
}

func (h *harness) get(a actor.Actor, ref string) cartclient.Cart {
	h.t.Helper()
	c, err := h.client.Get(as(a), ref)
	if err != nil {
		h.t.Fatalf("get cart %s as %q: %v", ref, a.UserID, err)
	}
	return c
}

func (h *harness) add(a actor.Actor, ref, vid string, q int64) cartclient.Cart {
	h.t.Helper()
	c, err := h.client.AddItem(as(a), ref, cartclient.AddItemRequest{VariationID: vid, Quantity: q})
	if err != nil {
		h.t.Fatalf("add %d of %s to %s: %v", q, vid, ref, err)
	}
	return c
}

func (h *harness) checkout(a actor.Actor, checkoutID string) cartclient.CheckoutResult {
	h.t.Helper()
	res, err := h.client.Checkout(as(a), cartclient.CheckoutRequest{CheckoutID: checkoutID, Address: address})
	if err != nil {
		h.t.Fatalf("checkout %s: %v", checkoutID, err)
	}
	return res
}

// quantities maps a cart's variations to their quantities.
func quantities(c cartclient.Cart) map[string]int64 {
	out := map[string]int64{}
	for _, g := range c.Groups {
		for _, it := range g.Items {
			out[it.VariationID] = it.Quantity
		}
	}
	return out
}

// item finds a variation's item in a cart.
func item(t *testing.T, c cartclient.Cart, vid string) cartclient.Item {
	t.Helper()
	for _, g := range c.Groups {
		for _, it := range g.Items {
			if it.VariationID == vid {
				return it
			}
		}
	}
	t.Fatalf("no item %s in cart %+v", vid, c)
	return cartclient.Item{}
}

// snapshot is everything a refused request must leave as it was.
type snapshot struct {
	Carts  []map[string]any
	Items  []map[string]any
	Outbox int64
}

func (h *harness) snapshot() snapshot {
	h.t.Helper()
	var s snapshot
	db := h.db.Conn(context.Background())
	if err := db.Raw(`SELECT id, owner_id, version FROM carts ORDER BY id`).Scan(&s.Carts).Error; err != nil {
		h.t.Fatal(err)
	}
	if err := db.Raw(`SELECT cart_id, variation_id, quantity, added_price FROM cart_items ORDER BY cart_id, variation_id`).Scan(&s.Items).Error; err != nil {
		h.t.Fatal(err)
	}
	if err := db.Raw(`SELECT count(*) FROM outbox`).Scan(&s.Outbox).Error; err != nil {
		h.t.Fatal(err)
	}
	return s
}

func (h *harness) unchanged(before snapshot) {
	h.t.Helper()
	if after := h.snapshot(); !reflect.DeepEqual(before, after) {
		h.t.Fatalf("state changed:\nbefore %+v\nafter  %+v", before, after)
	}
}

// event is an event in the outbox, its payload decoded by type.
type event struct {
	Type       string
	Cart       cartevents.Cart
	CheckedOut cartevents.CartCheckedOut
	Deleted    cartevents.CartDeleted
}

// events returns the outbox's events in the order written.
func (h *harness) events() []event {
	h.t.Helper()
	var rs []struct{ Type, Envelope string }
	if err := h.db.Conn(context.Background()).Table("outbox").Select("type, envelope").Order("id").Scan(&rs).Error; err != nil {
		h.t.Fatal(err)
	}
	var out []event
	for _, r := range rs {
		var env eventbus.Envelope
		if err := json.Unmarshal([]byte(r.Envelope), &env); err != nil {
			h.t.Fatal(err)
		}
		if env.Source != "cart" {
			h.t.Fatalf("envelope from %q", env.Source)
		}
		e := event{Type: r.Type}
		var err error
		switch r.Type {
		case "cart.created":
			var p cartevents.CartCreated
			p, err = eventbus.Decode[cartevents.CartCreated](env)
			e.Cart = p.Cart
		case "cart.updated":
			var p cartevents.CartUpdated
			p, err = eventbus.Decode[cartevents.CartUpdated](env)
			e.Cart = p.Cart
		case "cart.checked_out":
			e.CheckedOut, err = eventbus.Decode[cartevents.CartCheckedOut](env)
			e.Cart = e.CheckedOut.Cart
		case "cart.deleted":
			e.Deleted, err = eventbus.Decode[cartevents.CartDeleted](env)
			e.Cart.CartID = e.Deleted.CartID
		default:
			h.t.Fatalf("outbox has a %s event", r.Type)
		}
		if err != nil {
			h.t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// eventsSince returns the events written after the first n.
func (h *harness) eventsSince(n int) []event {
	h.t.Helper()
	return h.events()[n:]
}

// types lists the events' types.
func types(es []event) []string {
	out := make([]string, 0, len(es))
	for _, e := range es {
		out = append(out, e.Type+" "+e.Cart.CartID)
	}
	return out
}

// lastUpdate returns the last cart.updated of a cart.
func lastUpdate(t *testing.T, es []event, cartID string) cartevents.Cart {
	t.Helper()
	for i := len(es) - 1; i >= 0; i-- {
		if es[i].Type == "cart.updated" && es[i].Cart.CartID == cartID {
			return es[i].Cart
		}
	}
	t.Fatalf("no cart.updated of %s in %v", cartID, types(es))
	return cartevents.Cart{}
}

func created(p product, version int64) productevents.ProductCreated {
	return productevents.ProductCreated{Product: p.event(version), CreatedAt: start}
}

func updated(p product, version int64) productevents.ProductUpdated {
	return productevents.ProductUpdated{Product: p.event(version), UpdatedAt: start}
}
