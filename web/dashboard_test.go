package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/web"
)

// analyticsEvents are the events of the test site that analytics
// consumes.
var analyticsEvents = []string{
	"user.created", "shop.created", "order.created", "order.paid", "order.cancelled",
	"payment.success", "payment.failed", "cart.updated", "cart.checked_out", "comment.created",
}

// feedAnalytics hands analytics every event the other services have
// written so far, as the bus would (events do not flow in the test site).
// Analytics keeps each event once, so feeding again is harmless.
func feedAnalytics(t *testing.T, svc services) {
	t.Helper()
	for _, s := range []testkit.Served{svc.user, svc.shop, svc.cart, svc.order, svc.payment, svc.comment} {
		for _, env := range outboxEvents(t, s, analyticsEvents...) {
			if out := testkit.Deliver(t, svc.analytics, env); out[0] != testkit.Acked {
				t.Fatalf("analytics settled %s as %s", env.Type, out[0])
			}
		}
	}
}

// paidOrder has a new seller's shop sell one apron at 35.00 to a new
// shopper, paid, and returns the seller's browser.
func paidOrder(t *testing.T, base string, svc services) *browser {
	t.Helper()
	seller := openShop(t, base, "Mia", "mia@example.com")
	pid := newProduct(t, seller, "Linen <Apron>")
	edit := "/seller/products/" + pid
	seller.mustPost(edit, edit+"/variations", url.Values{"sku": {"AP-1"}, "name": {"Natural"}, "price": {"35"}, "stock": {"5"}})
	_, body := seller.get(edit)
	vid := regexp.MustCompile(`<tr data-variation-id="([^"]+)"`).FindStringSubmatch(body)[1]

	b := newBrowser(t, base)
	b.register("Nils", "nils@example.com", "long enough pw")
	b.mustAdd(pid, vid, "1")
	order := b.checkout()
	if resp, _ := b.pay(order, paymentclient.CardSucceeds); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("pay: %d", resp.StatusCode)
	}
	deliverPaid(t, svc, orderPathRE.FindStringSubmatch(order)[1])
	return seller
}

func statText(t *testing.T, body, id string) string {
	t.Helper()
	n := byID(parse(t, body), id)
	if n == nil {
		t.Fatalf("no #%s\n%s", id, excerpt(body))
	}
	return textOf(n)
}

