package views_test

import (
	"strings"
	"testing"

	"github.com/a-h/templ"
	"golang.org/x/net/html"

	"github.com/marketplace/marketplace/views/admin"
	"github.com/marketplace/marketplace/views/cart"
	"github.com/marketplace/marketplace/views/catalog"
	"github.com/marketplace/marketplace/views/components"
	"github.com/marketplace/marketplace/views/orders"
	"github.com/marketplace/marketplace/views/seller"
)

const (
	variationA = "0190c3b2-0000-7000-8000-0000000000a1"
	variationB = "0190c3b2-0000-7000-8000-0000000000a2"
	shopA      = "0190c3b2-0000-7000-8000-0000000000s1"
	orderID    = "0190c3b2-0000-7000-8000-0000000000o1"
)

func sampleCart() cart.View {
	return cart.View{
		ItemCount: 3, Total: "€72.00", SignedIn: true, Problems: true,
		Groups: []cart.Group{{
			ShopID: shopA, ShopName: "Clay & Co " + evil, Subtotal: "€72.00",
			Items: []cart.Item{
				{VariationID: variationA, ProductName: "Mug " + evil, ProductURL: "/products/p1", Option: "Blue", SKU: "MUG-BLU",
					UnitPrice: "€24.00", Quantity: 2, LineTotal: "€48.00", Max: 20},
				{VariationID: variationB, ProductName: "Bowl", Option: "Large", UnitPrice: "€24.00", Quantity: 1, LineTotal: "€24.00",
					Max: 20, Problem: "Only 1 left", ProblemKind: cart.ProblemNotEnough, Error: "Only 1 available.", Typed: "4"},
			},
		}},
	}
}

func sampleOrder() orders.OrderView {
	return orders.OrderView{
		ID: orderID, URL: orders.URL(orderID), ShortID: "0000O1", ShopName: "Clay & Co", ShopURL: "/shops/clay",
		Placed: "12 Mar 2026, 13:50 UTC", PlacedAt: "2026-03-12T13:50:00Z",
		Status: components.Status{Label: "Waiting for payment", Value: "pending_payment", Kind: orders.KindPending},
		Lines:  []orders.Line{{ProductName: "Mug", ProductURL: "/products/p1", Option: "Blue", SKU: "MUG-BLU", UnitPrice: "€24.00", Quantity: "2", LineTotal: "€48.00"}},
		Total:  "€48.00", Address: components.Address{FullName: "Ada " + evil, Street: "Main St 1", PostalCity: "1011 AB Amsterdam", Country: "NL"},
		Timeline: []orders.Step{
			{Label: "Order placed", When: "12 Mar 2026, 13:50 UTC", DateTime: "2026-03-12T13:50:00Z", Kind: orders.KindPending},
			{Label: "Payment declined", Note: "Insufficient funds", When: "12 Mar 2026, 13:52 UTC", Kind: orders.KindFailed},
		},
		PayBefore: "14:05 UTC", PayByAt: "2026-03-12T14:05:00Z", IsBuyer: true, CanPay: true, CanCancel: true,
		Pay:       orders.PayForm{Key: "0190c3b2-0000-7000-8000-0000000000k1", Errors: map[string]string{"card_number": "Not valid."}, Error: "Declined."},
		Attempts:  []orders.Attempt{{When: "12 Mar 2026, 13:52 UTC", Card: "Card ending in 9995", Result: "Declined: insufficient funds"}},
		TestCards: []orders.TestCard{{Number: "4242 4242 4242 4242", Outcome: "Succeeds"}},
	}
}

func sampleSellerOrders() seller.OrdersPage {
	return seller.OrdersPage{
		Shell: sampleShell(seller.TabOrders), Status: "paid", Summary: "1 order",
		Filters: []seller.OrderFilter{{Label: "All", URL: "/seller/orders"}, {Label: "To ship", URL: "/seller/orders?status=paid", Active: true}},
		Rows: []seller.OrderRow{{
			ID: orderID, ShortID: "0000O1", Placed: "12 Mar 2026", Items: "2 items", Total: "€48.00", CanShip: true,
			Status:  components.Status{Label: "Paid", Value: "paid", Kind: orders.KindPaid},
			Address: components.Address{FullName: "Ada", Street: "Main St 1", PostalCity: "1011 AB Amsterdam", Country: "NL"},
			Lines:   []seller.OrderLine{{ProductName: "Mug", Option: "Blue", SKU: "MUG-BLU", Quantity: "2", UnitPrice: "€24.00", LineTotal: "€48.00"}},
		}},
	}
}

