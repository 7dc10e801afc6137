package comment_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/comment"
	"github.com/marketplace/marketplace/services/comment/commentclient"
	"github.com/marketplace/marketplace/services/comment/commentevents"
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
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/user/userevents"
)

var start = time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.UTC)

// products is a fake of the product service's GET /v1/products/{id}: the
// only call the comment service makes.
type products struct {
	mu    sync.Mutex
	items map[string]productclient.Product
	down  bool
	calls int
}

func (p *products) add(shopID, ownerID string) productclient.Product {
	p.mu.Lock()
	defer p.mu.Unlock()
	pr := productclient.Product{ID: id.New(), ShopID: shopID, OwnerID: ownerID, Name: "Mug"}
	p.items[pr.ID] = pr
	return pr
}

func (p *products) setDown(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
}

func (p *products) callCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls
}

func (p *products) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls++
	fail := func(status int, code, msg string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(httpserver.ErrorBody{Error: httpserver.ErrorDetail{Code: code, Message: msg}})
	}
	switch {
	case r.Header.Get(httpserver.HeaderToken) != testkit.Token:
		fail(401, "unauthenticated", "a valid internal token is required")
	case p.down:
		fail(503, "unavailable", "down for the test")
	case r.Method != http.MethodGet || !strings.HasPrefix(r.URL.Path, "/v1/products/"):
		fail(404, "not_found", "no such route")
	default:
		pr, ok := p.items[strings.TrimPrefix(r.URL.Path, "/v1/products/")]
		if !ok {
			fail(404, "not_found", "no such product")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(pr)
	}
}

// harness is one comment service over real HTTP with its fake product
// service and its database at hand.
type harness struct {
	t        *testing.T
	served   testkit.Served
	svc      *comment.Service
	client   *commentclient.Client
	products *products
	clock    *clock.Manual
}

func newHarness(t *testing.T, dbURL string) *harness {
	t.Helper()
	fake := &products{items: map[string]productclient.Product{}}
	ps := httptest.NewServer(fake)
	t.Cleanup(ps.Close)
	clk := clock.NewManual(start)
	s := testkit.ServeService(t, "comment", dbURL, clk, func(d host.Deps) (host.Service, error) {
		return comment.New(d, productclient.New(ps.URL, httpclient.Options{Token: testkit.Token}))
	})
	return &harness{
		t: t, served: s, svc: s.Service.(*comment.Service), products: fake, clock: clk,
		client: commentclient.New(s.URL, httpclient.Options{Token: testkit.Token}),
	}
}

