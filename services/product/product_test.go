package product_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/product"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/shop/shopclient"
	"github.com/marketplace/marketplace/services/shop/shopevents"
)

var start = time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.UTC)

// fakeShops is the one route of the shop service that the product service
// calls: GET /v1/shops?owner_id= (shopclient.ByOwner).
type fakeShops struct {
	*httptest.Server
	mu    sync.Mutex
	shops map[string]shopclient.Shop // by owner
	calls []string                   // acting user of each call
}

func newFakeShops(t *testing.T) *fakeShops {
	f := &fakeShops{shops: map[string]shopclient.Shop{}}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Internal-Token") != testkit.Token || r.Method != http.MethodGet || r.URL.Path != "/v1/shops" {
			http.Error(w, `{"error":{"code":"not_found","message":"no route"}}`, http.StatusNotFound)
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		f.calls = append(f.calls, r.Header.Get(actor.HeaderUserID))
		items := []shopclient.Shop{}
		if s, ok := f.shops[r.URL.Query().Get("owner_id")]; ok {
			items = append(items, s)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"items": items})
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeShops) set(s shopclient.Shop) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.shops[s.OwnerID] = s
}

func (f *fakeShops) callers() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// harness is one product service over real HTTP with a fake shop service,
// its database at hand for checking what was (not) written.
type harness struct {
	t      *testing.T
	c      *productclient.Client
	served testkit.Served
	svc    *product.Service
	db     *database.DB
	clock  *clock.Manual
	shops  *fakeShops
}

func newHarness(t *testing.T, dbURL string) *harness {
	t.Helper()
	shops := newFakeShops(t)
	clk := clock.NewManual(start)
	s := testkit.ServeService(t, "product", dbURL, clk, func(d host.Deps) (host.Service, error) {
		return product.New(d, shopclient.New(shops.URL, httpclient.Options{Token: testkit.Token}))
	})
	return &harness{
		t: t, c: productclient.New(s.URL, httpclient.Options{Token: testkit.Token}), served: s,
		svc: s.Service.(*product.Service), db: s.Deps.DB, clock: clk, shops: shops,
	}
}

