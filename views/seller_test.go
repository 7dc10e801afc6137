package views_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/marketplace/marketplace/views/account"
	"github.com/marketplace/marketplace/views/catalog"
	"github.com/marketplace/marketplace/views/components"
	"github.com/marketplace/marketplace/views/seller"
)

const productID = "0190c3b2-0000-7000-8000-000000000001"

func sampleShell(active string) seller.Shell {
	return seller.Shell{ShopName: "Clay & Co", ShopURL: "/shops/clay-and-co", Active: active}
}

func sampleShop() catalog.ShopView {
	return catalog.ShopView{
		Name: "Clay & Co", Description: "Cups.\nBowls.", Since: "March 2026", SinceTime: "2026-03",
		Summary: "3 products", Products: sampleCards(3),
		Pages: components.PageLinks{NextURL: "/shops/clay-and-co?page=2", Status: "Page 1 of 2"},
	}
}

func sampleSettings() account.SettingsView {
	return account.SettingsView{
		Email:    "ada@example.com",
		Profile:  account.ProfileForm{Name: "Ada"},
		Password: account.FormState{Errors: map[string]string{"current_password": "Wrong."}},
		Delete:   account.FormState{Error: "Too many tries."},
	}
}

func sampleOverview() seller.Overview {
	return seller.Overview{
		Shell: sampleShell(seller.TabOverview), Products: "12", Drafts: "2", Stock: "340",
		Rating: components.Rating{Average: 4.2, Count: 9},
		Reviews: []seller.ReviewRow{
			{ID: "r1", ProductName: "Mug", ProductURL: "/products/p1#reviews", Author: "Bea", Rating: 5, Body: "Lovely.", Date: "1 Mar 2026", DateTime: "2026-03-01T10:00:00Z", Verified: true},
			{ID: "r2", ProductName: "a product no longer listed", Author: "Cy", Rating: 2, Hidden: true},
		},
	}
}

func sampleProductsPage() seller.ProductsPage {
	return seller.ProductsPage{
		Shell: sampleShell(seller.TabProducts), Summary: "2 products",
		Rows: []seller.ProductRow{
			{ID: productID, Name: "Mug", EditURL: seller.ProductURL(productID), Variations: "3", PriceFrom: "€18.00", Available: "42",
				ThumbURL: "/media/a/thumb.jpg", Rating: components.Rating{Average: 4.5, Count: 2}},
			{ID: "p2", Name: "Vase", EditURL: seller.ProductURL("p2"), Variations: "0", Draft: true, Available: "0"},
		},
	}
}

func sampleProductForm(id string) seller.ProductForm {
	return seller.ProductForm{
		ID: id, Name: "Mug", Description: "Stoneware.", CategoryID: "c2",
		Categories: []seller.CategoryOption{{ID: "c1", Name: "Home"}, {ID: "c2", Name: "Kitchen", Depth: 1}, {ID: "c3", Name: "Books"}},
	}
}

func sampleEditor() seller.EditProductPage {
	return seller.EditProductPage{
		Shell: sampleShell(seller.TabProducts), Form: sampleProductForm(productID), PublicURL: "/products/" + productID,
		Variations: []seller.VariationRow{
			{ID: "v1", SKU: "MUG-1", Name: "Blue", Price: "€18.00", Available: "5", Reserved: "1", Sold: "3", MovementsURL: seller.ProductURL(productID) + "/stock/v1"},
			{ID: "v2", SKU: "MUG-2", Name: "Green", Price: "€19.00", Available: "0", Reserved: "0", Sold: "0", MovementsURL: seller.ProductURL(productID) + "/stock/v2"},
		},
		NewVariation: seller.VariationForm{SKU: "MUG-3", Price: "12.345", Stock: "-1",
			Errors: map[string]string{"price": "Use at most 2 decimals.", "stock": "Enter a whole number."}, Error: "Please correct the marked fields."},
		Stock: seller.StockForm{VariationID: "v2", Mode: "remove", Quantity: "4", Errors: map[string]string{"quantity": "Only 0 available."}},
		Photos: seller.Photos{ProductID: productID, Items: []seller.Photo{
			{ID: "i1", Status: seller.StatusReady, ThumbURL: "/media/a/thumb.jpg", LargeURL: "/media/a/large.jpg", Alt: "Blue mug"},
			{ID: "i2", Status: seller.StatusProcessing},
			{ID: "i3", Status: seller.StatusFailed, Error: "not an image"},
		}, Upload: seller.UploadForm{Errors: map[string]string{"image": "Too large."}}},
		DeleteError: "Tick it.",
	}
}

