package e2e

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/marketplace/marketplace/services/platform/testkit"
)

// sellerJourney: a newcomer opens a shop, lists a product with two options,
// stock and a photo; the product can be found by search on the storefront;
// two shoppers review it and the average rating follows.
func sellerJourney(t *testing.T, dir, base string) {
	b := newBrowser(t, dir, base)
	word := "zephyr" + testkit.Suffix()[:6] // a search word nothing else contains
	shopName := "Selma's Studio " + testkit.Suffix()[:4]
	productName := "Glazed Teapot " + word

	// (a) Register and open a shop.
	selma := b.person("seller")
	if status := selma.register(newAccount("Selma Seller", "selma")); status != 200 {
		selma.fail("registering answered %d", status)
	}
	if status := selma.navigate("/seller"); status != 200 || selma.path() != "/seller/shop" {
		selma.fail("/seller without a shop led to %s (%d), want the shop form at /seller/shop", selma.path(), status)
	}
	selma.fill("#shop-form", map[string]string{
		"field-name": shopName, "field-description": "Small-batch teaware, thrown and glazed by hand.",
	}, "field-name", "field-description")
	selma.shot("open-shop-form")
	if status := selma.submit("open the shop", `#shop-form button[type="submit"]`); status != 200 {
		selma.fail("opening the shop answered %d", status)
	}
	if !strings.Contains(eval[string](selma, `document.body.innerText`), shopName) {
		selma.fail("after opening the shop the page does not name it (%s)", selma.path())
	}
	selma.shot("shop-opened")

	// (b) A product with two options, stock and a photo.
	if status := selma.navigate("/seller/products/new"); status != 200 {
		selma.fail("GET /seller/products/new answered %d", status)
	}
	selma.fill("#product-form", map[string]string{
		"field-name":        productName,
		"field-description": "A 900 ml teapot with a stainless steel infuser.\nDishwasher safe.",
	}, "field-name", "field-description")
	kitchen := eval[string](selma, `[...document.querySelectorAll("#product-form select[name=category_id] option")].find(o => o.textContent.trim() === "Kitchen").value`)
	selma.do("choose the Kitchen category", chromedp.SetValue(chromedp.CSS(`#product-form select[name="category_id"]`), kitchen))
	selma.shot("new-product-form")
	if status := selma.submit("create the product", `#product-form button[type="submit"]`); status != 200 {
		selma.fail("creating the product answered %d", status)
	}
	editor := selma.path()
	if !regexp.MustCompile(`^/seller/products/[0-9a-f-]{36}`).MatchString(editor) {
		selma.fail("creating a product led to %s, want /seller/products/{id}", editor)
	}
	productPath := "/products/" + strings.Split(strings.TrimPrefix(editor, "/seller/products/"), "#")[0]

	for _, o := range []struct{ sku, name, price, stock string }{
		{"TEA-" + word + "-S", "Celadon", "24.50", "7"},
		{"TEA-" + word + "-L", "Tenmoku", "29.00", "3"},
	} {
		selma.fill("#variation-form", map[string]string{
			"variation-sku": o.sku, "variation-name": o.name, "variation-price": o.price, "variation-stock": o.stock,
		}, "variation-sku", "variation-name", "variation-price", "variation-stock")
		if status := selma.submit("add option "+o.name, `#variation-form button[type="submit"]`); status != 200 {
			selma.fail("adding option %s answered %d", o.name, status)
		}
		if !strings.Contains(selma.text("#variations-table"), o.sku) {
			selma.fail("option %s is not in the options table after adding it", o.sku)
		}
	}
	table := selma.text("#variations-table")
	for _, want := range []string{"€24.50", "€29.00"} {
		if !strings.Contains(table, want) {
			selma.fail("the options table does not show %s: %q", want, table)
		}
	}
	selma.shot("options-added")

	photo := writePhoto(t)
	selma.do("choose a photo", chromedp.SetUploadFiles(chromedp.CSS("#upload-image"), []string{photo}))
	selma.do("upload it", chromedp.Click(chromedp.CSS(`#photo-upload button[type="submit"]`)))
	// The photo list polls itself (HTMX) until the variants exist.
	selma.do("wait for the processed photo", chromedp.WaitVisible(chromedp.CSS("#photo-list .photo-ready img")))
	selma.shot("photo-processed")

	// (c) The storefront finds it by search, photo included (the photo
	// reaches the product service by event, so the listing may lag).
	finder := b.person("finder")
	var card string
	deadline := time.Now().Add(20 * time.Second)
	for {
		if status := finder.navigate("/products?q=" + word); status != 200 {
			finder.fail("search answered %d", status)
		}
		n := eval[int](finder, `document.querySelectorAll("#product-grid article.product-card").length`)
		img := eval[string](finder, `(document.querySelector("#product-grid article.product-card img") || {}).src || ""`)
		if n == 1 && strings.Contains(img, "/media/") {
			card = finder.text("#product-grid article.product-card")
			break
		}
		if n > 1 {
			finder.fail("searching %q found %d products, want 1", word, n)
		}
		if time.Now().After(deadline) {
			finder.fail("searching %q: %d cards, photo %q, after 20s", word, n, img)
		}
	}
	if !strings.Contains(card, productName) || !strings.Contains(card, "€24.50") || !strings.Contains(card, shopName) {
		finder.fail("the search result card says %q", card)
	}
	finder.shot("search-result")

	// (d) Two shoppers review it; the average follows.
	for i, r := range []struct {
		name   string
		rating string
		want   string
	}{
		{"Rita Reviewer", "4", "4.0"},
		{"Omar Opinion", "2", "3.0"},
	} {
		p := b.person("shopper" + string(rune('a'+i)))
		if status := p.register(newAccount(r.name, "reviewer")); status != 200 {
			p.fail("registering answered %d", status)
		}
		if status := p.navigate(productPath); status != 200 {
			p.fail("GET %s answered %d", productPath, status)
		}
		if got := p.text("#product-name"); got != productName {
			p.fail("the product page is titled %q", got)
		}
		avail := p.text("#variations")
		if !strings.Contains(avail, "In stock") || !strings.Contains(avail, "Only 3 left") {
			p.fail("the options do not show their availability: %q", avail)
		}
		if imgs := eval[int](p, `document.querySelectorAll("img[src^='/media/']").length`); imgs == 0 {
			p.fail("the product page shows no photo")
		}
		p.do("choose "+r.rating+" stars", chromedp.Click(chromedp.CSS(`#review-form label[for="review-rating-`+r.rating+`"]`)))
		p.do("write the review", chromedp.SendKeys(chromedp.CSS("#review-body"), "Pours well. Rated "+r.rating+"."))
		p.shot("review-form-filled")
		p.do("post the review", chromedp.Click(chromedp.CSS(`#review-form button[type="submit"]`)))
		p.do("wait for my review", chromedp.WaitVisible(chromedp.CSS("#own-review")))
		if got := p.text("#reviews-average"); !strings.Contains(got, r.want) {
			p.fail("after the review the average reads %q, want %s", got, r.want)
		}
		p.shot("reviewed")
	}

	// The seller sees the reviews on the dashboard.
	if status := selma.navigate("/seller/reviews"); status != 200 {
		selma.fail("GET /seller/reviews answered %d", status)
	}
	if got := selma.text("#shop-reviews"); !strings.Contains(got, "Rated 4") || !strings.Contains(got, "Rated 2") {
		selma.fail("the seller's reviews page shows %q", got)
	}
	selma.shot("seller-reviews")
}

// writePhoto draws a 640x480 PNG, a stand-in for a seller's photo.
func writePhoto(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for y := range 480 {
		for x := range 640 {
			img.Set(x, y, color.RGBA{uint8(60 + x/4), uint8(120 + y/6), 160, 255})
		}
	}
	path := filepath.Join(t.TempDir(), "teapot.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}
