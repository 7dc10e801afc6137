package analytics_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/analytics"
	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/cart/cartevents"
	"github.com/marketplace/marketplace/services/comment/commentevents"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/shop/shopevents"
	"github.com/marketplace/marketplace/services/user/userevents"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentevents"
	"github.com/marketplace/marketplace/services/warehouse/warehouseevents"
)

// day returns a time on the day n days from now's (negative: before).
func day(n int) time.Time { return now.AddDate(0, 0, n).Add(-time.Hour) }

func as(userID string, role actor.Role) context.Context {
	return actor.With(context.Background(), actor.Actor{UserID: userID, Role: role})
}

var (
	sellerA = as("seller-a", actor.Seller)
	sellerB = as("seller-b", actor.Seller)
)

type line struct {
	product, name string
	qty, price    int64
}

func anOrder(id, shop string, lines ...line) orderevents.Order {
	o := orderevents.Order{OrderID: id, CheckoutID: "co-" + id, BuyerID: "buyer", ShopID: shop, ShopOwnerID: "seller-" + shop[len(shop)-1:], Currency: "EUR"}
	for _, l := range lines {
		o.Lines = append(o.Lines, orderevents.Line{
			VariationID: l.product + "-v", ProductID: l.product, ProductName: l.name, Quantity: l.qty, UnitPrice: l.price, LineTotal: l.qty * l.price,
		})
		o.Total += l.qty * l.price
	}
	return o
}

func attempt(id, order, shop string, amount int64, at time.Time) paymentevents.Attempt {
	return paymentevents.Attempt{PaymentID: "pay-" + order, AttemptID: id, OrderID: order, ShopID: shop, Amount: amount, Currency: "EUR", At: at}
}

func review(id, shop, product string, rating int, version int64) commentevents.Review {
	return commentevents.Review{CommentID: id, ProductID: product, ShopID: shop, UserID: "buyer", Rating: rating,
		Product: commentevents.ProductRating{Version: version}}
}

func cart(id string, shops ...string) cartevents.Cart {
	c := cartevents.Cart{CartID: id, Currency: "EUR"}
	for _, s := range shops {
		c.Items = append(c.Items, cartevents.Item{VariationID: "v-" + s, ProductID: "p-" + s, ShopID: s, Quantity: 1, UnitPrice: 100})
	}
	return c
}

