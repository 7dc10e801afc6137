package views_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/a-h/templ"
	"golang.org/x/net/html"

	"github.com/marketplace/marketplace/views/account"
	"github.com/marketplace/marketplace/views/admin"
	"github.com/marketplace/marketplace/views/catalog"
	"github.com/marketplace/marketplace/views/components"
	"github.com/marketplace/marketplace/views/errorpage"
	"github.com/marketplace/marketplace/views/layout"
	"github.com/marketplace/marketplace/views/seller"
)

// A token with characters that must survive attribute and JSON escaping.
const csrf = `tok"en<&>'1`

const evil = `<script>alert("x")</script>`

func anonPage() layout.Page {
	return layout.Page{
		Title:  "Home",
		CSRF:   csrf,
		Assets: layout.Assets{CSS: "/static/css/app.css?v=abc", HTMX: "/static/js/htmx.min.js?v=def"},
	}
}

func userPage(admin bool) layout.Page {
	p := anonPage()
	p.User = &layout.User{Name: "Ada " + evil, Role: "shopper", IsAdmin: admin}
	return p
}

func sampleCards(n int) []catalog.ProductCard {
	cards := make([]catalog.ProductCard, n)
	for i := range cards {
		cards[i] = catalog.ProductCard{
			ID:       fmt.Sprintf("0190c3b2-0000-7000-8000-%012d", i),
			Name:     fmt.Sprintf("Hand-thrown mug no. %d", i),
			URL:      fmt.Sprintf("/products/0190c3b2-0000-7000-8000-%012d", i),
			Price:    "€24.00",
			ShopName: "Clay & Co",
			ImageURL: fmt.Sprintf("/media/products/%d/400.jpg", i),
			ImageAlt: "A blue glazed mug",
			Category: "Kitchen",
		}
	}
	return cards
}

func render(t *testing.T, c templ.Component) string {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(context.Background(), &buf); err != nil {
		t.Fatalf("render: %v", err)
	}
	return buf.String()
}

// doc renders c and parses it as a browser would.
func doc(t *testing.T, c templ.Component) (*html.Node, string) {
	t.Helper()
	s := render(t, c)
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return n, s
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func all(root *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
	}
	return out
}

func first(root *html.Node, match func(*html.Node) bool) *html.Node {
	if ns := all(root, match); len(ns) > 0 {
		return ns[0]
	}
	return nil
}

func byID(root *html.Node, id string) *html.Node {
	return first(root, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == id })
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func tagAttr(name, key, val string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		v, ok := attr(n, key)
		return n.Data == name && ok && v == val
	}
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	return strings.Contains(" "+v+" ", " "+class+" ")
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.TrimSpace(b.String())
}

func mustAttr(t *testing.T, n *html.Node, key, want string) {
	t.Helper()
	got, ok := attr(n, key)
	if !ok {
		t.Errorf("<%s> has no %s attribute, want %q", n.Data, key, want)
		return
	}
	if got != want {
		t.Errorf("<%s %s=%q>, want %q", n.Data, key, got, want)
	}
}

// fullPages are every full page with sample data, for checks all pages share.
func fullPages() map[string]templ.Component {
	errs := map[string]string{"name": "Enter your name.", "email": "Enter a valid email.", "password": "Too short."}
	return map[string]templ.Component{
		"home":     catalog.Home(userPage(true), catalog.HomeView{NewArrivals: sampleCards(3), TopRated: sampleCards(2), Categories: []catalog.CategoryLink{{Name: "Kitchen", URL: "/products?category=kitchen", Active: true}}}),
		"register": account.Register(anonPage(), account.RegisterForm{Name: "Ada", Email: "ada@example.com", Errors: errs, Error: "Could not create the account."}),
		"login":    account.Login(anonPage(), account.LoginForm{Email: "ada@example.com", Next: "/cart", Errors: errs, Error: "Wrong email or password."}),
		"admin":    admin.Dashboard(userPage(true), admin.DashboardView{UsersTotal: "1,204", Stats: []admin.Stat{{Label: "Orders today", Value: "32"}}}),
		"error":    errorpage.Error(anonPage(), 404, "Page not found", ""),
		"listing":  catalog.Listing(userPage(false), sampleListing()),
		"product":  catalog.ProductPage(userPage(false), sampleProduct()),
		"product with own review": catalog.ProductPage(userPage(true), func() catalog.ProductView {
			v := sampleProduct()
			v.Reviews.SignedIn, v.Reviews.IsAdmin = true, true
			v.Reviews.Mine = &v.Reviews.Items[0]
			v.Reviews.Form = catalog.ReviewForm{Rating: 5, Body: "Lovely.", Errors: map[string]string{"rating": "Choose."}, Open: true}
			return v
		}()),
		"product review form": catalog.ProductPage(userPage(false), func() catalog.ProductView {
			v := sampleProduct()
			v.Reviews.SignedIn = true
			v.Reviews.Form = catalog.ReviewForm{Errors: map[string]string{"rating": "Choose.", "body": "Too long."}, Error: "Fix it."}
			return v
		}()),
		"shop":             catalog.ShopPage(anonPage(), sampleShop()),
		"account":          account.Settings(userPage(false), sampleSettings()),
		"seller open shop": seller.ShopSettings(userPage(false), seller.ShopPage{Form: seller.ShopForm{Errors: map[string]string{"name": "Taken."}}}),
		"seller shop":      seller.ShopSettings(userPage(false), seller.ShopPage{HasShop: true, Shell: sampleShell(seller.TabShop), Form: seller.ShopForm{Name: "Clay & Co"}, CloseError: "Tick it."}),
		"seller overview":  seller.OverviewPage(userPage(false), sampleOverview()),
		"seller products":  seller.Products(userPage(false), sampleProductsPage()),
		"seller new":       seller.NewProduct(userPage(false), seller.NewProductPage{Shell: sampleShell(seller.TabProducts), Form: sampleProductForm("")}),
		"seller editor":    seller.EditProduct(userPage(false), sampleEditor()),
		"seller movements": seller.Movements(userPage(false), sampleMovements()),
		"seller reviews":   seller.Reviews(userPage(false), seller.ReviewsPage{Shell: sampleShell(seller.TabReviews), Rows: sampleOverview().Reviews}),
	}
}

