package shop_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/shop"
	"github.com/marketplace/marketplace/services/shop/shopclient"
	"github.com/marketplace/marketplace/services/shop/shopevents"
	"github.com/marketplace/marketplace/services/user/userevents"
)

var start = time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.UTC)

// harness is one shop service over real HTTP, with its database at hand.
type harness struct {
	t      *testing.T
	served testkit.Served
	svc    *shop.Service
	client *shopclient.Client
	clock  *clock.Manual
}

func newHarness(t *testing.T, dbURL string) *harness {
	t.Helper()
	clk := clock.NewManual(start)
	s := testkit.ServeService(t, "shop", dbURL, clk, func(d host.Deps) (host.Service, error) { return shop.New(d) })
	return &harness{
		t: t, served: s, svc: s.Service.(*shop.Service), clock: clk,
		client: shopclient.New(s.URL, httpclient.Options{Token: testkit.Token}),
	}
}

// Some people.
var (
	ann     = actor.Actor{UserID: id.New(), Role: actor.Shopper}
	bo      = actor.Actor{UserID: id.New(), Role: actor.Seller}
	cy      = actor.Actor{UserID: id.New(), Role: actor.Shopper}
	root    = actor.Actor{UserID: id.New(), Role: actor.Admin}
	nobody  = actor.Actor{}
	annName = "Nordic Clay"
)

func as(a actor.Actor) context.Context { return actor.With(context.Background(), a) }

