package e2e

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/web/shopper"
)

// The dashboards against a scripted history, on an empty marketplace (no
// demo data, so every number is known): a seller lists a print at 40.00;
// Ann buys two and pays; Ben's first card is declined, then he pays for
// one; Cat orders one and cancels. Every figure of the seller's and the
// admin's dashboards follows from that, through the real services and
// the event bus of each mode.
func TestDashboardNumbersEmbedded(t *testing.T) {
	dir := artifacts(t, "dashboards-embedded")
	data := t.TempDir()
	admin := newAccount("Ada Admin", "admin")
	createAdminEmbedded(t, data, admin)
	p, base := startMarketplace(t, dir, data, "--demo=false")
	dashboardNumbers(t, embeddedSite(t, p, base, data), admin)
}

func TestDashboardNumbersDistributed(t *testing.T) {
	dir := artifacts(t, "dashboards-distributed")
	admin := newAccount("Ada Admin", "admin")
	d := runDistributed(t, dir, admin, false, testkit.RabbitMQ(t))
	dashboardNumbers(t, distributedSite(d), admin)
}

// awayFromMidnightUTC waits, when the next midnight UTC is closer than
// span, until it has passed: the caller checks the figures of "today",
// which a history straddling midnight would split over two days. It waits
// for the wall clock, not for the system under test.
func awayFromMidnightUTC(t *testing.T, span time.Duration) {
	t.Helper()
	now := time.Now().UTC()
	midnight := now.Truncate(24 * time.Hour).Add(24 * time.Hour)
	if left := midnight.Sub(now); left < span {
		t.Logf("%s to midnight UTC: waiting for the new day before the scripted history", left.Round(time.Second))
		time.Sleep(left + time.Second)
	}
}