func sampleListing() catalog.ListingView {
	return catalog.ListingView{
		Query:    "mug",
		Category: "kitchen",
		Heading:  `Results for "mug"`,
		Summary:  "24 products",
		Categories: []catalog.CategoryLink{
			{Name: "Kitchen", URL: "/products?category=kitchen&q=mug", Active: true},
			{Name: "Garden", URL: "/products?category=garden&q=mug"},
		},
		Products: sampleCards(3),
		Pages: components.PageLinks{
			PrevURL: "/products?category=kitchen&page=1&q=mug",
			NextURL: "/products?category=kitchen&page=3&q=mug",
			Status:  "Page 2 of 3",
		},
	}
}

func sampleProduct() catalog.ProductView {
	return catalog.ProductView{
		ID:          "0190c3b2-0000-7000-8000-000000000001",
		Name:        "Hand-thrown mug",
		ShopName:    "Clay & Co",
		Category:    "Kitchen",
		CategoryURL: "/products?category=kitchen",
		Description: "Stoneware, glazed by hand.\nHolds 350 ml.\n\nDishwasher safe.",
		PriceFrom:   "€18.00",
		ShopURL:     "/shops/clay-and-co",
		Images: []catalog.GalleryImage{
			{ThumbURL: "/media/a/thumb.jpg", MediumURL: "/media/a/medium.jpg", LargeURL: "/media/a/large.jpg", Alt: "A blue glazed mug"},
			{ThumbURL: "/media/b/thumb.jpg", MediumURL: "/media/b/medium.jpg", LargeURL: "/media/b/large.jpg"},
		},
		Rating: components.Rating{Average: 4.5, Count: 12},
		Variations: []catalog.VariationView{
			{ID: "0190c3b2-0000-7000-8000-0000000000a1", Name: "Blue", SKU: "MUG-BLU", Price: "€18.00", Availability: "In stock", InStock: true},
			{ID: "0190c3b2-0000-7000-8000-0000000000a2", Name: "Green", SKU: "MUG-GRN", Price: "€18.00", Availability: "Out of stock"},
			{ID: "0190c3b2-0000-7000-8000-0000000000a3", Name: "Large, speckled", SKU: "MUG-L-SPK", Price: "€24.50", Availability: "Only 2 left", InStock: true, Low: true},
		},
		Reviews: catalog.ReviewsView{
			ProductID: "0190c3b2-0000-7000-8000-000000000001",
			Rating:    components.Rating{Average: 4.5, Count: 12},
			Page:      1, Pages: 2,
			Items: []catalog.ReviewItem{
				{ID: "r1", Author: "Bea", Rating: 5, Body: "Lovely.", Date: "1 Mar 2026", DateTime: "2026-03-01T10:00:00Z", Verified: true},
				{ID: "r2", Author: "Cy", Rating: 4, Body: "Good.", Date: "2 Mar 2026", DateTime: "2026-03-02T10:00:00Z"},
			},
		},
	}
}

func TestFullPagesShareTheShell(t *testing.T) {
	for name, c := range fullPages() {
		t.Run(name, func(t *testing.T) {
			root, raw := doc(t, c)
			if !strings.HasPrefix(strings.ToLower(raw), "<!doctype html>") {
				t.Errorf("page does not start with a doctype: %.40q", raw)
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
			// Every POST form carries the CSRF token.
			for _, f := range all(root, tagAttr("form", "method", "post")) {
				in := first(f, tagAttr("input", "name", "_csrf"))
				if in == nil {
					a, _ := attr(f, "action")
					t.Errorf("POST form %s has no _csrf field", a)
					continue
				}
				mustAttr(t, in, "type", "hidden")
				mustAttr(t, in, "value", csrf)
			}
			// Every labelled control points at an existing element.
			for _, l := range all(root, tag("label")) {
				if f, ok := attr(l, "for"); ok && byID(root, f) == nil {
					t.Errorf("label for=%q points nowhere", f)
				}
			}
			if main := byID(root, "main"); main == nil || main.Data != "main" {
				t.Error("no <main id=main> for the skip link")
			}
		})
	}
}

func TestBaseHeadAndHeaders(t *testing.T) {
	p := anonPage()
	p.Query = `mugs "blue" ` + evil
	p.Flash = "Welcome back!"
	root, raw := doc(t, catalog.Home(p, catalog.HomeView{}))

	if strings.Contains(raw, evil) {
		t.Error("search query rendered unescaped")
	}
	meta := first(root, tagAttr("meta", "name", "csrf-token"))
	if meta == nil {
		t.Fatal("no csrf-token meta")
	}
	mustAttr(t, meta, "content", csrf)

	body := first(root, tag("body"))
	hx, _ := attr(body, "hx-headers")
	var headers map[string]string
	if err := json.Unmarshal([]byte(hx), &headers); err != nil {
		t.Fatalf("hx-headers %q is not JSON: %v", hx, err)
	}
	if headers["X-CSRF-Token"] != csrf {
		t.Errorf("hx-headers X-CSRF-Token = %q, want %q", headers["X-CSRF-Token"], csrf)
	}

	script := first(root, func(n *html.Node) bool { _, ok := attr(n, "src"); return n.Data == "script" && ok })
	if script == nil {
		t.Fatal("no htmx script tag")
	}
	mustAttr(t, script, "src", p.Assets.HTMX)
	if _, ok := attr(script, "defer"); !ok {
		t.Error("htmx script is not deferred")
	}
	css := first(root, tagAttr("link", "rel", "stylesheet"))
	if css == nil {
		t.Fatal("no stylesheet link")
	}
	mustAttr(t, css, "href", p.Assets.CSS)
	if title := text(first(root, tag("title"))); title != "Home · Marketplace" {
		t.Errorf("title = %q", title)
	}

	search := first(root, tagAttr("form", "role", "search"))
	if search == nil {
		t.Fatal("no search form")
	}
	mustAttr(t, search, "action", "/products")
	mustAttr(t, search, "method", "get")
	q := first(search, tagAttr("input", "name", "q"))
	if q == nil {
		t.Fatal("search form has no q input")
	}
	mustAttr(t, q, "value", p.Query)

	flash := byID(root, "flash")
	if flash == nil {
		t.Fatal("no flash region")
	}
	mustAttr(t, flash, "role", "status")
	if got := text(flash); got != p.Flash {
		t.Errorf("flash = %q, want %q", got, p.Flash)
	}

	brand := first(root, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "brand") })
	if brand == nil || !strings.Contains(text(brand), "Marketplace") {
		t.Error("no logo link")
	} else {
		mustAttr(t, brand, "href", "/")
	}
}