func (h *harness) count(table string) int64 {
	h.t.Helper()
	var n int64
	if err := h.served.Deps.DB.Conn(context.Background()).Table(table).Count(&n).Error; err != nil {
		h.t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// outbox returns the envelopes in the outbox, oldest first.
func (h *harness) outbox() []eventbus.Envelope {
	h.t.Helper()
	var rows []struct{ Envelope string }
	if err := h.served.Deps.DB.Conn(context.Background()).Table("outbox").Select("envelope").Order("id").Scan(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	out := make([]eventbus.Envelope, 0, len(rows))
	for _, r := range rows {
		var env eventbus.Envelope
		if err := json.Unmarshal([]byte(r.Envelope), &env); err != nil {
			h.t.Fatal(err)
		}
		if env.Source != "shop" || !id.Valid(env.ID) {
			h.t.Fatalf("envelope %+v", env)
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

func (h *harness) open(a actor.Actor, name, description string) shopclient.Shop {
	h.t.Helper()
	s, err := h.client.Open(as(a), shopclient.ShopRequest{Name: name, Description: description})
	if err != nil {
		h.t.Fatalf("open %q: %v", name, err)
	}
	return s
}

// unchanged fails when the number of shops or events moved.
func (h *harness) unchanged(what string, shops, events int64) {
	h.t.Helper()
	if s, e := h.count("shops"), h.count("outbox"); s != shops || e != events {
		h.t.Fatalf("%s: %d shops, %d events; want %d and %d", what, s, e, shops, events)
	}
}

func TestOpenShop(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		s := h.open(ann, "  Nordic   Clay ", " Hand-thrown stoneware.\r\nMade by the sea. ")
		want := shopclient.Shop{
			ID: s.ID, OwnerID: ann.UserID, Name: annName, Slug: "nordic-clay",
			Description: "Hand-thrown stoneware.\nMade by the sea.", CreatedAt: start, UpdatedAt: start,
		}
		if !id.Valid(s.ID) || s != want {
			t.Fatalf("opened %+v, want %+v", s, want)
		}
		evs := h.outbox()
		if len(evs) != 1 || evs[0].Type != "shop.created" {
			t.Fatalf("events %+v", evs)
		}
		created := decode[shopevents.ShopCreated](t, evs[0])
		if created.Shop != (shopevents.Shop{ShopID: s.ID, OwnerID: ann.UserID, Name: annName, Slug: "nordic-clay",
			Description: want.Description, Version: 1}) || !created.CreatedAt.Equal(start) {
			t.Fatalf("shop.created %+v", created)
		}

		ctx := context.Background()
		for name, get := range map[string]func() (shopclient.Shop, error){
			"mine":        func() (shopclient.Shop, error) { return h.client.Mine(as(ann)) },
			"by id":       func() (shopclient.Shop, error) { return h.client.Get(ctx, s.ID) },
			"by slug":     func() (shopclient.Shop, error) { return h.client.Get(ctx, "nordic-clay") },
			"by any case": func() (shopclient.Shop, error) { return h.client.Get(ctx, "Nordic-Clay") },
			"by owner":    func() (shopclient.Shop, error) { return h.client.ByOwner(ctx, ann.UserID) },
		} {
			if got, err := get(); err != nil || got != want {
				t.Fatalf("%s: %+v, %v", name, got, err)
			}
		}

		// One open shop per user.
		_, err := h.client.Open(as(ann), shopclient.ShopRequest{Name: "Another Shop"})
		if fe := testkit.WantFault(t, err, fault.Conflict); fe.Message != "you already have a shop" {
			t.Fatalf("message %q", fe.Message)
		}
		// Names are unique in any case, and with any spacing.
		for _, name := range []string{"NORDIC CLAY", " nordic  clay "} {
			_, err = h.client.Open(as(bo), shopclient.ShopRequest{Name: name})
			testkit.WantFault(t, err, fault.Invalid, "name")
		}
		// Nobody opens nothing.
		_, err = h.client.Open(as(nobody), shopclient.ShopRequest{Name: "Ghost Shop"})
		testkit.WantFault(t, err, fault.Unauthenticated)
		h.unchanged("after refused openings", 1, 1)

		// A similar name gets the next slug; a seller and an admin may
		// open a shop too.
		if b := h.open(bo, "Nordic Clay!", ""); b.Slug != "nordic-clay-2" || b.OwnerID != bo.UserID {
			t.Fatalf("second shop %+v", b)
		}
		if r := h.open(root, "Admin's Corner", ""); r.Slug != "admins-corner" || r.OwnerID != root.UserID {
			t.Fatalf("admin's shop %+v", r)
		}
	})
}

func TestOpenShopRejectsInvalidInput(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		tests := []struct {
			name   string
			req    shopclient.ShopRequest
			fields []string
		}{
			{"empty name", shopclient.ShopRequest{Name: "   "}, []string{"name"}},
			{"one character", shopclient.ShopRequest{Name: "A"}, []string{"name"}},
			{"name too long", shopclient.ShopRequest{Name: strings.Repeat("x", 61)}, []string{"name"}},
			{"line break in the name", shopclient.ShopRequest{Name: "Nordic\nClay"}, []string{"name"}},
			{"description too long", shopclient.ShopRequest{Name: "Nordic Clay", Description: strings.Repeat("x", 2001)}, []string{"description"}},
			{"both", shopclient.ShopRequest{Name: "", Description: strings.Repeat("x", 2001)}, []string{"name", "description"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := h.client.Open(as(ann), tt.req)
				fe := testkit.WantFault(t, err, fault.Invalid, tt.fields...)
				for _, f := range tt.fields {
					if fe.Fields[f] == "" {
						t.Errorf("field %s has no message", f)
					}
				}
				h.unchanged("after a rejected opening", 0, 0)
			})
		}
	})
}

// Ids in the body are never trusted: the owner is the acting user.
func TestOpenShopIgnoresForgedIDs(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		forged := id.New()
		body := fmt.Sprintf(`{"name":"Nordic Clay","description":"","id":%q,"owner_id":%q,"slug":"evil","version":7}`, forged, bo.UserID)
		status, raw := h.raw(http.MethodPost, "/v1/shops", body, ann)
		if status != http.StatusCreated {
			t.Fatalf("status %d: %s", status, raw)
		}
		var s shopclient.Shop
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatal(err)
		}
		if s.ID == forged || s.OwnerID != ann.UserID || s.Slug != "nordic-clay" {
			t.Fatalf("opened %+v", s)
		}
		if _, err := h.client.Mine(as(bo)); !errors.Is(err, fault.NotFound) {
			t.Fatalf("bo got a shop: %v", err)
		}
	})
}

