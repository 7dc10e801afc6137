package web_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/platform/testkit"
)

// bannerFields are a new-banner form's settings (uploadBanner puts the
// CSRF token first and the image last, as a browser sends the form).
func bannerFields(title, placement string) [][2]string {
	return [][2]string{
		{"title", title}, {"alt", title + " <in pictures>"}, {"link_url", "/products?category=outdoors"},
		{"placement", placement}, {"position", "0"},
	}
}

var bannerLocation = regexp.MustCompile(`^/admin/banners#banner-([0-9a-f-]{36})$`)

// uploadBanner sends the new-banner form with a small PNG and returns the
// banner's id.
func uploadBanner(t *testing.T, b *browser, fields [][2]string) string {
	t.Helper()
	csrf := b.csrf("/admin/banners")
	resp, body := b.upload("/admin/banners", append([][2]string{{"_csrf", csrf}}, fields...), "banner.png", bannerPNG(t, 240, 80))
	m := bannerLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("upload a banner: %d to %q\n%s", resp.StatusCode, resp.Header.Get("Location"), excerpt(body))
	}
	return m[1]
}

// bannerPNG is a real PNG of w x h pixels.
func bannerPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y * 3), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// hugePNG is a PNG whose header claims 30000 x 1 pixels: it reads as an
// image here, but the service refuses it (wider than it takes).
func hugePNG(t *testing.T) []byte {
	t.Helper()
	b := bannerPNG(t, 1, 1)
	// The IHDR chunk: length (8-11), type (12-15), width (16-19), ..., CRC.
	binary.BigEndian.PutUint32(b[16:20], 30000)
	binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// bannerWorker hands the visual content service its own announcements
// (an upload to resize, a deletion to carry out), as its queue would.
type bannerWorker struct {
	t    *testing.T
	svc  testkit.Served
	done map[string]bool
}

func newBannerWorker(t *testing.T, svc services) *bannerWorker {
	return &bannerWorker{t: t, svc: svc.visualcontent, done: map[string]bool{}}
}

// run delivers the announcements not delivered yet and returns how many.
func (w *bannerWorker) run() int {
	w.t.Helper()
	n := 0
	for _, env := range outboxEvents(w.t, w.svc, "visual_content.admin_uploaded", "visual_content.admin_deleted") {
		if w.done[env.ID] {
			continue
		}
		w.done[env.ID] = true
		if out := testkit.Deliver(w.t, w.svc, env); out[0] != testkit.Acked {
			w.t.Fatalf("%s: %s", env.Type, out[0])
		}
		n++
	}
	return n
}

// bannerRow returns the admin list's row of a banner.
func bannerRow(t *testing.T, body, id string) *htmlNode {
	t.Helper()
	row := byID(parse(t, body), "banner-"+id)
	if row == nil {
		t.Fatalf("no row of banner %s\n%s", id, excerpt(body))
	}
	return row
}

func TestBannerUploadProcessingAndTheHomePage(t *testing.T) {
	srv, svc := siteWith(t)
	admin := signInAdmin(t, srv.URL, svc)
	work := newBannerWorker(t, svc)

	resp, body := admin.get("/admin/banners")
	if resp.StatusCode != 200 || byID(parse(t, body), "banner-form") == nil {
		t.Fatalf("banners page: %d\n%s", resp.StatusCode, excerpt(body))
	}
	if !strings.Contains(body, `enctype="multipart/form-data"`) || !strings.Contains(body, "UTC") {
		t.Error("the banner form is not a multipart form that says its times are UTC")
	}

	// Upload: the banner is pending, and its row polls until it is done.
	hero := uploadBanner(t, admin, bannerFields("Winter sale", "hero"))
	_, body = admin.get("/admin/banners")
	row := bannerRow(t, body, hero)
	if v, _ := attr(row, "data-status"); v != "pending" {
		t.Fatalf("a new banner is %q, want pending", v)
	}
	if v, _ := attr(row, "hx-trigger"); v != "every 2s" {
		t.Fatalf("a pending row does not poll: hx-trigger=%q", v)
	}
	rowURL, _ := attr(row, "hx-get")
	if rowURL != "/admin/banners/"+hero+"/row" {
		t.Fatalf("the row polls %q", rowURL)
	}
	if !strings.Contains(textOf(byID(parse(t, body), "flash")), "Winter sale") {
		t.Error("no flash after the upload")
	}
	resp, frag := admin.hx(http.MethodGet, rowURL, "", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(frag, `<li class="banner-row banner-pending" id="banner-`+hero+`"`) || !strings.Contains(frag, `hx-trigger="every 2s"`) {
		t.Fatalf("polled row while pending: %d %.300q", resp.StatusCode, frag)
	}
	if resp, _ := admin.get(rowURL); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the row's URL without htmx: %d, want a redirect to the list", resp.StatusCode)
	}
	if _, body := newBrowser(t, srv.URL).get("/"); strings.Contains(body, "hero-banner") {
		t.Fatal("a pending banner is on the home page")
	}

	if n := work.run(); n != 1 {
		t.Fatalf("%d announcements processed, want 1", n)
	}
	resp, frag = admin.hx(http.MethodGet, rowURL, "", nil)
	if resp.StatusCode != 200 || strings.Contains(frag, "hx-trigger") || !strings.Contains(frag, `data-status="ready"`) {
		t.Fatalf("polled row once ready: %d %.400q", resp.StatusCode, frag)
	}
	thumb := regexp.MustCompile(`<img src="(/banners/[^"]+\.jpg)" alt="Winter sale &lt;in pictures&gt;"`).FindStringSubmatch(frag)
	if thumb == nil {
		t.Fatalf("the ready row has no thumbnail with its alt text: %s", frag)
	}

	// Two slides, then the home page: the hero at the top, the slider.
	slideA := uploadBanner(t, admin, bannerFields("Slide A", "slider"))
	fields := bannerFields("Slide B", "slider")
	fields[4] = [2]string{"position", "1"}
	slideB := uploadBanner(t, admin, fields)
	work.run()
	anon := newBrowser(t, srv.URL)
	resp, body = anon.get("/")
	if resp.StatusCode != 200 {
		t.Fatalf("home: %d", resp.StatusCode)
	}
	root := parse(t, body)
	heroSection := find(root, func(n *htmlNode) bool { v, _ := attr(n, "class"); return n.Data == "section" && v == "hero-banner" })
	if heroSection == nil {
		t.Fatalf("no hero banner on the home page\n%s", excerpt(body))
	}
	link := find(heroSection, func(n *htmlNode) bool { return n.Data == "a" })
	img := find(heroSection, func(n *htmlNode) bool { return n.Data == "img" })
	if link == nil || img == nil {
		t.Fatal("the hero banner is not a linked image")
	}
	if href, _ := attr(link, "href"); href != "/products?category=outdoors" {
		t.Errorf("the hero links to %q", href)
	}
	if alt, _ := attr(img, "alt"); alt != "Winter sale <in pictures>" {
		t.Errorf("the hero's alt is %q", alt)
	}
	srcset, _ := attr(img, "srcset")
	if strings.Count(srcset, "/banners/") != 3 || !strings.Contains(srcset, " 1920w") {
		t.Errorf("the hero's srcset %q does not offer its sizes", srcset)
	}
	for _, a := range []string{"sizes", "width", "height"} {
		if _, ok := attr(img, a); !ok {
			t.Errorf("the hero's image has no %s", a)
		}
	}
	track := byID(root, "slider-track")
	if track == nil {
		t.Fatal("no slider")
	}
	for k, want := range map[string]string{"tabindex": "0", "role": "region"} {
		if v, _ := attr(track, k); v != want {
			t.Errorf("slider track %s=%q, want %q", k, v, want)
		}
	}
	if v, _ := attr(track, "aria-label"); v == "" {
		t.Error("the slider track has no aria-label")
	}
	slideOrder := func(body string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`<li class="slide" id="slide-\d+"[^>]*>.*?alt="([^"]*)"`).FindAllStringSubmatch(body, -1) {
			out = append(out, strings.TrimSuffix(m[1], " &lt;in pictures&gt;"))
		}
		return out
	}
	if got := slideOrder(body); strings.Join(got, ",") != "Slide A,Slide B" {
		t.Fatalf("slides %v, want Slide A, Slide B", got)
	}
	if !strings.Contains(body, `href="#slide-2"`) || !strings.Contains(body, `href="#slide-1"`) {
		t.Error("the slides do not link their neighbours")
	}

	// The proxy serves the image with the service's caching headers.
	src, _ := attr(img, "src")
	resp, data := anon.get(src)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/jpeg" || !strings.HasPrefix(data, "\xff\xd8") {
		t.Fatalf("GET %s: %d %q", src, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	etag := resp.Header.Get("ETag")
	if etag == "" || !strings.Contains(resp.Header.Get("Cache-Control"), "max-age") || resp.Header.Get("Set-Cookie") != "" {
		t.Fatalf("banner headers: ETag %q, Cache-Control %q, Set-Cookie %q", etag, resp.Header.Get("Cache-Control"), resp.Header.Get("Set-Cookie"))
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+src, nil)
	req.Header.Set("If-None-Match", etag)
	if resp, _ := anon.do(req); resp.StatusCode != http.StatusNotModified {
		t.Fatalf("conditional GET: %d, want 304", resp.StatusCode)
	}

	// Reorder (B before A) and hide A.
	admin.mustPost("/admin/banners", "/admin/banners/"+slideB+"/move", url.Values{"direction": {"up"}})
	if _, body = anon.get("/"); strings.Join(slideOrder(body), ",") != "Slide B,Slide A" {
		t.Fatalf("after moving B up: %v", slideOrder(body))
	}
	admin.mustPost("/admin/banners", "/admin/banners/"+slideA+"/active", url.Values{"active": {"false"}})
	if _, body = anon.get("/"); strings.Join(slideOrder(body), ",") != "Slide B" {
		t.Fatalf("after hiding A: %v", slideOrder(body))
	}
	_, body = admin.get("/admin/banners")
	if v, _ := attr(find(bannerRow(t, body, slideA), func(n *htmlNode) bool { _, ok := attr(n, "data-active"); return ok }), "data-active"); v != "false" {
		t.Errorf("the hidden slide is not marked hidden (data-active=%q)", v)
	}

	// Delete: the row shows deleting and polls; once done it is gone.
	admin.mustPost("/admin/banners", "/admin/banners/"+slideA+"/delete", nil)
	_, body = admin.get("/admin/banners")
	row = bannerRow(t, body, slideA)
	if v, _ := attr(row, "data-status"); v != "deleting" {
		t.Fatalf("a deleted banner is %q, want deleting", v)
	}
	if v, _ := attr(row, "hx-trigger"); v != "every 2s" {
		t.Fatal("a deleting row does not poll")
	}
	work.run()
	resp, frag = admin.hx(http.MethodGet, "/admin/banners/"+slideA+"/row", "", nil)
	if resp.StatusCode != 200 || frag != "" {
		t.Fatalf("polled row of a deleted banner: %d %q, want an empty 200 (htmx removes the row)", resp.StatusCode, frag)
	}
	if _, body = admin.get("/admin/banners"); strings.Contains(body, slideA) {
		t.Fatal("the deleted banner is still listed")
	}
}

func TestBannerUploadRefusesBadInputAndChangesNothing(t *testing.T) {
	srv, svc := siteWith(t)
	admin := signInAdmin(t, srv.URL, svc)
	work := newBannerWorker(t, svc)
	count := func() int {
		_, body := admin.get("/admin/banners")
		return strings.Count(body, `class="banner-row`)
	}

	for _, tc := range []struct {
		name     string
		fields   [][2]string
		file     string
		content  []byte
		field    string // the input marked invalid
		want     string // in its message
		keepsAlt bool
	}{
		{"no title", [][2]string{{"title", ""}, {"alt", "kept alt"}, {"placement", "hero"}}, "b.png", bannerPNG(t, 24, 8), "banner-title", "title", true},
		{"bad link", [][2]string{{"title", "T"}, {"link_url", "javascript:alert(1)"}, {"placement", "hero"}}, "b.png", bannerPNG(t, 24, 8), "banner-link_url", "", false},
		{"no placement", [][2]string{{"title", "T"}, {"placement", "sidebar"}}, "b.png", bannerPNG(t, 24, 8), "banner-placement", "hero or slider", false},
		{"bad position", [][2]string{{"title", "T"}, {"placement", "hero"}, {"position", "first"}}, "b.png", bannerPNG(t, 24, 8), "banner-position", "whole number", false},
		{"ends before it starts", [][2]string{{"title", "T"}, {"placement", "hero"}, {"starts_at", "2026-12-02T10:00"}, {"ends_at", "2026-12-01T10:00"}}, "b.png", bannerPNG(t, 24, 8), "banner-ends_at", "after the start", false},
		{"bad time", [][2]string{{"title", "T"}, {"placement", "hero"}, {"starts_at", "tomorrow"}}, "b.png", bannerPNG(t, 24, 8), "banner-starts_at", "UTC", false},
		{"no file", [][2]string{{"title", "T"}, {"placement", "hero"}}, "", nil, "banner-image", "Choose an image", false},
		{"not an image", [][2]string{{"title", "T"}, {"placement", "hero"}}, "notes.png", []byte("just some text, not a picture"), "banner-image", "not a JPEG, PNG or GIF", false},
		{"too big", [][2]string{{"title", "T"}, {"placement", "hero"}}, "big.png", append(bannerPNG(t, 24, 8), make([]byte, 10<<20)...), "banner-image", "larger than 10 MB", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			csrf := admin.csrf("/admin/banners")
			resp, body := admin.upload("/admin/banners", append([][2]string{{"_csrf", csrf}}, tc.fields...), tc.file, tc.content)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, want 422\n%s", resp.StatusCode, excerpt(body))
			}
			mustBeInvalid(t, body, tc.field, tc.want)
			if tc.keepsAlt && !strings.Contains(body, `value="kept alt"`) {
				t.Error("the form did not keep what was typed")
			}
			if n := count(); n != 0 {
				t.Fatalf("%d banners after a refused upload, want none", n)
			}
		})
	}

	// An image the service refuses after the banner was created: the
	// draft is deleted again and the form says why.
	csrf := admin.csrf("/admin/banners")
	resp, body := admin.upload("/admin/banners", [][2]string{{"_csrf", csrf}, {"title", "Huge"}, {"placement", "hero"}}, "huge.png", hugePNG(t))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("an image the service refuses: %d\n%s", resp.StatusCode, excerpt(body))
	}
	mustBeInvalid(t, body, "banner-image", "pixels")
	if !strings.Contains(textOf(byID(parse(t, body), "form-error")), "not saved") {
		t.Errorf("the form does not say the banner was not saved\n%s", excerpt(body))
	}
	work.run()
	if n := count(); n != 0 {
		t.Fatalf("%d banners after the refused image, want none", n)
	}

	// Without the CSRF token nothing is read.
	resp, _ = admin.upload("/admin/banners", bannerFields("No token", "hero"), "b.png", bannerPNG(t, 24, 8))
	if resp.StatusCode != http.StatusForbidden || count() != 0 {
		t.Fatalf("upload without _csrf: %d", resp.StatusCode)
	}
}