func TestBaseDefaultsAssetURLs(t *testing.T) {
	p := anonPage()
	p.Assets = layout.Assets{}
	root, _ := doc(t, errorpage.Error(p, 500, "", ""))
	mustAttr(t, first(root, tagAttr("link", "rel", "stylesheet")), "href", "/static/css/app.css")
	mustAttr(t, first(root, tag("script")), "src", "/static/js/htmx.min.js")
}

func TestNavAnonymous(t *testing.T) {
	root, _ := doc(t, catalog.Home(anonPage(), catalog.HomeView{}))
	if first(root, tagAttr("a", "href", "/login")) == nil {
		t.Error("no Log in link")
	}
	if first(root, tagAttr("a", "href", "/register")) == nil {
		t.Error("no Register link")
	}
	if byID(root, "nav-user") != nil {
		t.Error("anonymous page shows #nav-user")
	}
	if first(root, tagAttr("form", "action", "/logout")) != nil {
		t.Error("anonymous page has a logout form")
	}
}

func TestNavSignedIn(t *testing.T) {
	for _, isAdmin := range []bool{false, true} {
		t.Run(fmt.Sprintf("admin=%v", isAdmin), func(t *testing.T) {
			p := userPage(isAdmin)
			root, raw := doc(t, catalog.Home(p, catalog.HomeView{}))
			if strings.Contains(raw, evil) {
				t.Error("user name rendered unescaped")
			}
			u := byID(root, "nav-user")
			if u == nil {
				t.Fatal("no #nav-user")
			}
			if got := text(u); got != p.User.Name {
				t.Errorf("#nav-user = %q, want %q", got, p.User.Name)
			}
			if got := first(root, tagAttr("a", "href", "/admin")) != nil; got != isAdmin {
				t.Errorf("admin link shown = %v, want %v", got, isAdmin)
			}
			if first(root, tagAttr("a", "href", "/login")) != nil {
				t.Error("signed-in page shows Log in")
			}
			logout := first(root, tagAttr("form", "action", "/logout"))
			if logout == nil {
				t.Fatal("no logout form")
			}
			mustAttr(t, logout, "method", "post")
			if in := first(logout, tagAttr("input", "name", "_csrf")); in == nil {
				t.Error("logout form has no _csrf")
			} else {
				mustAttr(t, in, "value", csrf)
			}
			if first(logout, tagAttr("button", "type", "submit")) == nil {
				t.Error("logout form has no submit button")
			}
		})
	}
}

