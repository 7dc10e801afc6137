package e2e

import (
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/web/shopper"
)

// adminWait bounds the waits for work that happens behind the pages: a
// banner's image being processed, analytics catching up with a payment.
const adminWait = 60 * time.Second

// datetimeLocal is the format of the banner form's datetime-local fields
// and of ?preview_at= (UTC).
const datetimeLocal = "2006-01-02T15:04"

// adminCharts are the admin dashboard's charts, by figure id.
var adminCharts = []string{"chart-gmv", "chart-orders", "chart-new-users", "chart-new-shops", "chart-payment-failures", "chart-platform-cancellations"}

// adminJourney: the admin checks the dashboard, uploads a hero and a
// slider banner and sees them on the home page, schedules a slide and
// previews the home page at a later moment (which nobody else can); a
// seller's paid order shows up in the seller's sales chart; a shopper is
// kept out of the admin area; the dead letters page lists every service.
func adminJourney(t *testing.T, dir, base string, admin account) {
	b := newBrowser(t, dir, base)
	run := testkit.Suffix()[:6]

	// (1) The dashboard: charts drawn as images, with their numbers as
	// tables.
	ada := b.person("admin")
	if status := ada.navigate("/admin"); status != 200 || !strings.HasPrefix(ada.path(), "/login") {
		ada.fail("GET /admin while signed out led to %s (%d), want the login page", ada.path(), status)
	}
	if status := ada.login(admin); status != 200 || ada.path() != "/admin" {
		ada.fail("logging in as admin led to %s (%d), want /admin (200)", ada.path(), status)
	}
	ada.signedInAs(admin.Name)
	if note := eval[string](ada, `(document.getElementById("dashboard-note") || {}).textContent || ""`); note != "" {
		ada.fail("the dashboard shows no figures: %q", strings.TrimSpace(note))
	}
	for _, id := range adminCharts {
		c := eval[chartInfo](ada, chartInfoJS(id))
		switch {
		case !c.Figure:
			ada.fail("the dashboard has no chart #%s", id)
		case !c.SVG || c.Label == "":
			ada.fail("the chart #%s has no <svg role=img> named by its title (aria-labelledby %q)", id, c.Label)
		case c.Rows != 30:
			ada.fail("the chart #%s's table #%s-table has %d days, want 30", id, id, c.Rows)
		}
	}
	ada.shot("dashboard")

	// (2) A hero banner and a slide, uploaded through the form: each is
	// pending (or already ready) right after the upload, and its row turns
	// ready by itself.
	hero := bannerInput{
		Title: "Spring collection " + run, Alt: "Stoneware mugs on a sunlit shelf " + run, Link: "/products?sort=newest",
		Placement: "hero", File: writeBannerImage(t, "hero.png", 2400, 800, 20),
	}
	slide := bannerInput{
		Title: "Linen week " + run, Alt: "Folded linen in soft blues " + run, Link: "/products?sort=rating",
		Placement: "slider", File: writeBannerImage(t, "slide.jpg", 1800, 600, 200),
	}
	if status := ada.navigate("/admin/banners"); status != 200 {
		ada.fail("GET /admin/banners answered %d", status)
	}
	ada.shot("banners-before")
	pendingSeen := 0
	hero.ID = ada.uploadBanner(hero)
	if ada.awaitReady(hero) {
		pendingSeen++
	}
	slide.ID = ada.uploadBanner(slide)
	if ada.awaitReady(slide) {
		pendingSeen++
	}

	// The demo hero came first (same position, older): the new one moves
	// up, to be the hero shown.
	heroes := eval[[]string](ada, `[...document.querySelectorAll("#banners-hero li.banner-row")].map(e => e.dataset.bannerId)`)
	if !slices.Contains(heroes, hero.ID) {
		ada.fail("the hero list %v does not hold the new hero %s", heroes, hero.ID)
	}
	up := `#banner-` + hero.ID + ` form[action="/admin/banners/` + hero.ID + `/move"]:has(input[value="up"]) button[type="submit"]`
	for moves := 0; heroes[0] != hero.ID; moves++ {
		if moves == len(heroes) {
			ada.fail("after %d moves up the hero list is %v, want the new hero %s first", moves, heroes, hero.ID)
		}
		if status := ada.submit("move the new hero up", chromedp.CSS(up)); status != 200 {
			ada.fail("moving the hero up answered %d", status)
		}
		heroes = eval[[]string](ada, `[...document.querySelectorAll("#banners-hero li.banner-row")].map(e => e.dataset.bannerId)`)
	}
	if pos := ada.text(chromedp.CSS("#banner-" + hero.ID + " .banner-meta span")); pos != "Position 0" {
		ada.fail("the moved hero says %q, want Position 0", pos)
	}
	ada.shotTop("banners-ready")

	// (3) The home page, for a visitor: the new hero, the new slide in a
	// slider that the keyboard reaches, every slide a link.
	vic := b.person("visitor")
	if status := vic.navigate("/"); status != 200 {
		vic.fail("GET / answered %d", status)
	}
	h := eval[bannerOnPage](vic, `(() => {
		const img = document.querySelector("section.hero-banner img.banner-image");
		const a = document.querySelector("section.hero-banner a.hero-banner-link");
		return img ? {alt: img.alt, href: a ? a.getAttribute("href") : "", src: img.getAttribute("src")} : {};
	})()`)
	if h.Alt != hero.Alt || h.Href != hero.Link || !strings.HasPrefix(h.Src, "/banners/"+hero.ID+"/") {
		vic.fail("the home page's hero is %+v, want the new hero (alt %q, link %q, image under /banners/%s/)", h, hero.Alt, hero.Link, hero.ID)
	}
	vic.do("wait for the hero's image to load", chromedp.Poll[chromedp.Void](
		`(() => { const i = document.querySelector("section.hero-banner img.banner-image"); return i.complete && i.naturalWidth > 0 })()`,
		chromedp.WithPollingTimeout(stepTimeout)))
	slides := vic.slides()
	if !slides.has(slide.Alt, slide.Link) {
		vic.fail("the slider does not show the new slide (alt %q, link %q): %+v", slide.Alt, slide.Link, slides.Slides)
	}
	if slides.TabIndex != "0" {
		vic.fail("the slider's track has tabindex %q, want 0 (keyboard-focusable)", slides.TabIndex)
	}
	for i, s := range slides.Slides {
		if s.Href == "" {
			vic.fail("slide %d (%q) is not a link", i+1, s.Alt)
		}
	}
	vic.do("focus the slider", chromedp.Focus(chromedp.CSS("#slider-track")))
	if id := eval[string](vic, `document.activeElement ? document.activeElement.id : ""`); id != "slider-track" {
		vic.fail("focusing the slider's track left the focus on %q", id)
	}
	vic.shotTop("home-with-banners")

	// (4) A slide scheduled an hour from now: not on the home page now;
	// the admin's preview of a moment in its window shows it, of a moment
	// after it does not; nobody else can preview.
	now := time.Now().UTC()
	starts, ends := now.Add(time.Hour).Truncate(time.Minute), now.Add(2*time.Hour).Truncate(time.Minute)
	later := bannerInput{
		Title: "Summer preview " + run, Alt: "Beach towels in stripes " + run, Link: "/products",
		Placement: "slider", StartsAt: starts.Format(datetimeLocal), EndsAt: ends.Format(datetimeLocal),
		File: writeBannerImage(t, "later.png", 2400, 800, 40),
	}
	later.ID = ada.uploadBanner(later)
	if ada.awaitReady(later) {
		pendingSeen++
	}
	// Pending is only seen when the list renders before the sizes are
	// made (web/banners_test.go checks it deterministically).
	t.Logf("%d of 3 uploads were seen pending; the others were ready when the list rendered", pendingSeen)
	previewLink := get(ada, "read the scheduled banner's preview link",
		chromedp.AttributeValue(chromedp.CSS("#banner-"+later.ID+` a[href^="/?preview_at="]`), "href"))
	if want := "/?preview_at=" + url.QueryEscape(later.StartsAt); previewLink.Value != want {
		ada.fail("the scheduled banner's preview link is %q, want %q", previewLink.Value, want)
	}
	if got := ada.text(chromedp.CSS("#banner-" + later.ID + " .banner-meta:last-child span")); !strings.HasPrefix(got, "From ") || !strings.Contains(got, " until ") {
		ada.fail("the scheduled banner's window reads %q", got)
	}
	ada.shotTop("banner-scheduled")

	if status := vic.navigate("/"); status != 200 {
		vic.fail("GET / answered %d", status)
	}
	if vic.slides().has(later.Alt, "") {
		vic.fail("the slide scheduled from %s shows on the home page now", later.StartsAt)
	}
	inWindow := now.Add(90 * time.Minute).Format(datetimeLocal)
	afterWindow := now.Add(3 * time.Hour).Format(datetimeLocal)
	if status := ada.navigate("/?preview_at=" + url.QueryEscape(inWindow)); status != 200 {
		ada.fail("GET /?preview_at=%s answered %d", inWindow, status)
	}
	if notice := ada.text("#preview-notice"); !strings.Contains(notice, "Preview of") {
		ada.fail("the preview of %s has the notice %q", inWindow, notice)
	}
	if s := ada.slides(); !s.has(later.Alt, later.Link) || !s.has(slide.Alt, slide.Link) {
		ada.fail("the preview of %s does not show the scheduled slide (%q) beside the others: %+v", inWindow, later.Alt, s.Slides)
	}
	ada.shot("home-preview-in-window")
	if status := ada.navigate("/?preview_at=" + url.QueryEscape(afterWindow)); status != 200 {
		ada.fail("GET /?preview_at=%s answered %d", afterWindow, status)
	}
	if ada.slides().has(later.Alt, "") {
		ada.fail("the preview of %s, after the window ending %s, shows the scheduled slide", afterWindow, later.EndsAt)
	}
	if !eval[bool](ada, `document.getElementById("preview-notice") !== null`) {
		ada.fail("the preview of %s has no preview notice", afterWindow)
	}
	ada.shot("home-preview-after-window")
	// The banner's own preview link: the home page as at its start.
	if status := ada.navigate(previewLink.Value); status != 200 || !ada.slides().has(later.Alt, later.Link) {
		ada.fail("the banner's preview link %s (%d) does not show it", previewLink.Value, status)
	}

	for _, p := range []*person{vic, b.person("shopper")} {
		if p != vic {
			p.loginAs(account{Name: demo.Shoppers[2].Name, Email: demo.Shoppers[2].Email, Password: demo.Password})
		}
		if status := p.navigate("/?preview_at=" + url.QueryEscape(inWindow)); status != 200 {
			p.fail("GET /?preview_at=%s answered %d", inWindow, status)
		}
		if p.slides().has(later.Alt, "") {
			p.fail("a non-admin's ?preview_at=%s showed the scheduled slide", inWindow)
		}
		if eval[bool](p, `document.getElementById("preview-notice") !== null`) {
			p.fail("a non-admin's ?preview_at=%s shows the preview notice", inWindow)
		}
	}
	vic.shot("home-preview-ignored")

	// (5) A seller's paid order in the sales chart.
	sellerJourneyChart(t, b, base, run)

	// (6) A shopper is kept out of the admin area.
	sam := b.person("shopper-2")
	sam.loginAs(account{Name: demo.Shoppers[3].Name, Email: demo.Shoppers[3].Email, Password: demo.Password})
	for _, path := range []string{"/admin", "/admin/banners", "/admin/dead-letters", "/admin/banners/" + hero.ID} {
		if status := sam.navigate(path); status != 403 {
			sam.fail("GET %s as a shopper answered %d, want 403", path, status)
		}
		if got := sam.text(".error-page .error-code"); got != "403" {
			sam.fail("GET %s as a shopper shows the code %q, want the 403 page", path, got)
		}
		if eval[bool](sam, `document.querySelector("#banner-form, #stat-users-total, .dead-letter-service") !== null`) {
			sam.fail("the 403 page of %s shows the admin's content", path)
		}
	}
	sam.shot("admin-forbidden")

	// (7) Dead letters: a section per event-consuming service, each of
	// which answered.
	if status := ada.navigate("/admin/dead-letters"); status != 200 {
		ada.fail("GET /admin/dead-letters answered %d", status)
	}
	services := eval[[]string](ada, `[...document.querySelectorAll("section.dead-letter-service")].map(s => s.dataset.service)`)
	slices.Sort(services)
	want := slices.Sorted(slices.Values(consumers))
	if !slices.Equal(services, want) {
		ada.fail("the dead letters page has sections for %v (%d), want one per service %v (%d)", services, len(services), want, len(want))
	}
	if errs := eval[[]string](ada, `[...document.querySelectorAll("section.dead-letter-service .alert-error")].map(e => e.textContent.trim())`); len(errs) > 0 {
		ada.fail("some services did not answer: %q", errs)
	}
	ada.shot("dead-letters")
}