func sampleMovements() seller.MovementsPage {
	return seller.MovementsPage{
		Shell: sampleShell(seller.TabProducts), ProductName: "Mug", ProductURL: seller.ProductURL(productID),
		Variation: "Blue (MUG-1)", Available: "5",
		Items: []seller.Movement{{When: "1 Mar 2026, 10:00 UTC", DateTime: "2026-03-01T10:00:00Z", Kind: "Adjustment", Change: "+5", Reserved: "0", Sold: "0", Reason: "initial stock"}},
	}
}

func TestSellerTabs(t *testing.T) {
	root, _ := doc(t, seller.Products(userPage(false), sampleProductsPage()))
	nav := first(root, tagAttr("nav", "aria-label", "Seller dashboard"))
	if nav == nil {
		t.Fatal("no seller tabs")
	}
	cur := first(nav, func(n *html.Node) bool { _, ok := attr(n, "aria-current"); return ok })
	if cur == nil || text(cur) != "Products" {
		t.Error("the Products tab is not marked current")
	}
	// Without a shop there is nothing to switch between.
	root, _ = doc(t, seller.ShopSettings(userPage(false), seller.ShopPage{}))
	if first(root, tagAttr("nav", "aria-label", "Seller dashboard")) != nil {
		t.Error("tabs shown to a user without a shop")
	}
	if f := first(root, tagAttr("form", "action", "/seller/shop")); f == nil {
		t.Error("no open-a-shop form")
	}
}

func TestSellerPagesEscapeUserText(t *testing.T) {
	sh := sampleShell(seller.TabProducts)
	sh.ShopName = evil
	ov := sampleOverview()
	ov.Shell = sh
	ov.Reviews[0].Author, ov.Reviews[0].Body, ov.Reviews[0].ProductName = evil, evil, evil
	pp := sampleProductsPage()
	pp.Shell = sh
	pp.Rows[0].Name = evil
	ed := sampleEditor()
	ed.Shell = sh
	ed.Form.Name, ed.Form.Description = evil, evil
	ed.Form.Categories[0].Name = evil
	ed.Variations[0].Name, ed.Variations[0].SKU = evil, evil
	ed.NewVariation.SKU = evil
	ed.Stock.Reason = evil
	ed.Photos.Items[0].Alt = evil
	ed.Photos.Items[2].Error = evil
	ed.Photos.Upload.Alt = evil
	for name, raw := range map[string]string{
		"overview": render(t, seller.OverviewPage(userPage(false), ov)),
		"products": render(t, seller.Products(userPage(false), pp)),
		"editor":   render(t, seller.EditProduct(userPage(false), ed)),
		"shop":     render(t, seller.ShopSettings(userPage(false), seller.ShopPage{HasShop: true, Shell: sh, Form: seller.ShopForm{Name: evil, Description: evil}})),
	} {
		if strings.Contains(raw, evil) {
			t.Errorf("%s: user text rendered unescaped", name)
		}
		if n := strings.Count(raw, "<script"); n != 1 {
			t.Errorf("%s: %d <script> elements, want only htmx", name, n)
		}
	}
}