// serve returns a harness with the demo catalog seeded (twice, which must
// not duplicate anything).
func serve(t *testing.T, dbURL string) *harness {
	t.Helper()
	h := newHarness(t, dbURL)
	for range 2 {
		if err := h.svc.Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	return h
}

// seller is a user with an open shop, known to the product service from
// its shop.created event.
type seller struct {
	ctx  context.Context
	user actor.Actor
	shop shopevents.Shop
}

func (h *harness) seller(name string) seller {
	h.t.Helper()
	u := actor.Actor{UserID: id.New(), Role: actor.Seller}
	s := shopevents.Shop{ShopID: id.New(), OwnerID: u.UserID, Name: name, Slug: strings.ToLower(strings.ReplaceAll(name, " ", "-")), Version: 1}
	h.deliver(shopevents.ShopCreated{Shop: s, CreatedAt: h.clock.Now()})
	return seller{ctx: actor.With(context.Background(), u), user: u, shop: s}
}

// as returns a context acting as a fresh user with role.
func as(role actor.Role) context.Context {
	return actor.With(context.Background(), actor.Actor{UserID: id.New(), Role: role})
}

// deliver runs the consumer on events, each delivered once, and fails
// unless each was acked.
func (h *harness) deliver(events ...eventbus.Payload) {
	h.t.Helper()
	envs := make([]eventbus.Envelope, 0, len(events))
	for _, p := range events {
		envs = append(envs, testkit.Event(h.t, "test", p))
	}
	h.deliverEnvs(envs...)
}

func (h *harness) deliverEnvs(envs ...eventbus.Envelope) {
	h.t.Helper()
	for i, o := range testkit.Deliver(h.t, h.served, envs...) {
		if o != testkit.Acked {
			h.t.Fatalf("event %d (%s): %s", i, envs[i].Type, o)
		}
	}
}

// category returns the id of a demo category by slug.
func category(slug string) string {
	for _, c := range demo.Categories {
		if c.Slug == slug {
			return c.ID
		}
	}
	panic("no demo category " + slug)
}

func (h *harness) create(s seller, name string) productclient.Product {
	h.t.Helper()
	h.clock.Advance(time.Second)
	p, err := h.c.Create(s.ctx, productclient.ProductRequest{CategoryID: category("kitchen"), Name: name, Description: "About " + name})
	if err != nil {
		h.t.Fatalf("create %s: %v", name, err)
	}
	return p
}

func (h *harness) addVariation(s seller, productID, sku string, price int64) productclient.Variation {
	h.t.Helper()
	h.clock.Advance(time.Second)
	v, err := h.c.AddVariation(s.ctx, productID, productclient.VariationRequest{SKU: sku, Name: "Variant " + sku, Price: price})
	if err != nil {
		h.t.Fatalf("add variation %s: %v", sku, err)
	}
	return v
}

// outbox returns the envelopes in the outbox, oldest first, optionally of
// some types only.
func (h *harness) outbox(types ...string) []eventbus.Envelope {
	h.t.Helper()
	var rows []struct{ Type, Envelope string }
	if err := h.db.Conn(context.Background()).Table("outbox").Select("type, envelope").Order("id").Scan(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	var out []eventbus.Envelope
	for _, r := range rows {
		if len(types) > 0 && !slices.Contains(types, r.Type) {
			continue
		}
		env, err := eventbus.Unmarshal([]byte(r.Envelope))
		if err != nil {
			h.t.Fatal(err)
		}
		if env.Source != "product" {
			h.t.Fatalf("outbox event from %q", env.Source)
		}
		out = append(out, env)
	}
	return out
}

func decode[T eventbus.Payload](t *testing.T, env eventbus.Envelope) T {
	t.Helper()
	p, err := eventbus.Decode[T](env)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// productState decodes the full state of a product.created or
// product.updated event.
func productState(t *testing.T, env eventbus.Envelope) productevents.Product {
	t.Helper()
	switch env.Type {
	case "product.created":
		return decode[productevents.ProductCreated](t, env).Product
	case "product.updated":
		return decode[productevents.ProductUpdated](t, env).Product
	}
	t.Fatalf("%s carries no product state", env.Type)
	return productevents.Product{}
}

// unchanged fails unless product id reads as before and the outbox holds
// n events.
func (h *harness) unchanged(before productclient.Product, n int) {
	h.t.Helper()
	after, err := h.c.Get(context.Background(), before.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	a, _ := json.Marshal(after)
	b, _ := json.Marshal(before)
	if !bytes.Equal(a, b) {
		h.t.Fatalf("product changed:\n%s\nwas\n%s", a, b)
	}
	if got := len(h.outbox()); got != n {
		h.t.Fatalf("%d events in the outbox, want %d", got, n)
	}
}

func TestCatalogAPI(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		c := h.c
		ctx := context.Background()

		page, err := c.List(ctx, productclient.ListQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != int64(len(demo.Products)) || len(page.Items) != 24 || page.Page != 1 || page.PerPage != 24 {
			t.Fatalf("first page: total %d, %d items, page %d/%d", page.Total, len(page.Items), page.Page, page.PerPage)
		}
		for i := 1; i < len(page.Items); i++ {
			if page.Items[i].CreatedAt.After(page.Items[i-1].CreatedAt) {
				t.Fatal("products are not newest first")
			}
		}
		newest := demo.Products[len(demo.Products)-1]
		first := page.Items[0]
		if first.ID != newest.ID || !first.CreatedAt.Equal(start.Add(-newest.Age)) || first.ShopName != "Green Corner" ||
			first.ShopSlug != "green-corner" || first.CategoryName != "Plants & Garden" || first.Variations != len(newest.Variations) ||
			first.PriceFrom != (productclient.Money{Amount: newest.Variations[0].Price, Currency: "EUR"}) {
			t.Fatalf("summary of the newest product: %+v", first)
		}

		p, err := c.Get(ctx, demo.Products[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		dp := demo.Products[0]
		if p.Name != dp.Name || p.Description != dp.Description || p.OwnerID != demo.Shops[0].OwnerID ||
			p.ShopID != dp.ShopID || p.ShopSlug != "nordic-clay-studio" || p.CategorySlug != "kitchen" ||
			p.CategoryID != category("kitchen") || len(p.Variations) != len(dp.Variations) || p.PriceFrom.Amount != 2400 {
			t.Fatalf("product: %+v", p)
		}
		for i, v := range p.Variations {
			dv := dp.Variations[i]
			if v.ID != dv.ID || v.SKU != dv.SKU || v.Name != dv.Name || v.Price != (productclient.Money{Amount: dv.Price, Currency: "EUR"}) {
				t.Fatalf("variation %d: %+v, want %+v", i, v, dv)
			}
		}
		if p.Images == nil || len(p.Images) != 0 || p.Rating != (productclient.Rating{}) {
			t.Fatalf("images %v rating %v before any event", p.Images, p.Rating)
		}

		cats, err := c.Categories(ctx)
		if err != nil || len(cats) != len(demo.Categories) {
			t.Fatalf("categories: %d, err %v", len(cats), err)
		}
		for i, cat := range cats {
			dc := demo.Categories[i]
			if cat.ID != dc.ID || cat.Slug != dc.Slug || (dc.Parent == "") != (cat.ParentID == "") {
				t.Fatalf("category %d: %+v, want %+v", i, cat, dc)
			}
		}

		// The seed announced every product once, with its whole state.
		evs := h.outbox()
		if len(evs) != len(demo.Products) {
			t.Fatalf("%d events after seeding twice, want %d", len(evs), len(demo.Products))
		}
		ev := decode[productevents.ProductCreated](t, evs[0])
		if ev.ProductID != dp.ID || ev.OwnerID != demo.Shops[0].OwnerID || ev.Version != 1 || ev.Currency != "EUR" ||
			len(ev.Variations) != len(dp.Variations) || ev.Variations[0].VariationID != dp.Variations[0].ID || !ev.CreatedAt.Equal(p.CreatedAt) {
			t.Fatalf("product.created %+v", ev)
		}
	})
}

func TestCatalogBadInput(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		c := h.c
		ctx := context.Background()
		if _, err := c.Get(ctx, "0190a000-0000-7000-8000-00000000dead"); !errors.Is(err, fault.NotFound) {
			t.Fatalf("unknown product: %v", err)
		}
		if _, err := c.Get(ctx, "not an id; drop table products"); !errors.Is(err, fault.NotFound) {
			t.Fatalf("garbage id: %v", err)
		}
		for _, tt := range []struct {
			q     productclient.ListQuery
			field string
		}{
			{productclient.ListQuery{Page: -1}, "page"},
			{productclient.ListQuery{PerPage: 1000}, "per_page"},
			{productclient.ListQuery{Category: "no-such-category"}, "category"},
			{productclient.ListQuery{Q: strings.Repeat("x", 101)}, "q"},
			{productclient.ListQuery{Sort: "cheapest"}, "sort"},
			{productclient.ListQuery{Sort: "newest; drop table products"}, "sort"},
		} {
			_, err := c.List(ctx, tt.q)
			testkit.WantFault(t, err, fault.Invalid, tt.field)
		}
		// Still all there.
		if page, err := c.List(ctx, productclient.ListQuery{}); err != nil || page.Total != int64(len(demo.Products)) {
			t.Fatalf("catalog changed: %d, %v", page.Total, err)
		}
	})
}

func TestProductLifecycle(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		seeded := len(h.outbox())
		a := h.seller("Clay Works")

		p := h.create(a, "  Tea Bowl ")
		if !id.Valid(p.ID) || p.Name != "Tea Bowl" || p.ShopID != a.shop.ShopID || p.OwnerID != a.user.UserID ||
			p.ShopName != "Clay Works" || p.ShopSlug != "clay-works" || p.CategorySlug != "kitchen" || p.CategoryName != "Kitchen" ||
			len(p.Variations) != 0 || p.PriceFrom != (productclient.Money{Currency: "EUR"}) || !p.CreatedAt.Equal(h.clock.Now()) {
			t.Fatalf("created %+v", p)
		}
		got, err := h.c.Get(context.Background(), p.ID)
		if err != nil || got.ID != p.ID || got.Description != "About   Tea Bowl" {
			t.Fatalf("get: %+v, %v", got, err)
		}

		v1 := h.addVariation(a, p.ID, "BOWL-S", 2500)
		v2 := h.addVariation(a, p.ID, "BOWL-L", 3900)
		if !id.Valid(v1.ID) || v1.SKU != "BOWL-S" || v1.Price != (productclient.Money{Amount: 2500, Currency: "EUR"}) {
			t.Fatalf("variation %+v", v1)
		}
		h.clock.Advance(time.Second)
		v2, err = h.c.UpdateVariation(a.ctx, p.ID, v2.ID, productclient.VariationRequest{SKU: "BOWL-XL", Name: "Extra large", Price: 1800})
		if err != nil || v2.SKU != "BOWL-XL" || v2.Name != "Extra large" || v2.Price.Amount != 1800 {
			t.Fatalf("update variation: %+v, %v", v2, err)
		}
		h.clock.Advance(time.Second)
		edited, err := h.c.Update(a.ctx, p.ID, productclient.ProductRequest{CategoryID: category("decor"), Name: "Tea Bowl, Glazed", Description: "New text"})
		if err != nil || edited.Name != "Tea Bowl, Glazed" || edited.CategorySlug != "decor" || edited.Description != "New text" ||
			len(edited.Variations) != 2 || edited.PriceFrom.Amount != 1800 || !edited.UpdatedAt.Equal(h.clock.Now()) ||
			!edited.CreatedAt.Equal(p.CreatedAt) {
			t.Fatalf("update: %+v, %v", edited, err)
		}
		h.clock.Advance(time.Second)
		if err := h.c.DeleteVariation(a.ctx, p.ID, v1.ID); err != nil {
			t.Fatal(err)
		}
		got, _ = h.c.Get(context.Background(), p.ID)
		if len(got.Variations) != 1 || got.Variations[0].ID != v2.ID || got.PriceFrom.Amount != 1800 {
			t.Fatalf("after deleting a variation: %+v", got.Variations)
		}
		// The freed SKU can be used again.
		v3 := h.addVariation(a, p.ID, "BOWL-S", 2600)

		if err := h.c.Delete(a.ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := h.c.Get(context.Background(), p.ID); !errors.Is(err, fault.NotFound) {
			t.Fatalf("get after delete: %v", err)
		}
		if err := h.c.Delete(a.ctx, p.ID); !errors.Is(err, fault.NotFound) {
			t.Fatalf("delete twice: %v", err)
		}

		// Every change was announced with the whole state and the next version.
		evs := h.outbox()[seeded:]
		types := []string{"product.created", "product.updated", "product.updated", "product.updated", "product.updated",
			"product.updated", "product.updated", "product.deleted"}
		if len(evs) != len(types) {
			t.Fatalf("%d events, want %d", len(evs), len(types))
		}
		for i, env := range evs {
			if env.Type != types[i] {
				t.Fatalf("event %d is %s, want %s", i, env.Type, types[i])
			}
			if env.Type == "product.deleted" {
				continue
			}
			st := productState(t, env)
			if st.Version != int64(i+1) || st.ProductID != p.ID || st.ShopID != a.shop.ShopID || st.OwnerID != a.user.UserID ||
				st.Currency != "EUR" || st.Name == "" || st.CategoryID == "" || st.Variations == nil {
				t.Fatalf("event %d: %+v", i, st)
			}
		}
		wantVariations := [][]string{nil, {v1.ID}, {v1.ID, v2.ID}, {v1.ID, v2.ID}, {v1.ID, v2.ID}, {v2.ID}, {v2.ID, v3.ID}}
		for i, want := range wantVariations {
			var got []string
			for _, v := range productState(t, evs[i]).Variations {
				got = append(got, v.VariationID)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("event %d variations %v, want %v", i, got, want)
			}
		}
		if st := productState(t, evs[3]); st.Variations[1] != (productevents.Variation{VariationID: v2.ID, SKU: "BOWL-XL", Name: "Extra large", Price: 1800}) {
			t.Fatalf("updated variation in the event: %+v", st.Variations[1])
		}
		if st := productState(t, evs[4]); st.Name != "Tea Bowl, Glazed" || st.CategoryID != category("decor") {
			t.Fatalf("edited product in the event: %+v", st)
		}
		del := decode[productevents.ProductDeleted](t, evs[7])
		if del.ProductID != p.ID || del.Version != 8 || del.OwnerID != a.user.UserID || del.ShopID != a.shop.ShopID ||
			!slices.Equal(del.VariationIDs, []string{v2.ID, v3.ID}) || !del.DeletedAt.Equal(h.clock.Now()) {
			t.Fatalf("product.deleted %+v", del)
		}
	})
}

func TestProductAuthorization(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		a, b := h.seller("Shop A"), h.seller("Shop B")
		p := h.create(a, "Vase")
		v := h.addVariation(a, p.ID, "VASE-1", 1000)
		before, _ := h.c.Get(context.Background(), p.ID)
		n := len(h.outbox())

		edit := productclient.ProductRequest{CategoryID: category("decor"), Name: "Stolen"}
		vreq := productclient.VariationRequest{SKU: "X-1", Name: "X", Price: 1}
		attempts := func(ctx context.Context) map[string]error {
			_, errCreate := h.c.Create(ctx, edit)
			_, errUpdate := h.c.Update(ctx, p.ID, edit)
			_, errAdd := h.c.AddVariation(ctx, p.ID, vreq)
			_, errUpdateV := h.c.UpdateVariation(ctx, p.ID, v.ID, vreq)
			return map[string]error{
				"update": errUpdate, "add variation": errAdd, "update variation": errUpdateV,
				"delete variation": h.c.DeleteVariation(ctx, p.ID, v.ID), "delete": h.c.Delete(ctx, p.ID),
				"create": errCreate,
			}
		}
		// Seller B owns a shop, just not this product's.
		for what, err := range attempts(b.ctx) {
			if what == "create" {
				if err != nil {
					t.Fatalf("seller B create in own shop: %v", err)
				}
				continue
			}
			testkit.WantFault(t, err, fault.Forbidden)
		}
		n++ // B's own product
		h.unchanged(before, n)

		// A shopper without a shop may change nothing, nor create.
		for what, err := range attempts(as(actor.Shopper)) {
			if !errors.Is(err, fault.Forbidden) {
				t.Fatalf("shopper %s: %v", what, err)
			}
		}
		// Nobody signed in: 401 everywhere.
		for what, err := range attempts(context.Background()) {
			if !errors.Is(err, fault.Unauthenticated) {
				t.Fatalf("anonymous %s: %v", what, err)
			}
		}
		h.unchanged(before, n)

		// An admin moderates: may delete any product, but not edit it.
		admin := as(actor.Admin)
		if _, err := h.c.Update(admin, p.ID, edit); !errors.Is(err, fault.Forbidden) {
			t.Fatalf("admin update: %v", err)
		}
		if _, err := h.c.AddVariation(admin, p.ID, vreq); !errors.Is(err, fault.Forbidden) {
			t.Fatalf("admin add variation: %v", err)
		}
		h.unchanged(before, n)
		if err := h.c.Delete(admin, p.ID); err != nil {
			t.Fatalf("admin delete: %v", err)
		}
		if evs := h.outbox("product.deleted"); len(evs) != 1 || decode[productevents.ProductDeleted](t, evs[0]).ProductID != p.ID {
			t.Fatalf("product.deleted events: %d", len(evs))
		}

		// Unknown products are 404 for a signed-in seller.
		if _, err := h.c.Update(a.ctx, p.ID, edit); !errors.Is(err, fault.NotFound) {
			t.Fatalf("update deleted product: %v", err)
		}
		if _, err := h.c.AddVariation(a.ctx, p.ID, vreq); !errors.Is(err, fault.NotFound) {
			t.Fatalf("add variation to deleted product: %v", err)
		}
		other := h.create(a, "Other")
		if _, err := h.c.UpdateVariation(a.ctx, other.ID, v.ID, vreq); !errors.Is(err, fault.NotFound) {
			t.Fatalf("variation of another product: %v", err)
		}
		if err := h.c.DeleteVariation(a.ctx, other.ID, "nope"); !errors.Is(err, fault.NotFound) {
			t.Fatalf("unknown variation: %v", err)
		}
	})
}