func TestHomeProductGrid(t *testing.T) {
	cards := sampleCards(3)
	cards[1].Name = evil
	cards[1].ShopName = evil
	cards[2].ImageURL = ""
	cards[2].ImageAlt = ""
	v := catalog.HomeView{
		NewArrivals: cards,
		Categories: []catalog.CategoryLink{
			{Name: "Kitchen", URL: "/products?category=kitchen", Active: true},
			{Name: "Garden", URL: "/products?category=garden"},
		},
	}
	root, raw := doc(t, catalog.Home(anonPage(), v))

	if strings.Contains(raw, evil) {
		t.Error("product text rendered unescaped")
	}
	if n := len(all(root, tag("script"))); n != 1 {
		t.Errorf("%d <script> elements, want only htmx", n)
	}
	grid := byID(root, "product-grid")
	if grid == nil {
		t.Fatal("no #product-grid")
	}
	articles := all(grid, func(n *html.Node) bool { return n.Data == "article" && hasClass(n, "product-card") })
	if len(articles) != len(cards) {
		t.Fatalf("%d product cards, want %d", len(articles), len(cards))
	}
	for i, a := range articles {
		c := cards[i]
		mustAttr(t, a, "data-product-id", c.ID)
		link := first(a, tagAttr("a", "href", c.URL))
		if link == nil {
			t.Errorf("card %d has no link to %s", i, c.URL)
		} else if text(link) != c.Name {
			t.Errorf("card %d link text = %q, want %q", i, text(link), c.Name)
		}
		if !strings.Contains(text(a), c.Price) {
			t.Errorf("card %d does not show the price %q", i, c.Price)
		}
		if !strings.Contains(text(a), c.ShopName) {
			t.Errorf("card %d does not show the shop %q", i, c.ShopName)
		}
		img := first(a, tag("img"))
		if img == nil {
			t.Fatalf("card %d has no image", i)
		}
		for _, k := range []string{"alt", "width", "height"} {
			if _, ok := attr(img, k); !ok {
				t.Errorf("card %d image has no %s", i, k)
			}
		}
	}
	mustAttr(t, first(articles[0], tag("img")), "src", cards[0].ImageURL)
	mustAttr(t, first(articles[0], tag("img")), "alt", cards[0].ImageAlt)
	mustAttr(t, first(articles[2], tag("img")), "src", catalog.PlaceholderImage)

	chip := first(root, tagAttr("a", "href", "/products?category=kitchen"))
	if chip == nil {
		t.Fatal("no category chip")
	}
	mustAttr(t, chip, "aria-current", "page")
	if _, ok := attr(first(root, tagAttr("a", "href", "/products?category=garden")), "aria-current"); ok {
		t.Error("inactive chip marked current")
	}
}

func TestProductGridFragment(t *testing.T) {
	raw := render(t, catalog.ProductGrid(sampleCards(2)))
	if strings.Contains(raw, "<html") || strings.Contains(raw, "<body") {
		t.Error("fragment renders the page shell")
	}
	if !strings.HasPrefix(raw, `<div id="product-grid"`) {
		t.Errorf("fragment does not start with the #product-grid container: %.60q", raw)
	}

	root, _ := doc(t, catalog.ProductGrid(nil))
	grid := byID(root, "product-grid")
	if grid == nil {
		t.Fatal("empty grid lost its id")
	}
	if first(grid, tag("article")) != nil {
		t.Error("empty grid renders cards")
	}
	if first(grid, func(n *html.Node) bool { return hasClass(n, "empty-state") }) == nil {
		t.Error("empty grid has no empty state")
	}
}

// fieldChecks asserts that the named input exists in the form and, when
// wantErr is set, is marked invalid and described by a visible message.
func fieldChecks(t *testing.T, root, form *html.Node, name, wantErr string) *html.Node {
	t.Helper()
	in := first(form, tagAttr("input", "name", name))
	if in == nil {
		t.Fatalf("no %s input", name)
	}
	id, _ := attr(in, "id")
	if id == "" || first(root, tagAttr("label", "for", id)) == nil {
		t.Errorf("%s input has no label", name)
	}
	inv, hasInv := attr(in, "aria-invalid")
	if wantErr == "" {
		if hasInv {
			t.Errorf("%s input marked aria-invalid=%q without an error", name, inv)
		}
		return in
	}
	if inv != "true" {
		t.Errorf("%s input aria-invalid = %q, want true", name, inv)
	}
	desc, _ := attr(in, "aria-describedby")
	found := false
	for _, ref := range strings.Fields(desc) {
		if n := byID(root, ref); n != nil && text(n) == wantErr {
			found = true
		}
	}
	if !found {
		t.Errorf("%s input aria-describedby=%q does not reach the message %q", name, desc, wantErr)
	}
	return in
}

func TestRegisterForm(t *testing.T) {
	errs := map[string]string{"email": "That email is already registered.", "password": "Use at least 8 characters."}
	f := account.RegisterForm{Name: "Ada " + evil, Email: "ada@example.com", Errors: errs, Error: "Please fix the problems below."}
	root, raw := doc(t, account.Register(anonPage(), f))
	if strings.Contains(raw, evil) {
		t.Error("name rendered unescaped")
	}
	form := first(root, tagAttr("form", "action", "/register"))
	if form == nil {
		t.Fatal("no register form")
	}
	mustAttr(t, form, "method", "post")
	mustAttr(t, form, "id", "register-form")

	name := fieldChecks(t, root, form, "name", "")
	mustAttr(t, name, "value", f.Name)
	email := fieldChecks(t, root, form, "email", errs["email"])
	mustAttr(t, email, "type", "email")
	mustAttr(t, email, "value", f.Email)
	pw := fieldChecks(t, root, form, "password", errs["password"])
	mustAttr(t, pw, "type", "password")
	mustAttr(t, pw, "autocomplete", "new-password")
	mustAttr(t, pw, "minlength", "8")
	if _, ok := attr(pw, "value"); ok {
		t.Error("password input has a value attribute")
	}

	alert := first(root, tagAttr("div", "role", "alert"))
	if alert == nil || text(alert) != f.Error {
		t.Errorf("no role=alert box with %q", f.Error)
	}
}

func TestRegisterFormWithoutErrors(t *testing.T) {
	root, _ := doc(t, account.Register(anonPage(), account.RegisterForm{}))
	if first(root, tagAttr("div", "role", "alert")) != nil {
		t.Error("alert box shown without an error")
	}
	if n := all(root, func(n *html.Node) bool { _, ok := attr(n, "aria-invalid"); return ok }); len(n) != 0 {
		t.Errorf("%d controls marked invalid without errors", len(n))
	}
}

