package web_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/analytics"
	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/cart"
	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/comment"
	"github.com/marketplace/marketplace/services/comment/commentclient"
	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/media"
	"github.com/marketplace/marketplace/services/media/mediaclient"
	"github.com/marketplace/marketplace/services/order"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/payment"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/opsclient"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/product"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/shop"
	"github.com/marketplace/marketplace/services/shop/shopclient"
	"github.com/marketplace/marketplace/services/user"
	"github.com/marketplace/marketplace/services/user/userclient"
	"github.com/marketplace/marketplace/services/visualcontent"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentclient"
	"github.com/marketplace/marketplace/services/warehouse"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
	"github.com/marketplace/marketplace/web"
)

// services are the real services behind a test site.
type services struct {
	user, shop, product, warehouse, media, comment, analytics testkit.Served
	cart, order, payment, visualcontent                       testkit.Served
}

// site runs the frontend over the real services (SQLite, no bus: events do
// not flow, so the pages rely on the services' read-through fallbacks) with
// the demo catalogue.
func site(t *testing.T) *httptest.Server {
	srv, _ := siteWith(t)
	return srv
}

// siteOption changes the frontend's configuration of a test site.
type siteOption func(*web.Config)

// withOps gives the admin area these services' operations (dead letters).
func withOps(ops ...*opsclient.Client) siteOption {
	return func(c *web.Config) { c.Clients.Ops = ops }
}