// post sends a raw JSON body as the actor in ctx, for what the typed client
// cannot express (extra fields, broken JSON).
func (h *harness) post(ctx context.Context, method, path, body string) (int, []byte) {
	h.t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, h.served.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Internal-Token", testkit.Token)
	if a := actor.From(ctx); !a.Anonymous() {
		req.Header.Set(actor.HeaderUserID, a.UserID)
		req.Header.Set(actor.HeaderRole, string(a.Role))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	return resp.StatusCode, buf.Bytes()
}

func TestForgedShopIgnored(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		a, b := h.seller("Shop A"), h.seller("Shop B")
		body, _ := json.Marshal(map[string]any{
			"shop_id": b.shop.ShopID, "owner_id": b.user.UserID, "shop_name": "Shop B", "id": "0190a000-0000-7000-8000-000000000001",
			"category_id": category("kitchen"), "name": "Sneaky", "version": 99,
		})
		status, out := h.post(a.ctx, http.MethodPost, "/v1/products", string(body))
		var p productclient.Product
		if status != http.StatusCreated || json.Unmarshal(out, &p) != nil {
			t.Fatalf("create: %d %s", status, out)
		}
		if p.ShopID != a.shop.ShopID || p.OwnerID != a.user.UserID || p.ShopName != "Shop A" || p.ID == "0190a000-0000-7000-8000-000000000001" {
			t.Fatalf("forged fields were read: %+v", p)
		}
		if st := productState(t, h.outbox("product.created")[len(demo.Products)]); st.ShopID != a.shop.ShopID || st.Version != 1 {
			t.Fatalf("event %+v", st)
		}
		// Editing cannot move a product to another shop either.
		status, out = h.post(a.ctx, http.MethodPut, "/v1/products/"+p.ID, string(body))
		if status != http.StatusOK || json.Unmarshal(out, &p) != nil || p.ShopID != a.shop.ShopID || p.OwnerID != a.user.UserID {
			t.Fatalf("update: %d %s", status, out)
		}
		if page, _ := h.c.List(b.ctx, productclient.ListQuery{ShopID: b.shop.ShopID}); page.Total != 0 {
			t.Fatalf("shop B has %d products", page.Total)
		}
	})
}

