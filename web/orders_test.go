package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/user"
)

var orderPathRE = regexp.MustCompile(`^/orders/([0-9a-f-]{36})$`)

// address is a valid checkout form.
func address() url.Values {
	return url.Values{"full_name": {"Gus Grant"}, "address": {"Keizersgracht 1"}, "city": {"Amsterdam"},
		"postal_code": {"1015 CJ"}, "country": {"Netherlands"}}
}

// checkoutID loads the checkout page and returns the form's checkout id.
func (b *browser) checkoutID() string {
	b.t.Helper()
	resp, body := b.get("/checkout")
	if resp.StatusCode != 200 {
		b.t.Fatalf("GET /checkout: %d", resp.StatusCode)
	}
	in := find(parse(b.t, body), func(n *htmlNode) bool { v, _ := attr(n, "name"); return n.Data == "input" && v == "checkout_id" })
	if in == nil {
		b.t.Fatalf("the checkout form has no checkout_id\n%s", excerpt(body))
	}
	v, _ := attr(in, "value")
	return v
}

// checkout places the cart's orders and returns where it led.
func (b *browser) checkout() string {
	b.t.Helper()
	form := address()
	form.Set("checkout_id", b.checkoutID())
	return b.mustPost("/checkout", "/checkout", form)
}

// buyer registers a shopper with a mug in the cart and checks out.
func buyer(t *testing.T, base, name string) (*browser, string) {
	t.Helper()
	b := newBrowser(t, base)
	if resp := b.register(name, strings.ToLower(name)+"@example.com", "long enough pw"); resp.StatusCode != 303 {
		t.Fatalf("register %s: %d", name, resp.StatusCode)
	}
	b.mustAdd(mug.ID, mugSand.ID, "2")
	loc := b.checkout()
	if !orderPathRE.MatchString(loc) {
		t.Fatalf("checkout led to %q, want /orders/{id}", loc)
	}
	return b, loc
}

// pay posts the order page's pay form with a card.
func (b *browser) pay(order, card string) (*http.Response, string) {
	b.t.Helper()
	_, body := b.get(order)
	key := regexp.MustCompile(`name="idempotency_key" value="([^"]+)"`).FindStringSubmatch(body)
	if key == nil {
		b.t.Fatalf("the order page has no pay form\n%s", excerpt(body))
	}
	return b.post(order+"/pay", url.Values{"_csrf": {b.csrf(order)}, "idempotency_key": {key[1]}, "card_number": {card}})
}

// deliverPaid hands the payment service's payment.success of an order to
// the order service, as the bus would (events do not flow in this site).
func deliverPaid(t *testing.T, svc services, orderID string) {
	t.Helper()
	var rows []struct{ Type, Envelope string }
	if err := svc.payment.Deps.DB.Conn(context.Background()).Table("outbox").Select("type, envelope").Order("id").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Type != "payment.success" {
			continue
		}
		env, err := eventbus.Unmarshal([]byte(r.Envelope))
		if err != nil {
			t.Fatal(err)
		}
		e, err := eventbus.Decode[paymentevents.PaymentSucceeded](env)
		if err != nil {
			t.Fatal(err)
		}
		if e.OrderID == orderID {
			if out := testkit.Deliver(t, svc.order, env); out[0] != testkit.Acked {
				t.Fatalf("payment.success: %s", out[0])
			}
			return
		}
	}
	t.Fatalf("no payment.success for order %s in the payment outbox", orderID)
}

func statusOf(t *testing.T, body string) string {
	t.Helper()
	n := find(parse(t, body), func(n *htmlNode) bool { _, ok := attr(n, "data-status"); return ok })
	if n == nil {
		t.Fatalf("no status badge\n%s", excerpt(body))
	}
	v, _ := attr(n, "data-status")
	return v
}