func TestSellerDashboardShowsSalesOverARange(t *testing.T) {
	srv, svc := siteWith(t)
	seller := paidOrder(t, srv.URL, svc)
	feedAnalytics(t, svc)

	resp, body := seller.get("/seller")
	if resp.StatusCode != 200 {
		t.Fatalf("/seller: %d", resp.StatusCode)
	}
	for id, want := range map[string]string{
		"stat-revenue": "€35.00", "stat-paid-orders": "1", "stat-average-order": "€35.00", "stat-cancelled": "0",
	} {
		if got := statText(t, body, id); got != want {
			t.Errorf("#%s = %q, want %q", id, got, want)
		}
	}
	root := parse(t, body)
	for _, id := range []string{"chart-revenue", "chart-paid-orders", "chart-cancellations", "chart-rating", "sales-funnel"} {
		if byID(root, id) == nil {
			t.Errorf("no #%s on the dashboard", id)
		}
	}
	svg := find(byID(root, "chart-revenue"), func(n *htmlNode) bool { return n.Data == "svg" })
	if v, _ := attr(svg, "role"); v != "img" {
		t.Error("the revenue chart is not an image to assistive technology")
	}
	if rows := strings.Count(statText(t, body, "chart-revenue-table"), "€"); rows != 30 {
		t.Errorf("the revenue table has %d days, want 30", rows)
	}
	top := statText(t, body, "top-products")
	if !strings.Contains(top, "Linen <Apron>") || !strings.Contains(top, "€35.00") {
		t.Errorf("best sellers: %q", top)
	}
	if strings.Contains(body, "Linen <Apron>") {
		t.Error("a product name is not escaped")
	}
	// The rest of the overview is there as before.
	for _, id := range []string{"stat-products", "stat-to-ship", "latest-reviews-heading"} {
		if byID(root, id) == nil {
			t.Errorf("the overview lost #%s", id)
		}
	}

	// The range switch: plain links (the full page) and, for htmx, the
	// sales section alone.
	link := find(byID(root, "sales"), func(n *htmlNode) bool { v, _ := attr(n, "href"); return v == "/seller?days=7" })
	if link == nil {
		t.Fatal("no 7-day link")
	}
	for k, want := range map[string]string{"hx-get": "/seller?days=7", "hx-target": "#sales", "hx-push-url": "true"} {
		if v, _ := attr(link, k); v != want {
			t.Errorf("7-day link %s=%q, want %q", k, v, want)
		}
	}
	resp, frag := seller.hx(http.MethodGet, "/seller?days=7", "", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(frag, `<section class="section sales" id="sales"`) || strings.Contains(frag, "<html") {
		t.Fatalf("htmx range switch: %d %.200q", resp.StatusCode, frag)
	}
	if rows := strings.Count(statText(t, frag, "chart-revenue-table"), "€"); rows != 7 {
		t.Errorf("the 7-day table has %d days", rows)
	}
	current := find(parse(t, frag), func(n *htmlNode) bool { v, _ := attr(n, "aria-current"); return v == "page" })
	if current == nil || textOf(current) != "7 days" {
		t.Error("the 7-day link is not marked current")
	}
	if resp, body := seller.get("/seller?days=90"); resp.StatusCode != 200 || !strings.Contains(body, "<html") ||
		strings.Count(statText(t, body, "chart-revenue-table"), "€") != 90 {
		t.Fatalf("/seller?days=90 without htmx: %d", resp.StatusCode)
	}
	// Another range shows the default.
	if _, body := seller.get("/seller?days=12"); strings.Count(statText(t, body, "chart-revenue-table"), "€") != 30 {
		t.Error("an unknown range does not show the default 30 days")
	}
}

func TestAdminDashboard(t *testing.T) {
	srv, svc := siteWith(t)
	paidOrder(t, srv.URL, svc)
	admin := signInAdmin(t, srv.URL, svc)
	feedAnalytics(t, svc)

	resp, body := admin.get("/admin")
	if resp.StatusCode != 200 {
		t.Fatalf("/admin: %d\n%s", resp.StatusCode, excerpt(body))
	}
	if got := statText(t, body, "stat-gmv"); got != "€35.00" {
		t.Errorf("GMV %q, want €35.00", got)
	}
	if got := statText(t, body, "stat-orders"); got != "1" {
		t.Errorf("orders %q, want 1", got)
	}
	if got := statText(t, body, "stat-users-total"); got != "3" { // the seller, the buyer, the admin
		t.Errorf("users %q, want 3", got)
	}
	root := parse(t, body)
	for _, id := range []string{"chart-gmv", "chart-orders", "chart-new-users", "chart-new-shops", "chart-payment-failures", "top-shops"} {
		if byID(root, id) == nil {
			t.Errorf("no #%s on the admin dashboard", id)
		}
	}
	if !strings.Contains(statText(t, body, "top-shops"), "Mia’s shop") {
		t.Error("the best selling shop is not listed")
	}
	// The shop's name links to its page, by id, which sends on to its slug.
	link := find(byID(root, "top-shops"), func(n *htmlNode) bool { return n.Data == "a" })
	if link == nil {
		t.Fatal("the best selling shop is not linked")
	}
	href, _ := attr(link, "href")
	resp, _ = admin.get(href)
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, "/shops/") || loc == href {
		t.Fatalf("GET %s: %d to %q, want a redirect to the shop's slug", href, resp.StatusCode, loc)
	}
	if resp, page := admin.get(resp.Header.Get("Location")); resp.StatusCode != 200 || !strings.Contains(page, "Mia’s shop") {
		t.Fatalf("the shop page: %d", resp.StatusCode)
	}
	for _, tab := range []string{"/admin", "/admin/banners", "/admin/dead-letters", "/admin/stock-audit"} {
		if find(root, func(n *htmlNode) bool {
			v, _ := attr(n, "href")
			c, _ := attr(n, "class")
			return v == tab && c == "tab"
		}) == nil {
			t.Errorf("the admin nav does not link %s", tab)
		}
	}
	resp, frag := admin.hx(http.MethodGet, "/admin?days=90", "", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(frag, `<section id="platform-analytics"`) ||
		strings.Count(statText(t, frag, "chart-gmv-table"), "€") != 90 {
		t.Fatalf("htmx range switch: %d %.200q", resp.StatusCode, frag)
	}
}

// When analytics does not answer, the dashboards say so and show the rest.
func TestDashboardsWithoutAnalytics(t *testing.T) {
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	srv, svc := siteWith(t, func(c *web.Config) {
		c.Clients.Analytics = analyticsclient.New(gone.URL, httpclient.Options{Token: testkit.Token, Retries: -1})
	})
	seller := openShop(t, srv.URL, "Olga", "olga@example.com")
	resp, body := seller.get("/seller")
	if resp.StatusCode != 200 || !strings.Contains(statText(t, body, "sales-note"), "not available") {
		t.Fatalf("/seller without analytics: %d\n%s", resp.StatusCode, excerpt(body))
	}
	if statText(t, body, "stat-products") != "0" {
		t.Error("the overview's own figures are missing")
	}
	admin := signInAdmin(t, srv.URL, svc)
	resp, body = admin.get("/admin")
	if resp.StatusCode != 200 || !strings.Contains(statText(t, body, "dashboard-note"), "not available") ||
		byID(parse(t, body), "stock-audit-link") == nil {
		t.Fatalf("/admin without analytics: %d\n%s", resp.StatusCode, excerpt(body))
	}
}