// raw sends a request the typed client would not, as a.
func (h *harness) raw(method, path, body string, a actor.Actor) (int, []byte) {
	h.t.Helper()
	req, err := http.NewRequest(method, h.served.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(httpserver.HeaderToken, testkit.Token)
	if !a.Anonymous() {
		req.Header.Set(actor.HeaderUserID, a.UserID)
		req.Header.Set(actor.HeaderRole, string(a.Role))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}

func TestListAndGet(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := context.Background()
		if shops, err := h.client.List(ctx); err != nil || len(shops) != 0 {
			t.Fatalf("empty list: %+v, %v", shops, err)
		}
		a := h.open(ann, annName, "")
		h.clock.Advance(time.Minute)
		b := h.open(bo, "Volt & Wire", "")
		h.clock.Advance(time.Minute)
		c := h.open(cy, "Paper Trail Co.", "")
		if b.Slug != "volt-and-wire" || c.Slug != "paper-trail-co" {
			t.Fatalf("slugs %q %q", b.Slug, c.Slug)
		}
		shops, err := h.client.List(ctx)
		if err != nil || len(shops) != 3 || shops[0] != c || shops[1] != b || shops[2] != a {
			t.Fatalf("list %+v, %v; want newest first", shops, err)
		}

		if err := h.client.Close(as(bo), b.ID); err != nil {
			t.Fatal(err)
		}
		shops, _ = h.client.List(ctx)
		if len(shops) != 2 || shops[0] != c || shops[1] != a {
			t.Fatalf("list after a closing %+v", shops)
		}
		for _, key := range []string{b.ID, b.Slug, id.New(), "no-such-shop", "%20"} {
			_, err := h.client.Get(ctx, key)
			testkit.WantFault(t, err, fault.NotFound)
		}
		_, err = h.client.ByOwner(ctx, bo.UserID)
		testkit.WantFault(t, err, fault.NotFound)
		_, err = h.client.Mine(as(bo))
		testkit.WantFault(t, err, fault.NotFound)
		_, err = h.client.Mine(as(nobody))
		testkit.WantFault(t, err, fault.Unauthenticated)
		for _, q := range []string{"?owner_id=" + bo.UserID, "?owner_id="} {
			status, raw := h.raw(http.MethodGet, "/v1/shops"+q, "", nobody)
			if status != http.StatusOK || strings.TrimSpace(string(raw)) != `{"items":[]}` {
				t.Fatalf("%s: %d %s", q, status, raw)
			}
		}
		if got, err := h.client.ByOwner(ctx, cy.UserID); err != nil || got != c {
			t.Fatalf("by owner: %+v, %v", got, err)
		}
	})
}