// sellerJourneyChart: a new seller's product is bought and paid (over
// HTTP, for speed); in the browser the seller's revenue chart shows it
// for today, and the 7-day switch swaps the sales section in place.
func sellerJourneyChart(t *testing.T, b *browser, base, run string) {
	awayFromMidnightUTC(t, 2*adminWait) // the chart's last bar is today's
	ctx, cancel := context.WithTimeout(context.Background(), adminWait)
	defer cancel()
	transport := &http.Transport{}
	t.Cleanup(transport.CloseIdleConnections)
	_, productID, variationID := listProduct(t, ctx, base, transport, run, 5)
	buyer, err := shopper.New(base, transport)
	if err != nil {
		t.Fatal(err)
	}
	if err := buyer.Register(ctx, "Cleo Customer", "cleo-"+run+"@example.com", "buyer-pw-"+run); err != nil {
		t.Fatalf("register the buyer: %v", err)
	}
	if err := buyer.AddToCart(ctx, productID, variationID, 1); err != nil {
		t.Fatalf("add the print to the cart: %v", err)
	}
	page, err := buyer.Checkout(ctx, shippingAddress)
	if err != nil {
		t.Fatalf("check out: %v", err)
	}
	orderID := page.OrderID()
	if orderID == "" {
		t.Fatalf("the checkout ended on %s (%d), not on an order", page.Path, page.Status)
	}
	if _, err := buyer.Pay(ctx, orderID, paymentclient.CardSucceeds); err != nil {
		t.Fatalf("pay order %s: %v", orderID, err)
	}
	waitUntil(t, ctx, func() bool {
		st, err := buyer.OrderStatus(ctx, orderID)
		return err == nil && st == "paid"
	}, "order "+orderID+" to be paid")

	sol := b.person("seller")
	sol.loginAs(account{Name: "Sol Seller", Email: "sol-" + run + "@example.com", Password: "seller-pw-" + run})
	today := time.Now().UTC().Format("2 Jan")
	const price = "€40.00"
	var last revenueDay
	deadline := time.Now().Add(adminWait)
	for {
		if status := sol.navigate("/seller"); status != 200 || sol.path() != "/seller" {
			sol.fail("GET /seller led to %s (%d)", sol.path(), status)
		}
		last = eval[revenueDay](sol, revenueJS)
		if last.Days == 30 && last.Day == today && last.Value == price {
			break
		}
		if time.Now().After(deadline) {
			sol.fail("after %s the revenue chart's last day reads %+v, want %s with %s of 30 days (analytics lags?)", adminWait, last, today, price)
		}
		time.Sleep(250 * time.Millisecond) // poll interval between reloads
	}
	if !last.SVG {
		sol.fail("the revenue chart has no <svg role=img>")
	}
	if last.BarTitle != today+": "+price || !(last.BarHeight > 0) {
		sol.fail("today's bar is titled %q with height %v, want %q and a height above zero", last.BarTitle, last.BarHeight, today+": "+price)
	}
	if got := sol.text("#stat-revenue"); got != price {
		sol.fail("the revenue total reads %q, want %s", got, price)
	}
	sol.shot("sales-30-days")

	// The range switch: an htmx swap of the section, the URL pushed, the
	// page itself kept (the marker set on it survives).
	eval[bool](sol, `(window.__adminJourneyPage = true)`)
	sol.do("switch to 7 days", chromedp.Click(chromedp.CSS(`#sales a.range-link[href="/seller?days=7"]`)))
	sol.do("wait for the 7-day figures", chromedp.Poll[chromedp.Void](
		`location.search.includes("days=7") &&
		 document.querySelectorAll("#chart-revenue-table tbody tr").length === 7 &&
		 (document.querySelector('#sales a.range-link[aria-current="page"]') || {}).textContent === "7 days"`,
		chromedp.WithPollingTimeout(stepTimeout)))
	if !eval[bool](sol, `window.__adminJourneyPage === true`) {
		sol.fail("switching the range reloaded the whole page, want the sales section swapped")
	}
	if got := sol.text(".sales-period"); !strings.Contains(got, "last 7 days") {
		sol.fail("after the switch the period reads %q", got)
	}
	if last = eval[revenueDay](sol, revenueJS); last.Day != today || last.Value != price {
		sol.fail("the 7-day revenue chart's last day reads %+v, want %s with %s", last, today, price)
	}
	if p := sol.path(); p != "/seller?days=7" {
		sol.fail("after the switch the address is %s, want /seller?days=7", p)
	}
	sol.shot("sales-7-days")
}