func TestLoginForm(t *testing.T) {
	f := account.LoginForm{Email: "ada@example.com", Next: "/orders?x=1&y=2", Errors: map[string]string{"email": "Enter your email."}, Error: "Wrong email or password."}
	root, _ := doc(t, account.Login(anonPage(), f))
	form := first(root, tagAttr("form", "action", "/login"))
	if form == nil {
		t.Fatal("no login form")
	}
	mustAttr(t, form, "method", "post")
	fieldChecks(t, root, form, "email", "Enter your email.")
	pw := fieldChecks(t, root, form, "password", "")
	mustAttr(t, pw, "type", "password")
	mustAttr(t, pw, "autocomplete", "current-password")
	next := first(form, tagAttr("input", "name", "next"))
	if next == nil {
		t.Fatal("no next field")
	}
	mustAttr(t, next, "type", "hidden")
	mustAttr(t, next, "value", f.Next)
	if alert := first(root, tagAttr("div", "role", "alert")); alert == nil || text(alert) != f.Error {
		t.Errorf("no role=alert box with %q", f.Error)
	}

	root, _ = doc(t, account.Login(anonPage(), account.LoginForm{}))
	if first(root, tagAttr("input", "name", "next")) != nil {
		t.Error("empty next rendered")
	}
}

func TestFieldNeverEchoesPassword(t *testing.T) {
	raw := render(t, components.Field(components.FieldProps{Name: "password", Label: "Password", Type: "password", Value: "hunter22"}))
	if strings.Contains(raw, "hunter22") {
		t.Errorf("password echoed: %s", raw)
	}
}

func TestFieldHintAndError(t *testing.T) {
	root, _ := doc(t, components.Field(components.FieldProps{
		Name: "sku", Label: "SKU", Hint: "Letters and digits.", Error: "Already used.",
		Attrs: templ.Attributes{"required": true, "autocomplete": "off"},
	}))
	in := first(root, tag("input"))
	mustAttr(t, in, "type", "text")
	mustAttr(t, in, "aria-describedby", "sku-hint sku-error")
	mustAttr(t, in, "autocomplete", "off")
	if _, ok := attr(in, "required"); !ok {
		t.Error("extra boolean attribute lost")
	}
}

func TestDashboard(t *testing.T) {
	v := admin.DashboardView{
		UsersTotal: "1,204",
		Stats:      []admin.Stat{{Label: "Orders today", Value: "32", Hint: "+4 on yesterday"}, {Label: evil, Value: "7"}},
	}
	root, raw := doc(t, admin.Dashboard(userPage(true), v))
	if strings.Contains(raw, evil) {
		t.Error("stat label rendered unescaped")
	}
	if h1 := first(root, tag("h1")); h1 == nil || text(h1) != "Platform dashboard" {
		t.Error("no Platform dashboard heading")
	}
	total := byID(root, "stat-users-total")
	if total == nil || text(total) != "1,204" {
		t.Errorf("#stat-users-total missing or wrong")
	}
	if byID(root, "dashboard-stats") == nil {
		t.Error("no #dashboard-stats fragment container")
	}
	if n := len(all(root, func(n *html.Node) bool { return hasClass(n, "stat") })); n != 3 {
		t.Errorf("%d stat tiles, want 3", n)
	}
}

func TestErrorPage(t *testing.T) {
	root, raw := doc(t, errorpage.Error(anonPage(), 404, "Page not found", "No such "+evil))
	if strings.Contains(raw, evil) {
		t.Error("message rendered unescaped")
	}
	if !strings.Contains(text(first(root, tag("main"))), "404") {
		t.Error("status code not shown")
	}
	if h1 := first(root, tag("h1")); h1 == nil || text(h1) != "Page not found" {
		t.Error("wrong heading")
	}
	if first(first(root, tag("main")), tagAttr("a", "href", "/")) == nil {
		t.Error("no link home")
	}

	root, _ = doc(t, errorpage.Error(anonPage(), 503, "", ""))
	if h1 := first(root, tag("h1")); h1 == nil || text(h1) != "Service Unavailable" {
		t.Errorf("empty title did not fall back to the status text")
	}
}

func TestPagination(t *testing.T) {
	if raw := render(t, components.Pagination(components.PageLinks{})); raw != "" {
		t.Errorf("pagination without links rendered %q", raw)
	}
	root, _ := doc(t, components.Pagination(components.PageLinks{NextURL: "/products?page=2", Status: "Page 1 of 3"}))
	next := first(root, tagAttr("a", "rel", "next"))
	if next == nil {
		t.Fatal("no next link")
	}
	mustAttr(t, next, "href", "/products?page=2")
	if first(root, tagAttr("a", "rel", "prev")) != nil {
		t.Error("prev link without a URL")
	}
}

func TestEmptyStateActions(t *testing.T) {
	c := components.EmptyState("No orders yet", "When you buy something it shows here.")
	var buf bytes.Buffer
	action := templ.Raw(`<a href="/products">Shop now</a>`)
	if err := c.Render(templ.WithChildren(context.Background(), action), &buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Shop now") || !strings.Contains(buf.String(), "No orders yet") {
		t.Errorf("empty state lost its content: %s", buf.String())
	}
}

func TestFooterLinksOnlyToExistingPages(t *testing.T) {
	root, _ := doc(t, catalog.Home(anonPage(), catalog.HomeView{}))
	footer := first(root, tag("footer"))
	if footer == nil {
		t.Fatal("no footer")
	}
	hrefs := map[string]bool{}
	for _, a := range all(footer, tag("a")) {
		h, _ := attr(a, "href")
		hrefs[h] = true
	}
	for _, want := range []string{"/", "/products"} {
		if !hrefs[want] {
			t.Errorf("footer has no link to %s", want)
		}
	}
	for _, gone := range []string{"/orders", "/cart"} {
		if hrefs[gone] {
			t.Errorf("footer links to %s, which does not exist yet", gone)
		}
	}
}

