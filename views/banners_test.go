package views_test

import (
	"strings"
	"testing"

	"github.com/a-h/templ"
	"golang.org/x/net/html"

	"github.com/marketplace/marketplace/views/admin"
	"github.com/marketplace/marketplace/views/catalog"
	"github.com/marketplace/marketplace/views/charts"
	"github.com/marketplace/marketplace/views/seller"
)

func sampleBanner(title string) catalog.Banner {
	return catalog.Banner{
		Title: title, Alt: title + " " + evil, LinkURL: "/products?category=home",
		Images: []catalog.BannerImage{
			{URL: "/banners/b/v1/1920x600.jpg", Width: 1920, Height: 600},
			{URL: "/banners/b/v1/768x240.jpg", Width: 768, Height: 240},
		},
	}
}

func sampleRow(status string) admin.BannerRow {
	return admin.BannerRow{
		ID: "0190c3b2-0000-7000-8000-0000000000b1", Title: "Winter " + evil, Placement: "hero", LinkURL: "/products",
		Alt: "Snow " + evil, ThumbURL: "/banners/b/v1/768x240.jpg", Status: status, StatusLabel: status, Active: true,
		Position: "0", Schedule: "From 1 Dec 2026, 10:00 UTC", PreviewURL: "/?preview_at=2026-12-01T10%3A00",
		EditURL: "/admin/banners/0190c3b2-0000-7000-8000-0000000000b1", RowURL: "/admin/banners/0190c3b2-0000-7000-8000-0000000000b1/row",
		CanDown: true,
	}
}

func sampleChart(id string) charts.Chart {
	return charts.Chart{ID: id, Title: "Revenue per day", Summary: "Revenue over 3 days", Points: []charts.Point{
		{Label: "1 Mar", Value: 100, Display: "€1.00"}, {Label: "2 Mar", Value: 0, Display: "€0.00"}, {Label: "3 Mar", Value: 250, Display: "€2.50"},
	}}
}

// dashboardPages are the pages of issue 5 with sample data, for the checks
// every full page passes.
func dashboardPages() map[string]templ.Component {
	home := catalog.HomeView{NewArrivals: sampleCards(2), Preview: "1 Dec 2026, 10:00 UTC", PreviewISO: "2026-12-01T10:00:00Z"}
	hero := sampleBanner("Hero")
	home.Hero = &hero
	home.Slides = []catalog.Banner{sampleBanner("One"), sampleBanner("Two"), sampleBanner("Three")}
	dash := admin.DashboardView{
		UsersTotal: "3", Stats: []admin.Stat{{ID: "stat-gmv", Label: "Sales", Value: "€3.50"}},
		Ranges: []charts.Range{{Label: "7 days", URL: "/admin?days=7"}, {Label: "30 days", URL: "/admin?days=30", Active: true}},
		GMV:    sampleChart("chart-gmv"), Orders: sampleChart("chart-orders"), NewUsers: sampleChart("chart-new-users"),
		NewShops: sampleChart("chart-new-shops"), PaymentFailures: sampleChart("chart-payment-failures"),
		Cancellations: sampleChart("chart-cancellations"),
		TopShops:      []admin.TopShopRow{{Name: "Clay & Co", Orders: "1", Revenue: "€3.50"}},
	}
	overview := sampleOverview()
	overview.Sales = seller.SalesView{
		Period: "the last 30 days", Revenue: "€3.50", PaidOrders: "1", AverageOrder: "€3.50", Cancelled: "0", Rating: "—",
		RevenueChart: sampleChart("chart-revenue"), OrdersChart: sampleChart("chart-paid-orders"),
		CancellationsChart: sampleChart("chart-cancellations"), RatingChart: sampleChart("chart-rating"),
		TopProducts: []seller.TopProductRow{{Name: "Mug", URL: "/products/p1", Units: "1", Revenue: "€3.50"}},
		Funnel:      []charts.FunnelStep{{Label: "Carts", Count: "2", Share: 1, Percent: "100%"}, {Label: "Paid", Count: "1", Share: 0.5, Percent: "50%"}},
	}
	failed := sampleRow("failed")
	failed.ID, failed.Error = "0190c3b2-0000-7000-8000-0000000000b2", "The image is damaged."
	return map[string]templ.Component{
		"home with banners":          catalog.Home(userPage(true), home),
		"admin dashboard":            admin.Dashboard(userPage(true), dash),
		"seller overview with sales": seller.OverviewPage(userPage(false), overview),
		"banners": admin.Banners(userPage(true), admin.BannersPage{
			Groups: []admin.BannerGroup{
				{Placement: "hero", Title: "Hero", Rows: []admin.BannerRow{sampleRow("ready"), failed}},
				{Placement: "slider", Title: "Slider"},
			},
			Form:      admin.BannerForm{Title: "New", Placement: "hero", Errors: map[string]string{"title": "Enter a title.", "image": "Choose an image."}, Error: "Fix it."},
			MaxUpload: "10 MB",
		}),
		"banner editor": admin.EditBanner(userPage(true), admin.BannerEditPage{
			Row: sampleRow("ready"), ImageURL: "/banners/b/v1/1920x600.jpg", Form: admin.BannerForm{Title: "Winter", Placement: "hero", Active: true},
			ImageForm: admin.BannerForm{Errors: map[string]string{"image": "Not an image."}}, MaxUpload: "10 MB",
		}),
		"dead letters": admin.DeadLetters(userPage(true), admin.DeadLettersPage{Services: []admin.DeadLetterService{
			{Name: "shop", Queue: "shop.events", Summary: "1 message", Items: []admin.DeadLetterRow{{
				EventID: "e1", Type: "user.deleted", Source: "user", Reason: "bad " + evil, Preview: `{"x":"` + evil + `"}`, Payload: `{"x":"` + evil + `", "more": 1}`,
			}}},
			{Name: "warehouse", Error: "The warehouse service did not answer."},
			{Name: "user"},
		}}),
	}
}

