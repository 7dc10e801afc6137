package visualcontent_test

import (
	"bytes"
	"context"
	"errors"
	"image/jpeg"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/picture/picturetest"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/visualcontent"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentclient"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentevents"
)

// The cast.
var (
	admin   = actor.Actor{UserID: id.New(), Role: actor.Admin}
	shopper = actor.Actor{UserID: id.New(), Role: actor.Shopper}
	seller  = actor.Actor{UserID: id.New(), Role: actor.Seller}
	anon    = actor.Actor{}
)

// t0 is when the tests' clock starts.
var t0 = time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

func as(a actor.Actor) context.Context { return actor.With(context.Background(), a) }

// Event names.
const (
	adminUploaded = "visual_content.admin_uploaded"
	adminDeleted  = "visual_content.admin_deleted"
	uploaded      = "visual_content.uploaded"
	deleted       = "visual_content.deleted"
)

// harness is one visual content service on a fresh database, its files in
// a folder of its own, its clock in the test's hands.
type harness struct {
	t      *testing.T
	served testkit.Served
	svc    *visualcontent.Service
	client *visualcontentclient.Client
	url    string
	dir    string
	clock  *clock.Manual
	// delivered are the ids of the outbox's events handed to the consumer.
	delivered map[string]bool
}

func newHarness(t *testing.T, dbURL string) *harness {
	t.Helper()
	dir := t.TempDir()
	clk := clock.NewManual(t0)
	served := testkit.ServeService(t, "visualcontent", dbURL, clk, func(d host.Deps) (host.Service, error) {
		store, err := blobstore.NewDir(dir)
		if err != nil {
			return nil, err
		}
		return visualcontent.New(d, store)
	})
	svc := served.Service.(*visualcontent.Service)
	return &harness{
		t: t, served: served, svc: svc, url: served.URL, dir: dir, clock: clk, delivered: map[string]bool{},
		client: visualcontentclient.New(served.URL, httpclient.Options{Token: testkit.Token}),
	}
}

func hero(title string) visualcontentclient.BannerRequest {
	return visualcontentclient.BannerRequest{Placement: visualcontentclient.Hero, Title: title, LinkURL: "/products"}
}

func slide(title string, position int) visualcontentclient.BannerRequest {
	return visualcontentclient.BannerRequest{Placement: visualcontentclient.Slider, Title: title, Position: position}
}

func (h *harness) create(r visualcontentclient.BannerRequest) visualcontentclient.Banner {
	h.t.Helper()
	b, err := h.client.Create(as(admin), r)
	if err != nil {
		h.t.Fatalf("create: %v", err)
	}
	return b
}

func (h *harness) setImage(bannerID string, data []byte) visualcontentclient.Banner {
	h.t.Helper()
	b, err := h.client.SetImage(as(admin), bannerID, bytes.NewReader(data))
	if err != nil {
		h.t.Fatalf("set image: %v", err)
	}
	return b
}

func (h *harness) get(bannerID string) visualcontentclient.Banner {
	h.t.Helper()
	b, err := h.client.Get(as(admin), bannerID)
	if err != nil {
		h.t.Fatalf("get %s: %v", bannerID, err)
	}
	return b
}

func (h *harness) list() []visualcontentclient.Banner {
	h.t.Helper()
	bs, err := h.client.List(as(admin))
	if err != nil {
		h.t.Fatalf("list: %v", err)
	}
	return bs
}

func (h *harness) showing(a actor.Actor, at time.Time) []string {
	h.t.Helper()
	bs, err := h.client.Showing(as(a), at)
	if err != nil {
		h.t.Fatalf("showing: %v", err)
	}
	out := []string{}
	for _, b := range bs {
		out = append(out, b.Title)
	}
	return out
}

// ready makes a banner with an image and processes it.
func (h *harness) ready(r visualcontentclient.BannerRequest) visualcontentclient.Banner {
	h.t.Helper()
	b := h.create(r)
	h.setImage(b.ID, smallJPEG)
	h.deliverNew()
	b = h.get(b.ID)
	if b.Status != visualcontentclient.StatusReady {
		h.t.Fatalf("not ready: %+v", b)
	}
	return b
}