func (h *harness) count(table string) int64 {
	h.t.Helper()
	var n int64
	if err := h.served.Deps.DB.Conn(context.Background()).Table(table).Count(&n).Error; err != nil {
		h.t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// event is one comment event from the outbox, whichever kind.
type event struct {
	Type string
	commentevents.Review
	Hidden bool
}

// events returns the comment events in the outbox, oldest first.
func (h *harness) events() []event {
	h.t.Helper()
	var rows []struct{ Type, Envelope string }
	if err := h.served.Deps.DB.Conn(context.Background()).Table("outbox").Select("type, envelope").Order("id").Scan(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	out := make([]event, 0, len(rows))
	for _, r := range rows {
		var env eventbus.Envelope
		if err := json.Unmarshal([]byte(r.Envelope), &env); err != nil {
			h.t.Fatal(err)
		}
		if env.Source != "comment" || env.Version != 1 || env.Type != r.Type {
			h.t.Fatalf("envelope %+v", env)
		}
		e := event{Type: r.Type}
		switch r.Type {
		case "comment.created":
			p, err := eventbus.Decode[commentevents.CommentCreated](env)
			if err != nil {
				h.t.Fatal(err)
			}
			e.Review = p.Review
		case "comment.updated":
			p, err := eventbus.Decode[commentevents.CommentUpdated](env)
			if err != nil {
				h.t.Fatal(err)
			}
			e.Review, e.Hidden = p.Review, p.Hidden
		case "comment.deleted":
			p, err := eventbus.Decode[commentevents.CommentDeleted](env)
			if err != nil {
				h.t.Fatal(err)
			}
			e.Review = p.Review
		default:
			h.t.Fatalf("outbox has a %s event", r.Type)
		}
		out = append(out, e)
	}
	return out
}

// create writes a review and moves the clock on, so reviews have distinct
// times.
func (h *harness) create(who actor.Actor, productID string, rating int, body string) commentclient.Review {
	h.t.Helper()
	r, err := h.client.Create(as(who), productID, commentclient.ReviewRequest{Rating: rating, Body: body, AuthorName: "Name of " + who.UserID[:8]})
	if err != nil {
		h.t.Fatalf("create review: %v", err)
	}
	h.clock.Advance(time.Second)
	return r
}

func (h *harness) rating(productID string) (commentclient.Rating, bool) {
	h.t.Helper()
	rs, err := h.client.Ratings(context.Background(), []string{productID})
	if err != nil {
		h.t.Fatal(err)
	}
	r, ok := rs[productID]
	return r, ok
}

func as(a actor.Actor) context.Context { return actor.With(context.Background(), a) }

func user(role actor.Role) actor.Actor { return actor.Actor{UserID: id.New(), Role: role} }

func TestCreateReview(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		shop, owner := id.New(), user(actor.Seller)
		p := h.products.add(shop, owner.UserID)
		ann := user(actor.Shopper)
		ctx := as(ann)

		r, err := h.client.Create(ctx, p.ID, commentclient.ReviewRequest{Rating: 4, Body: "  Lovely glaze.\n", AuthorName: "  Ann Lee "})
		if err != nil {
			t.Fatal(err)
		}
		want := commentclient.Review{
			ID: r.ID, ProductID: p.ID, ShopID: shop, UserID: ann.UserID, AuthorName: "Ann Lee", Rating: 4,
			Body: "Lovely glaze.", CreatedAt: start, UpdatedAt: start,
		}
		if !id.Valid(r.ID) || r != want {
			t.Fatalf("created %+v\nwant    %+v", r, want)
		}
		if got, err := h.client.Mine(ctx, p.ID); err != nil || got != r {
			t.Fatalf("mine: %+v, %v", got, err)
		}
		page, err := h.client.ProductReviews(context.Background(), p.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 1 || len(page.Items) != 1 || page.Items[0] != r || page.Page != 1 || page.PerPage != 20 ||
			page.Rating != (commentclient.Rating{ProductID: p.ID, Average: 4, Count: 1}) {
			t.Fatalf("page %+v", page)
		}
		evs := h.events()
		wantEv := event{Type: "comment.created", Review: commentevents.Review{
			CommentID: r.ID, ProductID: p.ID, ShopID: shop, UserID: ann.UserID, Rating: 4,
			Product: commentevents.ProductRating{Average: 4, Count: 1, Version: 1},
		}}
		if len(evs) != 1 || evs[0] != wantEv {
			t.Fatalf("events %+v", evs)
		}

		// Without a name the author is "A shopper"; a seller may review
		// another shop's product.
		bo := user(actor.Seller)
		r2, err := h.client.Create(as(bo), p.ID, commentclient.ReviewRequest{Rating: 5})
		if err != nil || r2.AuthorName != "A shopper" || r2.Body != "" {
			t.Fatalf("second review: %+v, %v", r2, err)
		}

		// Refusals, none of which changes anything.
		_, err = h.client.Create(ctx, p.ID, commentclient.ReviewRequest{Rating: 1, Body: "again"})
		fe := testkit.WantFault(t, err, fault.Conflict)
		if fe.Message != "you have already reviewed this product — edit your review instead" {
			t.Fatalf("conflict message %q", fe.Message)
		}
		_, err = h.client.Create(context.Background(), p.ID, commentclient.ReviewRequest{Rating: 5})
		testkit.WantFault(t, err, fault.Unauthenticated)
		_, err = h.client.Create(as(owner), p.ID, commentclient.ReviewRequest{Rating: 5})
		testkit.WantFault(t, err, fault.Forbidden)
		_, err = h.client.Create(ctx, id.New(), commentclient.ReviewRequest{Rating: 5})
		testkit.WantFault(t, err, fault.NotFound)
		calls := h.products.callCount()
		_, err = h.client.Create(ctx, "not-an-id", commentclient.ReviewRequest{Rating: 5})
		testkit.WantFault(t, err, fault.NotFound)
		if h.products.callCount() != calls {
			t.Fatal("a malformed product id was sent to the product service")
		}
		h.products.setDown(true)
		_, err = h.client.Create(as(user(actor.Shopper)), p.ID, commentclient.ReviewRequest{Rating: 5})
		testkit.WantFault(t, err, fault.Unavailable)
		h.products.setDown(false)

		if n, o := h.count("reviews"), h.count("outbox"); n != 2 || o != 2 {
			t.Fatalf("%d reviews, %d events; want 2 and 2", n, o)
		}
		if rt, _ := h.rating(p.ID); rt.Count != 2 || rt.Average != 4.5 {
			t.Fatalf("rating %+v", rt)
		}

		// Mine: someone without a review, and nobody.
		_, err = h.client.Mine(as(user(actor.Shopper)), p.ID)
		testkit.WantFault(t, err, fault.NotFound)
		_, err = h.client.Mine(context.Background(), p.ID)
		testkit.WantFault(t, err, fault.Unauthenticated)
	})
}

func TestBadInputChangesNothing(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.products.add(id.New(), id.New())
		ann := user(actor.Shopper)
		r := h.create(ann, p.ID, 4, "fine")

		tests := []struct {
			name   string
			req    commentclient.ReviewRequest
			fields []string
		}{
			{"no rating", commentclient.ReviewRequest{Body: "x"}, []string{"rating"}},
			{"rating 6", commentclient.ReviewRequest{Rating: 6}, []string{"rating"}},
			{"rating -1", commentclient.ReviewRequest{Rating: -1}, []string{"rating"}},
			{"body of 2001", commentclient.ReviewRequest{Rating: 3, Body: strings.Repeat("ü", 2001)}, []string{"body"}},
			{"long name", commentclient.ReviewRequest{Rating: 3, AuthorName: strings.Repeat("n", 101)}, []string{"author_name"}},
			{"all", commentclient.ReviewRequest{Rating: 0, Body: strings.Repeat("x", 2001)}, []string{"rating", "body"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := h.client.Create(as(user(actor.Shopper)), p.ID, tt.req)
				testkit.WantFault(t, err, fault.Invalid, tt.fields...)
				_, err = h.client.Update(as(ann), r.ID, tt.req)
				testkit.WantFault(t, err, fault.Invalid, tt.fields...)
			})
		}
		// 2000 characters after trimming is fine.
		ok, err := h.client.Update(as(ann), r.ID, commentclient.ReviewRequest{Rating: 4, Body: " " + strings.Repeat("ü", 2000) + " \n"})
		if err != nil || len([]rune(ok.Body)) != 2000 {
			t.Fatalf("2000 characters: %v", err)
		}
		if _, err := h.client.Update(as(ann), r.ID, commentclient.ReviewRequest{Rating: 4, Body: "fine"}); err != nil {
			t.Fatal(err)
		}

		// Bodies the typed client cannot send.
		for _, body := range []string{`{"rating": 4.5}`, `{"rating": "5"}`, `{"rating": 5, "body": 7}`, `{"rating":`, ``} {
			for _, path := range []string{"/v1/products/" + p.ID + "/reviews", "/v1/reviews/" + r.ID} {
				method := http.MethodPost
				if strings.HasPrefix(path, "/v1/reviews/") {
					method = http.MethodPut
				}
				status, raw := h.raw(method, path, body, as(ann))
				if status != 422 || !strings.Contains(raw, "invalid_input") {
					t.Fatalf("%s %s %q: %d %s", method, path, body, status, raw)
				}
			}
		}
		status, raw := h.raw(http.MethodPut, "/v1/reviews/"+r.ID+"/hidden", `{}`, as(user(actor.Admin)))
		if status != 422 || !strings.Contains(raw, `"hidden"`) {
			t.Fatalf("hide without a value: %d %s", status, raw)
		}
		for _, q := range []string{"page=0", "page=-1", "page=abc", "page=1e3", "page=10001"} {
			for _, path := range []string{"/v1/products/" + p.ID + "/reviews?", "/v1/shops/" + p.ShopID + "/reviews?"} {
				if status, raw := h.raw(http.MethodGet, path+q, "", context.Background()); status != 422 || !strings.Contains(raw, `"page"`) {
					t.Fatalf("%s%s: %d %s", path, q, status, raw)
				}
			}
		}
		many := make([]string, 201)
		for i := range many {
			many[i] = id.New()
		}
		_, err = h.client.Ratings(context.Background(), many)
		testkit.WantFault(t, err, fault.Invalid, "product_id")
		if status, _ := h.raw(http.MethodGet, "/v1/ratings", "", nil); status != 401 {
			t.Fatalf("without the internal token: %d", status)
		}

		got, err := h.client.Mine(as(ann), p.ID)
		if err != nil || got.Rating != 4 || got.Body != "fine" {
			t.Fatalf("review changed: %+v, %v", got, err)
		}
		evs := h.events()
		if n := h.count("reviews"); n != 1 || len(evs) != 3 || evs[2].Product.Version != 3 {
			t.Fatalf("%d reviews, events %+v", n, evs)
		}
	})
}