func TestProductEditor(t *testing.T) {
	v := sampleEditor()
	root, _ := doc(t, seller.EditProduct(userPage(false), v))
	for _, id := range []string{"details", "variations", "stock", "photos", "delete", "photo-list", "photo-upload", "variation-form", "variations-table"} {
		if byID(root, id) == nil {
			t.Errorf("no #%s", id)
		}
	}
	// The add-variation form keeps what was typed and marks the problems.
	form := byID(root, "variation-form")
	mustAttr(t, form, "action", "/seller/products/"+productID+"/variations#variation-form")
	mustAttr(t, form, "method", "post")
	fieldChecks(t, root, form, "price", v.NewVariation.Errors["price"])
	fieldChecks(t, root, form, "stock", v.NewVariation.Errors["stock"])
	fieldChecks(t, root, form, "sku", "")
	mustAttr(t, first(form, tagAttr("input", "name", "price")), "value", "12.345")

	// One stock form per variation; only the failed one shows its problem.
	forms := all(root, func(n *html.Node) bool { return n.Data == "form" && hasClass(n, "stock-form") })
	if len(forms) != 2 {
		t.Fatalf("%d stock forms, want 2", len(forms))
	}
	for i, f := range forms {
		mustAttr(t, f, "action", "/seller/products/"+productID+"/stock#stock-"+string(rune('0'+i))+"-form")
		vid := first(f, tagAttr("input", "name", "variation_id"))
		mustAttr(t, vid, "value", v.Variations[i].ID)
		for _, name := range []string{"mode", "quantity", "reason"} {
			if first(f, func(n *html.Node) bool { a, _ := attr(n, "name"); return a == name }) == nil {
				t.Errorf("stock form %d has no %s", i, name)
			}
		}
	}
	if q := first(forms[1], tagAttr("input", "name", "quantity")); q == nil {
		t.Fatal("no quantity")
	} else if inv, _ := attr(q, "aria-invalid"); inv != "true" {
		t.Error("the failed stock form does not mark the quantity")
	}
	if q := first(forms[0], tagAttr("input", "name", "quantity")); q != nil {
		if _, inv := attr(q, "aria-invalid"); inv {
			t.Error("the other stock form is marked too")
		}
	}
	if sel := first(forms[1], tagAttr("option", "value", "remove")); sel == nil {
		t.Error("no remove mode")
	} else if _, ok := attr(sel, "selected"); !ok {
		t.Error("the chosen mode is not kept")
	}

	// The upload form: multipart, the token and description before the file.
	up := byID(root, "photo-upload")
	mustAttr(t, up, "enctype", "multipart/form-data")
	mustAttr(t, up, "action", "/seller/products/"+productID+"/images#photos")
	mustAttr(t, up, "hx-post", "/seller/products/"+productID+"/images")
	mustAttr(t, up, "hx-target", "#photos")
	var order []string
	for n := range up.Descendants() {
		if n.Type == html.ElementNode && n.Data == "input" {
			name, _ := attr(n, "name")
			order = append(order, name)
		}
	}
	if strings.Join(order, ",") != "_csrf,alt,image" {
		t.Errorf("upload fields in the order %v, want _csrf, alt, image", order)
	}
	file := first(up, tagAttr("input", "type", "file"))
	mustAttr(t, file, "accept", "image/jpeg,image/png,image/gif")
	fieldChecks(t, root, up, "image", "Too large.")

	// A processing photo makes the list poll itself.
	list := byID(root, "photo-list")
	mustAttr(t, list, "hx-get", "/seller/products/"+productID+"/images")
	mustAttr(t, list, "hx-trigger", "every 1s")
	mustAttr(t, list, "hx-swap", "outerHTML")
	if !strings.Contains(text(list), "refresh the page in a moment") {
		t.Error("no hint to refresh without JavaScript")
	}
	if img := first(list, tagAttr("img", "src", "/media/a/thumb.jpg")); img == nil {
		t.Error("the ready photo has no thumbnail")
	} else {
		mustAttr(t, img, "alt", "Blue mug")
	}
	if !strings.Contains(text(list), "not an image") {
		t.Error("the failed photo does not say why")
	}

	// Finished photos stop the polling.
	v.Photos.Items = v.Photos.Items[:1]
	raw := render(t, seller.PhotoList("tok", v.Photos))
	if strings.Contains(raw, "hx-trigger") || !strings.HasPrefix(raw, `<div id="photo-list"`) {
		t.Errorf("photo list without processing photos: %.200s", raw)
	}

	del := byID(root, "delete-product-form")
	mustAttr(t, del, "action", "/seller/products/"+productID+"/delete#delete")
	confirm := first(del, tagAttr("input", "name", "confirm"))
	mustAttr(t, confirm, "type", "checkbox")
	mustAttr(t, confirm, "aria-invalid", "true")
}

