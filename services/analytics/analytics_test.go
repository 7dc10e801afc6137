package analytics_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/analytics"
	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/user/userevents"
	"github.com/marketplace/marketplace/services/warehouse/warehouseevents"
)

var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func serve(t *testing.T, url string) (testkit.Served, *analyticsclient.Client) {
	s := testkit.ServeService(t, "analytics", url, clock.NewManual(now), func(d host.Deps) (host.Service, error) { return analytics.New(d) })
	return s, analyticsclient.New(s.URL, httpclient.Options{Token: testkit.Token})
}

var admin = actor.With(context.Background(), actor.Actor{UserID: "admin-1", Role: actor.Admin})

func TestUserCreatedCountedOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		s, c := serve(t, url)
		first := testkit.Event(t, "user", userevents.UserCreated{UserID: "u1", Name: "Ada", Role: "shopper", CreatedAt: now})
		second := testkit.Event(t, "user", userevents.UserCreated{UserID: "u2", Name: "Bo", Role: "shopper", CreatedAt: now.AddDate(0, 0, -2)})
		out := testkit.Deliver(t, s, first, first, second, first)
		for i, o := range out {
			if o != testkit.Acked {
				t.Fatalf("delivery %d: %s", i, o)
			}
		}
		sum, err := c.PlatformSummary(admin)
		if err != nil {
			t.Fatal(err)
		}
		if sum.UsersTotal != 2 {
			t.Fatalf("users_total = %d after two users (one delivered three times), want 2", sum.UsersTotal)
		}
		var logged int64
		if err := s.Deps.DB.Conn(context.Background()).Raw(`SELECT count(*) FROM event_log`).Scan(&logged).Error; err != nil || logged != 2 {
			t.Fatalf("event log holds %d events (err %v), want the 2 distinct ones", logged, err)
		}
		if len(sum.Signups) != 30 || sum.Signups[29].Day != "2026-11-20" || sum.Signups[29].Count != 1 || sum.Signups[27].Count != 1 {
			t.Fatalf("signups by day: %+v", sum.Signups)
		}
	})
}

func TestBadEventIsDeadLettered(t *testing.T) {
	s, c := serve(t, testkit.SQLite(t))
	bad := testkit.Event(t, "user", userevents.UserCreated{UserID: "u1"})
	bad.Data = []byte(`{"user_id": 42}`) // wrong type: retrying cannot fix it
	if out := testkit.Deliver(t, s, bad); out[0] != testkit.DeadLettered {
		t.Fatalf("a malformed payload was %s", out[0])
	}
	sum, err := c.PlatformSummary(admin)
	if err != nil || sum.UsersTotal != 0 {
		t.Fatalf("a dead-lettered event changed the count: %d (%v)", sum.UsersTotal, err)
	}
}

func TestSummaryIsForAdminsOnly(t *testing.T) {
	_, c := serve(t, testkit.SQLite(t))
	for _, a := range []actor.Actor{{}, {UserID: "u", Role: actor.Shopper}, {UserID: "s", Role: actor.Seller}} {
		_, err := c.PlatformSummary(actor.With(context.Background(), a))
		if !errors.Is(err, fault.Forbidden) {
			t.Fatalf("%+v: err %v, want forbidden", a, err)
		}
	}
}

// Events without a dashboard yet are kept in the log, once, so the
// projections to come can be built from them.
func TestOtherEventsAreLoggedOnce(t *testing.T) {
	s, _ := serve(t, testkit.SQLite(t))
	ev := testkit.Event(t, "warehouse", warehouseevents.StockIncreased{StockChange: warehouseevents.StockChange{VariationID: "v1", Quantity: 3, Available: 3}})
	for i, o := range testkit.Deliver(t, s, ev, ev) {
		if o != testkit.Acked {
			t.Fatalf("delivery %d: %s", i, o)
		}
	}
	var n int64
	s.Deps.DB.Conn(context.Background()).Raw(`SELECT count(*) FROM event_log WHERE type = 'stock.increased'`).Scan(&n)
	if n != 1 {
		t.Fatalf("stock.increased logged %d times, want once", n)
	}
}