// outbox returns the events of the outbox, in order.
func (h *harness) outbox() []eventbus.Envelope {
	h.t.Helper()
	var rows []struct{ Envelope string }
	if err := h.served.Deps.DB.Conn(context.Background()).Table("outbox").Select("envelope").Order("created_at, id").Scan(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	out := make([]eventbus.Envelope, 0, len(rows))
	for _, r := range rows {
		env, err := eventbus.Unmarshal([]byte(r.Envelope))
		if err != nil {
			h.t.Fatal(err)
		}
		if env.Source != "visualcontent" {
			h.t.Fatalf("envelope from %s", env.Source)
		}
		out = append(out, env)
	}
	return out
}

func (h *harness) events(typ string) []eventbus.Envelope {
	var out []eventbus.Envelope
	for _, env := range h.outbox() {
		if env.Type == typ {
			out = append(out, env)
		}
	}
	return out
}

func decode[T eventbus.Payload](t *testing.T, envs []eventbus.Envelope) []T {
	t.Helper()
	out := make([]T, len(envs))
	for i, env := range envs {
		p, err := eventbus.Decode[T](env)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = p
	}
	return out
}

// deliver hands envelopes to the service's consumer, wired as the host
// wires it, and fails unless each is acknowledged.
func (h *harness) deliver(envs ...eventbus.Envelope) {
	h.t.Helper()
	for i, o := range testkit.Deliver(h.t, h.served, envs...) {
		if o != testkit.Acked {
			h.t.Fatalf("%s %s: %s", envs[i].Type, envs[i].ID, o)
		}
		h.delivered[envs[i].ID] = true
	}
}

// deliverNew hands the consumer the service's messages to itself that it
// has not had yet, in the order they were written.
func (h *harness) deliverNew() {
	h.t.Helper()
	var todo []eventbus.Envelope
	for _, env := range h.outbox() {
		if (env.Type == adminUploaded || env.Type == adminDeleted) && !h.delivered[env.ID] {
			todo = append(todo, env)
		}
	}
	if len(todo) > 0 {
		h.deliver(todo...)
	}
}

// files lists the stored blobs, relative to the folder.
func (h *harness) files() []string {
	h.t.Helper()
	out := []string{}
	err := filepath.WalkDir(h.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(h.dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// fetch downloads an image through the client, as the web frontend does,
// and returns its decoded size.
func (h *harness) fetch(url string) (int, int) {
	h.t.Helper()
	path, ok := strings.CutPrefix(url, "/banners/")
	if !ok {
		h.t.Fatalf("url %q", url)
	}
	resp, err := h.client.File(context.Background(), path, nil)
	if err != nil {
		h.t.Fatalf("file %s: %v", path, err)
	}
	defer resp.Body.Close()
	img, err := jpeg.Decode(resp.Body)
	if err != nil {
		h.t.Fatalf("file %s is not a JPEG: %v", path, err)
	}
	return img.Bounds().Dx(), img.Bounds().Dy()
}

// raw sends a request with the internal token and the actor's headers.
func (h *harness) raw(method, path string, a actor.Actor, header http.Header, body io.Reader) (*http.Response, []byte) {
	h.t.Helper()
	req, err := http.NewRequest(method, h.url+path, body)
	if err != nil {
		h.t.Fatal(err)
	}
	maps.Copy(req.Header, header)
	req.Header.Set(httpserver.HeaderToken, testkit.Token)
	if !a.Anonymous() {
		req.Header.Set(actor.HeaderUserID, a.UserID)
		req.Header.Set(actor.HeaderRole, string(a.Role))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

type size struct{ w, h int }

func sizes(b visualcontentclient.Banner) []size {
	out := []size{}
	for _, img := range b.Images {
		out = append(out, size{img.Width, img.Height})
	}
	return out
}

var (
	heroSizes   = []size{{1920, 600}, {1280, 400}, {768, 240}}
	sliderSizes = []size{{1200, 400}, {800, 267}, {480, 160}}
	smallJPEG   = picturetest.JPEG(picturetest.Photo(300, 100, 9), 80)
)

func TestBannerLifecycle(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		b := h.create(visualcontentclient.BannerRequest{Placement: "hero", Title: "  Spring sale ", LinkURL: "https://example.com/spring"})
		if !id.Valid(b.ID) || b.Placement != "hero" || b.Title != "Spring sale" || b.Alt != "Spring sale" || b.LinkURL != "https://example.com/spring" ||
			b.Status != visualcontentclient.StatusDraft || !b.Active || len(b.Images) != 0 || b.Images == nil || !b.CreatedAt.Equal(t0) || !b.UpdatedAt.Equal(t0) {
			t.Fatalf("created %+v", b)
		}
		if got := h.get(b.ID); got.Title != b.Title || got.Status != visualcontentclient.StatusDraft {
			t.Fatalf("got %+v", got)
		}
		if len(h.outbox()) != 0 || len(h.files()) != 0 {
			t.Fatal("a draft announced or stored something")
		}

		// The image: stored as is, pending, announced to the consumer.
		h.clock.Advance(time.Minute)
		src := picturetest.JPEG(picturetest.Photo(2400, 900, 1), 85)
		p := h.setImage(b.ID, src)
		if p.Status != visualcontentclient.StatusPending || len(p.Images) != 0 || !p.UpdatedAt.Equal(t0.Add(time.Minute)) {
			t.Fatalf("uploaded %+v", p)
		}
		files := h.files()
		if len(files) != 1 || !strings.HasPrefix(files[0], b.ID+"/originals/") {
			t.Fatalf("files %v", files)
		}
		if stored, _ := os.ReadFile(filepath.Join(h.dir, files[0])); !bytes.Equal(stored, src) {
			t.Fatal("the upload was not stored as sent")
		}
		ups := decode[visualcontentevents.BannerAdminUploaded](t, h.events(adminUploaded))
		if len(ups) != 1 {
			t.Fatalf("%d admin_uploaded", len(ups))
		}
		if e := ups[0]; e.BannerID != b.ID || e.Placement != "hero" || e.Title != "Spring sale" || e.OriginalKey != files[0] ||
			e.UploadedBy != admin.UserID || e.Version < 2 || !e.At.Equal(t0.Add(time.Minute)) || !e.Active {
			t.Fatalf("admin_uploaded %+v", e)
		}
		if got := h.showing(admin, time.Time{}); len(got) != 0 {
			t.Fatalf("a pending banner is shown: %v", got)
		}
		if len(h.events(uploaded)) != 0 {
			t.Fatal("announced before processing")
		}

		// The consumer makes the sizes.
		h.clock.Advance(time.Minute)
		h.deliverNew()
		r := h.get(b.ID)
		if r.Status != visualcontentclient.StatusReady || r.Error != "" || !slices.Equal(sizes(r), heroSizes) || !r.UpdatedAt.Equal(t0.Add(2*time.Minute)) {
			t.Fatalf("processed %+v", r)
		}
		for _, img := range r.Images {
			if w, hh := h.fetch(img.URL); w != img.Width || hh != img.Height {
				t.Errorf("%s is %dx%d", img.URL, w, hh)
			}
		}
		if got := h.showing(anon, time.Time{}); !slices.Equal(got, []string{"Spring sale"}) {
			t.Fatalf("showing %v", got)
		}
		evs := decode[visualcontentevents.BannerUploaded](t, h.events(uploaded))
		if len(evs) != 1 {
			t.Fatalf("%d uploaded events", len(evs))
		}
		if e := evs[0]; e.BannerID != b.ID || e.Placement != "hero" || e.LinkURL != "https://example.com/spring" || len(e.Images) != 3 ||
			e.Images[0].URL != r.Images[0].URL || e.Images[2].Width != 768 || e.Version <= ups[0].Version || !e.At.Equal(t0.Add(2*time.Minute)) {
			t.Fatalf("uploaded %+v", e)
		}
		if got := h.files(); len(got) != 4 {
			t.Fatalf("files %v, want the upload and three sizes", got)
		}

		// A new image replaces it: the sizes on show stay (and are
		// served) until the new ones are ready, then they go.
		old := r.Images
		h.setImage(b.ID, picturetest.PNG(picturetest.Photo(1000, 1000, 2)))
		if got := h.files(); len(got) != 4 || slices.Contains(got, files[0]) {
			t.Fatalf("files after the second upload %v: the first upload should be gone, its sizes kept", got)
		}
		if w, _ := h.fetch(old[0].URL); w != 1920 {
			t.Fatal("the sizes on show went before the new ones were ready")
		}
		h.deliverNew()
		r2 := h.get(b.ID)
		if r2.Status != visualcontentclient.StatusReady || !slices.Equal(sizes(r2), heroSizes) || r2.Images[0].URL == old[0].URL {
			t.Fatalf("after the second upload %+v", r2)
		}
		if w, hh := h.fetch(r2.Images[1].URL); w != 1280 || hh != 400 {
			t.Fatalf("new size %dx%d", w, hh)
		}
		if got := h.files(); len(got) != 4 {
			t.Fatalf("files %v, want the second upload and its three sizes", got)
		}
		if _, err := h.client.File(context.Background(), strings.TrimPrefix(old[0].URL, "/banners/"), nil); !errors.Is(err, fault.NotFound) {
			t.Fatalf("an old size is still served: %v", err)
		}
		if n := len(h.events(uploaded)); n != 2 {
			t.Fatalf("%d uploaded events", n)
		}

		// A slider banner from a GIF gets the slider's sizes.
		s := h.create(slide("Slide", 0))
		h.setImage(s.ID, picturetest.GIF(picturetest.Photo(900, 600, 3)))
		h.deliverNew()
		s = h.get(s.ID)
		if !slices.Equal(sizes(s), sliderSizes) {
			t.Fatalf("slider sizes %v", sizes(s))
		}
		for _, img := range s.Images {
			if w, hh := h.fetch(img.URL); w != img.Width || hh != img.Height {
				t.Errorf("%s is %dx%d", img.URL, w, hh)
			}
		}

		// Deletion: accepted (no longer shown or editable), then done by
		// the consumer.
		if err := h.client.Delete(as(admin), b.ID); err != nil {
			t.Fatal(err)
		}
		if got := h.get(b.ID); got.Status != visualcontentclient.StatusDeleting {
			t.Fatalf("after delete %+v", got)
		}
		if got := h.showing(anon, time.Time{}); !slices.Equal(got, []string{"Slide"}) {
			t.Fatalf("showing %v", got)
		}
		if _, err := h.client.Update(as(admin), b.ID, hero("x")); !errors.Is(err, fault.Conflict) {
			t.Fatalf("edit while deleting: %v", err)
		}
		if _, err := h.client.SetImage(as(admin), b.ID, bytes.NewReader(smallJPEG)); !errors.Is(err, fault.Conflict) {
			t.Fatalf("upload while deleting: %v", err)
		}
		// Deleting again, or what does not exist, changes nothing.
		if err := h.client.Delete(as(admin), b.ID); err != nil {
			t.Fatal(err)
		}
		if err := h.client.Delete(as(admin), id.New()); err != nil {
			t.Fatal(err)
		}
		dels := decode[visualcontentevents.BannerAdminDeleted](t, h.events(adminDeleted))
		if len(dels) != 1 || dels[0].BannerID != b.ID || dels[0].DeletedBy != admin.UserID || dels[0].Version <= evs[0].Version {
			t.Fatalf("admin_deleted %+v", dels)
		}
		h.deliverNew()
		if _, err := h.client.Get(as(admin), b.ID); !errors.Is(err, fault.NotFound) {
			t.Fatalf("deleted banner: %v", err)
		}
		for _, f := range h.files() {
			if strings.HasPrefix(f, b.ID) {
				t.Fatalf("file %s left behind", f)
			}
		}
		gone := decode[visualcontentevents.BannerDeleted](t, h.events(deleted))
		if len(gone) != 1 || gone[0].BannerID != b.ID || gone[0].Version <= dels[0].Version {
			t.Fatalf("deleted %+v", gone)
		}
		// The same deletion delivered again is a repeat.
		h.deliver(h.events(adminDeleted)...)
		if n := len(h.events(deleted)); n != 1 {
			t.Fatalf("%d deleted events", n)
		}
		if got := h.list(); len(got) != 1 || got[0].ID != s.ID {
			t.Fatalf("list %+v", got)
		}
	})
}

// A banner deleted while its image is being processed leaves nothing
// behind, in whichever order the consumer sees the two.
func TestDeleteWhilePending(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		b := h.create(hero("Soon gone"))
		h.setImage(b.ID, smallJPEG)
		if err := h.client.Delete(as(admin), b.ID); err != nil {
			t.Fatal(err)
		}
		up, del := h.events(adminUploaded), h.events(adminDeleted)
		h.deliver(del...)
		h.deliver(up...)
		if got := h.files(); len(got) != 0 {
			t.Fatalf("files %v", got)
		}
		if len(h.events(uploaded)) != 0 || len(h.events(deleted)) != 1 {
			t.Fatalf("events %v", h.outbox())
		}

		c := h.create(hero("Also gone"))
		h.setImage(c.ID, smallJPEG)
		if err := h.client.Delete(as(admin), c.ID); err != nil {
			t.Fatal(err)
		}
		h.deliverNew() // the upload first: the banner no longer waits for it
		if got := h.files(); len(got) != 0 {
			t.Fatalf("files %v", got)
		}
		if len(h.events(uploaded)) != 0 || len(h.events(deleted)) != 2 {
			t.Fatalf("events %v", h.outbox())
		}
	})
}

func TestFileServing(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		b := h.ready(hero("Files"))
		path := "/v1/files/" + strings.TrimPrefix(b.Images[0].URL, "/banners/")
		resp, body := h.raw(http.MethodGet, path, anon, nil, nil)
		etag := resp.Header.Get("ETag")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" ||
			resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || etag == "" ||
			resp.Header.Get("Last-Modified") == "" || resp.Header.Get("X-Content-Type-Options") != "nosniff" || len(body) == 0 {
			t.Fatalf("%d %v", resp.StatusCode, resp.Header)
		}
		resp, _ = h.raw(http.MethodGet, path, anon, http.Header{"If-None-Match": {etag}}, nil)
		if resp.StatusCode != http.StatusNotModified {
			t.Fatalf("conditional request: %d", resp.StatusCode)
		}
		resp, body = h.raw(http.MethodHead, path, anon, nil, nil)
		if resp.StatusCode != http.StatusOK || len(body) != 0 {
			t.Fatalf("head: %d", resp.StatusCode)
		}

		original := ""
		for _, f := range h.files() {
			if strings.Contains(f, "/originals/") {
				original = f
			}
		}
		draft := h.create(hero("Draft"))
		key := strings.TrimPrefix(b.Images[0].URL, "/banners/"+b.ID+"/")
		for _, p := range []string{
			"/v1/files/" + original, // uploads are never served
			"/v1/files/" + draft.ID + "/" + key,
			"/v1/files/" + id.New() + "/" + key,
			"/v1/files/" + b.ID + "/v999/1920x600.jpg",
			"/v1/files/" + b.ID + "/" + strings.Replace(key, "1920x600", "1920x601", 1),
			"/v1/files/" + b.ID + "/" + strings.Replace(key, ".jpg", ".png", 1),
			"/v1/files/" + b.ID + "/../" + b.ID + "/" + key,
			"/v1/files/" + b.ID,
			"/v1/files/",
			"/v1/files/" + b.ID + "/" + key + "/x",
			"/v1/files/%2e%2e/%2e%2e/go.mod",
		} {
			if resp, _ := h.raw(http.MethodGet, p, anon, nil, nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d", p, resp.StatusCode)
			}
		}
		if err := h.client.Delete(as(admin), b.ID); err != nil {
			t.Fatal(err)
		}
		h.deliverNew()
		if resp, _ := h.raw(http.MethodGet, path, anon, nil, nil); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("file of a deleted banner: %d", resp.StatusCode)
		}
	})
}