func TestProductFormCategoriesIndented(t *testing.T) {
	root, _ := doc(t, seller.NewProduct(userPage(false), seller.NewProductPage{Shell: sampleShell(seller.TabProducts), Form: sampleProductForm("")}))
	form := byID(root, "product-form")
	mustAttr(t, form, "action", "/seller/products/new")
	sel := first(form, tagAttr("select", "name", "category_id"))
	if sel == nil {
		t.Fatal("no category select")
	}
	opts := all(sel, tag("option"))
	if len(opts) != 4 {
		t.Fatalf("%d options, want a prompt and 3 categories", len(opts))
	}
	if got := opts[2].FirstChild.Data; got != "\u00a0\u00a0\u00a0\u00a0Kitchen" {
		t.Errorf("subcategory option %q is not indented", got)
	}
	if _, ok := attr(opts[2], "selected"); !ok {
		t.Error("the chosen category is not selected")
	}
}

func TestStarInput(t *testing.T) {
	root, _ := doc(t, components.StarInput(components.StarInputProps{Name: "rating", IDPrefix: "r", Legend: "Your rating", Value: 3, Error: "Choose a rating."}))
	radios := all(root, tagAttr("input", "type", "radio"))
	if len(radios) != 5 {
		t.Fatalf("%d radios, want 5", len(radios))
	}
	for i, r := range radios {
		mustAttr(t, r, "name", "rating")
		mustAttr(t, r, "value", string(rune('1'+i)))
		mustAttr(t, r, "aria-invalid", "true")
		mustAttr(t, r, "aria-describedby", "r-error")
		id, _ := attr(r, "id")
		l := first(root, tagAttr("label", "for", id))
		if l == nil || !strings.Contains(text(l), "star") {
			t.Errorf("radio %d has no label that says its stars", i+1)
		}
		if _, checked := attr(r, "checked"); checked != (i == 2) {
			t.Errorf("radio %d checked = %v", i+1, checked)
		}
	}
	if e := byID(root, "r-error"); e == nil || text(e) != "Choose a rating." {
		t.Error("no error message")
	}
	if first(root, tag("legend")) == nil {
		t.Error("no legend")
	}
}

func TestStarsSayTheRating(t *testing.T) {
	for _, tc := range []struct {
		r     components.Rating
		label string
		class string
	}{
		{components.Rating{Average: 4.46, Count: 12}, "4.5 out of 5, 12 reviews", "stars-45"},
		{components.Rating{Average: 3, Count: 1}, "3.0 out of 5, 1 review", "stars-30"},
		{components.Rating{Average: 4.2, Count: 2}, "4.2 out of 5, 2 reviews", "stars-40"},
		{components.Rating{}, "No reviews yet", "stars-0"},
	} {
		root, raw := doc(t, components.Stars(tc.r, true))
		hidden := first(root, func(n *html.Node) bool { return hasClass(n, "visually-hidden") })
		if hidden == nil || text(hidden) != tc.label {
			t.Errorf("%v: accessible text %q, want %q", tc.r, text(hidden), tc.label)
		}
		if !strings.Contains(raw, tc.class) {
			t.Errorf("%v: no class %s in %s", tc.r, tc.class, raw)
		}
	}
}