func TestSKUUniqueInShop(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		a, b := h.seller("Shop A"), h.seller("Shop B")
		p1, p2 := h.create(a, "One"), h.create(a, "Two")
		v := h.addVariation(a, p1.ID, "SKU-1", 100)
		h.addVariation(a, p1.ID, "SKU-2", 100)
		before1, _ := h.c.Get(context.Background(), p1.ID)
		before2, _ := h.c.Get(context.Background(), p2.ID)
		n := len(h.outbox())

		// The same SKU on another product of the shop, on the same product,
		// or by renaming a variation: refused.
		_, err := h.c.AddVariation(a.ctx, p2.ID, productclient.VariationRequest{SKU: "SKU-1", Name: "x", Price: 1})
		testkit.WantFault(t, err, fault.Invalid, "sku")
		_, err = h.c.AddVariation(a.ctx, p1.ID, productclient.VariationRequest{SKU: " SKU-1 ", Name: "x", Price: 1})
		testkit.WantFault(t, err, fault.Invalid, "sku")
		_, err = h.c.UpdateVariation(a.ctx, p1.ID, v.ID, productclient.VariationRequest{SKU: "SKU-2", Name: "x", Price: 1})
		testkit.WantFault(t, err, fault.Invalid, "sku")
		h.addVariation(a, p2.ID, "SKU-3", 100)
		n++
		_, err = h.c.UpdateVariation(a.ctx, p1.ID, v.ID, productclient.VariationRequest{SKU: "SKU-3", Name: "x", Price: 1})
		testkit.WantFault(t, err, fault.Invalid, "sku")
		h.unchanged(before1, n)
		if got, _ := h.c.Get(context.Background(), p2.ID); len(got.Variations) != len(before2.Variations)+1 {
			t.Fatalf("product two has %d variations", len(got.Variations))
		}

		// Another shop may use it.
		q := h.create(b, "Theirs")
		if _, err := h.c.AddVariation(b.ctx, q.ID, productclient.VariationRequest{SKU: "SKU-1", Name: "x", Price: 1}); err != nil {
			t.Fatalf("same SKU in another shop: %v", err)
		}
		// Keeping one's own SKU while editing is no conflict.
		if _, err := h.c.UpdateVariation(a.ctx, p1.ID, v.ID, productclient.VariationRequest{SKU: "SKU-1", Name: "Renamed", Price: 5}); err != nil {
			t.Fatalf("edit keeping the SKU: %v", err)
		}
	})
}