func TestDashboardPagesShareTheShell(t *testing.T) {
	for name, c := range dashboardPages() {
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
				in := first(f, tagAttr("input", "name", "_csrf"))
				if in == nil {
					a, _ := attr(f, "action")
					t.Errorf("POST form %s has no _csrf field", a)
					continue
				}
				mustAttr(t, in, "value", csrf)
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
						t.Errorf("aria-describedby %q points nowhere", ref)
					}
				}
			}
			for _, img := range all(root, tag("img")) {
				if _, ok := attr(img, "alt"); !ok {
					src, _ := attr(img, "src")
					t.Errorf("image %s has no alt", src)
				}
			}
		})
	}
}

func TestHomeBanners(t *testing.T) {
	pages := dashboardPages()
	root, _ := doc(t, pages["home with banners"])
	notice := byID(root, "preview-notice")
	if notice == nil || !strings.Contains(text(notice), "Preview of 1 Dec 2026, 10:00 UTC") {
		t.Error("no preview notice")
	}
	if tm := first(notice, tag("time")); tm == nil {
		t.Error("the preview notice has no <time>")
	} else {
		mustAttr(t, tm, "datetime", "2026-12-01T10:00:00Z")
	}
	hero := first(root, func(n *html.Node) bool { return n.Data == "section" && hasClass(n, "hero-banner") })
	if hero == nil {
		t.Fatal("no hero banner")
	}
	link := first(hero, tag("a"))
	img := first(hero, tag("img"))
	if link == nil || img == nil {
		t.Fatal("the hero is not a linked image")
	}
	mustAttr(t, link, "href", "/products?category=home")
	mustAttr(t, img, "alt", "Hero "+evil)
	mustAttr(t, img, "src", "/banners/b/v1/1920x600.jpg")
	mustAttr(t, img, "srcset", "/banners/b/v1/1920x600.jpg 1920w, /banners/b/v1/768x240.jpg 768w")
	mustAttr(t, img, "width", "1920")
	mustAttr(t, img, "height", "600")
	mustAttr(t, img, "fetchpriority", "high")
	if _, ok := attr(img, "sizes"); !ok {
		t.Error("the hero's image has no sizes")
	}
	if h1 := first(root, tag("h1")); h1 == nil || !hasClass(h1, "visually-hidden") {
		t.Error("with a hero banner the page heading should be there for screen readers only")
	}

	track := byID(root, "slider-track")
	if track == nil {
		t.Fatal("no slider track")
	}
	mustAttr(t, track, "tabindex", "0")
	mustAttr(t, track, "role", "region")
	slides := all(track, func(n *html.Node) bool { return n.Data == "li" && hasClass(n, "slide") })
	if len(slides) != 3 {
		t.Fatalf("%d slides, want 3", len(slides))
	}
	for i, s := range slides {
		id, _ := attr(s, "id")
		if id != "slide-"+string(rune('1'+i)) {
			t.Errorf("slide %d has id %q", i, id)
		}
		if first(s, tag("img")) == nil || first(s, tagAttr("a", "href", "/products?category=home")) == nil {
			t.Errorf("slide %d is not a linked image", i)
		}
		if v, _ := attr(first(s, tag("img")), "loading"); v != "lazy" {
			t.Errorf("slide %d loads eagerly", i)
		}
	}
	// The first slide links only to the next, the last only to the previous.
	if first(slides[0], func(n *html.Node) bool { return hasClass(n, "slide-prev") }) != nil ||
		first(slides[0], tagAttr("a", "href", "#slide-2")) == nil {
		t.Error("the first slide's neighbours are wrong")
	}
	if first(slides[2], tagAttr("a", "href", "#slide-2")) == nil ||
		first(slides[2], func(n *html.Node) bool { return hasClass(n, "slide-next") }) != nil {
		t.Error("the last slide's neighbours are wrong")
	}

	// Without banners the built-in welcome shows, with its visible heading.
	root, _ = doc(t, catalog.Home(anonPage(), catalog.HomeView{NewArrivals: sampleCards(1)}))
	if byID(root, "slider-track") != nil || first(root, func(n *html.Node) bool { return hasClass(n, "hero-banner") }) != nil {
		t.Error("banners without any to show")
	}
	if h1 := first(root, tag("h1")); h1 == nil || hasClass(h1, "visually-hidden") {
		t.Error("the welcome's heading is not visible")
	}
}