// history is a platform's last weeks: two shops with orders paid,
// cancelled and refunded, payment attempts, signups, reviews (one edited,
// one deleted, one hidden) and carts; plus events analytics only logs.
func history(t *testing.T) []eventbus.Envelope {
	a1 := anOrder("order-a1", "shop-a", line{"p1", "Mug", 2, 500}, line{"p2", "Tea", 1, 300})
	a2 := anOrder("order-a2", "shop-a", line{"p1", "Big mug", 1, 500})
	a3 := anOrder("order-a3", "shop-a", line{"p2", "Tea", 3, 300})
	a4 := anOrder("order-a4", "shop-a", line{"p3", "Teapot", 1, 2000})
	a5 := anOrder("order-a5", "shop-a", line{"p2", "Tea", 1, 300})
	b1 := anOrder("order-b1", "shop-b", line{"p9", "Lamp", 1, 5000})
	b2 := anOrder("order-b2", "shop-b", line{"p9", "Lamp", 1, 5000})
	created := func(o orderevents.Order, at time.Time) eventbus.Payload {
		o.Version = 1
		return orderevents.OrderCreated{Order: o, CreatedAt: at, ExpiresAt: at.Add(15 * time.Minute)}
	}
	paid := func(o orderevents.Order, at time.Time) eventbus.Payload {
		o.Version = 2
		return orderevents.OrderPaid{Order: o, PaymentID: "pay-" + o.OrderID, PaidAt: at}
	}
	cancelled := func(o orderevents.Order, at time.Time, wasPaid bool) eventbus.Payload {
		o.Version = 3
		return orderevents.OrderCancelled{Order: o, Reason: orderevents.ReasonByBuyer, WasPaid: wasPaid, CancelledAt: at}
	}
	shopA := shopevents.Shop{ShopID: "shop-a", OwnerID: "seller-a", Name: "Alpha", Slug: "alpha", Version: 1}
	shopA2 := shopA
	shopA2.Name, shopA2.Version = "Alpha Goods", 2
	shopB := shopevents.Shop{ShopID: "shop-b", OwnerID: "seller-b", Name: "Beta", Slug: "beta", Version: 1}
	shopC := shopevents.Shop{ShopID: "shop-c", OwnerID: "seller-c", Name: "Gamma", Slug: "gamma", Version: 1}
	payloads := []eventbus.Payload{
		userevents.UserCreated{UserID: "u1", Name: "One", Role: "shopper", CreatedAt: day(-40)},
		userevents.UserCreated{UserID: "u2", Name: "Two", Role: "shopper", CreatedAt: day(-5)},
		userevents.UserCreated{UserID: "u3", Name: "Three", Role: "shopper", CreatedAt: day(0)},
		userevents.UserCreated{UserID: "u4", Name: "Four", Role: "shopper", CreatedAt: day(-5)},
		userevents.UserDeleted{UserID: "u4", DeletedAt: day(-1)},
		shopevents.ShopCreated{Shop: shopA, CreatedAt: day(-50)},
		shopevents.ShopUpdated{Shop: shopA2, UpdatedAt: day(-8)},
		shopevents.ShopCreated{Shop: shopB, CreatedAt: day(-3)},
		shopevents.ShopCreated{Shop: shopC, CreatedAt: day(-20)},

		created(a1, day(-6)), paid(a1, day(-6)),
		created(a2, day(-2)), paid(a2, day(-1)),
		created(a3, day(-2)), cancelled(a3, day(-2), false),
		created(a4, day(-40)), paid(a4, day(-40)),
		created(a5, day(-1)), paid(a5, day(-1)), cancelled(a5, day(0), true),
		created(b1, day(-3)), paid(b1, day(-3)),
		created(b2, day(0)),
		orderevents.OrderShipped{Order: a1, ShippedAt: day(-5)},

		paymentevents.PaymentFailed{Attempt: attempt("att1", "order-a1", "shop-a", 1300, day(-6)), Reason: paymentevents.ReasonDeclined},
		paymentevents.PaymentSucceeded{Attempt: attempt("att2", "order-a1", "shop-a", 1300, day(-6))},
		paymentevents.PaymentSucceeded{Attempt: attempt("att3", "order-a2", "shop-a", 500, day(-1))},
		paymentevents.PaymentSucceeded{Attempt: attempt("att4", "order-a4", "shop-a", 2000, day(-40))},
		paymentevents.PaymentSucceeded{Attempt: attempt("att5", "order-a5", "shop-a", 300, day(-1))},
		paymentevents.PaymentFailed{Attempt: attempt("att6", "order-b1", "shop-b", 5000, day(-3)), Reason: paymentevents.ReasonDeclined},
		paymentevents.PaymentFailed{Attempt: attempt("att7", "order-b1", "shop-b", 5000, day(-3)), Reason: paymentevents.ReasonInsufficientFunds},
		paymentevents.PaymentSucceeded{Attempt: attempt("att8", "order-b1", "shop-b", 5000, day(-3))},

		commentevents.CommentCreated{Review: review("c1", "shop-a", "p1", 5, 1), CreatedAt: day(-6)},
		commentevents.CommentCreated{Review: review("c2", "shop-a", "p2", 3, 1), CreatedAt: day(-6)},
		commentevents.CommentCreated{Review: review("c3", "shop-a", "p1", 4, 2), CreatedAt: day(-1)},
		commentevents.CommentUpdated{Review: review("c3", "shop-a", "p1", 2, 3), UpdatedAt: day(0)},
		commentevents.CommentCreated{Review: review("c4", "shop-a", "p2", 1, 2), CreatedAt: day(-2)},
		commentevents.CommentDeleted{Review: review("c4", "shop-a", "p2", 1, 3), DeletedAt: day(-1)},
		commentevents.CommentCreated{Review: review("c5", "shop-a", "p3", 5, 1), CreatedAt: day(-2)},
		commentevents.CommentUpdated{Review: review("c5", "shop-a", "p3", 5, 2), Hidden: true, UpdatedAt: day(-1)},
		commentevents.CommentCreated{Review: review("c6", "shop-b", "p9", 4, 1), CreatedAt: day(-3)},

		cartevents.CartCreated{Cart: cart("cart1"), CreatedAt: day(-6)},
		cartevents.CartUpdated{Cart: cart("cart1", "shop-a"), UpdatedAt: day(-6)},
		cartevents.CartUpdated{Cart: cart("cart1", "shop-a"), UpdatedAt: day(-5)},
		cartevents.CartUpdated{Cart: cart("cart2", "shop-a", "shop-b"), UpdatedAt: day(-2)},
		cartevents.CartUpdated{Cart: cart("cart3", "shop-a"), UpdatedAt: day(-40)},
		cartevents.CartUpdated{Cart: cart("cart4", "shop-b"), UpdatedAt: day(-1)},
		cartevents.CartCheckedOut{Cart: cart("cart1", "shop-a"), CheckoutID: "co-1", OrderIDs: []string{"order-a1"}, At: day(-6)},
		cartevents.CartCheckedOut{Cart: cart("cart2", "shop-a", "shop-b"), CheckoutID: "co-2", OrderIDs: []string{"order-a2", "order-b1"}, At: day(-2)},
		cartevents.CartDeleted{CartID: "cart4", Version: 9, DeletedAt: day(0)},

		warehouseevents.StockDecreased{StockChange: warehouseevents.StockChange{VariationID: "p1-v", Quantity: 1, Available: 4, Version: 2, At: day(-1)}},
		visualcontentevents.BannerDeleted{BannerID: "b1", Version: 2, At: day(-1)},
	}
	envs := make([]eventbus.Envelope, len(payloads))
	for i, p := range payloads {
		envs[i] = testkit.Event(t, "test", p)
	}
	return envs
}