// mustSwapListing asserts that a link works without JavaScript and, with
// htmx, fetches the same URL and replaces #listing-results, pushing the URL.
func mustSwapListing(t *testing.T, a *html.Node, swap string) {
	t.Helper()
	href, _ := attr(a, "href")
	mustAttr(t, a, "hx-get", href)
	mustAttr(t, a, "hx-target", "#listing-results")
	mustAttr(t, a, "hx-swap", swap)
	mustAttr(t, a, "hx-push-url", "true")
}

func TestListingPage(t *testing.T) {
	v := sampleListing()
	v.Query = evil
	v.Heading = `Results for "` + evil + `"`
	v.Categories[1].Name = evil
	v.Products[0].Name = evil
	p := userPage(false)
	p.Query = v.Query
	root, raw := doc(t, catalog.Listing(p, v))

	if strings.Contains(raw, evil) {
		t.Error("user text rendered unescaped")
	}
	if n := len(all(root, tag("script"))); n != 1 {
		t.Errorf("%d <script> elements, want only htmx", n)
	}
	res := byID(root, "listing-results")
	if res == nil {
		t.Fatal("no #listing-results")
	}
	if h1 := first(res, tag("h1")); h1 == nil || text(h1) != v.Heading {
		t.Errorf("no <h1> %q in the listing", v.Heading)
	}
	if s := byID(res, "listing-summary"); s == nil || text(s) != v.Summary {
		t.Errorf("no summary %q", v.Summary)
	}
	if grid := byID(res, "product-grid"); grid == nil {
		t.Error("no #product-grid in the listing")
	} else if n := len(all(grid, tag("article"))); n != len(v.Products) {
		t.Errorf("%d cards, want %d", n, len(v.Products))
	}

	form := first(res, func(n *html.Node) bool { return n.Data == "form" && hasClass(n, "listing-search") })
	if form == nil {
		t.Fatal("no search form in the listing")
	}
	mustAttr(t, form, "action", "/products")
	mustAttr(t, form, "method", "get")
	mustAttr(t, form, "role", "search")
	if q := first(form, tagAttr("input", "name", "q")); q == nil {
		t.Error("search form has no q input")
	} else {
		mustAttr(t, q, "value", v.Query)
	}
	if cat := first(form, tagAttr("input", "name", "category")); cat == nil {
		t.Error("search form drops the current category")
	} else {
		mustAttr(t, cat, "type", "hidden")
		mustAttr(t, cat, "value", v.Category)
	}

	for i, c := range v.Categories {
		chip := first(res, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "chip") && text(n) == c.Name })
		if chip == nil {
			t.Errorf("no chip %q", c.Name)
			continue
		}
		mustAttr(t, chip, "href", c.URL)
		mustSwapListing(t, chip, "outerHTML")
		if _, cur := attr(chip, "aria-current"); cur != c.Active {
			t.Errorf("chip %d aria-current present = %v, want %v", i, cur, c.Active)
		}
	}
}

func TestListingSearchWithoutCategory(t *testing.T) {
	v := sampleListing()
	v.Category = ""
	root, _ := doc(t, catalog.ListingResults(v))
	if first(root, tagAttr("input", "name", "category")) != nil {
		t.Error("category field rendered without a category")
	}
}

func TestHomeChipsDoNotSwapTheListing(t *testing.T) {
	v := catalog.HomeView{Categories: []catalog.CategoryLink{{Name: "Kitchen", URL: "/products?category=kitchen"}}}
	root, _ := doc(t, catalog.Home(anonPage(), v))
	chip := first(root, tagAttr("a", "href", "/products?category=kitchen"))
	if chip == nil {
		t.Fatal("no chip")
	}
	if _, ok := attr(chip, "hx-get"); ok {
		t.Error("home chip targets #listing-results, which the home page does not have")
	}
}

func TestListingResultsFragment(t *testing.T) {
	raw := render(t, catalog.ListingResults(sampleListing()))
	if strings.Contains(raw, "<html") || strings.Contains(raw, "<body") || strings.Contains(raw, "site-header") {
		t.Error("fragment renders the page shell")
	}
	if !strings.HasPrefix(raw, `<section id="listing-results"`) {
		t.Errorf("fragment does not start with the #listing-results container: %.60q", raw)
	}
	root, _ := doc(t, catalog.ListingResults(sampleListing()))
	if byID(byID(root, "listing-results"), "product-grid") == nil {
		t.Error("fragment has no #product-grid")
	}
}

func TestListingEmpty(t *testing.T) {
	v := sampleListing()
	v.Products = nil
	v.Summary = "No products match"
	v.Pages = components.PageLinks{}
	root, _ := doc(t, catalog.ListingResults(v))
	grid := byID(root, "product-grid")
	if grid == nil {
		t.Fatal("empty listing lost #product-grid")
	}
	empty := first(grid, func(n *html.Node) bool { return hasClass(n, "empty-state") })
	if empty == nil {
		t.Fatal("no empty state")
	}
	if first(empty, tagAttr("a", "href", "/products")) == nil {
		t.Error("empty state has no link to /products")
	}
	if first(root, func(n *html.Node) bool { return hasClass(n, "pagination") }) != nil {
		t.Error("pagination shown without pages")
	}
}