func TestProductBadInput(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		a := h.seller("Shop A")
		p := h.create(a, "Lamp")
		v := h.addVariation(a, p.ID, "LAMP-1", 1000)
		before, _ := h.c.Get(context.Background(), p.ID)
		n := len(h.outbox())
		products := len(demo.Products) + 1

		for _, tt := range []struct {
			name   string
			req    productclient.ProductRequest
			fields []string
		}{
			{"no name", productclient.ProductRequest{CategoryID: category("kitchen"), Name: "  "}, []string{"name"}},
			{"long name", productclient.ProductRequest{CategoryID: category("kitchen"), Name: strings.Repeat("n", 121)}, []string{"name"}},
			{"long description", productclient.ProductRequest{CategoryID: category("kitchen"), Name: "n", Description: strings.Repeat("d", 5001)}, []string{"description"}},
			{"no category", productclient.ProductRequest{Name: "n"}, []string{"category_id"}},
			{"unknown category", productclient.ProductRequest{CategoryID: id.New(), Name: "n"}, []string{"category_id"}},
			{"all wrong", productclient.ProductRequest{}, []string{"category_id", "name"}},
		} {
			_, err := h.c.Create(a.ctx, tt.req)
			testkit.WantFault(t, err, fault.Invalid, tt.fields...)
			_, err = h.c.Update(a.ctx, p.ID, tt.req)
			testkit.WantFault(t, err, fault.Invalid, tt.fields...)
		}
		for _, tt := range []struct {
			name   string
			req    productclient.VariationRequest
			fields []string
		}{
			{"no sku", productclient.VariationRequest{Name: "n", Price: 1}, []string{"sku"}},
			{"sku with spaces", productclient.VariationRequest{SKU: "A B", Name: "n", Price: 1}, []string{"sku"}},
			{"no name", productclient.VariationRequest{SKU: "S", Price: 1}, []string{"name"}},
			{"long name", productclient.VariationRequest{SKU: "S", Name: strings.Repeat("n", 61), Price: 1}, []string{"name"}},
			{"zero price", productclient.VariationRequest{SKU: "S", Name: "n"}, []string{"price"}},
			{"negative price", productclient.VariationRequest{SKU: "S", Name: "n", Price: -100}, []string{"price"}},
			{"price too high", productclient.VariationRequest{SKU: "S", Name: "n", Price: 100_000_001}, []string{"price"}},
			{"all wrong", productclient.VariationRequest{}, []string{"name", "price", "sku"}},
		} {
			_, err := h.c.AddVariation(a.ctx, p.ID, tt.req)
			testkit.WantFault(t, err, fault.Invalid, tt.fields...)
			_, err = h.c.UpdateVariation(a.ctx, p.ID, v.ID, tt.req)
			testkit.WantFault(t, err, fault.Invalid, tt.fields...)
		}
		for _, raw := range []struct{ method, path, body, field string }{
			{http.MethodPost, "/v1/products", `{"name": "x",`, ""},
			{http.MethodPost, "/v1/products", `{"name": 5}`, "name"},
			{http.MethodPut, "/v1/products/" + p.ID, `[]`, ""},
			{http.MethodPost, "/v1/products/" + p.ID + "/variations", `{"sku": "S", "name": "n", "price": "19.99"}`, "price"},
			{http.MethodPost, "/v1/products/" + p.ID + "/variations", `{"sku": "S", "name": "n", "price": 19.99}`, "price"},
			{http.MethodPut, "/v1/products/" + p.ID + "/variations/" + v.ID, ``, ""},
		} {
			status, body := h.post(a.ctx, raw.method, raw.path, raw.body)
			if status != http.StatusUnprocessableEntity || (raw.field != "" && !strings.Contains(string(body), `"`+raw.field+`"`)) {
				t.Fatalf("%s %s %s: %d %s", raw.method, raw.path, raw.body, status, body)
			}
		}
		h.unchanged(before, n)
		if page, _ := h.c.List(a.ctx, productclient.ListQuery{ShopID: a.shop.ShopID}); page.Total != 1 {
			t.Fatalf("shop has %d products", page.Total)
		}
		if page, _ := h.c.List(context.Background(), productclient.ListQuery{}); page.Total != int64(products) {
			t.Fatalf("%d products listed, want %d", page.Total, products)
		}
	})
}