func values(day0 int, vs ...int64) []analyticsclient.DayValue {
	out := make([]analyticsclient.DayValue, len(vs))
	for i, v := range vs {
		out[i] = analyticsclient.DayValue{Day: now.AddDate(0, 0, day0+i).Format("2006-01-02"), Value: v}
	}
	return out
}

func deliverAll(t *testing.T, s testkit.Served, envs []eventbus.Envelope) {
	t.Helper()
	for i, o := range testkit.Deliver(t, s, envs...) {
		if o != testkit.Acked {
			t.Fatalf("delivery %d (%s): %s", i, envs[i].Type, o)
		}
	}
}

func TestDashboardsFromAScriptedHistory(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		s, c := serve(t, url)
		deliverAll(t, s, history(t))

		week, err := c.SellerDashboard(sellerA, 7)
		if err != nil {
			t.Fatal(err)
		}
		ratings := make([]analyticsclient.DayRating, 7)
		for i := range ratings {
			ratings[i].Day = now.AddDate(0, 0, i-6).Format("2006-01-02")
		}
		ratings[0].Count, ratings[0].Average = 2, 4 // 5 and 3
		ratings[5].Count, ratings[5].Average = 1, 2 // 4 edited to 2; the deleted and the hidden ones don't count
		want := analyticsclient.SellerDashboard{
			ShopID: "shop-a", ShopName: "Alpha Goods", Days: 7, Currency: "EUR",
			Revenue:       values(-6, 1300, 0, 0, 0, 0, 800, 0),
			PaidOrders:    values(-6, 1, 0, 0, 0, 0, 2, 0),
			Cancellations: values(-6, 0, 0, 0, 0, 1, 0, 1),
			Ratings:       ratings,
			TotalRevenue:  2100, TotalPaidOrders: 3, AverageOrderValue: 700, TotalCancelled: 2,
			AverageRating: 10.0 / 3,
			TopProducts: []analyticsclient.TopProduct{
				{ProductID: "p1", Name: "Big mug", Units: 3, Revenue: 1500},
				{ProductID: "p2", Name: "Tea", Units: 2, Revenue: 600},
			},
			Funnel: analyticsclient.Funnel{CartsUpdated: 2, CheckedOut: 2, Paid: 3},
		}
		if !reflect.DeepEqual(week, want) {
			t.Fatalf("seller A, 7 days:\n got %+v\nwant %+v", week, want)
		}

		quarter, err := c.SellerDashboard(sellerA, 90)
		if err != nil {
			t.Fatal(err)
		}
		if len(quarter.Revenue) != 90 || quarter.Revenue[89].Day != "2026-11-20" || quarter.Revenue[0].Day != "2026-08-23" ||
			quarter.TotalRevenue != 4100 || quarter.TotalPaidOrders != 4 || quarter.AverageOrderValue != 1025 ||
			quarter.Funnel != (analyticsclient.Funnel{CartsUpdated: 3, CheckedOut: 2, Paid: 4}) ||
			len(quarter.TopProducts) != 3 || quarter.TopProducts[0] != (analyticsclient.TopProduct{ProductID: "p3", Name: "Teapot", Units: 1, Revenue: 2000}) {
			t.Fatalf("seller A, 90 days: %+v", quarter)
		}

		b, err := c.SellerDashboard(sellerB, 30)
		if err != nil {
			t.Fatal(err)
		}
		if b.ShopID != "shop-b" || b.ShopName != "Beta" || b.TotalRevenue != 5000 || b.TotalPaidOrders != 1 || b.TotalCancelled != 0 ||
			b.AverageRating != 4 || b.Funnel != (analyticsclient.Funnel{CartsUpdated: 2, CheckedOut: 1, Paid: 1}) {
			t.Fatalf("seller B sees %+v", b)
		}
		cDash, err := c.SellerDashboard(as("seller-c", actor.Seller), 7)
		if err != nil || cDash.ShopID != "shop-c" || cDash.TotalRevenue != 0 || len(cDash.Revenue) != 7 || cDash.TopProducts == nil || len(cDash.TopProducts) != 0 {
			t.Fatalf("a shop without sales: %+v (%v)", cDash, err)
		}

		p, err := c.PlatformDashboard(admin, 7)
		if err != nil {
			t.Fatal(err)
		}
		wantP := analyticsclient.PlatformDashboard{
			Days: 7, Currency: "EUR",
			GMV:             values(-6, 1300, 0, 0, 5000, 0, 800, 0),
			Orders:          values(-6, 1, 0, 0, 1, 2, 1, 1),
			NewUsers:        values(-6, 0, 2, 0, 0, 0, 0, 1),
			NewShops:        values(-6, 0, 0, 0, 1, 0, 0, 0),
			Cancellations:   values(-6, 0, 0, 0, 0, 1, 0, 1),
			PaymentFailures: values(-6, 1, 0, 0, 2, 0, 0, 0),
			TotalGMV:        7100, TotalOrders: 6, TotalNewUsers: 3, TotalNewShops: 1, TotalCancelled: 2,
			PaymentAttempts: 7, PaymentFailed: 3, PaymentFailureRate: 3.0 / 7,
			UsersTotal: 3, // four accounts, one deleted
			TopShops: []analyticsclient.TopShop{
				{ShopID: "shop-b", Name: "Beta", Orders: 1, Revenue: 5000},
				{ShopID: "shop-a", Name: "Alpha Goods", Orders: 3, Revenue: 2100},
			},
		}
		if !reflect.DeepEqual(p, wantP) {
			t.Fatalf("platform, 7 days:\n got %+v\nwant %+v", p, wantP)
		}
		p90, err := c.PlatformDashboard(admin, 90)
		if err != nil {
			t.Fatal(err)
		}
		if p90.TotalGMV != 9100 || p90.TotalOrders != 7 || p90.TotalNewUsers != 4 || p90.TotalNewShops != 3 || p90.PaymentAttempts != 8 ||
			p90.UsersTotal != 3 || p90.TopShops[1].Revenue != 4100 || len(p90.GMV) != 90 {
			t.Fatalf("platform, 90 days: %+v", p90)
		}
		sum, err := c.PlatformSummary(admin)
		if err != nil || sum.UsersTotal != 3 || len(sum.Signups) != 30 || sum.Signups[24].Count != 2 || sum.Signups[29].Count != 1 {
			t.Fatalf("summary %+v (%v)", sum, err)
		}
	})
}