func TestListingPagination(t *testing.T) {
	const prev, next = "/products?page=1&q=mug", "/products?page=3&q=mug"
	for _, tc := range []struct {
		name       string
		pages      components.PageLinks
		prev, next bool
	}{
		{"none", components.PageLinks{Status: "Page 1 of 1"}, false, false},
		{"first", components.PageLinks{NextURL: next, Status: "Page 1 of 3"}, false, true},
		{"middle", components.PageLinks{PrevURL: prev, NextURL: next, Status: "Page 2 of 3"}, true, true},
		{"last", components.PageLinks{PrevURL: prev, Status: "Page 3 of 3"}, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := sampleListing()
			v.Pages = tc.pages
			root, _ := doc(t, catalog.ListingResults(v))
			nav := first(root, tagAttr("nav", "aria-label", "Pagination"))
			if !tc.prev && !tc.next {
				if nav != nil {
					t.Error("pagination rendered without links")
				}
				return
			}
			if nav == nil {
				t.Fatal("no pagination")
			}
			if !strings.Contains(text(nav), tc.pages.Status) {
				t.Errorf("pagination does not show %q", tc.pages.Status)
			}
			for _, l := range []struct {
				rel, url string
				want     bool
			}{{"prev", tc.pages.PrevURL, tc.prev}, {"next", tc.pages.NextURL, tc.next}} {
				a := first(nav, tagAttr("a", "rel", l.rel))
				if (a != nil) != l.want {
					t.Errorf("%s link present = %v, want %v", l.rel, a != nil, l.want)
					continue
				}
				if a != nil {
					mustAttr(t, a, "href", l.url)
					mustSwapListing(t, a, "outerHTML show:window:top")
				}
			}
		})
	}
}

func TestProductPage(t *testing.T) {
	v := sampleProduct()
	root, raw := doc(t, catalog.ProductPage(userPage(false), v))

	h1 := byID(root, "product-name")
	if h1 == nil || h1.Data != "h1" || text(h1) != v.Name {
		t.Errorf("no <h1 id=product-name> %q", v.Name)
	}
	if !strings.Contains(text(first(root, tag("main"))), "Sold by "+v.ShopName) {
		t.Errorf("no %q", "Sold by "+v.ShopName)
	}
	price := first(root, func(n *html.Node) bool { return hasClass(n, "product-price") })
	if price == nil || text(price) != "From "+v.PriceFrom {
		t.Errorf("no .product-price %q", "From "+v.PriceFrom)
	}
	gallery := first(root, func(n *html.Node) bool { return hasClass(n, "product-media") })
	img := first(gallery, tag("img"))
	if img == nil {
		t.Fatal("no product image")
	}
	mustAttr(t, img, "src", v.Images[0].MediumURL)
	mustAttr(t, img, "alt", v.Images[0].Alt)
	// Without JavaScript, a thumbnail links to its photo's slide (:target).
	slide2 := byID(gallery, "photo-2")
	if slide2 == nil || first(slide2, tagAttr("img", "src", v.Images[1].MediumURL)) == nil {
		t.Fatal("no slide #photo-2 with the second photo")
	}
	if thumb := first(gallery, tagAttr("a", "href", "#photo-2")); thumb == nil || first(thumb, tagAttr("img", "src", v.Images[1].ThumbURL)) == nil {
		t.Error("no thumbnail linking to #photo-2")
	}
	if first(root, tagAttr("a", "href", v.ShopURL)) == nil {
		t.Error("the shop name does not link the shop's page")
	}
	rating := byID(root, "product-rating")
	if rating == nil || !strings.Contains(text(rating), "4.5 out of 5, 12 reviews") {
		t.Error("no accessible rating under the name")
	}

	crumbs := first(root, tagAttr("nav", "aria-label", "Breadcrumb"))
	if crumbs == nil {
		t.Fatal("no breadcrumb")
	}
	items := all(crumbs, tag("li"))
	if len(items) != 3 {
		t.Fatalf("%d breadcrumb items, want Home / Category / Name", len(items))
	}
	mustAttr(t, first(items[0], tag("a")), "href", "/")
	if a := first(items[1], tag("a")); a == nil || text(a) != v.Category {
		t.Errorf("breadcrumb has no link to the category %q", v.Category)
	} else {
		mustAttr(t, a, "href", v.CategoryURL)
	}
	if cur := first(items[2], func(n *html.Node) bool { _, ok := attr(n, "aria-current"); return ok }); cur == nil || text(cur) != v.Name {
		t.Error("last breadcrumb item is not the current page")
	}

	desc := first(root, func(n *html.Node) bool { return hasClass(n, "product-description") })
	if desc == nil || text(desc) != v.Description {
		t.Errorf("description lost its line breaks: %q", raw)
	}

	picker := byID(root, "variations")
	if picker == nil {
		t.Fatal("no #variations")
	}
	rows := all(picker, func(n *html.Node) bool { _, ok := attr(n, "data-variation-id"); return ok })
	if len(rows) != len(v.Variations) {
		t.Fatalf("%d variation options, want %d", len(rows), len(v.Variations))
	}
	for i, r := range rows {
		x := v.Variations[i]
		mustAttr(t, r, "data-variation-id", x.ID)
		for _, want := range []string{x.Name, x.SKU, x.Price, x.Availability} {
			if !strings.Contains(text(r), want) {
				t.Errorf("option %d does not show %q", i, want)
			}
		}
		radio := first(r, tagAttr("input", "type", "radio"))
		if radio == nil {
			t.Fatalf("option %d has no radio button", i)
		}
		mustAttr(t, radio, "name", "variation_id")
		mustAttr(t, radio, "value", x.ID)
		id, _ := attr(radio, "id")
		if first(r, tagAttr("label", "for", id)) == nil {
			t.Errorf("option %d's radio button has no label", i)
		}
		if _, disabled := attr(radio, "disabled"); disabled == x.InStock {
			t.Errorf("option %d disabled = %v, in stock = %v", i, disabled, x.InStock)
		}
		if _, checked := attr(radio, "checked"); checked != (i == 0) {
			t.Errorf("option %d checked = %v; the first one in stock should be", i, checked)
		}
	}
	// The picker is the add-to-cart form: it works without JavaScript
	// (POST /cart/items) and htmx swaps it in place.
	buy := byID(root, "buy-box")
	if buy == nil || buy.Data != "form" {
		t.Fatal("no add-to-cart form #buy-box")
	}
	mustAttr(t, buy, "method", "post")
	mustAttr(t, buy, "action", "/cart/items")
	mustAttr(t, buy, "hx-post", "/cart/items")
	if n := len(all(buy, tagAttr("input", "name", "variation_id"))); n != len(v.Variations) {
		t.Errorf("%d variation_id radios inside the form, want %d", n, len(v.Variations))
	}
	qty := first(buy, tagAttr("input", "name", "quantity"))
	if qty == nil {
		t.Fatal("the add-to-cart form has no quantity")
	}
	mustAttr(t, qty, "type", "number")
	mustAttr(t, qty, "value", "1")
	if id, _ := attr(qty, "id"); first(buy, tagAttr("label", "for", id)) == nil {
		t.Error("the quantity has no label")
	}
	if in := first(buy, tagAttr("input", "name", "product_id")); in == nil {
		t.Error("the add-to-cart form does not say which product page it is on")
	} else {
		mustAttr(t, in, "value", v.ID)
	}
	reviews := byID(root, "reviews")
	if reviews == nil || byID(reviews, "reviews-average") == nil || byID(reviews, "review-list") == nil {
		t.Fatal("no #reviews with #reviews-average and #review-list")
	}
	if n := len(all(reviews, func(n *html.Node) bool { _, ok := attr(n, "data-review-id"); return ok })); n != 2 {
		t.Errorf("%d reviews listed, want 2", n)
	}
	next := first(reviews, tagAttr("a", "rel", "next"))
	if next == nil {
		t.Fatal("no link to the next page of reviews")
	}
	mustAttr(t, next, "href", "/products/"+v.ID+"?reviews_page=2#reviews")
	mustAttr(t, next, "hx-get", "/products/"+v.ID+"/reviews?page=2")
	mustAttr(t, next, "hx-target", "#reviews")
}