func TestReviewsFragmentUpdatesTheRatingOutOfBand(t *testing.T) {
	v := sampleProduct().Reviews
	v.SignedIn = true
	raw := render(t, catalog.ReviewsFragment(csrf, v, "Thanks "+evil))
	if !strings.HasPrefix(raw, `<section id="reviews"`) {
		t.Errorf("fragment does not start with #reviews: %.60q", raw)
	}
	if strings.Contains(raw, "<html") || strings.Contains(raw, evil) {
		t.Error("fragment renders the shell or unescaped text")
	}
	root, _ := doc(t, catalog.ReviewsFragment(csrf, v, "Thanks"))
	r := byID(root, "product-rating")
	if r == nil {
		t.Fatal("no #product-rating")
	}
	mustAttr(t, r, "hx-swap-oob", "true")
	form := byID(root, "review-form")
	if form == nil {
		t.Fatal("no review form for a signed-in user")
	}
	mustAttr(t, form, "action", "/products/"+v.ProductID+"/reviews#reviews")
	mustAttr(t, form, "hx-post", "/products/"+v.ProductID+"/reviews")
	mustAttr(t, form, "hx-target", "#reviews")
	if in := first(form, tagAttr("input", "name", "_csrf")); in == nil {
		t.Error("review form has no _csrf")
	}
	if first(form, tagAttr("textarea", "name", "body")) == nil {
		t.Error("review form has no body")
	}
}

func TestReviewsForAnonymousAndAuthor(t *testing.T) {
	v := sampleProduct().Reviews
	root, _ := doc(t, catalog.Reviews(csrf, v))
	if a := first(root, tagAttr("a", "href", "/login?next=%2Fproducts%2F"+v.ProductID+"%23reviews")); a == nil || text(a) != "Log in to write a review" {
		t.Error("anonymous visitors are not invited to log in")
	}
	if first(root, tag("form")) != nil {
		t.Error("anonymous visitors get a form")
	}

	v.SignedIn = true
	mine := v.Items[0]
	mine.Body = evil
	v.Mine = &mine
	v.Form = catalog.ReviewForm{Rating: 5, Body: evil}
	root, raw := doc(t, catalog.Reviews(csrf, v))
	if strings.Contains(raw, evil) {
		t.Error("review text rendered unescaped")
	}
	if byID(root, "review-form") != nil {
		t.Error("the author gets the new-review form")
	}
	edit := byID(root, "edit-review-form")
	if edit == nil {
		t.Fatal("no edit form")
	}
	mustAttr(t, edit, "action", "/reviews/"+mine.ID+"#reviews")
	mustAttr(t, first(edit, tagAttr("input", "name", "product_id")), "value", v.ProductID)
	del := first(root, tagAttr("form", "action", "/reviews/"+mine.ID+"/delete"))
	if del == nil {
		t.Fatal("no delete form")
	}
	if first(root, func(n *html.Node) bool { a, _ := attr(n, "action"); return strings.HasPrefix(a, "/admin/") }) != nil {
		t.Error("moderation shown to a non-admin")
	}
	v.IsAdmin = true
	root, _ = doc(t, catalog.Reviews(csrf, v))
	hide := first(root, tagAttr("form", "action", "/admin/reviews/r1/hidden"))
	if hide == nil {
		t.Fatal("no hide form for admins")
	}
	mustAttr(t, first(hide, tagAttr("input", "name", "hidden")), "value", "true")
}