func TestVariationLimit(t *testing.T) {
	h := serve(t, testkit.SQLite(t))
	a := h.seller("Shop A")
	p := h.create(a, "Many")
	for i := range 50 {
		if _, err := h.c.AddVariation(a.ctx, p.ID, productclient.VariationRequest{SKU: "V-" + string(rune('A'+i%26)) + strings.Repeat("Z", i/26), Name: "v", Price: 100}); err != nil {
			t.Fatalf("variation %d: %v", i+1, err)
		}
	}
	before, _ := h.c.Get(context.Background(), p.ID)
	n := len(h.outbox())
	if _, err := h.c.AddVariation(a.ctx, p.ID, productclient.VariationRequest{SKU: "ONE-MORE", Name: "v", Price: 100}); !errors.Is(err, fault.Conflict) {
		t.Fatalf("variation 51: %v", err)
	}
	h.unchanged(before, n)
}

func TestSellerShopFromShopService(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		if err := h.svc.Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		u := actor.Actor{UserID: id.New(), Role: actor.Seller}
		ctx := actor.With(context.Background(), u)
		req := productclient.ProductRequest{CategoryID: category("decor"), Name: "Early bird"}

		// No event yet and no shop at the shop service either.
		if _, err := h.c.Create(ctx, req); !errors.Is(err, fault.Forbidden) {
			t.Fatalf("create without a shop: %v", err)
		}
		// The shop exists, but its shop.created has not arrived: the shop
		// service is asked, as the acting user.
		shop := shopclient.Shop{ID: id.New(), OwnerID: u.UserID, Name: "Fresh Shop", Slug: "fresh-shop"}
		h.shops.set(shop)
		p, err := h.c.Create(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if p.ShopID != shop.ID || p.OwnerID != u.UserID || p.ShopName != "Fresh Shop" || p.ShopSlug != "fresh-shop" {
			t.Fatalf("product %+v", p)
		}
		calls := h.shops.callers()
		if len(calls) != 2 || calls[1] != u.UserID {
			t.Fatalf("shop service calls by %v", calls)
		}
		// Kept: the next product needs no call.
		if _, err := h.c.Create(ctx, req); err != nil {
			t.Fatal(err)
		}
		if n := len(h.shops.callers()); n != 2 {
			t.Fatalf("%d calls to the shop service", n)
		}
		// The late shop.created (version 1) still applies over what the
		// call told (version 0).
		h.deliver(shopevents.ShopCreated{Shop: shopevents.Shop{ShopID: shop.ID, OwnerID: u.UserID, Name: "Fresh Shop Ltd", Slug: "fresh-shop-ltd", Version: 1}})
		if got, _ := h.c.Get(ctx, p.ID); got.ShopName != "Fresh Shop Ltd" || got.ShopSlug != "fresh-shop-ltd" {
			t.Fatalf("after shop.created: %+v", got)
		}
		// The shop service being down is reported as such, not as "no shop".
		h.shops.Close()
		_, err = h.c.Create(as(actor.Seller), req)
		if !errors.Is(err, fault.Unavailable) {
			t.Fatalf("shop service down: %v", err)
		}
	})
}

