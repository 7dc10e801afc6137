package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/eventbus/inproc"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/opsclient"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/shop"
	"github.com/marketplace/marketplace/services/user"
)

// poisonData is a payload no consumer can read: a number where an id
// belongs.
const poisonData = `{"user_id": 42, "note": "<b>bold</b>"}`

// opsFor runs a real service (shop or user) on the in-process bus, as
// the all-in-one binary does, and returns the client of its operations
// (dead letters). With poison, the shop's queue holds one dead letter
// first: a user.deleted it cannot read, settled as its consumer settles
// what no retry can fix.
func opsFor(t *testing.T, name string, poison bool) *opsclient.Client {
	t.Helper()
	build := map[string]func(host.Deps) (host.Service, error){
		"shop": func(d host.Deps) (host.Service, error) { return shop.New(d) },
		"user": func(d host.Deps) (host.Service, error) { return user.New(d) },
	}[name]
	ctx, cancel := context.WithCancel(context.Background())
	bus, err := inproc.Open(ctx, filepath.Join(t.TempDir(), "bus.db"))
	if err != nil {
		t.Fatal(err)
	}
	bus.SettleGrace = 0
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := host.Open(ctx, host.Config{
		Name: name, DatabaseURL: testkit.SQLite(t), Addr: "127.0.0.1:0", Token: testkit.Token, Transport: bus, Logger: quiet,
	}, build)
	if err != nil {
		t.Fatal(err)
	}
	if poison {
		env := eventbus.Envelope{ID: id.New(), Type: "user.deleted", Version: 1, Source: "test", OccurredAt: time.Now().UTC(),
			Data: []byte(poisonData)}
		if err := bus.Publish(ctx, []eventbus.Envelope{env}); err != nil {
			t.Fatal(err)
		}
		// Settle it before the service consumes: the one delivery is
		// dead-lettered, then consuming stops.
		cctx, stop := context.WithCancel(ctx)
		sub := eventbus.Subscription{Queue: host.Queue(name), Topics: []string{"user.deleted"}}
		err := bus.Consume(cctx, sub, func(d eventbus.Delivery) {
			if err := d.DeadLetter("permanent: decode user.deleted: the user id is not a string"); err != nil {
				t.Error(err)
			}
			stop()
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := h.Run(ctx); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	})
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		bus.Close()
	})
	return opsclient.New(name, h.URL(), httpclient.Options{Token: testkit.Token})
}

// unreachableOps is the client of a service that does not answer.
func unreachableOps(t *testing.T, name string) *opsclient.Client {
	t.Helper()
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	return opsclient.New(name, gone.URL, httpclient.Options{Token: testkit.Token, Retries: -1})
}

// deadLetterIDs are the event ids the dead-letters page lists for a
// service.
func deadLetterIDs(t *testing.T, b *browser, service string) []string {
	t.Helper()
	resp, body := b.get("/admin/dead-letters")
	if resp.StatusCode != 200 {
		t.Fatalf("dead letters: %d\n%s", resp.StatusCode, excerpt(body))
	}
	sec := byID(parse(t, body), "dead-letters-"+service)
	if sec == nil {
		t.Fatalf("no section of %s\n%s", service, excerpt(body))
	}
	var ids []string
	for n := range sec.Descendants() {
		if v, ok := attr(n, "data-event-id"); ok && n.Type == elementNode && n.Data == "tr" {
			ids = append(ids, v)
		}
	}
	return ids
}

func TestDeadLettersListAndReplay(t *testing.T) {
	srv, svc := siteWith(t, withOps(opsFor(t, "shop", true), unreachableOps(t, "warehouse"), opsFor(t, "user", false)))
	admin := signInAdmin(t, srv.URL, svc)

	resp, body := admin.get("/admin/dead-letters")
	if resp.StatusCode != 200 {
		t.Fatalf("dead letters: %d\n%s", resp.StatusCode, excerpt(body))
	}
	if strings.Contains(body, "<b>bold</b>") {
		t.Fatal("the payload is not escaped")
	}
	root := parse(t, body)
	shopSec := byID(root, "dead-letters-shop")
	if shopSec == nil {
		t.Fatalf("no shop section\n%s", excerpt(body))
	}
	text := textOf(shopSec)
	for _, want := range []string{"user.deleted", "from test", "the user id is not a string", `"user_id":42`, "shop.events"} {
		if !strings.Contains(text, want) {
			t.Errorf("the shop's dead letter does not show %q: %s", want, text)
		}
	}
	if find(shopSec, func(n *htmlNode) bool { return n.Data == "time" }) == nil {
		t.Error("no <time> of the dead letter")
	}
	ids := deadLetterIDs(t, admin, "shop")
	if len(ids) != 1 {
		t.Fatalf("%d dead letters of shop, want 1", len(ids))
	}
	// The service that does not answer shows its error; the others are
	// listed all the same.
	wh := byID(root, "dead-letters-warehouse")
	if wh == nil || !strings.Contains(textOf(wh), "did not answer") {
		t.Fatalf("the unreachable service's section: %v", wh != nil)
	}
	if c := byID(root, "dead-letters-user"); c == nil || !strings.Contains(textOf(c), "No dead letters") {
		t.Fatal("the service without dead letters does not say so")
	}

	// Replay one: back on the queue, with a notice of how many.
	loc := admin.mustPost("/admin/dead-letters", "/admin/dead-letters/shop/replay", url.Values{"event_id": {ids[0]}})
	if loc != "/admin/dead-letters#dead-letters-shop" {
		t.Fatalf("replay led to %q", loc)
	}
	_, body = admin.get(loc)
	if got := textOf(byID(parse(t, body), "flash")); !strings.Contains(got, "Replayed 1 message of shop") {
		t.Fatalf("flash after replay: %q", got)
	}
	// Replaying all of a service: the message is back on the queue (or,
	// having failed again, back among the dead letters): either way the
	// answer is a redirect with a count.
	loc = admin.mustPost("/admin/dead-letters", "/admin/dead-letters/shop/replay", url.Values{"all": {"true"}})
	_, body = admin.get(loc)
	if got := textOf(byID(parse(t, body), "flash")); !strings.Contains(got, "shop") {
		t.Fatalf("flash after replaying all: %q", got)
	}

	// Unknown services and empty forms are refused.
	csrf := admin.csrf("/admin/dead-letters")
	if resp, _ := admin.post("/admin/dead-letters/nope/replay", url.Values{"_csrf": {csrf}, "all": {"true"}}); resp.StatusCode != 404 {
		t.Errorf("replay of an unknown service: %d", resp.StatusCode)
	}
	if resp, _ := admin.post("/admin/dead-letters/shop/replay", url.Values{"_csrf": {csrf}}); resp.StatusCode != 422 {
		t.Errorf("replay without a message or all: %d", resp.StatusCode)
	}
	if resp, _ := admin.post("/admin/dead-letters/shop/replay", url.Values{"all": {"true"}}); resp.StatusCode != 403 {
		t.Errorf("replay without the CSRF token: %d", resp.StatusCode)
	}
}
