package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/demo"
)

// Demo items the shopping tests buy.
var (
	mug     = demo.Products[0]               // Stoneware Coffee Mug, Nordic Clay Studio
	mugSand = demo.Products[0].Variations[0] // 40 in stock, €24.00
	bowl    = demo.Products[1]               // Serving Bowl, Nordic Clay Studio
	bowlL   = demo.Products[1].Variations[0] // 8 in stock, €54.00
	shirt   = demo.Products[6]               // Organic Cotton T-Shirt, Threadline Apparel
	shirtWS = demo.Products[6].Variations[0] // 14 in stock, €29.00
)

func productPath(id string) string { return "/products/" + id }

// add posts the product page's add-to-cart form without JavaScript.
func (b *browser) add(productID, variationID, quantity string) (*http.Response, string) {
	b.t.Helper()
	page := productPath(productID)
	return b.post("/cart/items", url.Values{
		"_csrf": {b.csrf(page)}, "product_id": {productID}, "variation_id": {variationID}, "quantity": {quantity},
	})
}

// mustAdd adds to the cart and wants the 303 back to the product page.
func (b *browser) mustAdd(productID, variationID, quantity string) {
	b.t.Helper()
	resp, body := b.add(productID, variationID, quantity)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != productPath(productID) {
		b.t.Fatalf("add to cart: %d to %q\n%s", resp.StatusCode, resp.Header.Get("Location"), excerpt(body))
	}
}

// badge is the number the header's cart badge shows on a page or in an
// htmx fragment.
func badge(t *testing.T, body string) string {
	t.Helper()
	n := byID(parse(t, body), "cart-badge")
	if n == nil {
		t.Fatalf("no #cart-badge\n%s", excerpt(body))
	}
	v, _ := attr(n, "data-count")
	return v
}

// cartLine returns the cart page's line of a variation, or nil.
func cartLine(t *testing.T, body, variationID string) *htmlNode {
	t.Helper()
	return byID(parse(t, body), "item-"+variationID)
}

func quantityOf(t *testing.T, body, variationID string) string {
	t.Helper()
	in := byID(parse(t, body), "qty-"+variationID)
	if in == nil {
		t.Fatalf("no quantity control for %s\n%s", variationID, excerpt(body))
	}
	v, _ := attr(in, "value")
	return v
}