func shoppingPages() map[string]templ.Component {
	confirming := sampleOrder()
	confirming.CanPay, confirming.Confirming, confirming.CanCancel = false, true, false
	guest := sampleCart()
	guest.SignedIn = false
	return map[string]templ.Component{
		"cart":             cart.Page(userPage(false), sampleCart()),
		"guest cart":       cart.Page(anonPage(), guest),
		"empty cart":       cart.Page(anonPage(), cart.View{}),
		"checkout":         cart.Checkout(userPage(false), cart.CheckoutView{Cart: sampleCart(), Form: cart.CheckoutForm{CheckoutID: "c1", Errors: map[string]string{"city": "Enter the city."}, Error: "Fix it."}}),
		"orders":           orders.List(userPage(false), orders.ListView{Rows: []orders.Row{{ID: orderID, URL: orders.URL(orderID), ShopName: "Clay", Items: "2 items", Total: "€48.00", Status: sampleOrder().Status}}}),
		"no orders":        orders.List(userPage(false), orders.ListView{}),
		"order":            orders.Page(userPage(false), sampleOrder()),
		"confirming":       orders.Page(userPage(false), confirming),
		"seller orders":    seller.Orders(userPage(false), sampleSellerOrders()),
		"no seller orders": seller.Orders(userPage(false), seller.OrdersPage{Shell: sampleShell(seller.TabOrders), Empty: "Nothing."}),
		"audit clean":      admin.StockAudit(userPage(true), admin.AuditView{Checked: "42"}),
		"audit":            admin.StockAudit(userPage(true), admin.AuditView{Checked: "42", Rows: []admin.AuditRow{{VariationID: variationA, Product: "Mug, Blue", SKU: "MUG-BLU", ProductURL: "/products/p1", Available: "5 / 7", Problems: []string{"Available does not match."}}}}),
	}
}

func TestShoppingPagesShareTheShell(t *testing.T) {
	for name, c := range shoppingPages() {
		t.Run(name, func(t *testing.T) {
			root, raw := doc(t, c)
			if strings.Contains(raw, evil) {
				t.Error("text rendered unescaped")
			}
			if h1 := all(root, tag("h1")); len(h1) != 1 {
				t.Errorf("%d <h1> elements, want exactly one", len(h1))
			}
			ids := map[string]bool{}
			for _, n := range all(root, func(n *html.Node) bool { _, ok := attr(n, "id"); return ok }) {
				id, _ := attr(n, "id")
				if ids[id] {
					t.Errorf("duplicate id %q", id)
				}
				ids[id] = true
			}
			for _, f := range all(root, tagAttr("form", "method", "post")) {
				if in := first(f, tagAttr("input", "name", "_csrf")); in == nil {
					a, _ := attr(f, "action")
					t.Errorf("POST form %s has no _csrf field", a)
				}
			}
			for _, l := range all(root, tag("label")) {
				if f, ok := attr(l, "for"); ok && byID(root, f) == nil {
					t.Errorf("label for=%q points nowhere", f)
				}
			}
			for _, n := range all(root, func(n *html.Node) bool { _, ok := attr(n, "aria-describedby"); return ok }) {
				v, _ := attr(n, "aria-describedby")
				for _, ref := range strings.Fields(v) {
					if byID(root, ref) == nil {
						t.Errorf("aria-describedby=%q on <%s> points nowhere", ref, n.Data)
					}
				}
			}
			if byID(root, "cart-badge") == nil {
				t.Error("no cart badge in the header")
			}
		})
	}
}

func TestCartBadge(t *testing.T) {
	p := userPage(false)
	p.CartCount = 3
	root, _ := doc(t, catalog.Home(p, catalog.HomeView{}))
	link := byID(root, "cart-link")
	if link == nil {
		t.Fatal("no cart link")
	}
	mustAttr(t, link, "href", "/cart")
	b := byID(link, "cart-badge")
	mustAttr(t, b, "data-count", "3")
	if got := text(b); !strings.Contains(got, "3") || !strings.Contains(got, "3 items") {
		t.Errorf("badge text %q", got)
	}
	p.CartCount = 0
	root, _ = doc(t, catalog.Home(p, catalog.HomeView{}))
	if b := byID(root, "cart-badge"); b == nil || !hasClass(b, "cart-badge-empty") || text(b) != "" {
		t.Error("an empty cart's badge is not empty and hidden")
	}
	p.CartCount = 250
	root, _ = doc(t, catalog.Home(p, catalog.HomeView{}))
	if got := text(byID(root, "cart-badge")); !strings.HasPrefix(got, "99+") {
		t.Errorf("a large count reads %q", got)
	}
	// Fragments update it out of band.
	frag := render(t, cart.Fragment(csrf, sampleCart(), "Updated."))
	if !strings.HasPrefix(frag, `<div id="cart"`) || !strings.Contains(frag, `id="cart-badge"`) || !strings.Contains(frag, `hx-swap-oob="true"`) {
		t.Errorf("cart fragment: %s", frag)
	}
	frag = render(t, catalog.BuyBoxFragment(csrf, sampleProduct(), 4))
	if !strings.HasPrefix(frag, `<form id="buy-box"`) || !strings.Contains(frag, `data-count="4"`) {
		t.Errorf("buy box fragment: %s", frag)
	}
}