func TestBannerRowPollsOnlyWhilePending(t *testing.T) {
	for status, polls := range map[string]bool{"pending": true, "deleting": true, "ready": false, "failed": false, "draft": false} {
		root, _ := doc(t, admin.BannerItem(csrf, sampleRow(status)))
		li := first(root, tag("li"))
		_, has := attr(li, "hx-trigger")
		if has != polls {
			t.Errorf("%s row polls: %v, want %v", status, has, polls)
		}
		if polls {
			mustAttr(t, li, "hx-trigger", "every 2s")
			mustAttr(t, li, "hx-get", sampleRow(status).RowURL)
			mustAttr(t, li, "hx-swap", "outerHTML")
		}
		// A banner being deleted has no controls left.
		forms := all(root, tag("form"))
		if status == "deleting" && len(forms) != 0 {
			t.Errorf("a deleting row has %d forms", len(forms))
		}
		if status == "ready" {
			if len(forms) != 3 { // move down, hide, delete
				t.Errorf("a ready row has %d forms, want 3", len(forms))
			}
			img := first(root, tag("img"))
			if img == nil {
				t.Fatal("a ready row has no thumbnail")
			}
			mustAttr(t, img, "alt", "Snow "+evil)
			if first(root, tagAttr("a", "href", "/?preview_at=2026-12-01T10%3A00")) == nil {
				t.Error("no preview link of the schedule")
			}
		}
	}
}