func dashboardNumbers(t *testing.T, s *site, admin account) {
	const span = 3 * time.Minute
	awayFromMidnightUTC(t, span)
	ctx, cancel := context.WithTimeout(context.Background(), span)
	defer cancel()
	transport := &http.Transport{MaxIdleConnsPerHost: 16}
	run := testkit.Suffix()
	seller, productID, variationID := listProduct(t, ctx, s.base, transport, run, 20)
	_ = seller

	buy := func(name string, qty int) (*shopper.Client, string) {
		t.Helper()
		c, err := shopper.New(s.base, transport)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Register(ctx, name, fmt.Sprintf("%s-%s@example.com", name, run), "buyer-pw-"+run); err != nil {
			t.Fatal(err)
		}
		if err := c.AddToCart(ctx, productID, variationID, qty); err != nil {
			t.Fatal(err)
		}
		p, err := c.Checkout(ctx, shippingAddress)
		if err != nil {
			t.Fatal(err)
		}
		id := p.OrderID()
		if id == "" {
			t.Fatalf("%s's checkout ended on %s (%d), not on an order", name, p.Path, p.Status)
		}
		return c, id
	}
	paid := func(c *shopper.Client, orderID string) {
		t.Helper()
		waitUntil(t, ctx, func() bool {
			st, err := c.OrderStatus(ctx, orderID)
			return err == nil && st == "paid"
		}, "order "+orderID+" to be paid")
	}

	ann, annOrder := buy("ann", 2)
	if _, err := ann.Pay(ctx, annOrder, paymentclient.CardSucceeds); err != nil {
		t.Fatal(err)
	}
	paid(ann, annOrder)

	ben, benOrder := buy("ben", 1)
	if _, err := ben.Pay(ctx, benOrder, paymentclient.CardDeclined); err != nil {
		t.Fatal(err)
	}
	if _, err := ben.Pay(ctx, benOrder, paymentclient.CardSucceeds); err != nil {
		t.Fatal(err)
	}
	paid(ben, benOrder)

	cat, catOrder := buy("cat", 1)
	if p, err := cat.Post(ctx, "/orders/"+catOrder, "/orders/"+catOrder+"/cancel", map[string]string{"confirm": "yes"}); err != nil {
		t.Fatalf("cancel Cat's order: %v", err)
	} else if p.Status != http.StatusOK {
		t.Fatalf("cancelling Cat's order ended on %s with %d", p.Path, p.Status)
	}

	// The seller's user id, for asking analytics as the seller.
	var owner struct{ ID string }
	s.query(t, "user", &owner, `SELECT id FROM users WHERE email = ?`, "sol-"+run+"@example.com")
	asSeller := actor.With(ctx, actor.Actor{UserID: owner.ID, Role: actor.Seller})
	asAdmin := actor.With(ctx, actor.Actor{UserID: "e2e-admin", Role: actor.Admin})

	// Analytics learns of all this by events: wait until it has seen the
	// last of them (the cancellation and both payments), then every number
	// must be exactly right.
	var sd analyticsclient.SellerDashboard
	var pd analyticsclient.PlatformDashboard
	waitUntil(t, ctx, func() bool {
		var err error
		if sd, err = s.analytics.SellerDashboard(asSeller, 30); err != nil {
			return false
		}
		if pd, err = s.analytics.PlatformDashboard(asAdmin, 30); err != nil {
			return false
		}
		return sd.TotalPaidOrders == 2 && sd.TotalCancelled == 1 && pd.PaymentAttempts == 3 && pd.TotalNewUsers == 5
	}, "analytics to have seen the scripted history")

	const price = 4000 // 40.00 in cents
	today := len(sd.Revenue) - 1
	check := func(what string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("seller days", len(sd.Revenue), 30)
	check("seller currency", sd.Currency, "EUR")
	check("seller total revenue", sd.TotalRevenue, 3*price)
	check("seller revenue today", sd.Revenue[today].Value, 3*price)
	check("seller paid orders today", sd.PaidOrders[today].Value, 2)
	check("seller average order value", sd.AverageOrderValue, 3*price/2)
	check("seller cancellations today", sd.Cancellations[today].Value, 1)
	check("seller funnel", sd.Funnel, analyticsclient.Funnel{CartsUpdated: 3, CheckedOut: 3, Paid: 2})
	if len(sd.TopProducts) != 1 {
		t.Errorf("seller top products = %+v, want the one print", sd.TopProducts)
	} else {
		check("top product", sd.TopProducts[0], analyticsclient.TopProduct{ProductID: productID, Name: "Limited Print " + run, Units: 3, Revenue: 3 * price})
	}
	for i, d := range sd.Revenue[:today] {
		if d.Value != 0 || sd.PaidOrders[i].Value != 0 {
			t.Errorf("seller day %s has revenue %d and %d paid orders, want none", d.Day, d.Value, sd.PaidOrders[i].Value)
		}
	}

	check("platform GMV", pd.TotalGMV, 3*price)
	check("platform GMV today", pd.GMV[len(pd.GMV)-1].Value, 3*price)
	check("platform orders", pd.TotalOrders, 3)
	check("platform new users", pd.TotalNewUsers, 5) // the admin, the seller and three buyers
	check("platform users total", pd.UsersTotal, 5)
	check("platform new shops", pd.TotalNewShops, 1)
	check("platform cancellations", pd.TotalCancelled, 1)
	check("platform payment attempts", pd.PaymentAttempts, 3)
	check("platform payments failed", pd.PaymentFailed, 1)
	check("platform payment failure rate", fmt.Sprintf("%.4f", pd.PaymentFailureRate), "0.3333")
	if len(pd.TopShops) != 1 || pd.TopShops[0].Orders != 2 || pd.TopShops[0].Revenue != 3*price || pd.TopShops[0].Name != "Sol's Store "+run {
		t.Errorf("platform top shops = %+v, want Sol's store with 2 orders and %d", pd.TopShops, 3*price)
	}
	_ = admin
}