func TestCartLines(t *testing.T) {
	root, _ := doc(t, cart.Page(userPage(false), sampleCart()))
	// Each line: a quantity form that works without JavaScript and swaps
	// the cart with htmx, and a remove button posting quantity 0.
	forms := all(byID(root, "item-"+variationA), tag("form"))
	if len(forms) != 2 {
		t.Fatalf("%d forms on a line, want quantity and remove", len(forms))
	}
	for _, f := range forms {
		mustAttr(t, f, "action", "/cart/items/"+variationA)
		mustAttr(t, f, "hx-post", "/cart/items/"+variationA)
		mustAttr(t, f, "hx-target", "#cart")
	}
	mustAttr(t, first(forms[1], tagAttr("input", "name", "quantity")), "value", "0")
	qty := byID(root, "qty-"+variationB)
	mustAttr(t, qty, "value", "4") // what was typed, with its error
	mustAttr(t, qty, "aria-invalid", "true")
	if got := text(byID(root, "problem-"+variationB)); got != "Only 1 left" {
		t.Errorf("problem %q", got)
	}
	mustAttr(t, byID(root, "checkout-button"), "href", "/checkout")

	guest := sampleCart()
	guest.SignedIn = false
	root, _ = doc(t, cart.Page(anonPage(), guest))
	mustAttr(t, byID(root, "checkout-button"), "href", "/login?next=%2Fcheckout")

	root, _ = doc(t, cart.Page(anonPage(), cart.View{}))
	if byID(root, "checkout-button") != nil || !strings.Contains(text(byID(root, "cart")), "Your cart is empty") {
		t.Error("the empty cart")
	}
}

func TestCheckoutForm(t *testing.T) {
	root, _ := doc(t, cart.Checkout(userPage(false), cart.CheckoutView{Cart: sampleCart(), Form: cart.CheckoutForm{CheckoutID: "c-1", City: "Amsterdam"}}))
	f := byID(root, "checkout-form")
	mustAttr(t, f, "action", "/checkout")
	mustAttr(t, f, "method", "post")
	mustAttr(t, first(f, tagAttr("input", "name", "checkout_id")), "value", "c-1")
	for _, name := range []string{"full_name", "address", "city", "postal_code", "country"} {
		if first(f, tagAttr("input", "name", name)) == nil {
			t.Errorf("no %s field", name)
		}
	}
	mustAttr(t, byID(root, "field-city"), "value", "Amsterdam")
}

func TestOrderPageStates(t *testing.T) {
	v := sampleOrder()
	root, _ := doc(t, orders.Page(userPage(false), v))
	pay := byID(root, "pay-form")
	if pay == nil {
		t.Fatal("an unpaid order has no pay form")
	}
	mustAttr(t, pay, "action", "/orders/"+orderID+"/pay")
	mustAttr(t, first(pay, tagAttr("input", "name", "idempotency_key")), "value", v.Pay.Key)
	mustAttr(t, byID(root, "field-card_number"), "aria-invalid", "true")
	if st := byID(root, "order-status"); st == nil {
		t.Fatal("no #order-status")
	} else if _, ok := attr(st, "hx-trigger"); ok {
		t.Error("an unpaid order polls")
	}
	if !strings.Contains(text(byID(root, "pay-before")), "14:05 UTC") {
		t.Error("no deadline")
	}
	mustAttr(t, byID(root, "cancel-form"), "action", "/orders/"+orderID+"/cancel")

	v.CanPay, v.Confirming, v.CanCancel = false, true, false
	root, _ = doc(t, orders.Page(userPage(false), v))
	st := byID(root, "order-status")
	mustAttr(t, st, "hx-get", "/orders/"+orderID+"/status")
	mustAttr(t, st, "hx-trigger", "every 1s")
	if !strings.Contains(text(st), "Payment received, confirming") || first(st, tagAttr("a", "href", "/orders/"+orderID)) == nil {
		t.Error("the confirming state has no message or refresh link")
	}
	if byID(root, "pay-form") != nil || byID(root, "cancel-form") != nil {
		t.Error("the confirming state offers to pay or cancel")
	}
}

func TestSellerOrdersTab(t *testing.T) {
	root, _ := doc(t, seller.Orders(userPage(false), sampleSellerOrders()))
	tab := first(root, tagAttr("a", "href", "/seller/orders"))
	if tab == nil || !hasClass(tab, "tab") {
		t.Fatal("no Orders tab")
	}
	mustAttr(t, tab, "aria-current", "page")
	ship := first(root, tagAttr("form", "action", "/seller/orders/"+orderID+"/ship"))
	if ship == nil {
		t.Fatal("a paid order has no ship form")
	}
	mustAttr(t, first(ship, tagAttr("input", "name", "status")), "value", "paid")
}