// dashboards reads every dashboard the history has, for comparisons.
type dashboards struct {
	Seller   map[string]map[int]analyticsclient.SellerDashboard
	Platform map[int]analyticsclient.PlatformDashboard
	Summary  analyticsclient.PlatformSummary
}

func readDashboards(t *testing.T, c *analyticsclient.Client) dashboards {
	t.Helper()
	d := dashboards{Seller: map[string]map[int]analyticsclient.SellerDashboard{}, Platform: map[int]analyticsclient.PlatformDashboard{}}
	for _, days := range analyticsclient.Ranges {
		for _, who := range []string{"seller-a", "seller-b", "seller-c"} {
			s, err := c.SellerDashboard(as(who, actor.Seller), days)
			if err != nil {
				t.Fatal(err)
			}
			if d.Seller[who] == nil {
				d.Seller[who] = map[int]analyticsclient.SellerDashboard{}
			}
			d.Seller[who][days] = s
		}
		p, err := c.PlatformDashboard(admin, days)
		if err != nil {
			t.Fatal(err)
		}
		d.Platform[days] = p
	}
	var err error
	if d.Summary, err = c.PlatformSummary(admin); err != nil {
		t.Fatal(err)
	}
	return d
}

func sameDashboards(t *testing.T, what string, got, want dashboards) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Fatalf("%s: dashboards differ\n got %s\nwant %s", what, g, w)
	}
}

