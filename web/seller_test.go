package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/media"
)

// openShop registers a user and opens their shop.
func openShop(t *testing.T, base, name, email string) *browser {
	t.Helper()
	b := newBrowser(t, base)
	if resp := b.register(name, email, "long enough pw"); resp.StatusCode != 303 {
		t.Fatalf("register %s: %d", email, resp.StatusCode)
	}
	if loc := b.mustPost("/seller/shop", "/seller/shop", url.Values{"name": {name + "’s shop"}, "description": {"Things."}}); loc != "/seller" {
		t.Fatalf("opening a shop led to %q, want /seller", loc)
	}
	return b
}

// newProduct creates a product in the first category and returns its id.
func newProduct(t *testing.T, b *browser, name string) string {
	t.Helper()
	_, body := b.get("/seller/products/new")
	cat := regexp.MustCompile(`<option value="([0-9a-f-]{36})"`).FindStringSubmatch(body)
	if cat == nil {
		t.Fatalf("no category options on the new product form\n%s", excerpt(body))
	}
	loc := b.mustPost("/seller/products/new", "/seller/products/new",
		url.Values{"name": {name}, "description": {"Made by hand."}, "category_id": {cat[1]}})
	m := productIDInURL.FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("creating a product led to %q, want /seller/products/{id}", loc)
	}
	return m[1]
}

