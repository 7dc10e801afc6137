package analytics_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/marketplace/marketplace/services/analytics"
	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/cart/cartevents"
	"github.com/marketplace/marketplace/services/comment/commentevents"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/shop/shopevents"
	"github.com/marketplace/marketplace/services/user/userevents"
	"github.com/marketplace/marketplace/services/warehouse/warehouseevents"
)

// The load of the benchmark: a million events over 120 days.
const (
	benchEvents   = 1_000_000
	benchShops    = 100
	benchUsers    = 10_000
	benchProducts = 50 // per shop
	benchDays     = 120
	benchRequests = 200 // per dashboard page measured
	benchLive     = 5_000
)

// TestDashboards1M runs the benchmark when ANALYTICS_BENCH=1 (it takes a
// few minutes, so not in CI): a million stored events on PostgreSQL, a
// rebuild of the projections from them, and the p95 of each dashboard
// page over HTTP.
func TestDashboards1M(t *testing.T) {
	if os.Getenv("ANALYTICS_BENCH") != "1" {
		t.Skip("set ANALYTICS_BENCH=1 to run the one-million-event benchmark")
	}
	runBench(t)
}

// BenchmarkDashboards1M is the same as a Go benchmark (run it with
// -bench Dashboards1M -benchtime 1x).
func BenchmarkDashboards1M(b *testing.B) {
	for range b.N {
		runBench(b)
	}
}

func runBench(tb testing.TB) {
	end := time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)
	clk := clock.NewManual(end)
	s := testkit.ServeService(tb, "analytics", testkit.Postgres(tb), clk, func(d host.Deps) (host.Service, error) { return analytics.New(d) })
	c := analyticsclient.New(s.URL, httpclient.Options{Token: testkit.Token, Timeout: 30 * time.Second})
	ctx := context.Background()

	start := time.Now()
	envs := generate(end)
	tb.Logf("generated %d events in %.1f s", len(envs), time.Since(start).Seconds())
	start = time.Now()
	if err := copyIntoLog(ctx, s.Deps.DB.SQL(), envs); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("stored %d events in the log in %.1f s", len(envs), time.Since(start).Seconds())

	res, err := analytics.Rebuild(ctx, s.Deps.DB, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("rebuild: %d events in %.1f s (%.0f events/s)", res.Events, res.Seconds, float64(res.Events)/res.Seconds)
	if res.Events != int64(len(envs)) {
		tb.Fatalf("rebuilt %d events of %d", res.Events, len(envs))
	}

	rnd := rand.New(rand.NewPCG(7, 7))
	admin := actor.With(ctx, actor.Actor{UserID: "admin", Role: actor.Admin})
	for _, days := range []int{30, 90} {
		seller := measure(tb, func() error {
			who := fmt.Sprintf("owner-%03d", rnd.IntN(benchShops))
			_, err := c.SellerDashboard(actor.With(ctx, actor.Actor{UserID: who, Role: actor.Seller}), days)
			return err
		})
		platform := measure(tb, func() error { _, err := c.PlatformDashboard(admin, days); return err })
		tb.Logf("days=%d: seller dashboard p50 %.1f ms p95 %.1f ms; platform dashboard p50 %.1f ms p95 %.1f ms",
			days, ms(seller, 50), ms(seller, 95), ms(platform, 50), ms(platform, 95))
	}

	// Live consumption, for comparison: one consumer worker applying
	// events one transaction each, as the host does.
	live := generate(end)[benchEvents/2 : benchEvents/2+benchLive]
	start = time.Now()
	for i, o := range testkit.Deliver(tb, s, live...) {
		if o != testkit.Acked {
			tb.Fatalf("live delivery %d: %s", i, o)
		}
	}
	tb.Logf("live consumer: %d events in %.1f s (%.0f events/s, one worker)", len(live), time.Since(start).Seconds(),
		float64(len(live))/time.Since(start).Seconds())

	p, err := c.PlatformDashboard(admin, 90)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("90 days: GMV %d, orders %d, new users %d, users %d, payment attempts %d (failure rate %.3f), top shop %+v",
		p.TotalGMV, p.TotalOrders, p.TotalNewUsers, p.UsersTotal, p.PaymentAttempts, p.PaymentFailureRate, p.TopShops[0])
}