func TestBannerEditScheduleAndPreview(t *testing.T) {
	srv, svc := siteWith(t)
	admin := signInAdmin(t, srv.URL, svc)
	work := newBannerWorker(t, svc)
	id := uploadBanner(t, admin, bannerFields("Christmas", "hero"))
	work.run()
	edit := "/admin/banners/" + id

	resp, body := admin.get(edit)
	if resp.StatusCode != 200 || byID(parse(t, body), "banner-edit-form") == nil {
		t.Fatalf("edit page: %d\n%s", resp.StatusCode, excerpt(body))
	}
	form := url.Values{
		"title": {"Christmas"}, "alt": {"Fir trees <at night>"}, "link_url": {"/products"}, "placement": {"hero"}, "position": {"0"},
		"starts_at": {"2099-12-01T10:00"}, "ends_at": {"2099-11-01T10:00"}, "active": {"true"},
	}
	form.Set("_csrf", admin.csrf(edit))
	resp, body = admin.post(edit, form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("an end before the start: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "banner-ends_at", "after the start")
	if !strings.Contains(body, `value="2099-12-01T10:00"`) {
		t.Error("the edit form did not keep the start")
	}
	form.Set("ends_at", "2099-12-31T23:00")
	if loc := admin.mustPost(edit, edit, form); loc != "/admin/banners#banner-"+id {
		t.Fatalf("saving led to %q", loc)
	}
	_, body = admin.get("/admin/banners")
	row := bannerRow(t, body, id)
	if !strings.Contains(textOf(row), "From 1 Dec 2099, 10:00 UTC until 31 Dec 2099, 23:00 UTC") {
		t.Fatalf("the schedule is not shown: %s", textOf(row))
	}
	preview := find(row, func(n *htmlNode) bool { v, _ := attr(n, "href"); return strings.HasPrefix(v, "/?preview_at=") })
	if preview == nil {
		t.Fatal("the schedule does not link a preview")
	}
	previewURL, _ := attr(preview, "href")
	if previewURL != "/?preview_at=2099-12-01T10%3A00" {
		t.Errorf("preview link %q", previewURL)
	}

	// Now: not shown. As at the start, for the admin: shown, with a notice.
	heroAlt := `alt="Fir trees &lt;at night&gt;"`
	if _, body := admin.get("/"); strings.Contains(body, heroAlt) || byID(parse(t, body), "preview-notice") != nil {
		t.Fatal("a banner scheduled for 2099 shows now")
	}
	_, body = admin.get(previewURL)
	if !strings.Contains(body, heroAlt) {
		t.Fatalf("the preview does not show the scheduled banner\n%s", excerpt(body))
	}
	notice := byID(parse(t, body), "preview-notice")
	if notice == nil || !strings.Contains(textOf(notice), "Preview of 1 Dec 2099, 10:00 UTC") {
		t.Fatal("the preview has no notice of its moment")
	}
	// A shopper's preview_at is ignored.
	shopper := newBrowser(t, srv.URL)
	shopper.register("Sam", "sam@example.com", "long enough pw")
	if _, body := shopper.get(previewURL); strings.Contains(body, heroAlt) || strings.Contains(body, "preview-notice") {
		t.Fatal("a shopper sees the preview")
	}
	if _, body := newBrowser(t, srv.URL).get(previewURL); strings.Contains(body, heroAlt) {
		t.Fatal("an anonymous visitor sees the preview")
	}
	// A moment that does not read is said, and the banners are as now.
	_, body = admin.get("/?preview_at=soon")
	if strings.Contains(body, heroAlt) || !strings.Contains(body, "preview time could not be read") {
		t.Fatal("a bad preview time is not said")
	}

	// A new image for the banner: pending again, then ready.
	csrf := admin.csrf(edit)
	resp, body = admin.upload(edit+"/image", [][2]string{{"_csrf", csrf}}, "notes.txt", []byte("not a picture"))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("replacing with a text file: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "banner-new-image", "not a JPEG")
	resp, _ = admin.upload(edit+"/image", [][2]string{{"_csrf", csrf}}, "b.png", bannerPNG(t, 300, 100))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("replacing the image: %d", resp.StatusCode)
	}
	_, body = admin.get("/admin/banners")
	if v, _ := attr(bannerRow(t, body, id), "data-status"); v != "pending" {
		t.Fatalf("after a new image the banner is %q, want pending", v)
	}
	work.run()
	_, body = admin.get("/admin/banners")
	if v, _ := attr(bannerRow(t, body, id), "data-status"); v != "ready" {
		t.Fatalf("after processing the banner is %q, want ready", v)
	}
}

func TestBannerProxyRejectsBadPaths(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	id := "0190a000-0000-7000-8000-00000000beef"
	for _, path := range []string{
		"/banners/", "/banners/x", "/banners/" + id, "/banners/" + id + "/v1", "/banners/" + id + "/v1/1920x600.png",
		"/banners/" + id + "/originals/abc", "/banners/../go.mod", "/banners/" + id + "/v0/1920x600.jpg",
		"/banners/" + strings.ToUpper(id) + "/v1/1920x600.jpg",
		"/banners/" + id + "/v1/1920x600.jpg", // well formed, but no such file
	} {
		resp, body := b.get(path)
		if resp.StatusCode != 404 || strings.Contains(body, "goroutine") {
			t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
		}
	}
}