// bannerInput is one banner the admin uploads.
type bannerInput struct {
	ID               string
	Title, Alt, Link string
	Placement        string // hero or slider
	StartsAt, EndsAt string // datetime-local, UTC; empty: no window
	File             string
}

var uploadedTo = regexp.MustCompile(`^/admin/banners#banner-([0-9a-f-]{36})$`)

// uploadBanner fills in and sends the new-banner form on the banners
// page, and returns the new banner's id.
func (p *person) uploadBanner(in bannerInput) string {
	p.b.t.Helper()
	p.fill("#banner-form", map[string]string{
		"banner-title": in.Title, "banner-alt": in.Alt, "banner-link_url": in.Link, "banner-position": "0",
	}, "banner-title", "banner-alt", "banner-link_url", "banner-position")
	p.do("choose the placement "+in.Placement, chromedp.SetValue(chromedp.CSS("#banner-placement"), in.Placement))
	p.do("set the window", chromedp.SetValue(chromedp.CSS("#banner-starts_at"), in.StartsAt),
		chromedp.SetValue(chromedp.CSS("#banner-ends_at"), in.EndsAt))
	p.do("choose the image", chromedp.SetUploadFiles(chromedp.CSS("#banner-image"), []string{in.File}))
	p.shot("banner-form-" + in.Placement)
	status := p.submit("upload "+in.Title, `#banner-form button[type="submit"]`)
	m := uploadedTo.FindStringSubmatch(p.path())
	if status != 200 || m == nil {
		p.fail("uploading %q led to %s (%d), want /admin/banners#banner-{id}; form error %q", in.Title, p.path(), status,
			eval[string](p, `[...document.querySelectorAll("#new-banner .alert, #new-banner .field-error")].map(e => e.textContent.trim()).join(" | ")`))
	}
	if f := p.flash(); !strings.Contains(f, in.Title) {
		p.fail("the flash after the upload says %q, want it to name %q", f, in.Title)
	}
	return m[1]
}