func TestUpdateShop(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := context.Background()
		a := h.open(ann, annName, "Mugs.")
		b := h.open(bo, "Volt & Wire", "")

		h.clock.Advance(time.Hour)
		got, err := h.client.Update(as(ann), a.ID, shopclient.ShopRequest{Name: " Nordic Clay Studio ", Description: "Mugs and bowls."})
		if err != nil {
			t.Fatal(err)
		}
		want := a
		want.Name, want.Description, want.UpdatedAt = "Nordic Clay Studio", "Mugs and bowls.", start.Add(time.Hour)
		if got != want {
			t.Fatalf("updated %+v, want %+v (the slug stays)", got, want)
		}
		if fresh, _ := h.client.Get(ctx, a.Slug); fresh != want {
			t.Fatalf("get after update %+v", fresh)
		}
		// A case-only rename of one's own name is fine.
		if _, err := h.client.Update(as(ann), a.ID, shopclient.ShopRequest{Name: "NORDIC CLAY STUDIO", Description: "Mugs and bowls."}); err != nil {
			t.Fatal(err)
		}
		// An edit that changes nothing writes nothing.
		events := h.count("outbox")
		if _, err := h.client.Update(as(ann), a.ID, shopclient.ShopRequest{Name: "NORDIC CLAY STUDIO", Description: " Mugs and bowls. "}); err != nil {
			t.Fatal(err)
		}
		h.unchanged("after an empty edit", 2, events)

		var updates []shopevents.ShopUpdated
		for _, env := range h.outbox() {
			if env.Type == "shop.updated" {
				updates = append(updates, decode[shopevents.ShopUpdated](t, env))
			}
		}
		if len(updates) != 2 || updates[0].Version != 2 || updates[1].Version != 3 || updates[0].Name != "Nordic Clay Studio" ||
			updates[1].Name != "NORDIC CLAY STUDIO" || updates[1].Slug != "nordic-clay" || updates[1].OwnerID != ann.UserID ||
			!updates[0].UpdatedAt.Equal(start.Add(time.Hour)) {
			t.Fatalf("shop.updated events %+v", updates)
		}

		tests := []struct {
			name   string
			who    actor.Actor
			shopID string
			req    shopclient.ShopRequest
			want   *fault.Error
			fields []string
		}{
			{"another seller", bo, a.ID, shopclient.ShopRequest{Name: "Hacked"}, fault.Forbidden, nil},
			{"a shopper", cy, a.ID, shopclient.ShopRequest{Name: "Hacked"}, fault.Forbidden, nil},
			{"an admin", root, a.ID, shopclient.ShopRequest{Name: "Hacked"}, fault.Forbidden, nil},
			{"nobody", nobody, a.ID, shopclient.ShopRequest{Name: "Hacked"}, fault.Unauthenticated, nil},
			{"a taken name", ann, a.ID, shopclient.ShopRequest{Name: "volt & WIRE"}, fault.Invalid, []string{"name"}},
			{"a bad name", ann, a.ID, shopclient.ShopRequest{Name: "x"}, fault.Invalid, []string{"name"}},
			{"a long description", ann, a.ID, shopclient.ShopRequest{Name: "Fine", Description: strings.Repeat("x", 2001)}, fault.Invalid, []string{"description"}},
			{"an unknown shop", ann, id.New(), shopclient.ShopRequest{Name: "Fine"}, fault.NotFound, nil},
			{"by slug", ann, a.Slug, shopclient.ShopRequest{Name: "Fine"}, fault.NotFound, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := h.client.Update(as(tt.who), tt.shopID, tt.req)
				testkit.WantFault(t, err, tt.want, tt.fields...)
				h.unchanged("after a refused edit", 2, events)
			})
		}
		if fresh, _ := h.client.Get(ctx, a.ID); fresh.Name != "NORDIC CLAY STUDIO" {
			t.Fatalf("a refused edit changed the shop: %+v", fresh)
		}

		// A closed shop cannot be edited.
		if err := h.client.Close(as(bo), b.ID); err != nil {
			t.Fatal(err)
		}
		_, err = h.client.Update(as(bo), b.ID, shopclient.ShopRequest{Name: "Volt & Wire Again"})
		testkit.WantFault(t, err, fault.NotFound)
		// Its name is free again.
		if _, err := h.client.Update(as(ann), a.ID, shopclient.ShopRequest{Name: "Volt & Wire"}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCloseShop(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := context.Background()
		a := h.open(ann, annName, "")
		b := h.open(bo, "Volt & Wire", "")
		h.clock.Advance(time.Hour)

		for _, who := range []actor.Actor{bo, cy} {
			testkit.WantFault(t, h.client.Close(as(who), a.ID), fault.Forbidden)
		}
		testkit.WantFault(t, h.client.Close(as(nobody), a.ID), fault.Unauthenticated)
		testkit.WantFault(t, h.client.Close(as(ann), id.New()), fault.NotFound)
		h.unchanged("after refused closings", 2, 2)

		if err := h.client.Close(as(ann), a.ID); err != nil {
			t.Fatal(err)
		}
		evs := h.outbox()
		last := evs[len(evs)-1]
		if last.Type != "shop.deleted" {
			t.Fatalf("last event %s", last.Type)
		}
		if d := decode[shopevents.ShopDeleted](t, last); d != (shopevents.ShopDeleted{ShopID: a.ID, OwnerID: ann.UserID, Version: 2, DeletedAt: start.Add(time.Hour)}) {
			t.Fatalf("shop.deleted %+v", d)
		}
		_, err := h.client.Get(ctx, a.ID)
		testkit.WantFault(t, err, fault.NotFound)
		_, err = h.client.Mine(as(ann))
		testkit.WantFault(t, err, fault.NotFound)
		testkit.WantFault(t, h.client.Close(as(ann), a.ID), fault.NotFound)
		h.unchanged("after closing twice", 2, 3)

		// The owner may open a new shop, under the old name; the old slug
		// stays with the closed shop.
		again := h.open(ann, annName, "")
		if again.ID == a.ID || again.Slug != "nordic-clay-2" {
			t.Fatalf("reopened %+v", again)
		}

		// An admin may close any shop.
		if err := h.client.Close(as(root), b.ID); err != nil {
			t.Fatal(err)
		}
		if d := decode[shopevents.ShopDeleted](t, h.outbox()[4]); d.ShopID != b.ID || d.OwnerID != bo.UserID || d.Version != 2 {
			t.Fatalf("shop.deleted by an admin %+v", d)
		}
	})
}