// raw sends a request the typed client would not; ctx nil means no
// internal token.
func (h *harness) raw(method, path, body string, ctx context.Context) (int, string) {
	h.t.Helper()
	req, err := http.NewRequest(method, h.served.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if ctx != nil {
		req.Header.Set(httpserver.HeaderToken, testkit.Token)
		if a := actor.From(ctx); !a.Anonymous() {
			req.Header.Set(actor.HeaderUserID, a.UserID)
			req.Header.Set(actor.HeaderRole, string(a.Role))
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestEditAndDeleteAuthorization(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.products.add(id.New(), id.New())
		ann, bo, admin := user(actor.Shopper), user(actor.Shopper), user(actor.Admin)
		seller := user(actor.Seller)
		r := h.create(ann, p.ID, 2, "meh")

		for _, who := range []actor.Actor{bo, admin, seller} {
			_, err := h.client.Update(as(who), r.ID, commentclient.ReviewRequest{Rating: 5, Body: "forged"})
			testkit.WantFault(t, err, fault.Forbidden)
		}
		_, err := h.client.Update(context.Background(), r.ID, commentclient.ReviewRequest{Rating: 5})
		testkit.WantFault(t, err, fault.Unauthenticated)
		for _, who := range []actor.Actor{bo, seller} {
			testkit.WantFault(t, h.client.Delete(as(who), r.ID), fault.Forbidden)
		}
		testkit.WantFault(t, h.client.Delete(context.Background(), r.ID), fault.Unauthenticated)
		_, err = h.client.Update(as(ann), id.New(), commentclient.ReviewRequest{Rating: 5})
		testkit.WantFault(t, err, fault.NotFound)
		testkit.WantFault(t, h.client.Delete(as(admin), id.New()), fault.NotFound)
		if len(h.events()) != 1 {
			t.Fatal("a refused change was announced")
		}

		// The author edits: a new rating and text, the name kept.
		h.clock.Advance(time.Minute)
		e, err := h.client.Update(as(ann), r.ID, commentclient.ReviewRequest{Rating: 5, Body: " better now "})
		if err != nil {
			t.Fatal(err)
		}
		if e.Rating != 5 || e.Body != "better now" || e.AuthorName != r.AuthorName || !e.CreatedAt.Equal(r.CreatedAt) || !e.UpdatedAt.Equal(h.clock.Now()) {
			t.Fatalf("edited %+v", e)
		}
		// The same again changes and announces nothing.
		if again, err := h.client.Update(as(ann), r.ID, commentclient.ReviewRequest{Rating: 5, Body: "better now"}); err != nil || again != e {
			t.Fatalf("same edit: %+v, %v", again, err)
		}
		if rt, _ := h.rating(p.ID); rt.Average != 5 || rt.Count != 1 {
			t.Fatalf("rating after the edit %+v", rt)
		}

		// The author deletes their own; an admin deletes anyone's.
		r2 := h.create(bo, p.ID, 1, "")
		if err := h.client.Delete(as(ann), r.ID); err != nil {
			t.Fatal(err)
		}
		testkit.WantFault(t, h.client.Delete(as(ann), r.ID), fault.NotFound)
		if err := h.client.Delete(as(admin), r2.ID); err != nil {
			t.Fatal(err)
		}
		if n := h.count("reviews"); n != 0 {
			t.Fatalf("%d reviews left", n)
		}
		if _, ok := h.rating(p.ID); ok {
			t.Fatal("a product without reviews has a rating")
		}

		var types []string
		for _, e := range h.events() {
			types = append(types, e.Type)
		}
		want := []string{"comment.created", "comment.updated", "comment.created", "comment.deleted", "comment.deleted"}
		if !slices.Equal(types, want) {
			t.Fatalf("events %v, want %v", types, want)
		}
		// Deleted, the author may write a new one.
		h.create(ann, p.ID, 3, "third time")
	})
}

func TestHideAndUnhide(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		shop := id.New()
		p := h.products.add(shop, id.New())
		ann, bo, admin, seller := user(actor.Shopper), user(actor.Shopper), user(actor.Admin), user(actor.Seller)
		spam := h.create(ann, p.ID, 1, "buy cheap watches")
		good := h.create(bo, p.ID, 5, "great")

		for _, who := range []actor.Actor{ann, bo, seller} {
			_, err := h.client.SetHidden(as(who), spam.ID, true)
			testkit.WantFault(t, err, fault.Forbidden)
		}
		_, err := h.client.SetHidden(context.Background(), spam.ID, true)
		testkit.WantFault(t, err, fault.Unauthenticated)
		_, err = h.client.SetHidden(as(admin), id.New(), true)
		testkit.WantFault(t, err, fault.NotFound)

		hidden, err := h.client.SetHidden(as(admin), spam.ID, true)
		if err != nil || !hidden.Hidden {
			t.Fatalf("hide: %+v, %v", hidden, err)
		}
		// Hiding again changes nothing.
		if _, err := h.client.SetHidden(as(admin), spam.ID, true); err != nil {
			t.Fatal(err)
		}
		evs := h.events()
		if len(evs) != 3 || evs[2].Type != "comment.updated" || !evs[2].Hidden ||
			evs[2].Product != (commentevents.ProductRating{Average: 5, Count: 1, Version: 3}) {
			t.Fatalf("events %+v", evs)
		}
		if rt, _ := h.rating(p.ID); rt.Average != 5 || rt.Count != 1 {
			t.Fatalf("rating with the spam hidden: %+v", rt)
		}

		// Who sees what.
		for name, tc := range map[string]struct {
			who  actor.Actor
			want []string
		}{
			"anonymous":  {actor.Actor{}, []string{good.ID}},
			"other":      {bo, []string{good.ID}},
			"seller":     {seller, []string{good.ID}},
			"the author": {ann, []string{good.ID, spam.ID}},
			"an admin":   {admin, []string{good.ID, spam.ID}},
		} {
			for _, list := range []func(context.Context) (commentclient.ReviewPage, error){
				func(ctx context.Context) (commentclient.ReviewPage, error) {
					return h.client.ProductReviews(ctx, p.ID, 1)
				},
				func(ctx context.Context) (commentclient.ReviewPage, error) { return h.client.ShopReviews(ctx, shop, 1) },
			} {
				page, err := list(as(tc.who))
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, r := range page.Items {
					got = append(got, r.ID)
				}
				if !slices.Equal(got, tc.want) || page.Total != int64(len(tc.want)) || page.Rating.Average != 5 || page.Rating.Count != 1 {
					t.Errorf("%s sees %v (total %d, rating %+v), want %v", name, got, page.Total, page.Rating, tc.want)
				}
			}
		}
		if mine, err := h.client.Mine(as(ann), p.ID); err != nil || !mine.Hidden {
			t.Fatalf("the author's own hidden review: %+v, %v", mine, err)
		}
		// Editing a hidden review keeps it hidden and out of the rating.
		if e, err := h.client.Update(as(ann), spam.ID, commentclient.ReviewRequest{Rating: 2, Body: "sorry"}); err != nil || !e.Hidden {
			t.Fatalf("edit hidden: %+v, %v", e, err)
		}
		if rt, _ := h.rating(p.ID); rt.Average != 5 || rt.Count != 1 {
			t.Fatalf("rating after editing a hidden review: %+v", rt)
		}

		shown, err := h.client.SetHidden(as(admin), spam.ID, false)
		if err != nil || shown.Hidden {
			t.Fatalf("unhide: %+v, %v", shown, err)
		}
		if rt, _ := h.rating(p.ID); rt.Average != 3.5 || rt.Count != 2 {
			t.Fatalf("rating after unhiding: %+v", rt)
		}
		if page, _ := h.client.ProductReviews(context.Background(), p.ID, 1); page.Total != 2 {
			t.Fatalf("anonymous sees %d after unhiding", page.Total)
		}
		if n := len(h.events()); n != 5 {
			t.Fatalf("%d events, want 5", n)
		}
	})
}