// projectionTables are the tables a rebuild recomputes.
var projectionTables = []string{
	"orders", "shops", "owner_shops", "shop_currencies", "users", "reviews", "payment_attempts", "product_names",
	"cart_activity", "cart_checkouts", "platform_daily", "shop_daily", "product_daily",
}

// dump reads every projection table, each row as JSON, sorted.
func dump(t *testing.T, s testkit.Served) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range projectionTables {
		var rows []map[string]any
		if err := s.Deps.DB.Conn(context.Background()).Raw(`SELECT * FROM ` + table).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			out[table] = append(out[table], string(b))
		}
		slices.Sort(out[table])
	}
	return out
}

// sameDialect returns a fresh database of url's engine.
func sameDialect(t *testing.T, url string) string {
	if strings.HasPrefix(url, "sqlite:") {
		return testkit.SQLite(t)
	}
	return testkit.Postgres(t)
}

// Events delivered twice and in any order give the same projections as
// once in order: order.paid before order.created, a deletion before the
// review, the newer shop name before the older.
func TestOrderAndRepeatsDoNotMatter(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		envs := history(t)
		inOrder, c := serve(t, url)
		deliverAll(t, inOrder, envs)
		want := readDashboards(t, c)
		wantRows := dump(t, inOrder)

		reversed := slices.Clone(envs)
		slices.Reverse(reversed)
		shuffled := slices.Clone(envs)
		rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		var twice []eventbus.Envelope
		for _, e := range shuffled {
			twice = append(twice, e, e)
		}
		for _, tc := range []struct {
			name string
			envs []eventbus.Envelope
		}{
			{"reversed", append(reversed, envs...)},
			{"shuffled and each twice", twice},
		} {
			other, oc := serve(t, sameDialect(t, url))
			deliverAll(t, other, tc.envs)
			sameDashboards(t, tc.name, readDashboards(t, oc), want)
			if got := dump(t, other); !reflect.DeepEqual(got, wantRows) {
				t.Fatalf("%s: projection rows differ\n got %v\nwant %v", tc.name, got, wantRows)
			}
		}
	})
}

// A rebuild replays the log into exactly the projections the consumers
// built, through the API (admins only) and through the exported function.
func TestRebuildReproducesTheProjections(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		s, c := serve(t, url)
		envs := history(t)
		deliverAll(t, s, envs)
		want := readDashboards(t, c)
		wantRows := dump(t, s)

		res, err := c.Rebuild(admin)
		if err != nil {
			t.Fatal(err)
		}
		if res.Events != int64(len(envs)) {
			t.Fatalf("rebuild replayed %d events, want %d", res.Events, len(envs))
		}
		sameDashboards(t, "after a rebuild", readDashboards(t, c), want)
		if got := dump(t, s); !reflect.DeepEqual(got, wantRows) {
			t.Fatalf("after a rebuild, projection rows differ\n got %v\nwant %v", got, wantRows)
		}

		// Damage the projections; the command's rebuild repairs them.
		if err := s.Deps.DB.Conn(context.Background()).Exec(`DELETE FROM shop_daily`).Error; err != nil {
			t.Fatal(err)
		}
		res, err = analytics.Rebuild(context.Background(), s.Deps.DB, nil)
		if err != nil || res.Events != int64(len(envs)) {
			t.Fatalf("Rebuild: %+v, %v", res, err)
		}
		sameDashboards(t, "after the command's rebuild", readDashboards(t, c), want)

		// A service started on projections of an older design rebuilds them.
		db := s.Deps.DB.Conn(context.Background())
		if err := db.Exec(`UPDATE projection_meta SET value = 'old'`).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(`DELETE FROM platform_daily`).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := analytics.New(s.Deps); err != nil {
			t.Fatal(err)
		}
		sameDashboards(t, "after a start on old projections", readDashboards(t, c), want)
	})
}