func TestGuestCartIsKeptAtRegistrationAndLogin(t *testing.T) {
	srv := site(t)
	guest := newBrowser(t, srv.URL)
	if _, body := guest.get("/"); badge(t, body) != "0" {
		t.Fatal("a new visitor's cart badge is not empty")
	}
	_, body := guest.get(productPath(mug.ID))
	buy := byID(parse(t, body), "buy-box")
	if buy == nil {
		t.Fatal("the product page has no add-to-cart form")
	}
	if v, _ := attr(buy, "action"); v != "/cart/items" {
		t.Fatalf("add-to-cart form posts to %q", v)
	}
	guest.mustAdd(mug.ID, mugSand.ID, "2")
	_, body = guest.get(productPath(mug.ID))
	if !strings.Contains(textOf(byID(parse(t, body), "flash")), "Added to your cart") {
		t.Fatalf("no confirmation after the add\n%s", excerpt(body))
	}
	if got := badge(t, body); got != "2" {
		t.Fatalf("badge after adding 2: %q", got)
	}

	_, body = guest.get("/cart")
	if cartLine(t, body, mugSand.ID) == nil || quantityOf(t, body, mugSand.ID) != "2" {
		t.Fatalf("the cart does not hold 2 mugs\n%s", excerpt(body))
	}
	if !strings.Contains(body, "Nordic Clay Studio") || !strings.Contains(body, "€48.00") {
		t.Error("the cart does not show the shop or the line total")
	}
	checkout := byID(parse(t, body), "checkout-button")
	if v, _ := attr(checkout, "href"); v != "/login?next=%2Fcheckout" {
		t.Fatalf("a guest's checkout button goes to %q", v)
	}
	if !strings.Contains(body, "Your cart is kept") {
		t.Error("the guest is not told that the cart is kept")
	}
	if resp, _ := guest.get("/checkout"); resp.StatusCode != 303 || resp.Header.Get("Location") != "/login?next=%2Fcheckout" {
		t.Fatalf("a guest's GET /checkout: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = guest.get("/login?next=%2Fcheckout")
	if byID(parse(t, body), "cart-kept") == nil {
		t.Error("the login page on the way to the checkout does not say the cart is kept")
	}

	// Registering (on the way to the checkout) keeps the cart.
	resp, _ := guest.post("/register", url.Values{"_csrf": {guest.csrf("/register?next=%2Fcheckout")}, "name": {"Gus"},
		"email": {"gus@example.com"}, "password": {"long enough pw"}, "next": {"/checkout"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/checkout" {
		t.Fatalf("register on the way to the checkout: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = guest.get("/cart")
	if cartLine(t, body, mugSand.ID) == nil || quantityOf(t, body, mugSand.ID) != "2" || badge(t, body) != "2" {
		t.Fatalf("the guest's cart was not kept at registration\n%s", excerpt(body))
	}
	if v, _ := attr(byID(parse(t, body), "checkout-button"), "href"); v != "/checkout" {
		t.Fatalf("a signed-in user's checkout button goes to %q", v)
	}

	// Logging out leaves an empty guest cart; the user's cart waits.
	guest.mustPost("/", "/logout", nil)
	if _, body = guest.get("/cart"); badge(t, body) != "0" || !strings.Contains(body, "Your cart is empty") {
		t.Fatal("after logout the visitor still sees the user's cart")
	}
	// A guest cart merges into it at login: the same variation adds up.
	guest.mustAdd(mug.ID, mugSand.ID, "1")
	guest.mustAdd(shirt.ID, shirtWS.ID, "1")
	guest.mustPost("/login", "/login", url.Values{"email": {"gus@example.com"}, "password": {"long enough pw"}})
	_, body = guest.get("/cart")
	if quantityOf(t, body, mugSand.ID) != "3" || quantityOf(t, body, shirtWS.ID) != "1" || badge(t, body) != "4" {
		t.Fatalf("the guest cart did not merge at login\n%s", excerpt(body))
	}
	if !strings.Contains(body, "Threadline Apparel") {
		t.Error("the cart is not grouped by shop")
	}
}

func TestAddToCartProblemsComeBackOnTheProductPage(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	for _, tc := range []struct{ variation, quantity, field, want string }{
		{mugSand.ID, "0", "field-quantity", "1 or more"},
		{mugSand.ID, "-3", "field-quantity", "1 or more"},
		{mugSand.ID, "two", "field-quantity", "whole number"},
		{mugSand.ID, "21", "field-quantity", "20"},
		{bowlL.ID, "9", "field-quantity", "8"}, // more than the stock
	} {
		p := mug.ID
		if tc.variation == bowlL.ID {
			p = bowl.ID
		}
		resp, body := b.add(p, tc.variation, tc.quantity)
		if resp.StatusCode != 422 || byID(parse(t, body), "product-name") == nil {
			t.Fatalf("quantity %q: %d, want 422 with the product page\n%s", tc.quantity, resp.StatusCode, excerpt(body))
		}
		mustBeInvalid(t, body, tc.field, tc.want)
		if v, _ := attr(byID(parse(t, body), "field-quantity"), "value"); v != tc.quantity {
			t.Errorf("quantity %q is not kept in the form (%q)", tc.quantity, v)
		}
	}
	// An unknown option, and none chosen.
	resp, body := b.add(mug.ID, "0190a000-0000-7000-8000-00000000dead", "1")
	if resp.StatusCode != 422 || !strings.Contains(textOf(byID(parse(t, body), "buy-error")), "no longer available") {
		t.Fatalf("unknown variation: %d\n%s", resp.StatusCode, excerpt(body))
	}
	resp, body = b.add(mug.ID, "", "1")
	if resp.StatusCode != 422 || !strings.Contains(textOf(byID(parse(t, body), "variation_id-error")), "Choose an option") {
		t.Fatalf("no variation: %d\n%s", resp.StatusCode, excerpt(body))
	}
	if _, body := b.get("/cart"); !strings.Contains(body, "Your cart is empty") {
		t.Fatal("a refused add changed the cart")
	}

	// With htmx: the form alone comes back, with the problem or with the
	// confirmation and the badge out of band.
	csrf := b.csrf(productPath(mug.ID))
	form := url.Values{"product_id": {mug.ID}, "variation_id": {mugSand.ID}, "quantity": {"0"}}
	resp, frag := b.hx(http.MethodPost, "/cart/items", csrf, form)
	if resp.StatusCode != 422 || !strings.HasPrefix(frag, `<form id="buy-box"`) || strings.Contains(frag, "<html") {
		t.Fatalf("htmx add with quantity 0: %d\n%s", resp.StatusCode, frag)
	}
	mustBeInvalid(t, frag, "field-quantity", "1 or more")
	form.Set("quantity", "3")
	resp, frag = b.hx(http.MethodPost, "/cart/items", csrf, form)
	if resp.StatusCode != 200 || !strings.HasPrefix(frag, `<form id="buy-box"`) || byID(parse(t, frag), "buy-added") == nil {
		t.Fatalf("htmx add: %d\n%s", resp.StatusCode, frag)
	}
	if !regexp.MustCompile(`<span id="cart-badge"[^>]*hx-swap-oob="true"`).MatchString(frag) || badge(t, frag) != "3" {
		t.Fatalf("the htmx add does not update the badge out of band\n%s", frag)
	}
}

func TestCartQuantityChangesAndRemoval(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	b.register("Cleo", "cleo@example.com", "long enough pw")
	b.mustAdd(mug.ID, mugSand.ID, "1")
	b.mustAdd(bowl.ID, bowlL.ID, "1")
	b.mustAdd(shirt.ID, shirtWS.ID, "2")

	// Without JavaScript: the form posts, the browser goes back to the cart.
	if loc := b.mustPost("/cart", "/cart/items/"+mugSand.ID, url.Values{"quantity": {"3"}}); loc != "/cart" {
		t.Fatalf("update: to %q", loc)
	}
	_, body := b.get("/cart")
	if quantityOf(t, body, mugSand.ID) != "3" || badge(t, body) != "6" {
		t.Fatalf("after the update: quantity %s, badge %s", quantityOf(t, body, mugSand.ID), badge(t, body))
	}
	if got := textOf(byID(parse(t, body), "cart-total")); got != "€184.00" { // 3×24 + 54 + 2×29
		t.Fatalf("total %q", got)
	}

	// With htmx: the cart is swapped in place, the subtotal and total follow,
	// the badge comes out of band.
	csrf := b.csrf("/cart")
	resp, frag := b.hx(http.MethodPost, "/cart/items/"+mugSand.ID, csrf, url.Values{"quantity": {"2"}})
	if resp.StatusCode != 200 || !strings.HasPrefix(frag, `<div id="cart"`) || strings.Contains(frag, "<html") {
		t.Fatalf("htmx update: %d\n%s", resp.StatusCode, frag)
	}
	if quantityOf(t, frag, mugSand.ID) != "2" || badge(t, frag) != "5" ||
		!regexp.MustCompile(`<span id="cart-badge"[^>]*hx-swap-oob="true"`).MatchString(frag) {
		t.Fatalf("htmx update: wrong quantity or badge\n%s", frag)
	}
	if got := textOf(byID(parse(t, frag), "subtotal-"+demo.Shops[0].ID)); got != "€102.00" { // 2×24 + 54
		t.Fatalf("Nordic Clay Studio subtotal %q", got)
	}
	if got := textOf(byID(parse(t, frag), "cart-total")); got != "€160.00" {
		t.Fatalf("total %q", got)
	}

	// Too many: the line's control is marked, 422, with and without htmx.
	resp, frag = b.hx(http.MethodPost, "/cart/items/"+bowlL.ID, csrf, url.Values{"quantity": {"9"}})
	if resp.StatusCode != 422 || !strings.HasPrefix(frag, `<div id="cart"`) {
		t.Fatalf("htmx too many: %d\n%s", resp.StatusCode, frag)
	}
	mustBeInvalid(t, frag, "qty-"+bowlL.ID, "8")
	resp, body = b.post("/cart/items/"+bowlL.ID, url.Values{"_csrf": {csrf}, "quantity": {"lots"}})
	if resp.StatusCode != 422 {
		t.Fatalf("quantity lots: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "qty-"+bowlL.ID, "whole number")

	// Remove: quantity 0, with htmx and without.
	resp, frag = b.hx(http.MethodPost, "/cart/items/"+bowlL.ID, csrf, url.Values{"quantity": {"0"}})
	if resp.StatusCode != 200 || cartLine(t, frag, bowlL.ID) != nil || badge(t, frag) != "4" {
		t.Fatalf("htmx remove: %d\n%s", resp.StatusCode, frag)
	}
	b.mustPost("/cart", "/cart/items/"+mugSand.ID, url.Values{"quantity": {"0"}})
	b.mustPost("/cart", "/cart/items/"+shirtWS.ID, url.Values{"quantity": {"0"}})
	_, body = b.get("/cart")
	if !strings.Contains(body, "Your cart is empty") || badge(t, body) != "0" || byID(parse(t, body), "checkout-button") != nil {
		t.Fatalf("the emptied cart\n%s", excerpt(body))
	}
	if resp, _ := b.get("/checkout"); resp.StatusCode != 303 || resp.Header.Get("Location") != "/cart" {
		t.Fatalf("checkout with an empty cart: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}