// awaitReady checks the new banner's row right after the upload, then
// waits until it is ready, and reports whether it was seen pending.
// Pending is what the list shows until the service has made the sizes;
// on a fast machine they may be made before the list renders, so ready is
// accepted then. A pending row must poll for itself, and turn ready in
// place: the page is not reloaded (a marker set on it survives).
func (p *person) awaitReady(in bannerInput) (pendingSeen bool) {
	p.b.t.Helper()
	row := "#banner-" + in.ID
	r := eval[rowInfo](p, `(() => {
		const r = document.querySelector(`+strconv.Quote(row)+`);
		if (!r) return {};
		const b = r.querySelector(".status-badge");
		return {status: r.dataset.status, trigger: r.getAttribute("hx-trigger") || "", get: r.getAttribute("hx-get") || "",
			label: b ? b.textContent.trim() : "", thumb: r.querySelector(".banner-thumb").textContent.trim(),
			placement: r.closest("section.banner-group").id};
	})()`)
	if r.Placement != "banners-"+in.Placement {
		p.fail("the new banner %q is listed under %q, want banners-%s", in.Title, r.Placement, in.Placement)
	}
	switch r.Status {
	case "pending":
		if r.Trigger != "every 2s" || r.Get != "/admin/banners/"+in.ID+"/row" {
			p.fail("the pending row of %q does not poll for itself (hx-trigger %q, hx-get %q)", in.Title, r.Trigger, r.Get)
		}
		if r.Label != "Processing" || !strings.Contains(r.Thumb, "Processing") {
			p.fail("the pending row of %q says %q / %q, want Processing", in.Title, r.Label, r.Thumb)
		}
		pendingSeen = true
		p.shotTop("banner-pending-" + in.Placement)
		eval[bool](p, `(window.__bannerPending = `+strconv.Quote(in.ID)+`, true)`)
	case "ready":
		p.b.t.Logf("%q was ready already when the list rendered", in.Title)
	default:
		p.fail("right after the upload %q is %q (%+v), want pending or ready", in.Title, r.Status, r)
	}
	ctx, cancel := context.WithTimeout(p.ctx, adminWait)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitVisible(chromedp.CSS(row+` .status-badge[data-status="ready"]`))); err != nil {
		p.fail("%q did not become ready within %s (status %q): %v", in.Title, adminWait,
			eval[string](p, `(document.querySelector(`+strconv.Quote(row)+`) || {dataset: {}}).dataset.status || "gone"`), err)
	}
	if pendingSeen && eval[string](p, `window.__bannerPending || ""`) != in.ID {
		p.fail("the page was reloaded while %q was processed, want the row to update itself", in.Title)
	}
	ready := eval[rowInfo](p, `(() => {
		const r = document.querySelector(`+strconv.Quote(row)+`);
		const img = r.querySelector(".banner-thumb img");
		return {status: r.dataset.status, trigger: r.getAttribute("hx-trigger") || "", alt: img ? img.alt : "", src: img ? img.getAttribute("src") : ""};
	})()`)
	if ready.Trigger != "" {
		p.fail("the ready row of %q still polls (hx-trigger %q)", in.Title, ready.Trigger)
	}
	if ready.Alt != in.Alt || !strings.HasPrefix(ready.Src, "/banners/"+in.ID+"/") {
		p.fail("the ready row of %q has the thumbnail %q (alt %q), want one under /banners/%s/ with alt %q", in.Title, ready.Src, ready.Alt, in.ID, in.Alt)
	}
	return pendingSeen
}