// Concurrent openings race on the unique indexes; each race has one
// winner and precise answers for the others.
func TestConcurrentOpenings(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		const n = 6
		race := func(who func(i int) actor.Actor, name func(i int) string) []error {
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					_, errs[i] = h.client.Open(as(who(i)), shopclient.ShopRequest{Name: name(i)})
				})
			}
			wg.Wait()
			return errs
		}
		tally := func(errs []error, loser *fault.Error) {
			t.Helper()
			ok := 0
			for _, err := range errs {
				switch {
				case err == nil:
					ok++
				case errors.Is(err, loser):
				default:
					t.Fatalf("unexpected error: %v", err)
				}
			}
			if ok != 1 {
				t.Fatalf("%d openings succeeded, want 1", ok)
			}
		}
		// One owner, many names.
		tally(race(func(int) actor.Actor { return ann }, func(i int) string { return fmt.Sprintf("Ann's Shop %d", i) }), fault.Conflict)
		// Many owners, one name.
		owners := make([]actor.Actor, n)
		for i := range owners {
			owners[i] = actor.Actor{UserID: id.New(), Role: actor.Shopper}
		}
		tally(race(func(i int) actor.Actor { return owners[i] }, func(i int) string {
			return []string{"Racing Shop", "racing shop", "RACING SHOP"}[i%3]
		}), fault.Invalid)
		// Many owners, names with one slug.
		for i := range owners {
			owners[i] = actor.Actor{UserID: id.New(), Role: actor.Shopper}
		}
		errs := race(func(i int) actor.Actor { return owners[i] }, func(i int) string { return fmt.Sprintf("Slug Race%s", strings.Repeat("!", i)) })
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		shops, _ := h.client.List(context.Background())
		slugs := map[string]bool{}
		for _, s := range shops {
			slugs[s.Slug] = true
		}
		for i := range n {
			s := "slug-race"
			if i > 0 {
				s = fmt.Sprintf("slug-race-%d", i+1)
			}
			if !slugs[s] {
				t.Fatalf("slug %s missing from %v", s, slugs)
			}
		}
		if s, e := h.count("shops"), h.count("outbox"); s != 2+n || e != 2+n {
			t.Fatalf("%d shops, %d events", s, e)
		}
	})
}