func TestDashboardAccess(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		s, c := serve(t, url)
		deliverAll(t, s, history(t))
		before := dump(t, s)
		for _, ctx := range []context.Context{
			context.Background(), as("u1", actor.Shopper), sellerA,
		} {
			_, err := c.PlatformDashboard(ctx, 7)
			testkit.WantFault(t, err, fault.Forbidden)
			_, err = c.Rebuild(ctx)
			testkit.WantFault(t, err, fault.Forbidden)
		}
		if !reflect.DeepEqual(dump(t, s), before) {
			t.Fatal("a refused rebuild changed the projections")
		}

		_, err := c.SellerDashboard(context.Background(), 7)
		testkit.WantFault(t, err, fault.Unauthenticated)
		_, err = c.SellerDashboard(as("u1", actor.Shopper), 7)
		testkit.WantFault(t, err, fault.NotFound)
		_, err = c.SellerDashboard(admin, 7) // an admin without a shop has no seller dashboard
		testkit.WantFault(t, err, fault.NotFound)

		for _, days := range []int{0, 1, 14, 31, 365, -7} {
			_, err := c.SellerDashboard(sellerA, days)
			testkit.WantFault(t, err, fault.Invalid, "days")
			_, err = c.PlatformDashboard(admin, days)
			testkit.WantFault(t, err, fault.Invalid, "days")
		}
		// The status is the one fault.Fields maps to, and a days that is
		// not a number is refused the same way.
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/v1/dashboards/seller?days=week", nil)
		req.Header.Set(httpserver.HeaderToken, testkit.Token)
		req.Header.Set(actor.HeaderUserID, "seller-a")
		req.Header.Set(actor.HeaderRole, "seller")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != fault.Status(fault.CategoryInvalid) {
			t.Fatalf("days=week: status %d", resp.StatusCode)
		}

		// Each seller sees their own shop, whatever else they send.
		a, err := c.SellerDashboard(sellerA, 30)
		if err != nil || a.ShopID != "shop-a" {
			t.Fatalf("seller A: %s (%v)", a.ShopID, err)
		}
		b, err := c.SellerDashboard(sellerB, 30)
		if err != nil || b.ShopID != "shop-b" {
			t.Fatalf("seller B: %s (%v)", b.ShopID, err)
		}
		req, _ = http.NewRequest(http.MethodGet, s.URL+"/v1/dashboards/seller?days=30&shop_id=shop-a", nil)
		req.Header.Set(httpserver.HeaderToken, testkit.Token)
		req.Header.Set(actor.HeaderUserID, "seller-b")
		req.Header.Set(actor.HeaderRole, "seller")
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var forged analyticsclient.SellerDashboard
		if err := json.NewDecoder(resp.Body).Decode(&forged); err != nil || forged.ShopID != "shop-b" {
			t.Fatalf("a forged shop_id showed %q (%v)", forged.ShopID, err)
		}
	})
}

// A shop known only from its orders (its shop.created not there yet) is
// still its owner's, by the shop_owner_id the orders carry.
func TestShopKnownFromOrdersOnly(t *testing.T) {
	s, c := serve(t, testkit.SQLite(t))
	o := anOrder("order-x", "shop-x", line{"px", "Thing", 1, 700})
	deliverAll(t, s, []eventbus.Envelope{
		testkit.Event(t, "order", orderevents.OrderPaid{Order: o, PaidAt: day(0)}),
	})
	d, err := c.SellerDashboard(as("seller-x", actor.Seller), 7)
	if err != nil || d.ShopID != "shop-x" || d.ShopName != "" || d.TotalRevenue != 700 {
		t.Fatalf("%+v (%v)", d, err)
	}
	if _, err := c.SellerDashboard(sellerA, 7); !errors.Is(err, fault.NotFound) {
		t.Fatalf("another seller: %v", err)
	}
}

// Consumers running at once (the host runs several workers, and more
// than one instance may run) build the same projections: every event is
// delivered by four concurrent consumers here, each in its own order.
func TestConcurrentConsumers(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		envs := history(t)
		ref, rc := serve(t, sameDialect(t, url))
		deliverAll(t, ref, envs)
		want := readDashboards(t, rc)
		wantRows := dump(t, ref)

		s, c := serve(t, url)
		const consumers = 4
		results := make(chan []testkit.Outcome, consumers)
		var wg sync.WaitGroup
		for i := range consumers {
			mine := slices.Clone(envs)
			rand.New(rand.NewPCG(uint64(i), 9)).Shuffle(len(mine), func(a, b int) { mine[a], mine[b] = mine[b], mine[a] })
			wg.Go(func() { results <- testkit.Deliver(t, s, mine...) })
		}
		wg.Wait()
		close(results)
		for out := range results {
			for i, o := range out {
				if o != testkit.Acked {
					t.Fatalf("delivery %d: %s", i, o)
				}
			}
		}
		sameDashboards(t, "concurrent consumers", readDashboards(t, c), want)
		if got := dump(t, s); !reflect.DeepEqual(got, wantRows) {
			t.Fatalf("concurrent consumers: projection rows differ\n got %v\nwant %v", got, wantRows)
		}
	})
}