// A sequence of changes on two products: the rating and the event
// snapshots follow, and each product's versions count up one by one.
func TestRatingsFollowChanges(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.products.add(id.New(), id.New())
		q := h.products.add(id.New(), id.New())
		u1, u2, u3, admin := user(actor.Shopper), user(actor.Shopper), user(actor.Shopper), user(actor.Admin)

		var r1, r2, r3 commentclient.Review
		createAs := func(dst *commentclient.Review, who actor.Actor, product string, rating int) func() error {
			return func() error {
				var err error
				*dst, err = h.client.Create(as(who), product, commentclient.ReviewRequest{Rating: rating})
				return err
			}
		}
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		check := func(step, product string, avg float64, count int64) {
			t.Helper()
			rt, ok := h.rating(product)
			if count == 0 {
				if ok {
					t.Fatalf("%s: rating %+v, want none", step, rt)
				}
				return
			}
			if rt != (commentclient.Rating{ProductID: product, Average: avg, Count: count}) {
				t.Fatalf("%s: rating %+v, want %v from %d", step, rt, avg, count)
			}
			page, err := h.client.ProductReviews(context.Background(), product, 1)
			if err != nil || page.Rating != rt {
				t.Fatalf("%s: page rating %+v, %v", step, page.Rating, err)
			}
		}
		must(createAs(&r1, u1, p.ID, 5)())
		check("u1 gives 5", p.ID, 5, 1)
		must(createAs(&r2, u2, p.ID, 4)())
		check("two", p.ID, 4.5, 2)
		must(createAs(&r3, u3, p.ID, 2)())
		check("u3 gives 2", p.ID, 3.67, 3)
		must(createAs(new(commentclient.Review), u1, q.ID, 1)())
		check("u1 gives q 1", q.ID, 1, 1)
		_, err := h.client.Update(as(u3), r3.ID, commentclient.ReviewRequest{Rating: 3})
		must(err)
		check("u3 changes to 3", p.ID, 4, 3)
		_, err = h.client.SetHidden(as(admin), r1.ID, true)
		must(err)
		check("5 hidden", p.ID, 3.5, 2)
		must(h.client.Delete(as(u2), r2.ID))
		check("4 deleted", p.ID, 3, 1)
		_, err = h.client.SetHidden(as(admin), r1.ID, false)
		must(err)
		check("5 shown", p.ID, 4, 2)
		must(h.client.Delete(as(admin), r1.ID))
		must(h.client.Delete(as(u3), r3.ID))
		check("all deleted", p.ID, 0, 0)
		check("q untouched", q.ID, 1, 1)

		rs, err := h.client.Ratings(context.Background(), []string{p.ID, q.ID, q.ID, id.New(), ""})
		if err != nil || len(rs) != 1 || rs[q.ID].Count != 1 {
			t.Fatalf("ratings %+v, %v", rs, err)
		}

		// Every event carries its product's next version and the rating
		// after the change.
		versions := map[string]int64{}
		evs := h.events()
		for _, e := range evs {
			versions[e.ProductID]++
			if e.Product.Version != versions[e.ProductID] {
				t.Fatalf("%s of %s has version %d, want %d", e.Type, e.ProductID, e.Product.Version, versions[e.ProductID])
			}
		}
		last := evs[len(evs)-1]
		if len(evs) != 10 || versions[p.ID] != 9 || last.Type != "comment.deleted" || last.Product != (commentevents.ProductRating{Version: 9}) {
			t.Fatalf("%d events, versions %v, last %+v", len(evs), versions, last)
		}
		// A new review after the last was deleted continues the versions.
		h.create(u2, p.ID, 4, "")
		if evs := h.events(); evs[len(evs)-1].Product != (commentevents.ProductRating{Average: 4, Count: 1, Version: 10}) {
			t.Fatalf("after starting over: %+v", evs[len(evs)-1])
		}
	})
}