func TestBannerFormMarksItsProblems(t *testing.T) {
	root, _ := doc(t, dashboardPages()["banners"])
	form := byID(root, "banner-form")
	if form == nil {
		t.Fatal("no banner form")
	}
	mustAttr(t, form, "enctype", "multipart/form-data")
	mustAttr(t, form, "action", "/admin/banners")
	for id, want := range map[string]string{"banner-title": "Enter a title.", "banner-image": "Choose an image."} {
		in := byID(root, id)
		if in == nil {
			t.Fatalf("no #%s", id)
		}
		mustAttr(t, in, "aria-invalid", "true")
		desc, _ := attr(in, "aria-describedby")
		found := false
		for _, ref := range strings.Fields(desc) {
			if n := byID(root, ref); n != nil && text(n) == want {
				found = true
			}
		}
		if !found {
			t.Errorf("#%s is not described by %q", id, want)
		}
	}
	// The CSRF token comes first and the image last: the server reads the
	// form as a stream and checks the token before it reads the file.
	var names []string
	for _, in := range all(form, func(n *html.Node) bool { _, ok := attr(n, "name"); return ok }) {
		v, _ := attr(in, "name")
		names = append(names, v)
	}
	if names[0] != "_csrf" || names[len(names)-1] != "image" {
		t.Errorf("form fields in order %v: want _csrf first and image last", names)
	}
	for _, n := range []string{"starts_at", "ends_at"} {
		mustAttr(t, first(form, tagAttr("input", "name", n)), "type", "datetime-local")
	}
	if !strings.Contains(text(form), "UTC") {
		t.Error("the form does not say its times are UTC")
	}
}

func TestDeadLettersPage(t *testing.T) {
	root, _ := doc(t, dashboardPages()["dead letters"])
	shop := byID(root, "dead-letters-shop")
	if shop == nil {
		t.Fatal("no shop section")
	}
	one := first(shop, tagAttr("input", "name", "event_id"))
	if one == nil {
		t.Fatal("no replay button of the message")
	}
	mustAttr(t, one, "value", "e1")
	if first(shop, tagAttr("input", "name", "all")) == nil {
		t.Error("no replay-all button")
	}
	if !strings.Contains(text(byID(root, "dead-letters-warehouse")), "did not answer") {
		t.Error("the unreachable service's error is not shown")
	}
	if !strings.Contains(text(byID(root, "dead-letters-user")), "No dead letters") {
		t.Error("a service without dead letters does not say so")
	}
	if first(byID(root, "dead-letters-user"), tag("form")) != nil {
		t.Error("replay all without anything to replay")
	}
}

func TestRangeSwitchAndFunnel(t *testing.T) {
	root, _ := doc(t, dashboardPages()["seller overview with sales"])
	if sales := byID(root, seller.SalesID); sales == nil || first(sales, tag("nav")) == nil {
		t.Fatal("no sales section with its range switch")
	}
	root, _ = doc(t, dashboardPages()["admin dashboard"])
	nav := first(byID(root, admin.AnalyticsID), tag("nav"))
	links := all(nav, tag("a"))
	if len(links) != 2 {
		t.Fatalf("%d range links, want 2", len(links))
	}
	mustAttr(t, links[1], "aria-current", "page")
	mustAttr(t, links[0], "hx-get", "/admin?days=7")
	mustAttr(t, links[0], "hx-target", "#"+admin.AnalyticsID)
	mustAttr(t, links[0], "hx-push-url", "true")
	if _, ok := attr(links[0], "aria-current"); ok {
		t.Error("an inactive range is marked current")
	}

	root, raw := doc(t, charts.Funnel("f", "Funnel", []charts.FunnelStep{
		{Label: "Carts", Count: "4", Share: 1, Percent: "100%"},
		{Label: evil, Count: "1", Share: 0.25, Percent: "25%", Conversion: "25% of carts"},
		{Label: "None", Count: "0", Share: 0, Percent: "0%"},
	}))
	if strings.Contains(raw, evil) {
		t.Error("funnel label unescaped")
	}
	fills := all(root, func(n *html.Node) bool { return hasClass(n, "funnel-fill") })
	var widths []string
	for _, f := range fills {
		w, _ := attr(f, "width")
		widths = append(widths, w)
	}
	if strings.Join(widths, " ") != "100 25 0" {
		t.Errorf("funnel bars %v", widths)
	}
	if !strings.Contains(text(root), evil) || !strings.Contains(text(root), "25% of carts") {
		t.Error("funnel text lost")
	}
}