func TestListingSortSelect(t *testing.T) {
	v := sampleListing()
	v.Sort = catalog.SortPriceDesc
	root, _ := doc(t, catalog.ListingResults(v))
	form := first(root, func(n *html.Node) bool { return n.Data == "form" && hasClass(n, "listing-search") })
	sel := first(form, tagAttr("select", "name", "sort"))
	if sel == nil {
		t.Fatal("no sort select in the search form")
	}
	id, _ := attr(sel, "id")
	if first(form, tagAttr("label", "for", id)) == nil {
		t.Error("sort select has no label")
	}
	mustAttr(t, sel, "hx-get", "/products")
	mustAttr(t, sel, "hx-target", "#listing-results")
	mustAttr(t, sel, "hx-push-url", "true")
	mustAttr(t, sel, "hx-include", "closest form")
	if o := first(sel, tagAttr("option", "value", catalog.SortPriceDesc)); o == nil {
		t.Fatal("no price_desc option")
	} else if _, ok := attr(o, "selected"); !ok {
		t.Error("the chosen order is not selected")
	}
	if first(form, tagAttr("button", "type", "submit")) == nil {
		t.Error("no submit button for browsers without JavaScript")
	}
}

func TestProductCardRatingAndShopLink(t *testing.T) {
	cards := sampleCards(2)
	cards[0].ShopURL = "/shops/clay-and-co"
	cards[0].Rating = components.Rating{Average: 4.5, Count: 12}
	cards[0].ImageLargeURL = "/media/x/medium.jpg"
	root, _ := doc(t, catalog.ProductGrid(cards))
	arts := all(root, tag("article"))
	if a := first(arts[0], tagAttr("a", "href", "/shops/clay-and-co")); a == nil || text(a) != "Clay & Co" {
		t.Error("the card does not link its shop")
	}
	if !strings.Contains(text(arts[0]), "4.5 out of 5, 12 reviews") {
		t.Error("the card does not say its rating")
	}
	if _, ok := attr(first(arts[0], tag("img")), "srcset"); !ok {
		t.Error("no srcset with a larger image")
	}
	if strings.Contains(text(arts[1]), "out of 5") {
		t.Error("a card without reviews shows a rating")
	}
}

func TestHeaderLinksForShopOwners(t *testing.T) {
	p := userPage(false)
	root, _ := doc(t, catalog.Home(p, catalog.HomeView{}))
	if a := first(root, tagAttr("a", "href", "/seller")); a == nil || text(a) != "Sell" {
		t.Error("a user without a shop is not invited to sell")
	}
	if first(root, tagAttr("a", "href", "/account")) == nil {
		t.Error("no Account link")
	}
	p.User.HasShop = true
	root, _ = doc(t, catalog.Home(p, catalog.HomeView{}))
	if a := first(root, tagAttr("a", "href", "/seller")); a == nil || text(a) != "My shop" {
		t.Error("a shop owner has no My shop link")
	}
}

func TestAccountSettingsForms(t *testing.T) {
	v := sampleSettings()
	v.Profile.Name = evil
	root, raw := doc(t, account.Settings(userPage(false), v))
	if strings.Contains(raw, evil) {
		t.Error("name rendered unescaped")
	}
	for action, fields := range map[string][]string{
		"/account":                            {"name"},
		"/account/password#password-form":     {"current_password", "new_password"},
		"/account/delete#delete-account-form": {"password"},
	} {
		f := first(root, tagAttr("form", "action", action))
		if f == nil {
			t.Errorf("no form to %s", action)
			continue
		}
		mustAttr(t, f, "method", "post")
		for _, name := range fields {
			in := first(f, tagAttr("input", "name", name))
			if in == nil {
				t.Errorf("%s has no %s", action, name)
				continue
			}
			if strings.Contains(name, "password") {
				if _, ok := attr(in, "value"); ok {
					t.Errorf("%s echoes a password", name)
				}
			}
		}
	}
	fieldChecks(t, root, first(root, tagAttr("form", "action", "/account/password#password-form")), "current_password", "Wrong.")
	if a := byID(root, "delete-form-error"); a == nil || text(a) != "Too many tries." {
		t.Error("the delete form's problem is not shown")
	}
}