func TestListings(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		shop, other := id.New(), id.New()
		p := h.products.add(shop, id.New())
		p2 := h.products.add(shop, id.New())
		x := h.products.add(other, id.New())
		var made []commentclient.Review
		for i := range 25 {
			made = append(made, h.create(user(actor.Shopper), p.ID, 1+i%5, fmt.Sprintf("review %d", i)))
		}
		h.create(user(actor.Shopper), p2.ID, 5, "")
		h.create(user(actor.Shopper), x.ID, 1, "")

		first, err := h.client.ProductReviews(context.Background(), p.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		second, err := h.client.ProductReviews(context.Background(), p.ID, 2)
		if err != nil {
			t.Fatal(err)
		}
		third, err := h.client.ProductReviews(context.Background(), p.ID, 3)
		if err != nil {
			t.Fatal(err)
		}
		if first.Total != 25 || len(first.Items) != 20 || len(second.Items) != 5 || second.Page != 2 || len(third.Items) != 0 || third.Items == nil {
			t.Fatalf("pages of %d, %d, %d (total %d)", len(first.Items), len(second.Items), len(third.Items), first.Total)
		}
		all := append(first.Items, second.Items...)
		for i, r := range all {
			if r != made[len(made)-1-i] {
				t.Fatalf("item %d is %s, want newest first", i, r.Body)
			}
		}
		if first.Rating != (commentclient.Rating{ProductID: p.ID, Average: 3, Count: 25}) {
			t.Fatalf("rating %+v", first.Rating)
		}

		sp, err := h.client.ShopReviews(context.Background(), shop, 1)
		if err != nil {
			t.Fatal(err)
		}
		if sp.Total != 26 || len(sp.Items) != 20 || sp.Items[0].ProductID != p2.ID || sp.Rating.Count != 26 || sp.Rating.Average != 3.08 {
			t.Fatalf("shop page: total %d, first %+v, rating %+v", sp.Total, sp.Items[0], sp.Rating)
		}
		for _, r := range sp.Items {
			if r.ShopID != shop {
				t.Fatalf("another shop's review %+v", r)
			}
		}
		if none, err := h.client.ShopReviews(context.Background(), id.New(), 1); err != nil || none.Total != 0 || len(none.Items) != 0 {
			t.Fatalf("unknown shop: %+v, %v", none, err)
		}
		if none, err := h.client.ProductReviews(context.Background(), "unknown", 1); err != nil || none.Total != 0 ||
			none.Rating != (commentclient.Rating{ProductID: "unknown"}) {
			t.Fatalf("unknown product: %+v, %v", none, err)
		}
	})
}