func TestCheckoutValidatesAndPlacesTheOrderOnce(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	b.register("Gus", "gus@example.com", "long enough pw")
	b.mustAdd(mug.ID, mugSand.ID, "2")
	id := b.checkoutID()
	if id2 := b.checkoutID(); id2 == id || id == "" {
		t.Fatalf("checkout ids %q and %q: want a fresh one per form", id, id2)
	}
	_, body := b.get("/checkout")
	if !strings.Contains(body, "Nordic Clay Studio") || !strings.Contains(body, "€48.00") {
		t.Error("the checkout page has no order summary")
	}

	// Problems come back on the form, keeping its checkout id.
	form := address()
	form.Set("checkout_id", id)
	form.Set("city", "")
	form.Set("_csrf", b.csrf("/checkout"))
	resp, body := b.post("/checkout", form)
	if resp.StatusCode != 422 {
		t.Fatalf("checkout without a city: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "field-city", "city")
	if !strings.Contains(body, `name="checkout_id" value="`+id+`"`) {
		t.Fatal("the re-rendered form lost its checkout id")
	}
	if v, _ := attr(byID(parse(t, body), "field-postal_code"), "value"); v != "1015 CJ" {
		t.Errorf("the typed postal code is not kept: %q", v)
	}

	// The same form twice (a double click, a retry) is one checkout.
	form.Set("city", "Amsterdam")
	first := b.mustPost("/checkout", "/checkout", form)
	again := b.mustPost("/cart", "/checkout", form) // the cart is empty now: the token from another page
	if !orderPathRE.MatchString(first) || again != first {
		t.Fatalf("checkout twice led to %q and %q, want the same /orders/{id}", first, again)
	}
	_, body = b.get("/orders")
	if n := strings.Count(body, "data-order-id="); n != 1 {
		t.Fatalf("%d orders listed, want 1\n%s", n, excerpt(body))
	}
	if !strings.Contains(body, "Nordic Clay Studio") || !strings.Contains(body, "Waiting for payment") || !strings.Contains(body, `href="`+first+`"`) {
		t.Errorf("the orders list does not show the order\n%s", excerpt(body))
	}
	if _, body = b.get("/cart"); !strings.Contains(body, "Your cart is empty") || badge(t, body) != "0" {
		t.Fatal("the checked-out items are still in the cart")
	}
}

func TestCheckoutOfSeveralShopsAndAShopThatFails(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	b.register("Hana", "hana@example.com", "long enough pw")
	b.mustAdd(mug.ID, mugSand.ID, "1")
	b.mustAdd(shirt.ID, shirtWS.ID, "1")
	if loc := b.checkout(); loc != "/orders" {
		t.Fatalf("a checkout of two shops led to %q, want /orders", loc)
	}
	if _, body := b.get("/orders"); strings.Count(body, "data-order-id=") != 2 {
		t.Fatalf("orders of two shops\n%s", excerpt(body))
	}

	// A seller's stock drops after the shopper put it in the cart: that
	// shop's order fails, the other goes on, the failed items stay.
	seller := openShop(t, srv.URL, "Ivo", "ivo@example.com")
	pid := newProduct(t, seller, "Rare Teapot")
	edit := "/seller/products/" + pid
	seller.mustPost(edit, edit+"/variations", url.Values{"sku": {"TEA-1"}, "name": {"Celadon"}, "price": {"80"}, "stock": {"2"}})
	_, body := seller.get(edit)
	vid := regexp.MustCompile(`<tr data-variation-id="([^"]+)"`).FindStringSubmatch(body)[1]
	b.mustAdd(pid, vid, "2")
	b.mustAdd(mug.ID, mugSand.ID, "1")
	seller.mustPost(edit, edit+"/stock", url.Values{"variation_id": {vid}, "mode": {"set"}, "quantity": {"1"}, "reason": {"Broke one"}})

	loc := b.checkout()
	if !orderPathRE.MatchString(loc) {
		t.Fatalf("one order placed, one failed: led to %q", loc)
	}
	_, body = b.get(loc)
	notice := textOf(byID(parse(t, body), "flash"))
	if !strings.Contains(notice, "Ivo’s shop:") || !strings.Contains(notice, "Rare Teapot") || !strings.Contains(notice, "these items stay in your cart") {
		t.Fatalf("the failed shop is not reported: %q", notice)
	}
	if _, body = b.get("/cart"); cartLine(t, body, vid) == nil || cartLine(t, body, mugSand.ID) != nil {
		t.Fatalf("after the checkout the cart should hold only the teapot\n%s", excerpt(body))
	}
}

func TestPayDeclinedInvalidThenConfirmedAndShipped(t *testing.T) {
	srv, svc := siteWith(t)
	b, order := buyer(t, srv.URL, "Juno")
	orderID := orderPathRE.FindStringSubmatch(order)[1]
	_, body := b.get(order)
	for _, want := range []string{paymentclient.CardSucceeds, paymentclient.CardDeclined, paymentclient.CardInsufficientFunds} {
		if !strings.Contains(body, want) {
			t.Errorf("the test card %s is not shown", want)
		}
	}
	if byID(parse(t, body), "pay-before") == nil || statusOf(t, body) != "pending_payment" {
		t.Fatalf("an unpaid order shows no deadline or a wrong state\n%s", excerpt(body))
	}
	if k1, k2 := regexp.MustCompile(`name="idempotency_key" value="([^"]+)"`).FindStringSubmatch(body),
		regexp.MustCompile(`name="idempotency_key" value="([^"]+)"`).FindStringSubmatch(func() string { _, s := b.get(order); return s }()); k1 == nil || k1[1] == k2[1] {
		t.Fatal("the pay form's idempotency key is not fresh at each rendering")
	}

	// Declined: the reason, and the attempt listed.
	resp, body := b.pay(order, paymentclient.CardInsufficientFunds)
	if resp.StatusCode != 422 || !strings.Contains(textOf(byID(parse(t, body), "pay-error")), "insufficient funds") {
		t.Fatalf("declined card: %d\n%s", resp.StatusCode, excerpt(body))
	}
	if att := byID(parse(t, body), "payment-attempts"); att == nil || !strings.Contains(textOf(att), "9995") {
		t.Fatalf("the declined attempt is not listed\n%s", excerpt(body))
	}
	// Invalid: the field is marked.
	resp, body = b.pay(order, "4242 4242 4242 4241")
	if resp.StatusCode != 422 {
		t.Fatalf("invalid card: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "field-card_number", "not valid")

	// Paid: the order confirms asynchronously; until then the status part
	// polls itself.
	resp, _ = b.pay(order, paymentclient.CardSucceeds)
	if resp.StatusCode != 303 || resp.Header.Get("Location") != order {
		t.Fatalf("pay: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = b.get(order)
	st := byID(parse(t, body), "order-status")
	if st == nil || !strings.Contains(textOf(st), "Payment received, confirming") || byID(parse(t, body), "pay-form") != nil {
		t.Fatalf("no confirming state\n%s", excerpt(body))
	}
	if v, _ := attr(st, "hx-get"); v != order+"/status" {
		t.Fatalf("the confirming status does not poll (hx-get=%q)", v)
	}
	if v, _ := attr(st, "hx-trigger"); !strings.Contains(v, "every 1s") {
		t.Fatalf("hx-trigger=%q", v)
	}
	if resp, _ := b.get(order + "/status"); resp.StatusCode != 303 || resp.Header.Get("Location") != order {
		t.Fatalf("the status fragment without htmx: %d", resp.StatusCode)
	}

	deliverPaid(t, svc, orderID)
	resp, frag := b.hx(http.MethodGet, order+"/status", "", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(frag, `<section id="order-status"`) || statusOf(t, frag) != "paid" {
		t.Fatalf("status after payment.success: %d\n%s", resp.StatusCode, frag)
	}
	if strings.Contains(frag, "hx-trigger") || strings.Contains(frag, "confirming") {
		t.Fatal("the paid status still polls")
	}
	_, body = b.get(order)
	if !strings.Contains(textOf(byID(parse(t, body), "order-timeline")), "Paid") || byID(parse(t, body), "refund-note") == nil {
		t.Fatalf("the paid order shows no paid step or no refund note at cancel\n%s", excerpt(body))
	}

	// Someone else's order is forbidden.
	other := newBrowser(t, srv.URL)
	other.register("Kai", "kai@example.com", "long enough pw")
	if resp, body := other.get(order); resp.StatusCode != 403 || strings.Contains(body, "Keizersgracht") {
		t.Fatalf("another shopper's GET %s: %d", order, resp.StatusCode)
	}
	if resp, _ := other.post(order+"/cancel", url.Values{"_csrf": {other.csrf("/")}, "confirm": {"yes"}}); resp.StatusCode != 403 {
		t.Fatalf("another shopper cancels: %d", resp.StatusCode)
	}
}

func TestCancelAnUnpaidOrder(t *testing.T) {
	srv := site(t)
	b, order := buyer(t, srv.URL, "Lea")
	resp, body := b.post(order+"/cancel", url.Values{"_csrf": {b.csrf(order)}})
	if resp.StatusCode != 422 {
		t.Fatalf("cancel without confirming: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "field-confirm-cancel", "Tick the box")
	b.mustPost(order, order+"/cancel", url.Values{"confirm": {"yes"}})
	_, body = b.get(order)
	if statusOf(t, body) != "cancelled" || !strings.Contains(textOf(byID(parse(t, body), "order-timeline")), "Cancelled by you") {
		t.Fatalf("the cancelled order\n%s", excerpt(body))
	}
	if byID(parse(t, body), "pay-form") != nil || byID(parse(t, body), "cancel-form") != nil {
		t.Fatal("a cancelled order still offers to pay or cancel")
	}
}

func TestSellerShipsAPaidOrder(t *testing.T) {
	srv, svc := siteWith(t)
	seller := openShop(t, srv.URL, "Mia", "mia@example.com")
	pid := newProduct(t, seller, "Linen Apron")
	edit := "/seller/products/" + pid
	seller.mustPost(edit, edit+"/variations", url.Values{"sku": {"AP-1"}, "name": {"Natural"}, "price": {"35"}, "stock": {"5"}})
	_, body := seller.get(edit)
	vid := regexp.MustCompile(`<tr data-variation-id="([^"]+)"`).FindStringSubmatch(body)[1]

	b := newBrowser(t, srv.URL)
	b.register("Nils", "nils@example.com", "long enough pw")
	b.mustAdd(pid, vid, "1")
	order := b.checkout()
	orderID := orderPathRE.FindStringSubmatch(order)[1]

	_, body = seller.get("/seller/orders?status=pending_payment")
	if !strings.Contains(body, `data-order-id="`+orderID+`"`) || !strings.Contains(body, "Keizersgracht 1") {
		t.Fatalf("the seller does not see the unpaid order with its address\n%s", excerpt(body))
	}
	if strings.Contains(body, "/seller/orders/"+orderID+"/ship") {
		t.Fatal("an unpaid order can be shipped")
	}
	if _, body = seller.get("/seller"); textOf(byID(parse(t, body), "stat-to-ship")) != "0" {
		t.Fatalf("to ship before payment: %q", textOf(byID(parse(t, body), "stat-to-ship")))
	}

	if resp, _ := b.pay(order, paymentclient.CardSucceeds); resp.StatusCode != 303 {
		t.Fatalf("pay: %d", resp.StatusCode)
	}
	deliverPaid(t, svc, orderID)
	if _, body = seller.get("/seller"); textOf(byID(parse(t, body), "stat-to-ship")) != "1" {
		t.Fatalf("to ship after payment: %q", textOf(byID(parse(t, body), "stat-to-ship")))
	}
	_, body = seller.get("/seller/orders?status=paid")
	if !strings.Contains(body, `action="/seller/orders/`+orderID+`/ship"`) {
		t.Fatalf("the paid order has no ship button\n%s", excerpt(body))
	}
	// The buyer cannot ship it, nor can a page without the token.
	if resp, _ := b.post("/seller/orders/"+orderID+"/ship", url.Values{"_csrf": {b.csrf("/")}}); resp.StatusCode != 303 || resp.Header.Get("Location") != "/seller/shop" {
		t.Fatalf("a buyer without a shop ships: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	loc := seller.mustPost("/seller/orders?status=paid", "/seller/orders/"+orderID+"/ship", url.Values{"status": {"paid"}})
	if loc != "/seller/orders?status=paid" {
		t.Fatalf("ship led to %q", loc)
	}
	_, body = seller.get(loc)
	if !strings.Contains(textOf(byID(parse(t, body), "flash")), "shipped") || strings.Contains(body, `data-order-id="`+orderID+`"`) {
		t.Fatalf("after shipping\n%s", excerpt(body))
	}
	if _, body = b.get(order); statusOf(t, body) != "shipped" {
		t.Fatal("the buyer does not see the order shipped")
	}
}

func TestStockAuditIsForAdmins(t *testing.T) {
	srv, svc := siteWith(t)
	b := newBrowser(t, srv.URL)
	if resp, _ := b.get("/admin/stock-audit"); resp.StatusCode != 303 {
		t.Fatalf("anonymous stock audit: %d", resp.StatusCode)
	}
	b.register("Olle", "olle@example.com", "long enough pw")
	if resp, _ := b.get("/admin/stock-audit"); resp.StatusCode != 403 {
		t.Fatalf("a shopper's stock audit: %d", resp.StatusCode)
	}
	users := svc.user.Service.(*user.Service)
	if _, err := users.CreateUser(t.Context(), "Ada Admin", "ada@example.com", "admin password", actor.Admin); err != nil {
		t.Fatal(err)
	}
	admin := newBrowser(t, srv.URL)
	admin.mustPost("/login", "/login", url.Values{"email": {"ada@example.com"}, "password": {"admin password"}})
	if _, body := admin.get("/admin"); !strings.Contains(body, `href="/admin/stock-audit"`) {
		t.Error("the admin dashboard does not link the stock audit")
	}
	resp, body := admin.get("/admin/stock-audit")
	if resp.StatusCode != 200 || !strings.Contains(textOf(byID(parse(t, body), "audit-clean")), "All stock adds up") {
		t.Fatalf("stock audit: %d\n%s", resp.StatusCode, excerpt(body))
	}
}

func TestEveryShoppingFormNeedsTheCSRFToken(t *testing.T) {
	srv := site(t)
	b, order := buyer(t, srv.URL, "Pia")
	b.mustAdd(mug.ID, mugSand.ID, "1")
	orderID := orderPathRE.FindStringSubmatch(order)[1]
	for _, path := range []string{
		"/cart/items", "/cart/items/" + mugSand.ID, "/checkout", order + "/pay", order + "/cancel", "/seller/orders/" + orderID + "/ship",
	} {
		for _, token := range []string{"", "forged"} {
			form := address()
			form.Set("variation_id", mugSand.ID)
			form.Set("quantity", "0")
			form.Set("confirm", "yes")
			form.Set("card_number", paymentclient.CardSucceeds)
			if token != "" {
				form.Set("_csrf", token)
			}
			if resp, _ := b.post(path, form); resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with _csrf=%q: %d, want 403", path, token, resp.StatusCode)
			}
		}
	}
	_, body := b.get(order)
	if statusOf(t, body) != "pending_payment" {
		t.Fatal("a refused request changed the order")
	}
	if _, body = b.get("/cart"); quantityOf(t, body, mugSand.ID) != "1" {
		t.Fatal("a refused request changed the cart")
	}
}