type rowInfo struct {
	Status    string `json:"status"`
	Trigger   string `json:"trigger"`
	Get       string `json:"get"`
	Label     string `json:"label"`
	Thumb     string `json:"thumb"`
	Placement string `json:"placement"`
	Alt       string `json:"alt"`
	Src       string `json:"src"`
}

type bannerOnPage struct {
	Alt  string `json:"alt"`
	Href string `json:"href"`
	Src  string `json:"src"`
}

// slider is the home page's slider as a visitor finds it.
type slider struct {
	TabIndex string         `json:"tabindex"`
	Slides   []bannerOnPage `json:"slides"`
}

// has says a slide shows the image with alt (linked to href, unless
// href is empty).
func (s slider) has(alt, href string) bool {
	return slices.ContainsFunc(s.Slides, func(b bannerOnPage) bool { return b.Alt == alt && (href == "" || b.Href == href) })
}

// slides reads the home page's slider (no slider: no slides).
func (p *person) slides() slider {
	p.b.t.Helper()
	return eval[slider](p, `(() => {
		const t = document.getElementById("slider-track");
		if (!t) return {tabindex: "", slides: []};
		return {tabindex: t.getAttribute("tabindex") || "", slides: [...t.querySelectorAll("li.slide")].map(li => {
			const img = li.querySelector("img.banner-image"), a = li.querySelector("a.slide-link");
			return {alt: img ? img.alt : "", href: a ? a.getAttribute("href") : "", src: img ? img.getAttribute("src") : ""};
		})};
	})()`)
}