// Many writers at once: one review per user even when a user submits
// twice concurrently, and the product's rating and versions stay exact.
func TestConcurrentReviews(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.products.add(id.New(), id.New())
		const n = 8
		users := make([]actor.Actor, n)
		for i := range users {
			users[i] = user(actor.Shopper)
		}
		errs := make([]error, 2*n)
		var wg sync.WaitGroup
		for i := range 2 * n {
			wg.Go(func() {
				_, errs[i] = h.client.Create(as(users[i%n]), p.ID, commentclient.ReviewRequest{Rating: 1 + i%n%5})
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, fault.Conflict):
			default:
				t.Fatalf("unexpected error: %v", err)
			}
		}
		if ok != n || h.count("reviews") != n {
			t.Fatalf("%d created, %d stored; want %d", ok, h.count("reviews"), n)
		}
		rt, _ := h.rating(p.ID)
		if rt.Count != n || rt.Average != 2.63 { // 1+2+3+4+5+1+2+3 = 21 over 8
			t.Fatalf("rating %+v", rt)
		}
		var versions []int64
		for _, e := range h.events() {
			versions = append(versions, e.Product.Version)
		}
		slices.Sort(versions)
		for i, v := range versions {
			if v != int64(i+1) {
				t.Fatalf("versions %v", versions)
			}
		}
	})
}