func TestSellerPagesNeedASignedInUserAndAShop(t *testing.T) {
	srv := site(t)
	anon := newBrowser(t, srv.URL)
	for _, path := range []string{"/seller", "/seller/shop", "/seller/products", "/account"} {
		resp, _ := anon.get(path)
		if resp.StatusCode != 303 || resp.Header.Get("Location") != "/login?next="+url.QueryEscape(path) {
			t.Errorf("anonymous %s: %d to %q", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	b := newBrowser(t, srv.URL)
	b.register("Nina", "nina@example.com", "long enough pw")
	_, home := b.get("/")
	if !strings.Contains(home, `<a class="nav-link" href="/seller">Sell</a>`) {
		t.Error("a user without a shop is not invited to sell")
	}
	for _, path := range []string{"/seller", "/seller/products", "/seller/products/new", "/seller/reviews"} {
		if resp, _ := b.get(path); resp.StatusCode != 303 || resp.Header.Get("Location") != "/seller/shop" {
			t.Errorf("%s without a shop: %d to %q, want /seller/shop", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	resp, body := b.get("/seller/shop")
	if resp.StatusCode != 200 || !strings.Contains(body, "Open your shop") || !strings.Contains(body, `action="/seller/shop"`) {
		t.Fatalf("open-a-shop page: %d", resp.StatusCode)
	}
}

func TestOpenEditAndCloseAShop(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	b.register("Olga", "olga@example.com", "long enough pw")

	if resp, _ := b.post("/seller/shop", url.Values{"name": {"No token"}}); resp.StatusCode != 403 {
		t.Fatalf("open a shop without _csrf: %d", resp.StatusCode)
	}
	resp, body := b.post("/seller/shop", url.Values{"_csrf": {b.csrf("/seller/shop")}, "name": {"x"}})
	if resp.StatusCode != 422 {
		t.Fatalf("a one-letter shop name: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "field-name", "")

	if loc := b.mustPost("/seller/shop", "/seller/shop", url.Values{"name": {"Olga’s <Pottery>"}, "description": {"Cups & bowls"}}); loc != "/seller" {
		t.Fatalf("open: to %q", loc)
	}
	resp, body = b.get("/seller")
	if resp.StatusCode != 200 || !strings.Contains(body, "Olga’s &lt;Pottery&gt;") || strings.Contains(body, "<Pottery>") {
		t.Fatalf("overview: %d\n%s", resp.StatusCode, excerpt(body))
	}
	if !strings.Contains(body, `<a class="nav-link" href="/seller">My shop</a>`) {
		t.Error("the header does not link the shop owner's dashboard as My shop")
	}
	for _, id := range []string{"stat-products", "stat-stock", "sales"} {
		if byID(parse(t, body), id) == nil {
			t.Errorf("overview has no #%s", id)
		}
	}
	slug := regexp.MustCompile(`href="(/shops/[^"]+)"`).FindStringSubmatch(body)
	if slug == nil {
		t.Fatal("overview does not link the shop's public page")
	}
	if resp, body := b.get(slug[1]); resp.StatusCode != 200 || !strings.Contains(body, `id="shop-name"`) {
		t.Fatalf("public shop page %s: %d", slug[1], resp.StatusCode)
	}

	b.mustPost("/seller/shop", "/seller/shop", url.Values{"name": {"Olga Ceramics"}, "description": {"Cups"}})
	if _, body := b.get("/seller/shop"); !strings.Contains(body, `value="Olga Ceramics"`) {
		t.Fatal("the edited name is not in the form")
	}

	// Closing needs the confirmation.
	resp, body = b.post("/seller/shop/close", url.Values{"_csrf": {b.csrf("/seller/shop")}})
	if resp.StatusCode != 422 {
		t.Fatalf("close without confirming: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "field-confirm-close", "Tick the box")
	if loc := b.mustPost("/seller/shop", "/seller/shop/close", url.Values{"confirm": {"yes"}}); loc != "/seller/shop" {
		t.Fatalf("close: to %q", loc)
	}
	if resp, _ := b.get("/seller"); resp.StatusCode != 303 || resp.Header.Get("Location") != "/seller/shop" {
		t.Fatalf("after closing, /seller: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := b.get(slug[1]); resp.StatusCode != 404 {
		t.Fatalf("the closed shop's page: %d", resp.StatusCode)
	}
}

func TestSellerProductVariationsAndStock(t *testing.T) {
	srv := site(t)
	b := openShop(t, srv.URL, "Petra", "petra@example.com")

	// The new product form: CSRF, problems marked, then success.
	page := "/seller/products/new"
	if resp, _ := b.post(page, url.Values{"name": {"Vase"}}); resp.StatusCode != 403 {
		t.Fatalf("new product without _csrf: %d", resp.StatusCode)
	}
	resp, body := b.post(page, url.Values{"_csrf": {b.csrf(page)}, "name": {""}, "category_id": {""}})
	if resp.StatusCode != 422 {
		t.Fatalf("empty product: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "field-name", "")
	if !strings.Contains(body, "Subcategories") && !strings.Contains(body, "\u00a0\u00a0\u00a0\u00a0") {
		t.Error("the category select does not indent subcategories")
	}
	id := newProduct(t, b, "Tall vase")
	edit := "/seller/products/" + id
	resp, body = b.get(edit)
	if resp.StatusCode != 200 || !strings.Contains(body, "Draft") {
		t.Fatalf("editor of a new product: %d", resp.StatusCode)
	}
	for _, sec := range []string{"details", "variations", "stock", "photos", "delete"} {
		if byID(parse(t, body), sec) == nil {
			t.Errorf("editor has no #%s section", sec)
		}
	}
	// The seller's table lists the draft.
	if _, body := b.get("/seller/products"); !strings.Contains(body, `data-product-id="`+id+`"`) || !strings.Contains(body, "Draft") {
		t.Fatal("the product table does not list the new draft")
	}

	// Variations: CSRF and every field checked.
	vpath := edit + "/variations"
	if resp, _ := b.post(vpath, url.Values{"sku": {"V-1"}, "name": {"Blue"}, "price": {"19.99"}, "stock": {"1"}}); resp.StatusCode != 403 {
		t.Fatalf("add a variation without _csrf: %d", resp.StatusCode)
	}
	for _, tc := range []struct {
		price, stock, field, msg string
	}{
		{"12.345", "3", "variation-price", "at most 2 decimals"},
		{"abc", "3", "variation-price", "as a number"},
		{"0", "3", "variation-price", "more than 0"},
		{"1000000.01", "3", "variation-price", "at most 1,000,000"},
		{"19.99", "-1", "variation-stock", "whole number"},
		{"19.99", "2.5", "variation-stock", "whole number"},
	} {
		resp, body := b.post(vpath, url.Values{"_csrf": {b.csrf(edit)}, "sku": {"V-1"}, "name": {"Blue"}, "price": {tc.price}, "stock": {tc.stock}})
		if resp.StatusCode != 422 {
			t.Fatalf("price %q stock %q: %d", tc.price, tc.stock, resp.StatusCode)
		}
		mustBeInvalid(t, body, tc.field, tc.msg)
		if !strings.Contains(body, `value="`+tc.price+`"`) {
			t.Errorf("price %q is not kept in the form", tc.price)
		}
	}
	if loc := b.mustPost(edit, vpath, url.Values{"sku": {"V-1"}, "name": {"Blue <glaze>"}, "price": {"19,9"}, "stock": {"5"}}); loc != edit+"#variations" {
		t.Fatalf("add a variation: to %q", loc)
	}
	b.mustPost(edit, vpath, url.Values{"sku": {"V-2"}, "name": {"Green"}, "price": {"24"}, "stock": {"0"}})
	resp, body = b.post(vpath, url.Values{"_csrf": {b.csrf(edit)}, "sku": {"V-1"}, "name": {"Again"}, "price": {"5"}, "stock": {"0"}})
	if resp.StatusCode != 422 {
		t.Fatalf("a duplicate SKU: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "variation-sku", "")

	_, body = b.get(edit)
	root := parse(t, body)
	table := byID(root, "variations-table")
	if table == nil {
		t.Fatalf("no variations table\n%s", excerpt(body))
	}
	text := textOf(table)
	for _, want := range []string{"V-1", "Blue <glaze>", "€19.90", "V-2", "€24.00"} {
		if !strings.Contains(text, want) {
			t.Errorf("variations table lacks %q: %s", want, text)
		}
	}
	if strings.Contains(body, "<glaze>") {
		t.Error("variation name rendered unescaped")
	}
	var blue string
	for _, m := range regexp.MustCompile(`<tr data-variation-id="([^"]+)"><td><code class="sku">V-1</code>`).FindAllStringSubmatch(body, -1) {
		blue = m[1]
	}
	if blue == "" {
		t.Fatal("no row for V-1")
	}
	if got := stockOf(t, b, edit, blue); got != "5" {
		t.Fatalf("initial stock of V-1 = %q, want 5", got)
	}

	// Stock: problems, a refused removal (409) and a good adjustment.
	spath := edit + "/stock"
	if resp, _ := b.post(spath, url.Values{"variation_id": {blue}, "mode": {"add"}, "quantity": {"1"}, "reason": {"x"}}); resp.StatusCode != 403 {
		t.Fatalf("adjust without _csrf: %d", resp.StatusCode)
	}
	resp, body = b.post(spath, url.Values{"_csrf": {b.csrf(edit)}, "variation_id": {blue}, "mode": {"add"}, "quantity": {"2"}, "reason": {" "}})
	if resp.StatusCode != 422 {
		t.Fatalf("adjust without a reason: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "stock-0-reason", "Say why")
	resp, body = b.post(spath, url.Values{"_csrf": {b.csrf(edit)}, "variation_id": {blue}, "mode": {"remove"}, "quantity": {"9"}, "reason": {"broken"}})
	if resp.StatusCode != 422 {
		t.Fatalf("remove more than available: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "stock-0-quantity", "")
	if got := stockOf(t, b, edit, blue); got != "5" {
		t.Fatalf("a refused removal changed the stock to %s", got)
	}
	if loc := b.mustPost(edit, spath, url.Values{"variation_id": {blue}, "mode": {"add"}, "quantity": {"3"}, "reason": {"restock"}}); loc != edit+"#stock" {
		t.Fatalf("adjust: to %q", loc)
	}
	if got := stockOf(t, b, edit, blue); got != "8" {
		t.Fatalf("stock after adding 3 = %s, want 8", got)
	}
	resp, body = b.get(edit + "/stock/" + blue)
	if resp.StatusCode != 200 || !strings.Contains(body, "initial stock") || !strings.Contains(body, "restock") || !strings.Contains(body, "+3") {
		t.Fatalf("movements: %d\n%s", resp.StatusCode, excerpt(body))
	}

	// The table, the overview and the public page see it.
	_, body = b.get("/seller/products")
	row := find(parse(t, body), func(n *htmlNode) bool { v, _ := attr(n, "data-product-id"); return v == id })
	if row == nil || !strings.Contains(textOf(row), "€19.90") || !strings.Contains(textOf(row), " 8 ") {
		t.Fatalf("product table row: %v %q", row != nil, textOf(row))
	}
	_, body = b.get("/seller")
	if s := byID(parse(t, body), "stat-stock"); s == nil || textOf(s) != "8" {
		t.Fatalf("overview stock figure wrong")
	}
	resp, body = b.get("/products/" + id)
	if resp.StatusCode != 200 || !strings.Contains(body, "Only 8 left") && !strings.Contains(body, "In stock") || !strings.Contains(body, "Out of stock") {
		t.Fatalf("product page availability: %d\n%s", resp.StatusCode, excerpt(body))
	}

	// Details: problems, then saved.
	resp, body = b.post(edit, url.Values{"_csrf": {b.csrf(edit)}, "name": {""}, "description": {"d"}})
	if resp.StatusCode != 422 {
		t.Fatalf("empty name: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "field-name", "")
	_, body = b.get(edit)
	cat := regexp.MustCompile(`<option value="([0-9a-f-]{36})" selected`).FindStringSubmatch(body)
	if cat == nil {
		t.Fatal("the product's category is not selected in the form")
	}
	b.mustPost(edit, edit, url.Values{"name": {"Short vase"}, "description": {"d"}, "category_id": {cat[1]}})
	if _, body := b.get(edit); !strings.Contains(body, `<h1 id="product-heading">Short vase</h1>`) {
		t.Fatal("the new name is not shown")
	}

	// Deleting a variation, then the product (with its confirmation).
	b.mustPost(edit, edit+"/variations/"+blue+"/delete", nil)
	if _, body := b.get(edit); strings.Contains(body, `data-variation-id="`+blue+`"`) {
		t.Fatal("the deleted variation is still listed")
	}
	resp, body = b.post(edit+"/delete", url.Values{"_csrf": {b.csrf(edit)}})
	if resp.StatusCode != 422 {
		t.Fatalf("delete without confirming: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "field-confirm-delete", "Tick the box")
	if loc := b.mustPost(edit, edit+"/delete", url.Values{"confirm": {"yes"}}); loc != "/seller/products" {
		t.Fatalf("delete: to %q", loc)
	}
	if resp, _ := b.get(edit); resp.StatusCode != 404 {
		t.Fatalf("the deleted product's editor: %d", resp.StatusCode)
	}
}

// stockOf reads a variation's available stock from the editor.
func stockOf(t *testing.T, b *browser, edit, variationID string) string {
	t.Helper()
	_, body := b.get(edit)
	row := find(parse(t, body), func(n *htmlNode) bool {
		v, _ := attr(n, "data-variation-id")
		return n.Data == "tr" && v == variationID
	})
	if row == nil {
		t.Fatalf("no row for variation %s", variationID)
	}
	var cells []string
	for c := range row.ChildNodes() {
		if c.Type == elementNode {
			cells = append(cells, textOf(c))
		}
	}
	if len(cells) < 4 {
		t.Fatalf("row has %d cells", len(cells))
	}
	return cells[3] // SKU, name, price, available
}

func TestAnotherSellersProductIsForbidden(t *testing.T) {
	srv := site(t)
	a := openShop(t, srv.URL, "Anna", "anna@example.com")
	id := newProduct(t, a, "Anna's lamp")
	b := openShop(t, srv.URL, "Bert", "bert@example.com")
	edit := "/seller/products/" + id
	if resp, body := b.get(edit); resp.StatusCode != 403 || !strings.Contains(body, "another shop") {
		t.Fatalf("seller B opens A's product: %d", resp.StatusCode)
	}
	csrf := b.csrf("/seller")
	for _, tc := range []struct {
		path string
		form url.Values
	}{
		{edit, url.Values{"name": {"Bert's now"}}},
		{edit + "/variations", url.Values{"sku": {"B-1"}, "name": {"x"}, "price": {"1"}, "stock": {"1"}}},
		{edit + "/delete", url.Values{"confirm": {"yes"}}},
	} {
		tc.form.Set("_csrf", csrf)
		if resp, _ := b.post(tc.path, tc.form); resp.StatusCode != 403 {
			t.Errorf("seller B posts to %s: %d, want 403", tc.path, resp.StatusCode)
		}
	}
	if resp, body := b.upload(edit+"/images", [][2]string{{"_csrf", csrf}}, "a.png", pngFile(t)); resp.StatusCode != 403 {
		t.Errorf("seller B uploads a photo of A's product: %d\n%s", resp.StatusCode, excerpt(body))
	}
	if _, body := a.get(edit); !strings.Contains(body, "Anna&#39;s lamp") {
		t.Fatal("A's product changed")
	}
}

func TestProductPhotos(t *testing.T) {
	srv, svc := siteWith(t)
	b := openShop(t, srv.URL, "Paul", "paul@example.com")
	id := newProduct(t, b, "Poster")
	edit := "/seller/products/" + id
	path := edit + "/images"
	csrf := b.csrf(edit)

	if resp, _ := b.upload(path, [][2]string{{"alt", "x"}}, "a.png", pngFile(t)); resp.StatusCode != 403 {
		t.Fatalf("upload without _csrf: %d", resp.StatusCode)
	}
	if resp, _ := b.upload(path, [][2]string{{"_csrf", "forged"}}, "a.png", pngFile(t)); resp.StatusCode != 403 {
		t.Fatalf("upload with a forged _csrf: %d", resp.StatusCode)
	}
	resp, body := b.upload(path, [][2]string{{"_csrf", csrf}}, "notes.txt", []byte("just some text, not a picture"))
	if resp.StatusCode != 422 {
		t.Fatalf("a text file: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "upload-image", "")
	resp, body = b.upload(path, [][2]string{{"_csrf", csrf}, {"alt", "kept"}}, "", nil)
	if resp.StatusCode != 422 {
		t.Fatalf("no file: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "upload-image", "Choose a photo")
	if !strings.Contains(body, `value="kept"`) {
		t.Error("the description is not kept after a failed upload")
	}

	resp, body = b.upload(path, [][2]string{{"_csrf", csrf}, {"alt", "A <red> poster"}}, "poster.png", pngFile(t))
	if resp.StatusCode != 303 || resp.Header.Get("Location") != edit+"#photos" {
		t.Fatalf("upload: %d to %q\n%s", resp.StatusCode, resp.Header.Get("Location"), excerpt(body))
	}
	_, body = b.get(edit)
	list := byID(parse(t, body), "photo-list")
	if list == nil {
		t.Fatal("no #photo-list")
	}
	if v, _ := attr(list, "hx-trigger"); v != "every 1s" || !strings.Contains(textOf(list), "refresh the page in a moment") {
		t.Fatalf("a processing photo does not poll (hx-trigger=%q): %s", v, textOf(list))
	}

	if _, err := svc.media.Service.(*media.Service).ProcessPending(t.Context()); err != nil {
		t.Fatal(err)
	}
	resp, frag := b.hx(http.MethodGet, path, "", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(frag, `<div id="photo-list"`) || strings.Contains(frag, "hx-trigger") {
		t.Fatalf("polled fragment once ready: %d %.200q", resp.StatusCode, frag)
	}
	thumb := regexp.MustCompile(`src="(/media/[0-9a-f]{64}/thumb\.jpg)" alt="A &lt;red&gt; poster"`).FindStringSubmatch(frag)
	if thumb == nil {
		t.Fatalf("no thumbnail in the fragment: %s", frag)
	}
	if resp, _ := b.get(path); resp.StatusCode != 303 {
		t.Errorf("the fragment's URL without htmx: %d, want a redirect to the editor", resp.StatusCode)
	}

	// The media proxy serves the variant with its caching headers.
	resp, img := b.get(thumb[1])
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/jpeg" || !strings.HasPrefix(img, "\xff\xd8") {
		t.Fatalf("GET %s: %d %q", thumb[1], resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	etag := resp.Header.Get("ETag")
	if etag == "" || !strings.Contains(resp.Header.Get("Cache-Control"), "max-age") || resp.Header.Get("Set-Cookie") != "" {
		t.Fatalf("media headers: ETag %q, Cache-Control %q, Set-Cookie %q", etag, resp.Header.Get("Cache-Control"), resp.Header.Get("Set-Cookie"))
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+thumb[1], nil)
	req.Header.Set("If-None-Match", etag)
	if resp, _ := b.do(req); resp.StatusCode != 304 {
		t.Fatalf("conditional GET: %d, want 304", resp.StatusCode)
	}

	// An htmx upload answers with the photo section.
	resp, frag = b.hxUpload(path, csrf, pngFile(t))
	if resp.StatusCode != 200 || !strings.HasPrefix(frag, `<section id="photos"`) {
		t.Fatalf("htmx upload: %d %.120q", resp.StatusCode, frag)
	}

	// Deleting a photo.
	imageID := regexp.MustCompile(`data-image-id="([^"]+)"`).FindStringSubmatch(frag)
	if imageID == nil {
		t.Fatal("no photo id")
	}
	b.mustPost(edit, path+"/"+imageID[1]+"/delete", nil)
	if _, body := b.get(edit); strings.Contains(body, imageID[1]) {
		t.Fatal("the deleted photo is still listed")
	}
}

func (b *browser) hxUpload(path, csrf string, content []byte) (*http.Response, string) {
	b.t.Helper()
	resp, body := b.uploadWith(path, [][2]string{{"_csrf", csrf}}, "p.png", content, http.Header{"Hx-Request": {"true"}, "X-Csrf-Token": {csrf}})
	return resp, body
}

func TestMediaProxyRejectsBadPaths(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	hash := strings.Repeat("ab", 32)
	for _, path := range []string{
		"/media/", "/media/x", "/media/" + hash, "/media/" + hash + "/huge.jpg", "/media/" + hash + "/thumb.png",
		"/media/" + strings.ToUpper(hash) + "/thumb.jpg", "/media/" + hash[:62] + "/thumb.jpg",
		"/media/originals/" + hash, "/media/../go.mod", "/media/" + hash + "/../thumb.jpg",
		"/media/" + hash + "/thumb.jpg", // well formed, but no such file
	} {
		resp, body := b.get(path)
		if resp.StatusCode != 404 || strings.Contains(body, "goroutine") {
			t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestListingSortAndShopPage(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	prices := func(body string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`<p class="product-card-price"><span class="price">([^<]+)<`).FindAllStringSubmatch(body, -1) {
			out = append(out, m[1])
		}
		return out
	}
	_, up := b.get("/products?sort=price_asc")
	_, down := b.get("/products?sort=price_desc")
	pu, pd := prices(up), prices(down)
	if len(pu) == 0 || len(pu) != len(pd) || pu[0] == pd[0] {
		t.Fatalf("sorting by price: ascending %v, descending %v", pu, pd)
	}
	if !strings.Contains(up, `<option value="price_asc" selected>`) {
		t.Error("the sort select does not show the chosen order")
	}
	if !strings.Contains(up, `href="/products?category=home&amp;sort=price_asc"`) {
		t.Error("category chips drop the sort order")
	}
	if resp, _ := b.get("/products?sort=cheapest"); resp.StatusCode != 422 {
		t.Errorf("unknown sort: %d, want 422", resp.StatusCode)
	}
	resp, frag := b.hx(http.MethodGet, "/products?sort=rating", "", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(frag, `<section id="listing-results"`) {
		t.Fatalf("htmx sort: %d", resp.StatusCode)
	}

	resp, body := b.get("/shops/nordic-clay-studio")
	if resp.StatusCode != 200 || !strings.Contains(body, "Nordic Clay Studio") || !strings.Contains(body, `id="product-grid"`) {
		t.Fatalf("shop page: %d", resp.StatusCode)
	}
	if resp, _ := b.get("/shops/no-such-shop"); resp.StatusCode != 404 {
		t.Fatalf("unknown shop: %d", resp.StatusCode)
	}
	// Cards link their shop.
	if _, home := b.get("/"); !strings.Contains(home, `href="/shops/`) {
		t.Error("product cards do not link their shop")
	}
}

func TestBodyLimits(t *testing.T) {
	srv := site(t)
	b := openShop(t, srv.URL, "Lena", "lena@example.com")
	id := newProduct(t, b, "Big poster")
	edit := "/seller/products/" + id
	csrf := b.csrf(edit)

	// Forms take up to 1 MB.
	resp, _ := b.post(edit, url.Values{"_csrf": {csrf}, "name": {"x"}, "description": {strings.Repeat("d", 1<<20)}})
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("a 1 MB+ form: %d, want 413", resp.StatusCode)
	}
	// A photo over 10 MiB (but within the upload route's limit) is a form
	// error; a body over the route's limit is refused outright.
	big := make([]byte, 10<<20+1)
	copy(big, pngFile(t))
	resp, body := b.upload(edit+"/images", [][2]string{{"_csrf", csrf}}, "big.png", big)
	if resp.StatusCode != 422 {
		t.Fatalf("an 10 MiB+ photo: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "upload-image", "larger than 10 MB")
	resp, _ = b.upload(edit+"/images", [][2]string{{"_csrf", csrf}}, "huge.png", make([]byte, 12<<20))
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("a 12 MiB upload: %d, want 413", resp.StatusCode)
	}
}

func TestEveryNewFormNeedsTheCSRFToken(t *testing.T) {
	srv := site(t)
	b := openShop(t, srv.URL, "Cora", "cora@example.com")
	id := newProduct(t, b, "Jug")
	edit := "/seller/products/" + id
	b.mustPost(edit, edit+"/variations", url.Values{"sku": {"J-1"}, "name": {"Small"}, "price": {"9.50"}, "stock": {"2"}})
	_, body := b.get(edit)
	vid := regexp.MustCompile(`<tr data-variation-id="([^"]+)"`).FindStringSubmatch(body)[1]
	product := "/products/" + id
	_, body = b.get(product)
	if !strings.Contains(body, "This is a product of your shop") || byID(parse(t, body), "review-form") != nil {
		t.Error("the seller is offered to review their own product")
	}
	seller := b
	b = newBrowser(t, srv.URL) // a shopper writes a review, then tries every form without a token
	b.register("Dora", "dora@example.com", "long enough pw")
	b.mustPost(product, product+"/reviews", url.Values{"rating": {"4"}})
	_, body = b.get(product)
	rid := regexp.MustCompile(`action="/reviews/([^"#/]+)#reviews"`).FindStringSubmatch(body)[1]

	for _, path := range []string{
		"/seller/shop", "/seller/shop/close", "/seller/products/new", edit, edit + "/delete",
		edit + "/variations", edit + "/variations/" + vid + "/delete", edit + "/stock",
		edit + "/images/some-image/delete", product + "/reviews", "/reviews/" + rid, "/reviews/" + rid + "/delete",
		"/admin/reviews/" + rid + "/hidden", "/account", "/account/password", "/account/delete",
	} {
		for _, token := range []string{"", "forged"} {
			form := url.Values{"confirm": {"yes"}, "name": {"Changed"}, "rating": {"1"}, "hidden": {"true"}, "password": {"long enough pw"},
				"variation_id": {vid}, "mode": {"add"}, "quantity": {"1"}, "reason": {"x"}, "product_id": {id}}
			if token != "" {
				form.Set("_csrf", token)
			}
			if resp, _ := b.post(path, form); resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with _csrf=%q: %d, want 403", path, token, resp.StatusCode)
			}
		}
	}
	// Nothing changed.
	_, body = b.get(product)
	if !strings.Contains(body, `id="own-review"`) || byID(parse(t, body), "nav-user") == nil || !strings.Contains(body, "Dora") {
		t.Fatal("a refused request changed the review or the account")
	}
	_, body = seller.get(edit)
	if !strings.Contains(body, `data-variation-id="`+vid+`"`) || !strings.Contains(body, ">Jug</h1>") {
		t.Fatal("the product changed")
	}
}