// shotTop saves a screenshot of the page scrolled to its top (a page
// opened at a #fragment is scrolled, and a full-page screenshot of it
// draws the sticky header over the middle).
func (p *person) shotTop(step string) {
	p.b.t.Helper()
	eval[bool](p, `(window.scrollTo(0, 0), true)`)
	p.shot(step)
}

// loginAs signs in from the login page.
func (p *person) loginAs(a account) {
	p.b.t.Helper()
	if status := p.navigate("/login"); status != 200 {
		p.fail("GET /login answered %d", status)
	}
	if status := p.login(a); status != 200 {
		p.fail("logging in as %s answered %d", a.Email, status)
	}
	p.signedInAs(a.Name)
}

// chartInfo is what a chart figure holds.
type chartInfo struct {
	Figure bool   `json:"figure"`
	SVG    bool   `json:"svg"`
	Label  string `json:"label"`
	Rows   int    `json:"rows"`
}

func chartInfoJS(id string) string {
	return `(() => {
		const f = document.getElementById(` + strconv.Quote(id) + `);
		if (!f) return {figure: false, svg: false, label: "", rows: 0};
		const s = f.querySelector('svg[role="img"]');
		const label = s ? (s.getAttribute("aria-labelledby") || "").split(" ").map(i => (document.getElementById(i) || {}).textContent || "").join(" ").trim() : "";
		return {figure: true, svg: !!s, label: label, rows: f.querySelectorAll("#" + f.id + "-table tbody tr").length};
	})()`
}