func TestUserDeleted(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.products.add(id.New(), id.New())
		q := h.products.add(id.New(), id.New())
		ann, bo := user(actor.Shopper), user(actor.Shopper)
		h.create(ann, p.ID, 5, "")
		h.create(ann, q.ID, 1, "")
		kept := h.create(bo, p.ID, 3, "")

		env := testkit.Event(t, "user", userevents.UserDeleted{UserID: ann.UserID, DeletedAt: start})
		if got := testkit.Deliver(t, h.served, env, env); !slices.Equal(got, []testkit.Outcome{testkit.Acked, testkit.Acked}) {
			t.Fatalf("outcomes %v", got)
		}
		if n := h.count("reviews"); n != 1 {
			t.Fatalf("%d reviews left", n)
		}
		if rt, _ := h.rating(p.ID); rt.Count != 1 || rt.Average != 3 {
			t.Fatalf("rating of p %+v", rt)
		}
		if _, ok := h.rating(q.ID); ok {
			t.Fatal("q still rated")
		}
		evs := h.events()
		if len(evs) != 5 {
			t.Fatalf("%d events, want 5", len(evs))
		}
		for _, e := range evs[3:] {
			if e.Type != "comment.deleted" || e.UserID != ann.UserID {
				t.Fatalf("event %+v", e)
			}
		}
		// Another deletion of the same user (a new event), or of a user
		// never heard of, finds nothing to do.
		again := testkit.Event(t, "user", userevents.UserDeleted{UserID: ann.UserID, DeletedAt: start})
		unknown := testkit.Event(t, "user", userevents.UserDeleted{UserID: id.New(), DeletedAt: start})
		if got := testkit.Deliver(t, h.served, again, unknown); !slices.Equal(got, []testkit.Outcome{testkit.Acked, testkit.Acked}) {
			t.Fatalf("outcomes %v", got)
		}
		if len(h.events()) != 5 || h.count("reviews") != 1 {
			t.Fatal("a repeated deletion changed something")
		}
		if got, err := h.client.Mine(as(bo), p.ID); err != nil || got != kept {
			t.Fatalf("bo's review: %+v, %v", got, err)
		}
	})
}