func TestConcurrentChanges(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		a := h.seller("Busy Shop")
		p, q := h.create(a, "One"), h.create(a, "Two")
		before := len(h.outbox())

		// Changes to one product apply one after the other: every event has
		// its own version, and none is lost.
		const n = 8
		var wg sync.WaitGroup
		errs := make(chan error, 2*n)
		for i := range n {
			wg.Go(func() {
				_, err := h.c.AddVariation(a.ctx, p.ID, productclient.VariationRequest{SKU: "P-" + string(rune('A'+i)), Name: "v", Price: 100})
				errs <- err
			})
		}
		// Two products racing for one SKU: exactly one gets it.
		for _, pid := range []string{p.ID, q.ID} {
			wg.Go(func() {
				_, err := h.c.AddVariation(a.ctx, pid, productclient.VariationRequest{SKU: "RACE", Name: "v", Price: 100})
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		var failed []error
		for err := range errs {
			if err != nil {
				failed = append(failed, err)
			}
		}
		if len(failed) != 1 {
			t.Fatalf("failures: %v", failed)
		}
		testkit.WantFault(t, failed[0], fault.Invalid, "sku")

		got, _ := h.c.Get(context.Background(), p.ID)
		var versions []int64
		for _, env := range h.outbox("product.updated")[0:] {
			if st := productState(t, env); st.ProductID == p.ID {
				versions = append(versions, st.Version)
			}
		}
		slices.Sort(versions)
		want := make([]int64, 0, len(got.Variations))
		for v := range int64(len(got.Variations)) {
			want = append(want, v+2)
		}
		if len(got.Variations) < n || !slices.Equal(versions, want) {
			t.Fatalf("%d variations, versions %v, want %v", len(got.Variations), versions, want)
		}
		if added := len(h.outbox()) - before; added != n+1 {
			t.Fatalf("%d events, want %d", added, n+1)
		}
	})
}