// The shop and its event commit together.
func TestOpenIsAtomicWithItsEvent(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	exec := func(q string) {
		if err := h.served.Deps.DB.Conn(context.Background()).Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	exec("ALTER TABLE outbox RENAME TO outbox_away")
	if _, err := h.client.Open(as(ann), shopclient.ShopRequest{Name: annName}); err == nil {
		t.Fatal("opened without an outbox")
	}
	exec("ALTER TABLE outbox_away RENAME TO outbox")
	h.unchanged("after a failed opening", 0, 0)
	h.open(ann, annName, "")
}

func userDeleted(t *testing.T, userID string) eventbus.Envelope {
	return testkit.Event(t, "user", userevents.UserDeleted{UserID: userID, DeletedAt: start})
}

func TestUserDeletedClosesTheShop(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		a := h.open(ann, annName, "")
		b := h.open(bo, "Volt & Wire", "")
		h.clock.Advance(time.Hour)

		ev := userDeleted(t, ann.UserID)
		out := testkit.Deliver(t, h.served, ev, ev, userDeleted(t, cy.UserID), userDeleted(t, id.New()))
		for i, o := range out {
			if o != testkit.Acked {
				t.Fatalf("delivery %d: %s", i, o)
			}
		}
		var closed []shopevents.ShopDeleted
		for _, env := range h.outbox() {
			if env.Type == "shop.deleted" {
				closed = append(closed, decode[shopevents.ShopDeleted](t, env))
			}
		}
		if len(closed) != 1 || closed[0] != (shopevents.ShopDeleted{ShopID: a.ID, OwnerID: ann.UserID, Version: 2, DeletedAt: start.Add(time.Hour)}) {
			t.Fatalf("shop.deleted events %+v", closed)
		}
		_, err := h.client.Get(context.Background(), a.ID)
		testkit.WantFault(t, err, fault.NotFound)
		if got, err := h.client.Get(context.Background(), b.ID); err != nil || got != b {
			t.Fatalf("another shop was touched: %+v, %v", got, err)
		}
		// A later deletion of the same user (another event) finds nothing.
		testkit.Deliver(t, h.served, userDeleted(t, ann.UserID))
		h.unchanged("after a second user.deleted", 2, 3)
	})
}

func TestSeed(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := context.Background()
		// A real shop took a demo shop's name before the first seeding.
		squatter := h.open(ann, demo.Shops[5].Name, "")
		for range 2 {
			if err := h.svc.Seed(ctx); err != nil {
				t.Fatal(err)
			}
		}
		want := len(demo.Shops) - 1
		if s, e := h.count("shops"), h.count("outbox"); s != int64(want)+1 || e != int64(want)+1 {
			t.Fatalf("%d shops, %d events; want %d", s, e, want+1)
		}
		for _, ds := range demo.Shops[:want] {
			got, err := h.client.Get(ctx, ds.Slug)
			if err != nil {
				t.Fatalf("%s: %v", ds.Slug, err)
			}
			if got.ID != ds.ID || got.OwnerID != ds.OwnerID || got.Name != ds.Name || got.Description != ds.Description {
				t.Fatalf("seeded %+v, want %+v", got, ds)
			}
		}
		if got, _ := h.client.ByOwner(ctx, ann.UserID); got != squatter {
			t.Fatalf("the real shop changed: %+v", got)
		}
		var created []shopevents.ShopCreated
		for _, env := range h.outbox()[1:] {
			created = append(created, decode[shopevents.ShopCreated](t, env))
		}
		if created[0].ShopID != demo.Shops[0].ID || created[0].Version != 1 || created[0].Slug != demo.Shops[0].Slug {
			t.Fatalf("shop.created %+v", created[0])
		}
		// Newest first: the squatter, then the demo shops from the last.
		shops, _ := h.client.List(ctx)
		if shops[0].ID != squatter.ID || shops[1].ID != demo.Shops[want-1].ID || shops[want].ID != demo.Shops[0].ID {
			t.Fatalf("list order %v", shops)
		}
	})
}

// Requests the typed client cannot make still get a clear error.
func TestMalformedRequests(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	for _, tt := range []struct{ method, path, body string }{
		{http.MethodPost, "/v1/shops", `{"name": "Nordic`},
		{http.MethodPost, "/v1/shops", `{"name": 5}`},
		{http.MethodPost, "/v1/shops", ``},
		{http.MethodPut, "/v1/shops/" + id.New(), `[]`},
	} {
		status, raw := h.raw(tt.method, tt.path, tt.body, ann)
		var body httpserver.ErrorBody
		if err := json.Unmarshal(raw, &body); err != nil || status != 422 || body.Error.Message == "" {
			t.Fatalf("%s %s %q: %d %s", tt.method, tt.path, tt.body, status, raw)
		}
	}
	h.unchanged("after malformed requests", 0, 0)
}