func TestShowingSchedule(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		start, end := t0.Add(time.Hour), t0.Add(2*time.Hour)
		always := h.ready(hero("Always"))
		window := slide("Window", 5)
		window.StartsAt, window.EndsAt = &start, &end
		h.ready(window)
		from := slide("From", 1)
		from.StartsAt = &start
		h.ready(from)
		until := slide("Until", 9)
		until.EndsAt = &end
		h.ready(until)
		off := h.ready(slide("Off", 0))
		falseV := false
		req := slide("Off", 0)
		req.Active = &falseV
		if _, err := h.client.Update(as(admin), off.ID, req); err != nil {
			t.Fatal(err)
		}
		h.create(slide("Draft", 0))
		pending := h.create(slide("Pending", 0))
		h.setImage(pending.ID, smallJPEG)
		failed := h.create(slide("Failed", 0))
		h.setImage(failed.ID, picturetest.Truncated(300, 100))
		h.deliverNew()
		if got := h.get(failed.ID); got.Status != visualcontentclient.StatusFailed {
			t.Fatalf("failed %+v", got)
		}
		deleting := h.ready(slide("Deleting", 0))
		if err := h.client.Delete(as(admin), deleting.ID); err != nil {
			t.Fatal(err)
		}
		// pending again, with a new image not processed yet
		h.setImage(pending.ID, smallJPEG)
		if got := h.get(pending.ID); got.Status != visualcontentclient.StatusPending {
			t.Fatalf("pending %+v", got)
		}

		// By placement (hero first), then position.
		tests := []struct {
			name string
			now  time.Time
			want []string
		}{
			{"before the window", t0, []string{"Always", "Until"}},
			{"at its start", start, []string{"Always", "From", "Window", "Until"}},
			{"inside", start.Add(30 * time.Minute), []string{"Always", "From", "Window", "Until"}},
			{"just before its end", end.Add(-time.Microsecond), []string{"Always", "From", "Window", "Until"}},
			{"at its end", end, []string{"Always", "From"}},
			{"after", end.Add(24 * time.Hour), []string{"Always", "From"}},
		}
		for _, tt := range tests {
			h.clock.Set(tt.now)
			for _, a := range []actor.Actor{anon, shopper, seller, admin} {
				if got := h.showing(a, time.Time{}); !slices.Equal(got, tt.want) {
					t.Errorf("%s, %s: %v, want %v", tt.name, a.Role, got, tt.want)
				}
			}
		}

		// Admins may look at another moment; others' moments are ignored.
		h.clock.Set(t0)
		if got := h.showing(admin, start); !slices.Equal(got, []string{"Always", "From", "Window", "Until"}) {
			t.Fatalf("admin at the start: %v", got)
		}
		if got := h.showing(admin, end); !slices.Equal(got, []string{"Always", "From"}) {
			t.Fatalf("admin at the end: %v", got)
		}
		for _, a := range []actor.Actor{anon, shopper, seller} {
			if got := h.showing(a, start); !slices.Equal(got, []string{"Always", "Until"}) {
				t.Fatalf("%s asking about the start: %v", a.Role, got)
			}
			if resp, _ := h.raw(http.MethodGet, "/v1/banners/showing?at=garbage", a, nil, nil); resp.StatusCode != http.StatusOK {
				t.Fatalf("%s with a bad moment: %d", a.Role, resp.StatusCode)
			}
		}
		resp, body := h.raw(http.MethodGet, "/v1/banners/showing?at=garbage", admin, nil, nil)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"at"`) {
			t.Fatalf("admin with a bad moment: %d %s", resp.StatusCode, body)
		}

		// What is shown carries what the home page needs.
		bs, err := h.client.Showing(as(anon), time.Time{})
		if err != nil || len(bs) != 2 || bs[0].ID != always.ID || !slices.Equal(sizes(bs[0]), heroSizes) || bs[0].LinkURL != "/products" ||
			!slices.Equal(sizes(bs[1]), sliderSizes) {
			t.Fatalf("showing %+v, %v", bs, err)
		}

		// Deactivating hides a banner at once; activating shows it again.
		req = hero("Always")
		req.Active = &falseV
		if b, err := h.client.Update(as(admin), always.ID, req); err != nil || b.Active {
			t.Fatalf("deactivate: %+v, %v", b, err)
		}
		if got := h.showing(anon, time.Time{}); !slices.Equal(got, []string{"Until"}) {
			t.Fatalf("after deactivating: %v", got)
		}
		trueV := true
		req.Active = &trueV
		if _, err := h.client.Update(as(admin), always.ID, req); err != nil {
			t.Fatal(err)
		}
		if got := h.showing(anon, time.Time{}); !slices.Equal(got, []string{"Always", "Until"}) {
			t.Fatalf("after activating: %v", got)
		}

		// One query, however many banners are shown.
		db := h.served.Deps.DB
		before := db.Statements()
		h.clock.Set(start)
		if got := h.showing(anon, time.Time{}); len(got) != 4 {
			t.Fatalf("showing %v", got)
		}
		if n := db.Statements() - before; n != 1 {
			t.Fatalf("showing took %d statements", n)
		}
	})
}

func TestUpdate(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		b := h.ready(hero("Hero"))
		start, end := t0.Add(time.Hour), t0.Add(48*time.Hour)
		h.clock.Advance(time.Minute)
		req := visualcontentclient.BannerRequest{
			Placement: "hero", Title: "Summer", LinkURL: "https://example.com/summer", Alt: "Sun over the sea",
			Position: 7, StartsAt: &start, EndsAt: &end,
		}
		u, err := h.client.Update(as(admin), b.ID, req)
		if err != nil {
			t.Fatal(err)
		}
		if u.Title != "Summer" || u.LinkURL != req.LinkURL || u.Alt != req.Alt || u.Position != 7 || !u.StartsAt.Equal(start) || !u.EndsAt.Equal(end) ||
			!u.Active || u.Status != visualcontentclient.StatusReady || !slices.Equal(sizes(u), heroSizes) || !u.UpdatedAt.Equal(t0.Add(time.Minute)) ||
			!u.CreatedAt.Equal(b.CreatedAt) {
			t.Fatalf("updated %+v", u)
		}
		if got := h.get(b.ID); !got.StartsAt.Equal(start) || got.Alt != req.Alt || got.Position != 7 {
			t.Fatalf("stored %+v", got)
		}
		// The schedule can be cleared.
		req.StartsAt, req.EndsAt = nil, nil
		if u, err := h.client.Update(as(admin), b.ID, req); err != nil || u.StartsAt != nil || u.EndsAt != nil {
			t.Fatalf("cleared schedule %+v, %v", u, err)
		}
		if len(h.events(adminUploaded)) != 1 {
			t.Fatal("an edit of the settings announced an upload")
		}

		// A new placement makes the sizes again from the same upload.
		files := h.files()
		req.Placement = "slider"
		u, err = h.client.Update(as(admin), b.ID, req)
		if err != nil || u.Status != visualcontentclient.StatusPending || u.Placement != "slider" {
			t.Fatalf("moved %+v, %v", u, err)
		}
		ups := decode[visualcontentevents.BannerAdminUploaded](t, h.events(adminUploaded))
		if len(ups) != 2 || ups[1].OriginalKey != ups[0].OriginalKey || ups[1].Placement != "slider" || ups[1].Version <= ups[0].Version {
			t.Fatalf("admin_uploaded %+v", ups)
		}
		h.deliverNew()
		u = h.get(b.ID)
		if u.Status != visualcontentclient.StatusReady || !slices.Equal(sizes(u), sliderSizes) {
			t.Fatalf("after moving %+v", u)
		}
		if w, hh := h.fetch(u.Images[0].URL); w != 1200 || hh != 400 {
			t.Fatalf("%dx%d", w, hh)
		}
		after := h.files()
		if len(after) != 4 || after[0] == files[0] && after[1] == files[1] || !slices.Contains(after, ups[0].OriginalKey) {
			t.Fatalf("files %v (before %v)", after, files)
		}

		if _, err := h.client.Update(as(admin), id.New(), req); !errors.Is(err, fault.NotFound) {
			t.Fatalf("unknown banner: %v", err)
		}
		if _, err := h.client.Get(as(admin), id.New()); !errors.Is(err, fault.NotFound) {
			t.Fatalf("unknown banner: %v", err)
		}
	})
}

func TestReorder(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		a := h.create(slide("A", 0))
		b := h.create(slide("B", 0))
		c := h.create(slide("C", 0))
		x := h.create(hero("X"))
		gone := h.create(slide("Gone", 0))
		if err := h.client.Delete(as(admin), gone.ID); err != nil {
			t.Fatal(err)
		}
		titles := func() []string {
			var out []string
			for _, b := range h.list() {
				out = append(out, b.Title)
			}
			return out
		}
		// By placement, position, then the oldest first.
		if got := titles(); !slices.Equal(got, []string{"X", "A", "B", "C", "Gone"}) {
			t.Fatalf("list %v", got)
		}
		if err := h.client.Reorder(as(admin), "slider", []string{c.ID, a.ID, b.ID}); err != nil {
			t.Fatal(err)
		}
		// The one being deleted keeps its position meanwhile.
		if got := titles(); !slices.Equal(got, []string{"X", "C", "Gone", "A", "B"}) {
			t.Fatalf("after reordering %v", got)
		}
		if p := h.get(b.ID).Position; p != 2 {
			t.Fatalf("position of B %d", p)
		}

		bad := []struct {
			name      string
			placement string
			ids       []string
			field     string
		}{
			{"one missing", "slider", []string{c.ID, a.ID}, "ids"},
			{"another placement's", "slider", []string{c.ID, a.ID, b.ID, x.ID}, "ids"},
			{"twice", "slider", []string{c.ID, a.ID, b.ID, b.ID}, "ids"},
			{"unknown", "slider", []string{c.ID, a.ID, id.New()}, "ids"},
			{"none", "slider", nil, "ids"},
			{"unknown placement", "sidebar", []string{c.ID, a.ID, b.ID}, "placement"},
		}
		for _, tt := range bad {
			err := h.client.Reorder(as(admin), tt.placement, tt.ids)
			testkit.WantFault(t, err, fault.Invalid, tt.field)
		}
		if got := titles(); !slices.Equal(got, []string{"X", "C", "Gone", "A", "B"}) {
			t.Fatalf("after refused reorderings %v", got)
		}
		// A list read a moment ago may name the one being deleted.
		if err := h.client.Reorder(as(admin), "slider", []string{a.ID, gone.ID, c.ID, b.ID}); err != nil {
			t.Fatal(err)
		}
		if got := titles(); !slices.Equal(got, []string{"X", "A", "Gone", "C", "B"}) {
			t.Fatalf("after reordering with the one being deleted %v", got)
		}
		if err := h.client.Reorder(as(admin), "hero", []string{x.ID}); err != nil {
			t.Fatal(err)
		}
		if len(h.events(adminUploaded)) != 0 {
			t.Fatal("reordering announced something")
		}
	})
}

func TestBadInput(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		existing := h.create(hero("Existing"))
		start := t0.Add(time.Hour)
		before := t0
		tests := []struct {
			name  string
			edit  func(*visualcontentclient.BannerRequest)
			field string
		}{
			{"no placement", func(r *visualcontentclient.BannerRequest) { r.Placement = "" }, "placement"},
			{"unknown placement", func(r *visualcontentclient.BannerRequest) { r.Placement = "footer" }, "placement"},
			{"no title", func(r *visualcontentclient.BannerRequest) { r.Title = "  " }, "title"},
			{"title too long", func(r *visualcontentclient.BannerRequest) { r.Title = strings.Repeat("t", 121) }, "title"},
			{"title with a line break", func(r *visualcontentclient.BannerRequest) { r.Title = "a\nb" }, "title"},
			{"javascript link", func(r *visualcontentclient.BannerRequest) { r.LinkURL = "javascript:alert(document.cookie)" }, "link_url"},
			{"protocol-relative link", func(r *visualcontentclient.BannerRequest) { r.LinkURL = "//evil.example/x" }, "link_url"},
			{"relative link", func(r *visualcontentclient.BannerRequest) { r.LinkURL = "products" }, "link_url"},
			{"data link", func(r *visualcontentclient.BannerRequest) { r.LinkURL = "data:text/html,hi" }, "link_url"},
			{"alt too long", func(r *visualcontentclient.BannerRequest) { r.Alt = strings.Repeat("a", 201) }, "alt"},
			{"negative position", func(r *visualcontentclient.BannerRequest) { r.Position = -1 }, "position"},
			{"position too high", func(r *visualcontentclient.BannerRequest) { r.Position = 1001 }, "position"},
			{"end before start", func(r *visualcontentclient.BannerRequest) { r.StartsAt, r.EndsAt = &start, &before }, "ends_at"},
			{"end at start", func(r *visualcontentclient.BannerRequest) { r.StartsAt, r.EndsAt = &start, &start }, "ends_at"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req := hero("Good")
				tt.edit(&req)
				_, err := h.client.Create(as(admin), req)
				testkit.WantFault(t, err, fault.Invalid, tt.field)
				_, err = h.client.Update(as(admin), existing.ID, req)
				testkit.WantFault(t, err, fault.Invalid, tt.field)
			})
		}
		for _, body := range []string{`{"placement":`, `[]`, `{"placement":"hero","title":"x","position":"first"}`, ``} {
			resp, b := h.raw(http.MethodPost, "/v1/banners", admin, http.Header{"Content-Type": {"application/json"}}, strings.NewReader(body))
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%q: %d %s", body, resp.StatusCode, b)
			}
		}
		resp, _ := h.raw(http.MethodPost, "/v1/banners", admin, http.Header{"Content-Type": {"text/plain"}}, strings.NewReader(`{}`))
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("not JSON: %d", resp.StatusCode)
		}
		// Nothing changed.
		if got := h.list(); len(got) != 1 || got[0].Title != "Existing" || !got[0].UpdatedAt.Equal(existing.UpdatedAt) || got[0].Position != 0 {
			t.Fatalf("list %+v", got)
		}
		if len(h.outbox()) != 0 {
			t.Fatal("refused input announced something")
		}
	})
}

func TestUploadRefusals(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		b := h.create(hero("Refusals"))
		good := picturetest.JPEG(picturetest.Photo(300, 100, 6), 85)
		tests := []struct {
			name    string
			data    []byte
			want    *fault.Error
			message string
		}{
			{"text", []byte("Dear admin, this is a text file called banner.jpg\n"), fault.Invalid, "the file is not a JPEG, PNG or GIF image"},
			{"an SVG", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), fault.Invalid, "the file is not a JPEG, PNG or GIF image"},
			{"too many pixels", picturetest.BombPNG(20000, 20000), fault.Invalid, "the image is larger than 40 megapixels"},
			{"too wide", picturetest.BombPNG(20001, 100), fault.Invalid, "the image is wider or taller than 20000 pixels"},
			{"empty file", []byte{}, fault.Invalid, "the file is empty"},
			{"damaged header", good[:30], fault.Invalid, "the image file is damaged or incomplete"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := h.client.SetImage(as(admin), b.ID, bytes.NewReader(tt.data))
				fe := testkit.WantFault(t, err, tt.want, "image")
				if fe.Message != tt.message {
					t.Fatalf("message %q, want %q", fe.Message, tt.message)
				}
			})
		}
		// Too large: refused from the declared length, or while reading.
		head := picturetest.JPEG(picturetest.Photo(64, 64, 1), 80)
		for _, n := range []int{11 << 20, visualcontentclient.MaxUploadBytes + 1} {
			body := make([]byte, n)
			copy(body, head)
			_, err := h.client.SetImage(as(admin), b.ID, bytes.NewReader(body))
			fe := testkit.WantFault(t, err, fault.TooLarge)
			if n == visualcontentclient.MaxUploadBytes+1 && fe.Message != "the file is larger than 10 MiB" {
				t.Errorf("%d bytes: %q", n, fe.Message)
			}
			_, err = h.client.SetImage(as(admin), b.ID, io.MultiReader(bytes.NewReader(body)))
			testkit.WantFault(t, err, fault.TooLarge)
		}
		// Unknown banner.
		_, err := h.client.SetImage(as(admin), id.New(), bytes.NewReader(good))
		testkit.WantFault(t, err, fault.NotFound)

		if got := h.get(b.ID); got.Status != visualcontentclient.StatusDraft || !got.UpdatedAt.Equal(b.UpdatedAt) {
			t.Fatalf("after refusals %+v", got)
		}
		if files := h.files(); len(files) != 0 || len(h.outbox()) != 0 {
			t.Fatalf("files %v, outbox %v", files, h.outbox())
		}

		// Exactly 10 MiB is accepted: a PNG padded after its end.
		png := picturetest.PNG(picturetest.Photo(200, 100, 2))
		full := make([]byte, visualcontentclient.MaxUploadBytes)
		copy(full, png)
		if p := h.setImage(b.ID, full); p.Status != visualcontentclient.StatusPending {
			t.Fatalf("10 MiB: %+v", p)
		}
		h.deliverNew()
		if got := h.get(b.ID); got.Status != visualcontentclient.StatusReady {
			t.Fatalf("10 MiB processed: %+v", got)
		}
	})
}

// The format is read from the bytes: a name or a content type claiming an
// image changes nothing.
func TestUploadIgnoresNameAndContentType(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	b := h.create(hero("Sniffed"))
	header := http.Header{"Content-Type": {"image/jpeg"}, "Content-Disposition": {`attachment; filename="banner.jpg"`}}
	resp, body := h.raw(http.MethodPut, "/v1/banners/"+b.ID+"/image", admin, header, strings.NewReader("just some text"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "the file is not a JPEG, PNG or GIF image") {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	header.Set("Content-Type", "text/plain")
	resp, body = h.raw(http.MethodPut, "/v1/banners/"+b.ID+"/image", admin, header, bytes.NewReader(picturetest.PNG(picturetest.Photo(50, 50, 1))))
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("png as text/plain: %d %s", resp.StatusCode, body)
	}
}

func TestBrokenImage(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		b := h.create(hero("Broken"))
		h.setImage(b.ID, picturetest.Truncated(600, 200))
		h.deliverNew() // acknowledged, not retried or dead-lettered
		f := h.get(b.ID)
		if f.Status != visualcontentclient.StatusFailed || f.Error != "the image file is damaged or incomplete" || len(f.Images) != 0 {
			t.Fatalf("broken image %+v", f)
		}
		if len(h.events(uploaded)) != 0 {
			t.Fatal("a broken image was announced")
		}
		// Delivered again: still failed, nothing more.
		h.deliver(h.events(adminUploaded)...)
		if got := h.get(b.ID); got.Status != visualcontentclient.StatusFailed || !got.UpdatedAt.Equal(f.UpdatedAt) {
			t.Fatalf("after a repeat %+v", got)
		}
		// A good image mends it.
		h.setImage(b.ID, smallJPEG)
		h.deliverNew()
		if got := h.get(b.ID); got.Status != visualcontentclient.StatusReady || got.Error != "" {
			t.Fatalf("after a good upload %+v", got)
		}

		// An upload that went missing from the store fails with a reason.
		c := h.create(hero("Missing"))
		h.setImage(c.ID, smallJPEG)
		up := decode[visualcontentevents.BannerAdminUploaded](t, h.events(adminUploaded))
		if err := os.Remove(filepath.Join(h.dir, up[len(up)-1].OriginalKey)); err != nil {
			t.Fatal(err)
		}
		h.deliverNew()
		if got := h.get(c.ID); got.Status != visualcontentclient.StatusFailed || !strings.Contains(got.Error, "missing") {
			t.Fatalf("missing upload %+v", got)
		}
	})
}

// Events arrive twice and out of order: an older upload's announcement
// after a newer one's changes nothing, and a repeat is applied once.
func TestOutOfOrderAndRepeatedEvents(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		b := h.create(hero("Twice"))
		h.setImage(b.ID, smallJPEG)
		h.clock.Advance(time.Second)
		h.setImage(b.ID, picturetest.JPEG(picturetest.Photo(400, 200, 4), 80))
		ups := h.events(adminUploaded)
		if len(ups) != 2 {
			t.Fatalf("%d admin_uploaded", len(ups))
		}
		first, second := ups[0], ups[1]
		only := func() []string { return h.files() }

		// The older first: the banner waits for the newer one.
		h.deliver(first)
		if got := h.get(b.ID); got.Status != visualcontentclient.StatusPending {
			t.Fatalf("after the older upload %+v", got)
		}
		if got := only(); len(got) != 1 {
			t.Fatalf("files %v", got)
		}
		// The newer, twice, and a copy of it in a new envelope (a
		// republished message the inbox would not know).
		p, err := eventbus.Decode[visualcontentevents.BannerAdminUploaded](second)
		if err != nil {
			t.Fatal(err)
		}
		h.deliver(second, second, testkit.Event(t, "visualcontent", p))
		r := h.get(b.ID)
		if r.Status != visualcontentclient.StatusReady || !slices.Equal(sizes(r), heroSizes) {
			t.Fatalf("ready %+v", r)
		}
		files := only()
		// The older again, after the newer: nothing changes.
		h.clock.Advance(time.Minute)
		h.deliver(first, first)
		if got := h.get(b.ID); got.Status != visualcontentclient.StatusReady || !got.UpdatedAt.Equal(r.UpdatedAt) || got.Images[0].URL != r.Images[0].URL {
			t.Fatalf("after the older again %+v", got)
		}
		if got := only(); !slices.Equal(got, files) {
			t.Fatalf("files %v, were %v", got, files)
		}
		if n := len(h.events(uploaded)); n != 1 {
			t.Fatalf("%d uploaded events", n)
		}

		// About a banner never heard of, or malformed.
		unknown := visualcontentevents.BannerAdminUploaded{Banner: visualcontentevents.Banner{BannerID: id.New(), Placement: "hero", Version: 2}, OriginalKey: "x/originals/y"}
		h.deliver(testkit.Event(t, "visualcontent", unknown),
			testkit.Event(t, "visualcontent", visualcontentevents.BannerAdminDeleted{BannerID: id.New(), Version: 3}))
		// A deletion of a banner that is not being deleted is ignored.
		h.deliver(testkit.Event(t, "visualcontent", visualcontentevents.BannerAdminDeleted{BannerID: b.ID, Version: 99}))
		if got := h.get(b.ID); got.Status != visualcontentclient.StatusReady {
			t.Fatalf("after a stray deletion %+v", got)
		}
		out := testkit.Deliver(t, h.served,
			testkit.Event(t, "visualcontent", visualcontentevents.BannerAdminUploaded{}),
			testkit.Event(t, "visualcontent", visualcontentevents.BannerAdminDeleted{}))
		if !slices.Equal(out, []testkit.Outcome{testkit.DeadLettered, testkit.DeadLettered}) {
			t.Fatalf("malformed events: %v", out)
		}
		if got := h.list(); len(got) != 1 || len(h.events(uploaded)) != 1 || len(h.events(deleted)) != 0 {
			t.Fatalf("list %+v, outbox %v", got, h.outbox())
		}
	})
}

// Every route but what the home page and the file proxy read is for
// admins: anonymous callers are told to sign in, shoppers and sellers are
// refused, and nothing changes.
func TestNonAdminsAreRefused(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		b := h.ready(hero("Mine"))
		other := h.create(slide("Other", 0))
		before := h.list()
		files := h.files()
		events := len(h.outbox())

		routes := []struct {
			name string
			call func(ctx context.Context) error
		}{
			{"create", func(ctx context.Context) error { _, err := h.client.Create(ctx, hero("Intruder")); return err }},
			{"create with bad input", func(ctx context.Context) error {
				_, err := h.client.Create(ctx, visualcontentclient.BannerRequest{})
				return err
			}},
			{"list", func(ctx context.Context) error { _, err := h.client.List(ctx); return err }},
			{"get", func(ctx context.Context) error { _, err := h.client.Get(ctx, b.ID); return err }},
			{"get unknown", func(ctx context.Context) error { _, err := h.client.Get(ctx, id.New()); return err }},
			{"update", func(ctx context.Context) error { _, err := h.client.Update(ctx, b.ID, hero("Hacked")); return err }},
			{"deactivate", func(ctx context.Context) error {
				off := false
				req := hero("Mine")
				req.Active = &off
				_, err := h.client.Update(ctx, b.ID, req)
				return err
			}},
			{"set image", func(ctx context.Context) error {
				_, err := h.client.SetImage(ctx, other.ID, bytes.NewReader(smallJPEG))
				return err
			}},
			{"set a bad image", func(ctx context.Context) error {
				_, err := h.client.SetImage(ctx, other.ID, strings.NewReader("text"))
				return err
			}},
			{"delete", func(ctx context.Context) error { return h.client.Delete(ctx, b.ID) }},
			{"delete unknown", func(ctx context.Context) error { return h.client.Delete(ctx, id.New()) }},
			{"reorder", func(ctx context.Context) error { return h.client.Reorder(ctx, "slider", []string{other.ID}) }},
		}
		callers := []struct {
			a    actor.Actor
			want *fault.Error
		}{
			{anon, fault.Unauthenticated},
			{shopper, fault.Forbidden},
			{seller, fault.Forbidden},
		}
		for _, r := range routes {
			for _, c := range callers {
				err := r.call(as(c.a))
				if !errors.Is(err, c.want) {
					t.Errorf("%s as %q: %v, want %s", r.name, c.a.Role, err, c.want.Category)
				}
			}
		}
		// A role without a user is nobody; a made-up role is refused.
		resp, _ := h.raw(http.MethodGet, "/v1/banners", actor.Actor{}, http.Header{actor.HeaderRole: {"admin"}}, nil)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("role without user: %d", resp.StatusCode)
		}
		resp, _ = h.raw(http.MethodGet, "/v1/banners", actor.Actor{UserID: id.New(), Role: "superuser"}, nil, nil)
		if resp.StatusCode/100 != 4 {
			t.Errorf("made-up role: %d", resp.StatusCode)
		}
		// Without the internal token, nobody.
		req, _ := http.NewRequest(http.MethodGet, h.url+"/v1/banners/showing", nil)
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("without the token: %v %v", resp, err)
		} else {
			resp.Body.Close()
		}

		after := h.list()
		if len(after) != len(before) {
			t.Fatalf("list %+v", after)
		}
		for i := range after {
			if after[i].ID != before[i].ID || after[i].Title != before[i].Title || after[i].Status != before[i].Status ||
				after[i].Active != before[i].Active || !after[i].UpdatedAt.Equal(before[i].UpdatedAt) {
				t.Fatalf("changed: %+v, was %+v", after[i], before[i])
			}
		}
		if got := h.files(); !slices.Equal(got, files) || len(h.outbox()) != events {
			t.Fatalf("files %v (were %v), %d events (were %d)", got, files, len(h.outbox()), events)
		}

		// The home page's list and the files are public.
		for _, a := range []actor.Actor{anon, shopper, seller, admin} {
			if got := h.showing(a, time.Time{}); !slices.Equal(got, []string{"Mine"}) {
				t.Errorf("%s sees %v", a.Role, got)
			}
		}
		if w, _ := h.fetch(b.Images[0].URL); w != 1920 {
			t.Fatal("file")
		}
	})
}

func TestSeed(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		if err := h.svc.Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		bs := h.list()
		if len(bs) != 3 {
			t.Fatalf("%d demo banners", len(bs))
		}
		for i, b := range bs {
			if b.ID != visualcontent.DemoBanners[i] || b.Status != visualcontentclient.StatusPending || !b.Active {
				t.Fatalf("demo banner %d: %+v", i, b)
			}
		}
		if n := len(h.events(adminUploaded)); n != 3 {
			t.Fatalf("%d admin_uploaded", n)
		}
		// The consumer makes their sizes as for an admin's upload.
		h.deliverNew()
		shown, err := h.client.Showing(as(anon), time.Time{})
		if err != nil || len(shown) != 3 {
			t.Fatalf("showing %+v, %v", shown, err)
		}
		if shown[0].Placement != "hero" || !slices.Equal(sizes(shown[0]), heroSizes) ||
			shown[1].Placement != "slider" || !slices.Equal(sizes(shown[1]), sliderSizes) || shown[2].Position <= shown[1].Position {
			t.Fatalf("showing %+v", shown)
		}
		for _, b := range shown {
			if w, hh := h.fetch(b.Images[len(b.Images)-1].URL); w != b.Images[len(b.Images)-1].Width || hh != b.Images[len(b.Images)-1].Height {
				t.Fatalf("%s: %dx%d", b.Title, w, hh)
			}
			if !strings.HasPrefix(b.LinkURL, "/products") || b.Alt == "" {
				t.Fatalf("demo banner %+v", b)
			}
		}
		if n := len(h.events(uploaded)); n != 3 {
			t.Fatalf("%d uploaded", n)
		}

		// Seeding again changes nothing, even after an admin deleted one.
		if err := h.client.Delete(as(admin), visualcontent.DemoBanners[2]); err != nil {
			t.Fatal(err)
		}
		h.deliverNew()
		files := h.files()
		events := len(h.outbox())
		if err := h.svc.Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := h.list(); len(got) != 2 || len(h.outbox()) != events || !slices.Equal(h.files(), files) {
			t.Fatalf("after seeding again: %d banners, %d events (were %d), files %v", len(got), len(h.outbox()), events, h.files())
		}
	})
}