func TestProductDeleted(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.products.add(id.New(), id.New())
		q := h.products.add(id.New(), id.New())
		h.create(user(actor.Shopper), p.ID, 5, "")
		hidden := h.create(user(actor.Shopper), p.ID, 1, "")
		if _, err := h.client.SetHidden(as(user(actor.Admin)), hidden.ID, true); err != nil {
			t.Fatal(err)
		}
		h.create(user(actor.Shopper), q.ID, 4, "")

		env := testkit.Event(t, "product", productevents.ProductDeleted{ProductID: p.ID, ShopID: p.ShopID, Version: 7, DeletedAt: start})
		if got := testkit.Deliver(t, h.served, env, env); !slices.Equal(got, []testkit.Outcome{testkit.Acked, testkit.Acked}) {
			t.Fatalf("outcomes %v", got)
		}
		if n, r := h.count("reviews"), h.count("product_ratings"); n != 1 || r != 1 {
			t.Fatalf("%d reviews, %d ratings left", n, r)
		}
		evs := h.events()
		if len(evs) != 6 || evs[4].Type != "comment.deleted" || evs[5].Type != "comment.deleted" ||
			evs[5].Product != (commentevents.ProductRating{Version: 5}) {
			t.Fatalf("events %+v", evs)
		}
		if rt, ok := h.rating(q.ID); !ok || rt.Count != 1 {
			t.Fatalf("q's rating %+v", rt)
		}
		unknown := testkit.Event(t, "product", productevents.ProductDeleted{ProductID: id.New(), Version: 1, DeletedAt: start})
		if got := testkit.Deliver(t, h.served, unknown); got[0] != testkit.Acked {
			t.Fatalf("outcome %v", got)
		}
		if len(h.events()) != 6 || h.count("product_ratings") != 1 {
			t.Fatal("an unknown product's deletion changed something")
		}
	})
}

func TestSeed(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		for range 2 {
			if err := h.svc.Seed(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		n := int64(len(demo.Reviews))
		if got := h.count("reviews"); got != n {
			t.Fatalf("%d reviews, want %d", got, n)
		}
		evs := h.events()
		if int64(len(evs)) != n {
			t.Fatalf("%d events, want %d", len(evs), n)
		}
		for _, e := range evs {
			if e.Type != "comment.created" {
				t.Fatalf("event %+v", e)
			}
		}
		// Product 2: Ben 3, Daniel 4, Farid 3.
		p2 := demo.ID("product", 2)
		page, err := h.client.ProductReviews(context.Background(), p2, 1)
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 3 || page.Rating.Average != 3.33 || page.Rating.Count != 3 {
			t.Fatalf("product 2: %+v", page)
		}
		newest := page.Items[0]
		if newest.ID != demo.ID("review", 3) || newest.AuthorName != "Farid Haddad" || newest.ShopID != demo.ID("shop", 1) ||
			!newest.CreatedAt.Before(start) || !newest.CreatedAt.After(page.Items[1].CreatedAt) {
			t.Fatalf("newest review of product 2: %+v", newest)
		}
		// A demo shopper has reviewed product 2 and cannot again.
		_, err = h.client.Mine(as(actor.Actor{UserID: demo.ID("user", 102), Role: actor.Shopper}), p2)
		if err != nil {
			t.Fatal(err)
		}
	})
}