func TestProductPageEscapesText(t *testing.T) {
	v := sampleProduct()
	v.Name = evil
	v.ShopName = evil
	v.Category = evil
	v.Description = "Line one\n" + evil + "\n<b>bold</b>"
	v.Variations[0].Name = evil
	v.Variations[0].SKU = evil
	root, raw := doc(t, catalog.ProductPage(userPage(false), v))
	if strings.Contains(raw, evil) || strings.Contains(raw, "<b>") {
		t.Error("user text rendered unescaped")
	}
	if n := len(all(root, tag("script"))); n != 1 {
		t.Errorf("%d <script> elements, want only htmx", n)
	}
	if first(root, tag("b")) != nil {
		t.Error("description rendered as HTML")
	}
	if desc := first(root, func(n *html.Node) bool { return hasClass(n, "product-description") }); desc == nil || text(desc) != v.Description {
		t.Error("description text changed")
	}
	if h1 := byID(root, "product-name"); h1 == nil || text(h1) != v.Name {
		t.Error("escaped name does not read back as the name")
	}
}

func TestProductPageMinimal(t *testing.T) {
	v := catalog.ProductView{ID: "p1", Name: "Mug"}
	root, _ := doc(t, catalog.ProductPage(anonPage(), v))
	img := first(first(root, func(n *html.Node) bool { return hasClass(n, "product-media") }), tag("img"))
	if img == nil {
		t.Fatal("no image")
	}
	mustAttr(t, img, "src", catalog.PlaceholderImage)
	mustAttr(t, img, "alt", "")
	if first(root, func(n *html.Node) bool { return hasClass(n, "gallery-thumbs") }) != nil {
		t.Error("thumbnails without photos")
	}
	if n := len(all(first(root, tagAttr("nav", "aria-label", "Breadcrumb")), tag("li"))); n != 2 {
		t.Errorf("%d breadcrumb items without a category, want Home / Name", n)
	}
	if first(root, func(n *html.Node) bool { return hasClass(n, "product-price") }) != nil {
		t.Error("price shown without a price")
	}
	vars := byID(root, "variations")
	if vars == nil {
		t.Fatal("#variations missing without variations")
	}
	if first(vars, tag("input")) != nil {
		t.Error("variation choices without variations")
	}
}

func BenchmarkHomeRender24(b *testing.B) {
	p := userPage(true)
	v := catalog.HomeView{
		NewArrivals: sampleCards(8),
		TopRated:    sampleCards(8),
		Categories: []catalog.CategoryLink{
			{Name: "Kitchen", URL: "/products?category=kitchen", Active: true},
			{Name: "Garden", URL: "/products?category=garden"},
			{Name: "Clothing", URL: "/products?category=clothing"},
			{Name: "Books", URL: "/products?category=books"},
		},
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := catalog.Home(p, v).Render(ctx, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