func siteWith(t *testing.T, opts ...siteOption) (*httptest.Server, services) {
	t.Helper()
	opt := httpclient.Options{Token: testkit.Token}
	var s services
	s.user = testkit.ServeService(t, "user", testkit.SQLite(t), nil, func(d host.Deps) (host.Service, error) { return user.New(d) })
	s.shop = testkit.ServeService(t, "shop", testkit.SQLite(t), nil, func(d host.Deps) (host.Service, error) { return shop.New(d) })
	shops := shopclient.New(s.shop.URL, opt)
	s.product = testkit.ServeService(t, "product", testkit.SQLite(t), nil, func(d host.Deps) (host.Service, error) { return product.New(d, shops) })
	products := productclient.New(s.product.URL, opt)
	s.warehouse = testkit.ServeService(t, "warehouse", testkit.SQLite(t), nil, func(d host.Deps) (host.Service, error) { return warehouse.New(d, products) })
	blobs, err := blobstore.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s.media = testkit.ServeService(t, "media", testkit.SQLite(t), nil, func(d host.Deps) (host.Service, error) { return media.New(d, blobs, products) })
	s.comment = testkit.ServeService(t, "comment", testkit.SQLite(t), nil, func(d host.Deps) (host.Service, error) { return comment.New(d, products) })
	s.analytics = testkit.ServeService(t, "analytics", testkit.SQLite(t), nil, func(d host.Deps) (host.Service, error) { return analytics.New(d) })
	stock := warehouseclient.New(s.warehouse.URL, opt)
	s.order = testkit.ServeService(t, "order", testkit.SQLite(t), nil, func(d host.Deps) (host.Service, error) { return order.New(d, products, stock, 0) })
	orders := orderclient.New(s.order.URL, opt)
	s.cart = testkit.ServeService(t, "cart", testkit.SQLite(t), nil, func(d host.Deps) (host.Service, error) { return cart.New(d, products, stock, orders) })
	s.payment = testkit.ServeService(t, "payment", testkit.SQLite(t), nil, func(d host.Deps) (host.Service, error) { return payment.New(d, orders, nil) })
	bannerFiles, err := blobstore.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s.visualcontent = testkit.ServeService(t, "visualcontent", testkit.SQLite(t), nil, func(d host.Deps) (host.Service, error) {
		return visualcontent.New(d, bannerFiles)
	})
	// The demo catalogue (media's drawn photos are left out: slow, and
	// not what these tests look at).
	for _, svc := range []testkit.Served{s.shop, s.product, s.warehouse, s.comment} {
		if err := svc.Service.(host.Seeder).Seed(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	cfg := web.Config{
		Clients: web.Clients{
			User: userclient.New(s.user.URL, opt), Shop: shops, Product: products,
			Warehouse: stock, Media: mediaclient.New(s.media.URL, opt),
			Comment: commentclient.New(s.comment.URL, opt), Analytics: analyticsclient.New(s.analytics.URL, opt),
			Cart: cartclient.New(s.cart.URL, opt), Order: orders, Payment: paymentclient.New(s.payment.URL, opt),
			VisualContent: visualcontentclient.New(s.visualcontent.URL, opt),
		},
		HashKey: []byte(strings.Repeat("h", 32)), BlockKey: []byte(strings.Repeat("b", 32)),
	}
	for _, o := range opts {
		o(&cfg)
	}
	e, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv, s
}

type browser struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (b *browser) get(path string) (*http.Response, string) {
	b.t.Helper()
	resp, err := b.c.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	resp, err := b.c.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// csrf loads a page and returns the token in its forms.
func (b *browser) csrf(path string) string {
	b.t.Helper()
	_, body := b.get(path)
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		b.t.Fatalf("no _csrf field on %s", path)
	}
	return m[1]
}

func (b *browser) register(name, email, password string) *http.Response {
	b.t.Helper()
	resp, _ := b.post("/register", url.Values{"_csrf": {b.csrf("/register")}, "name": {name}, "email": {email}, "password": {password}})
	return resp
}

func TestHomeAndHeaders(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	resp, body := b.get("/")
	if resp.StatusCode != 200 || !strings.Contains(body, `id="product-grid"`) {
		t.Fatalf("home: status %d", resp.StatusCode)
	}
	newest := body[strings.Index(body, `id="product-grid"`):]
	if i := strings.Index(newest, "</section>"); i > 0 {
		newest = newest[:i]
	}
	if n := strings.Count(newest, `<article class="product-card"`); n != 8 {
		t.Fatalf("home: %d new arrivals, want 8", n)
	}
	for h, want := range map[string]string{
		"Content-Security-Policy": "default-src 'self'", "X-Content-Type-Options": "nosniff",
		"X-Frame-Options": "DENY", "Cache-Control": "no-store",
	} {
		if !strings.Contains(resp.Header.Get(h), want) {
			t.Errorf("%s = %q, want it to contain %q", h, resp.Header.Get(h), want)
		}
	}
	cookie := resp.Header.Get("Set-Cookie")
	for _, attr := range []string{"HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(cookie, attr) {
			t.Errorf("session cookie %q lacks %s", cookie, attr)
		}
	}
	css := regexp.MustCompile(`href="(/static/css/app\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(body)
	if css == nil {
		t.Fatal("no versioned stylesheet link")
	}
	resp, _ = b.get(css[1])
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("stylesheet: %d %q %q", resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
	}
	if resp, _ := b.get("/static/../go.mod"); resp.StatusCode != 404 {
		t.Fatalf("path traversal: %d", resp.StatusCode)
	}
}

func TestPostWithoutCSRFIsRefusedAndChangesNothing(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	b.get("/register") // gets a session with a token, but we do not send it
	form := url.Values{"name": {"Mallory"}, "email": {"m@example.com"}, "password": {"long enough pw"}}
	if resp, body := b.post("/register", form); resp.StatusCode != 403 || strings.Contains(body, "goroutine") {
		t.Fatalf("register without _csrf: %d", resp.StatusCode)
	}
	form.Set("_csrf", "forged")
	if resp, _ := b.post("/register", form); resp.StatusCode != 403 {
		t.Fatalf("register with a forged _csrf: %d", resp.StatusCode)
	}
	// The account was not created: registering it properly now works.
	if resp := b.register("Mallory", "m@example.com", "long enough pw"); resp.StatusCode != 303 {
		t.Fatalf("the refused requests changed something: register now gives %d", resp.StatusCode)
	}
}

func TestLoginLogoutAndRevocation(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	if resp := b.register("Ada", "ada@example.com", "correct horse"); resp.StatusCode != 303 || resp.Header.Get("Location") != "/" {
		t.Fatalf("register: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := b.get("/"); !strings.Contains(body, `id="nav-user" class="nav-user-name">Ada<`) {
		t.Fatal("the registered user is not shown as signed in")
	}
	u, _ := url.Parse(srv.URL)
	stolen := b.c.Jar.Cookies(u) // what a thief would copy

	resp, _ := b.post("/logout", url.Values{"_csrf": {b.csrf("/")}})
	if resp.StatusCode != 303 {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	thief := newBrowser(t, srv.URL)
	thief.c.Jar.SetCookies(u, stolen)
	if _, body := thief.get("/"); strings.Contains(body, `id="nav-user"`) {
		t.Fatal("a cookie copied before logout still signs in: the session was not revoked")
	}

	// Log in again, with an off-site "next" that must not be followed.
	for next, want := range map[string]string{"//evil.example/x": "/", "https://evil.example": "/", "/admin": "/admin"} {
		b := newBrowser(t, srv.URL)
		resp, _ := b.post("/login", url.Values{"_csrf": {b.csrf("/login")}, "email": {"ada@example.com"}, "password": {"correct horse"}, "next": {next}})
		if resp.StatusCode != 303 || resp.Header.Get("Location") != want {
			t.Fatalf("login with next=%q: %d to %q, want %q", next, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	b = newBrowser(t, srv.URL)
	resp, body := b.post("/login", url.Values{"_csrf": {b.csrf("/login")}, "email": {"ada@example.com"}, "password": {"wrong password"}})
	if resp.StatusCode != 422 || !strings.Contains(body, "The email or password is incorrect") || strings.Contains(body, "wrong password") {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
}

func TestAdminPageAccess(t *testing.T) {
	srv := site(t)
	anon := newBrowser(t, srv.URL)
	if resp, _ := anon.get("/admin"); resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Fatalf("anonymous /admin: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	shopper := newBrowser(t, srv.URL)
	shopper.register("Sam", "sam@example.com", "long enough pw")
	if resp, body := shopper.get("/admin"); resp.StatusCode != 403 || !strings.Contains(body, "administrators") {
		t.Fatalf("shopper /admin: %d", resp.StatusCode)
	}
}

func TestListingSearchAndProductPage(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	resp, body := b.get("/products?q=mug")
	if resp.StatusCode != 200 || strings.Count(body, `<article class="product-card"`) != 2 || !strings.Contains(body, "2 products") {
		t.Fatalf("search mug: %d, %d cards", resp.StatusCode, strings.Count(body, `<article class="product-card"`))
	}
	resp, body = b.get("/products?category=outdoors&page=1")
	if resp.StatusCode != 200 || strings.Count(body, `<article class="product-card"`) != demoInCategory("outdoors") {
		t.Fatalf("category outdoors: %d, %d cards", resp.StatusCode, strings.Count(body, `<article class="product-card"`))
	}
	for _, bad := range []string{"/products?category=no-such", "/products?page=abc", "/products?page=0", "/products?q=" + strings.Repeat("x", 101)} {
		if resp, body := b.get(bad); resp.StatusCode != 422 || strings.Contains(body, "goroutine") {
			t.Errorf("%s: status %d, want 422", bad, resp.StatusCode)
		}
	}
	// An HTMX request gets the fragment only; a history restore the page.
	req, _ := http.NewRequest("GET", srv.URL+"/products?page=1", nil)
	req.Header.Set("HX-Request", "true")
	frag, _ := b.c.Do(req)
	fb, _ := io.ReadAll(frag.Body)
	frag.Body.Close()
	if strings.Contains(string(fb), "<html") || !strings.Contains(string(fb), `id="listing-results"`) {
		t.Fatal("HX-Request did not get the results fragment alone")
	}
	req.Header.Set("HX-History-Restore-Request", "true")
	full, _ := b.c.Do(req)
	fb, _ = io.ReadAll(full.Body)
	full.Body.Close()
	if !strings.Contains(string(fb), "<html") {
		t.Fatal("a history restore got a fragment")
	}

	id := regexp.MustCompile(`data-product-id="([^"]+)"`).FindStringSubmatch(body)
	if id == nil {
		t.Fatal("no product id on the listing")
	}
	resp, body = b.get("/products/" + id[1])
	if resp.StatusCode != 200 || !strings.Contains(body, `id="product-name"`) || !strings.Contains(body, "data-variation-id") {
		t.Fatalf("product page: %d", resp.StatusCode)
	}
	if resp, _ := b.get("/products/0190a000-0000-7000-8000-00000000dead"); resp.StatusCode != 404 {
		t.Fatalf("unknown product: %d", resp.StatusCode)
	}
}

// demoInCategory counts the demo products in a category and its
// subcategories.
func demoInCategory(slug string) int {
	in := map[string]bool{slug: true}
	for _, c := range demo.Categories { // parents come first
		if in[c.Parent] {
			in[c.Slug] = true
		}
	}
	n := 0
	for _, p := range demo.Products {
		if in[p.Category] {
			n++
		}
	}
	return n
}
