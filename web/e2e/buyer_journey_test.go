package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
)

// buyerJourney: a guest fills a cart from two shops, registers and finds
// the cart kept, checks out (one order per shop), pays one order with the
// declined card and then with the good one and sees it paid; the seller
// ships it; the shopper sees it shipped.
func buyerJourney(t *testing.T, dir, base string) {
	b := newBrowser(t, dir, base)
	guest := b.person("guest")
	mug, shirt := demo.Products[0], demo.Products[6] // Nordic Clay Studio, Threadline Apparel
	if mug.ShopID == shirt.ShopID {
		t.Fatal("the journey needs products of two shops")
	}

	// (a) A guest adds one product of each shop.
	for _, p := range []demo.Product{mug, shirt} {
		if status := guest.navigate("/products/" + p.ID); status != 200 {
			guest.fail("GET /products/%s answered %d", p.ID, status)
		}
		guest.do("add "+p.Name+" to the cart", chromedp.Click(chromedp.CSS(`#buy-box button[type="submit"]`)))
		guest.do("wait for the confirmation", chromedp.WaitVisible(chromedp.CSS("#buy-added")))
	}
	if got := guest.text("#cart-badge"); !strings.Contains(got, "2") {
		guest.fail("the cart badge says %q, want 2 items", got)
	}
	if status := guest.navigate("/cart"); status != 200 {
		guest.fail("GET /cart answered %d", status)
	}
	if n := eval[int](guest, `document.querySelectorAll("#cart .cart-group").length`); n != 2 {
		guest.fail("the cart shows %d shops, want 2", n)
	}
	guest.shot("guest-cart")

	// (b) Checking out asks to sign in; registering keeps the cart.
	shopperAcct := newAccount("Bea Buyer", "bea")
	guest.do("go to the checkout", chromedp.Click(chromedp.CSS("#checkout-button")))
	guest.do("wait for the login page", chromedp.WaitVisible(chromedp.CSS("#login-form")))
	if status := guest.register(shopperAcct); status != 200 {
		guest.fail("registering answered %d", status)
	}
	if status := guest.navigate("/cart"); status != 200 {
		guest.fail("GET /cart answered %d", status)
	}
	cart := guest.text("#cart")
	if !strings.Contains(cart, mug.Name) || !strings.Contains(cart, shirt.Name) {
		guest.fail("after registering the cart holds %q, want both products", cart)
	}
	guest.shot("cart-kept")

	// (c) Checkout: one order per shop.
	if status := guest.navigate("/checkout"); status != 200 {
		guest.fail("GET /checkout answered %d", status)
	}
	guest.fill("#checkout-form", map[string]string{
		"field-full_name": "Bea Buyer", "field-address": "12 Harbour Road", "field-city": "Porto",
		"field-postal_code": "4000-123", "field-country": "Portugal",
	}, "field-full_name", "field-address", "field-city", "field-postal_code", "field-country")
	guest.shot("checkout-form")
	if status := guest.submit("place the orders", `#checkout-form button[type="submit"]`); status != 200 || guest.path() != "/orders" {
		guest.fail("checking out led to %s (%d), want the two orders at /orders", guest.path(), status)
	}
	if n := eval[int](guest, `document.querySelectorAll("#orders a[href^='/orders/']").length`); n < 2 {
		guest.fail("the orders page lists %d orders, want 2", n)
	}
	guest.shot("orders")
	orderPath := eval[string](guest, `document.querySelector("#orders a[href^='/orders/']").getAttribute("href")`)

	// (d) Pay with the declined card, then with the good one.
	if status := guest.navigate(orderPath); status != 200 {
		guest.fail("GET %s answered %d", orderPath, status)
	}
	pay := func(card string) {
		guest.fill("#pay-form", map[string]string{"field-card_number": card}, "field-card_number")
		guest.do("pay", chromedp.Click(chromedp.CSS(`#pay-form button[type="submit"]`)))
	}
	pay(paymentclient.CardDeclined)
	guest.do("wait for the declined attempt", chromedp.WaitVisible(chromedp.CSS("#payment-attempts")))
	if got := guest.text("#payment-attempts"); !strings.Contains(strings.ToLower(got), "declined") {
		guest.fail("after the declined card the attempts read %q", got)
	}
	guest.shot("payment-declined")
	pay(paymentclient.CardSucceeds)
	// The order page polls its status until the order service says paid.
	guest.do("wait until paid", chromedp.WaitVisible(chromedp.CSS(`#order-status [data-status="paid"]`)))
	guest.shot("order-paid")

	// (e) The seller (the demo owner of the order's shop) ships it.
	orderID := strings.TrimPrefix(orderPath, "/orders/")
	shopName := guest.text("#order-heading")
	owner := demo.Sellers[0]
	if strings.Contains(shopName, demo.Shops[1].Name) {
		owner = demo.Sellers[1]
	}
	seller := b.person("seller")
	if status := seller.navigate("/login"); status != 200 {
		seller.fail("GET /login answered %d", status)
	}
	if status := seller.login(account{Name: owner.Name, Email: owner.Email, Password: demo.Password}); status != 200 {
		seller.fail("the seller's login answered %d", status)
	}
	if status := seller.navigate("/seller/orders?status=paid"); status != 200 {
		seller.fail("GET /seller/orders answered %d", status)
	}
	shipButton := `form[action="/seller/orders/` + orderID + `/ship"] button[type="submit"]`
	seller.shot("orders-to-ship")
	if status := seller.submit("ship the order", chromedp.CSS(shipButton)); status != 200 {
		seller.fail("shipping answered %d", status)
	}
	seller.shot("shipped")

	// (f) The shopper sees it shipped.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if status := guest.navigate(orderPath); status != 200 {
			guest.fail("GET %s answered %d", orderPath, status)
		}
		if eval[bool](guest, `document.querySelector('#order-status [data-status="shipped"]') !== null`) {
			break
		}
		if time.Now().After(deadline) {
			guest.fail("the order is not shown as shipped: %q", guest.text("#order-status"))
		}
	}
	if got := guest.text("#order-timeline"); !strings.Contains(strings.ToLower(got), "shipped") {
		guest.fail("the timeline does not say shipped: %q", got)
	}
	guest.shot("order-shipped")
}