// measure times benchRequests calls of fn, after a few to warm up.
func measure(tb testing.TB, fn func() error) []time.Duration {
	for range 5 {
		if err := fn(); err != nil {
			tb.Fatal(err)
		}
	}
	out := make([]time.Duration, benchRequests)
	for i := range out {
		start := time.Now()
		if err := fn(); err != nil {
			tb.Fatal(err)
		}
		out[i] = time.Since(start)
	}
	slices.Sort(out)
	return out
}

func ms(sorted []time.Duration, pct int) float64 {
	return float64(sorted[(len(sorted)*pct+99)/100-1].Microseconds()) / 1000
}

// generate makes a realistic history of about benchEvents events ending
// at end: users and shops first, products, then orders (created; most
// paid, some left to expire, a few refunded), payment attempts (some
// declined), shipping, carts updated and checked out, reviews and stock
// movements.
func generate(end time.Time) []eventbus.Envelope {
	rnd := rand.New(rand.NewPCG(1, 1))
	first := end.AddDate(0, 0, -benchDays)
	span := end.Sub(first)
	at := func() time.Time { return first.Add(time.Duration(rnd.Int64N(int64(span)))).Truncate(time.Microsecond) }
	var envs []eventbus.Envelope
	add := func(p eventbus.Payload, when time.Time) {
		env, err := eventbus.NewEnvelope(context.Background(), "bench", p, when)
		if err != nil {
			panic(err)
		}
		envs = append(envs, env)
	}
	for i := range benchUsers {
		when := at()
		add(userevents.UserCreated{UserID: fmt.Sprintf("user-%05d", i), Name: "User", Role: "shopper", CreatedAt: when}, when)
	}
	type product struct {
		id, name string
		price    int64
	}
	shops := make([][]product, benchShops)
	for i := range benchShops {
		when := first.Add(time.Duration(rnd.Int64N(int64(span / 4))))
		shop := shopevents.Shop{ShopID: fmt.Sprintf("shop-%03d", i), OwnerID: fmt.Sprintf("owner-%03d", i), Name: fmt.Sprintf("Shop %d", i), Version: 1}
		add(shopevents.ShopCreated{Shop: shop, CreatedAt: when}, when)
		for j := range benchProducts {
			p := product{id: fmt.Sprintf("prod-%03d-%02d", i, j), name: fmt.Sprintf("Product %d/%d", i, j), price: 100 + rnd.Int64N(10_000)}
			shops[i] = append(shops[i], p)
			add(productevents.ProductCreated{Product: productevents.Product{
				ProductID: p.id, ShopID: shop.ShopID, OwnerID: shop.OwnerID, Name: p.name, Currency: "EUR", Version: 1,
				Variations: []productevents.Variation{{VariationID: p.id + "-v", SKU: p.id, Name: "Default", Price: p.price}},
			}, CreatedAt: when}, when)
		}
	}
	for n := 0; len(envs) < benchEvents; n++ {
		shop := rnd.IntN(benchShops)
		buyer := fmt.Sprintf("user-%05d", rnd.IntN(benchUsers))
		created := at()
		o := orderevents.Order{
			OrderID: id.New(), CheckoutID: id.New(), BuyerID: buyer, ShopID: fmt.Sprintf("shop-%03d", shop),
			ShopOwnerID: fmt.Sprintf("owner-%03d", shop), Currency: "EUR", Version: 1,
		}
		for range 1 + rnd.IntN(3) {
			p := shops[shop][rnd.IntN(benchProducts)]
			q := 1 + rnd.Int64N(3)
			o.Lines = append(o.Lines, orderevents.Line{VariationID: p.id + "-v", ProductID: p.id, SKU: p.id, ProductName: p.name,
				Quantity: q, UnitPrice: p.price, LineTotal: q * p.price})
			o.Total += q * p.price
		}
		cartID := fmt.Sprintf("cart-%s", buyer)
		items := make([]cartevents.Item, len(o.Lines))
		for i, l := range o.Lines {
			items[i] = cartevents.Item{VariationID: l.VariationID, ProductID: l.ProductID, ShopID: o.ShopID, Quantity: l.Quantity, UnitPrice: l.UnitPrice}
		}
		crt := cartevents.Cart{CartID: cartID, OwnerID: buyer, Items: items, Currency: "EUR", Version: int64(n)}
		for k := range 2 {
			when := created.Add(-time.Duration(2-k) * 10 * time.Minute)
			add(cartevents.CartUpdated{Cart: crt, UpdatedAt: when}, when)
		}
		if rnd.IntN(10) < 8 {
			add(cartevents.CartCheckedOut{Cart: crt, CheckoutID: o.CheckoutID, OrderIDs: []string{o.OrderID}, At: created}, created)
		}
		add(orderevents.OrderCreated{Order: o, CreatedAt: created, ExpiresAt: created.Add(15 * time.Minute)}, created)
		attemptAt := created.Add(2 * time.Minute)
		attempt := func() paymentevents.Attempt {
			return paymentevents.Attempt{PaymentID: "pay-" + o.OrderID, AttemptID: id.New(), OrderID: o.OrderID, BuyerID: buyer,
				ShopID: o.ShopID, Amount: o.Total, Currency: "EUR", CardLast4: "4242", At: attemptAt}
		}
		if rnd.IntN(100) < 15 {
			add(paymentevents.PaymentFailed{Attempt: attempt(), Reason: paymentevents.ReasonDeclined}, attemptAt)
		}
		switch r := rnd.IntN(100); {
		case r < 75: // paid
			paidAt := attemptAt.Add(time.Second)
			add(paymentevents.PaymentSucceeded{Attempt: attempt()}, attemptAt)
			o.Version = 2
			add(orderevents.OrderPaid{Order: o, PaymentID: "pay-" + o.OrderID, PaidAt: paidAt}, paidAt)
			add(warehouseevents.StockDecreased{StockChange: warehouseevents.StockChange{
				VariationID: o.Lines[0].VariationID, ProductID: o.Lines[0].ProductID, ShopID: o.ShopID, Quantity: o.Lines[0].Quantity,
				Reason: "sold", Reference: o.OrderID, MovementID: id.New(), Version: int64(n), At: paidAt,
			}}, paidAt)
			if r < 40 {
				shipped := paidAt.Add(24 * time.Hour)
				o.Version = 3
				add(orderevents.OrderShipped{Order: o, ShippedAt: shipped}, shipped)
			} else if r < 43 {
				refunded := paidAt.Add(12 * time.Hour)
				o.Version = 3
				add(orderevents.OrderCancelled{Order: o, Reason: orderevents.ReasonByBuyer, WasPaid: true, CancelledAt: refunded}, refunded)
			}
			if rnd.IntN(100) < 25 {
				when := paidAt.Add(48 * time.Hour)
				add(commentevents.CommentCreated{Review: commentevents.Review{
					CommentID: id.New(), ProductID: o.Lines[0].ProductID, ShopID: o.ShopID, UserID: buyer, Rating: 1 + rnd.IntN(5),
					Product: commentevents.ProductRating{Version: int64(n)},
				}, CreatedAt: when}, when)
			}
		case r < 95: // expired
			expired := created.Add(15 * time.Minute)
			o.Version = 2
			add(orderevents.OrderCancelled{Order: o, Reason: orderevents.ReasonExpired, CancelledAt: expired}, expired)
		}
	}
	// The log holds events in the order they were consumed: roughly by time.
	slices.SortStableFunc(envs, func(a, b eventbus.Envelope) int { return a.OccurredAt.Compare(b.OccurredAt) })
	return envs[:benchEvents]
}

// copyIntoLog stores events in the log with COPY, as fast as PostgreSQL
// takes them.
func copyIntoLog(ctx context.Context, db *sql.DB, envs []eventbus.Envelope) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		i := 0
		_, err := pc.CopyFrom(ctx, pgx.Identifier{"event_log"}, []string{"id", "type", "source", "occurred_at", "data"},
			pgx.CopyFromFunc(func() ([]any, error) {
				if i == len(envs) {
					return nil, nil
				}
				e := envs[i]
				i++
				return []any{e.ID, e.Type, e.Source, e.OccurredAt, string(e.Data)}, nil
			}))
		return err
	})
}