// revenueDay is the last day (today) of the seller's revenue chart.
type revenueDay struct {
	Days      int     `json:"days"`
	Day       string  `json:"day"`
	Value     string  `json:"value"`
	SVG       bool    `json:"svg"`
	BarTitle  string  `json:"barTitle"`
	BarHeight float64 `json:"barHeight"`
}

const revenueJS = `(() => {
	const rows = [...document.querySelectorAll("#chart-revenue-table tbody tr")];
	const bars = [...document.querySelectorAll('#chart-revenue svg[role="img"] .chart-bars rect')];
	const last = rows[rows.length - 1], bar = bars[bars.length - 1];
	return {
		days: rows.length,
		day: last ? last.querySelector("th").textContent.trim() : "",
		value: last ? last.querySelector("td").textContent.trim() : "",
		svg: document.querySelector('#chart-revenue svg[role="img"]') !== null,
		barTitle: bar ? bar.querySelector("title").textContent.trim() : "",
		barHeight: bar ? parseFloat(bar.getAttribute("height")) : 0,
	};
})()`

// writeBannerImage draws a w x h gradient and saves it as name (PNG, or
// JPEG for a .jpg name) in a temporary folder.
func writeBannerImage(t *testing.T, name string, w, h int, hue uint8) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := img.PixOffset(x, y)
			c := color.RGBA{hue + uint8(x*120/w), uint8(60 + y*120/h), uint8(200 - x*80/w), 255}
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
	}
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if strings.HasSuffix(name, ".jpg") {
		err = jpeg.Encode(f, img, &jpeg.Options{Quality: 90})
	} else {
		err = png.Encode(f, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return path
}
