package media_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image/jpeg"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/media"
	"github.com/marketplace/marketplace/services/media/mediaclient"
	"github.com/marketplace/marketplace/services/media/mediaevents"
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
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/product/productevents"
)

// The cast: two sellers with a shop and a product each, a shopper, an
// admin and nobody.
var (
	sellerA = actor.Actor{UserID: id.New(), Role: actor.Seller}
	sellerB = actor.Actor{UserID: id.New(), Role: actor.Seller}
	shopper = actor.Actor{UserID: id.New(), Role: actor.Shopper}
	admin   = actor.Actor{UserID: id.New(), Role: actor.Admin}
	anon    = actor.Actor{}

	shopA, shopB       = id.New(), id.New()
	productA, productB = id.New(), id.New()
)

func as(a actor.Actor) context.Context { return actor.With(context.Background(), a) }

// harness is one media service over real HTTP with a body limit above 10
// MiB (as the host will run it), a blob folder of its own and a fake
// product service.
type harness struct {
	t        *testing.T
	svc      *media.Service
	served   testkit.Served
	client   *mediaclient.Client
	url      string
	dir      string
	products *fakeProducts
}

func newHarness(t *testing.T, dbURL string) *harness {
	return newHarnessIn(t, dbURL, t.TempDir())
}

func newHarnessIn(t *testing.T, dbURL, dir string) *harness {
	return newHarnessWith(t, dbURL, dir, nil, nil)
}

// newHarnessWith also sets the clock (nil: the system's) and what the
// service stores files through (nil: the folder itself).
func newHarnessWith(t *testing.T, dbURL, dir string, clk clock.Clock, store blobstore.Store) *harness {
	t.Helper()
	if store == nil {
		var err error
		if store, err = blobstore.NewDir(dir); err != nil {
			t.Fatal(err)
		}
	}
	fake := &fakeProducts{known: map[string]productclient.Product{}}
	fakeSrv := httptest.NewServer(fake)
	t.Cleanup(fakeSrv.Close)
	served := testkit.ServeService(t, "media", dbURL, clk, func(d host.Deps) (host.Service, error) {
		return media.New(d, store, productclient.New(fakeSrv.URL, httpclient.Options{Token: testkit.Token}))
	})
	return &harness{
		t: t, svc: served.Service.(*media.Service), url: served.URL, dir: dir, products: fake, served: served,
		client: mediaclient.New(served.URL, httpclient.Options{Token: testkit.Token}),
	}
}

// fakeProducts answers GET /v1/products/{id} like the product service.
type fakeProducts struct {
	mu    sync.Mutex
	known map[string]productclient.Product
	calls int
}

func (f *fakeProducts) add(p productclient.Product) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.known[p.ID] = p
}

func (f *fakeProducts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	w.Header().Set("Content-Type", "application/json")
	p, ok := f.known[strings.TrimPrefix(r.URL.Path, "/v1/products/")]
	if r.Method != http.MethodGet || r.Header.Get(httpserver.HeaderToken) != testkit.Token || !ok {
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"error":{"code":"not_found","message":"product not found"}}`)
		return
	}
	_ = json.NewEncoder(w).Encode(p)
}

func (f *fakeProducts) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// deliver hands product events to the service's consumer.
func (h *harness) deliver(events ...eventbus.Payload) []testkit.Outcome {
	h.t.Helper()
	envs := make([]eventbus.Envelope, len(events))
	for i, e := range events {
		envs[i] = testkit.Event(h.t, "product", e)
	}
	return testkit.Deliver(h.t, h.served, envs...)
}

func created(productID, shopID, ownerID, name string, version int64) productevents.ProductCreated {
	return productevents.ProductCreated{Product: productevents.Product{
		ProductID: productID, ShopID: shopID, OwnerID: ownerID, Name: name, Currency: "EUR", Version: version,
	}, CreatedAt: time.Now().UTC()}
}

func updated(productID, shopID, ownerID, name string, version int64) productevents.ProductUpdated {
	return productevents.ProductUpdated{Product: productevents.Product{
		ProductID: productID, ShopID: shopID, OwnerID: ownerID, Name: name, Currency: "EUR", Version: version,
	}, UpdatedAt: time.Now().UTC()}
}

// known tells the service about both sellers' products, as the product
// service's events would.
func (h *harness) known() {
	h.t.Helper()
	out := h.deliver(created(productA, shopA, sellerA.UserID, "Stoneware Mug", 1), created(productB, shopB, sellerB.UserID, "Wool Beanie", 1))
	if !slices.Equal(out, []testkit.Outcome{testkit.Acked, testkit.Acked}) {
		h.t.Fatalf("deliver: %v", out)
	}
}

func (h *harness) upload(a actor.Actor, productID, alt string, data []byte) mediaclient.Image {
	h.t.Helper()
	img, err := h.client.Upload(as(a), productID, alt, bytes.NewReader(data))
	if err != nil {
		h.t.Fatalf("upload: %v", err)
	}
	return img
}

func (h *harness) process() int {
	h.t.Helper()
	n, err := h.svc.ProcessPending(context.Background())
	if err != nil {
		h.t.Fatalf("process: %v", err)
	}
	return n
}

func (h *harness) get(a actor.Actor, imageID string) mediaclient.Image {
	h.t.Helper()
	img, err := h.client.Get(as(a), imageID)
	if err != nil {
		h.t.Fatalf("get %s: %v", imageID, err)
	}
	return img
}

func (h *harness) count(table string) int64 {
	h.t.Helper()
	var n int64
	if err := h.served.Deps.DB.Conn(context.Background()).Table(table).Count(&n).Error; err != nil {
		h.t.Fatal(err)
	}
	return n
}

// outbox returns the events of the outbox by type, in order.
func (h *harness) outbox() map[string][]eventbus.Envelope {
	h.t.Helper()
	var rows []struct{ Type, Envelope string }
	if err := h.served.Deps.DB.Conn(context.Background()).Table("outbox").Select("type, envelope").Order("created_at, id").Scan(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	out := map[string][]eventbus.Envelope{}
	for _, r := range rows {
		env, err := eventbus.Unmarshal([]byte(r.Envelope))
		if err != nil {
			h.t.Fatal(err)
		}
		if env.Source != "media" {
			h.t.Fatalf("envelope from %s", env.Source)
		}
		out[r.Type] = append(out[r.Type], env)
	}
	return out
}

func (h *harness) uploadedEvents() []mediaevents.ProductImageUploaded {
	h.t.Helper()
	var out []mediaevents.ProductImageUploaded
	for _, env := range h.outbox()["product_image.uploaded"] {
		p, err := eventbus.Decode[mediaevents.ProductImageUploaded](env)
		if err != nil {
			h.t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func (h *harness) deletedEvents() []mediaevents.ProductImageDeleted {
	h.t.Helper()
	var out []mediaevents.ProductImageDeleted
	for _, env := range h.outbox()["product_image.deleted"] {
		p, err := eventbus.Decode[mediaevents.ProductImageDeleted](env)
		if err != nil {
			h.t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// files lists the stored blobs, relative to the folder.
func (h *harness) files() []string {
	h.t.Helper()
	var out []string
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

// fetch downloads a file through the client, as the web frontend does,
// and returns its decoded size.
func (h *harness) fetch(url string) (int, int) {
	h.t.Helper()
	path, ok := strings.CutPrefix(url, "/media/")
	if !ok {
		h.t.Fatalf("url %q", url)
	}
	resp, err := h.client.File(context.Background(), path, nil)
	if err != nil {
		h.t.Fatalf("file %s: %v", path, err)
	}
	defer resp.Body.Close()
	cfg, err := jpeg.DecodeConfig(resp.Body)
	if err != nil {
		h.t.Fatalf("file %s is not a JPEG: %v", path, err)
	}
	return cfg.Width, cfg.Height
}

// raw sends a request with the internal token and the actor's headers.
func (h *harness) raw(method, path string, a actor.Actor, header http.Header, body io.Reader) *http.Response {
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
	h.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestUploadMakesVariants(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.known()
		big := picturetest.JPEG(picturetest.Photo(2400, 1600, 1), 85)
		img := h.upload(sellerA, productA, "", big)
		if !id.Valid(img.ID) || img.ProductID != productA || img.ShopID != shopA || img.Status != mediaclient.StatusProcessing ||
			img.Position != 0 || img.Alt != "Stoneware Mug" || img.ThumbURL != "" || img.CreatedAt.IsZero() {
			t.Fatalf("uploaded %+v", img)
		}
		// Not public before it is ready; its owner sees it.
		if list, err := h.client.List(as(shopper), productA); err != nil || len(list) != 0 {
			t.Fatalf("public list while processing: %+v, %v", list, err)
		}
		if _, err := h.client.Get(as(anon), img.ID); !errors.Is(err, fault.NotFound) {
			t.Fatalf("public get while processing: %v", err)
		}
		if list, err := h.client.List(as(sellerA), productA); err != nil || len(list) != 1 || list[0].Status != mediaclient.StatusProcessing {
			t.Fatalf("owner's list: %+v, %v", list, err)
		}
		if len(h.uploadedEvents()) != 0 {
			t.Fatal("announced before processing")
		}

		if n := h.process(); n != 1 {
			t.Fatalf("processed %d", n)
		}
		ready := h.get(anon, img.ID)
		if ready.Status != mediaclient.StatusReady || ready.Error != "" {
			t.Fatalf("after processing %+v", ready)
		}
		for _, f := range []struct {
			url  string
			w, h int
		}{{ready.ThumbURL, 200, 200}, {ready.MediumURL, 800, 533}, {ready.LargeURL, 1600, 1067}} {
			if w, hh := h.fetch(f.url); w != f.w || hh != f.h {
				t.Errorf("%s is %dx%d, want %dx%d", f.url, w, hh, f.w, f.h)
			}
		}
		evs := h.uploadedEvents()
		if len(evs) != 1 {
			t.Fatalf("%d uploaded events", len(evs))
		}
		if e := evs[0]; e.ImageID != img.ID || e.ProductID != productA || e.ShopID != shopA || e.Position != 0 || e.Alt != "Stoneware Mug" ||
			e.ThumbURL != ready.ThumbURL || e.MediumURL != ready.MediumURL || e.LargeURL != ready.LargeURL ||
			e.Width != 1600 || e.Height != 1067 || e.At.IsZero() {
			t.Fatalf("event %+v", e)
		}

		// A small PNG with an alt text: never scaled up, next position.
		small := h.upload(sellerA, productA, "  The mug from above ", picturetest.PNG(picturetest.Photo(600, 300, 2)))
		if small.Position != 1 || small.Alt != "The mug from above" {
			t.Fatalf("second upload %+v", small)
		}
		// A GIF, whose first frame is used.
		gif := h.upload(sellerA, productA, "", picturetest.GIF(picturetest.Photo(900, 900, 3)))
		if n := h.process(); n != 2 {
			t.Fatalf("processed %d", n)
		}
		s := h.get(anon, small.ID)
		if w, hh := h.fetch(s.LargeURL); w != 600 || hh != 300 {
			t.Errorf("large of a small photo is %dx%d", w, hh)
		}
		if w, hh := h.fetch(s.MediumURL); w != 600 || hh != 300 {
			t.Errorf("medium of a small photo is %dx%d", w, hh)
		}
		if w, hh := h.fetch(s.ThumbURL); w != 200 || hh != 200 {
			t.Errorf("thumb of a small photo is %dx%d", w, hh)
		}
		if w, hh := h.fetch(h.get(anon, gif.ID).MediumURL); w != 800 || hh != 800 {
			t.Errorf("medium of the gif is %dx%d", w, hh)
		}
		list, err := h.client.List(as(anon), productA)
		if err != nil || len(list) != 3 || list[0].ID != img.ID || list[1].ID != small.ID || list[2].ID != gif.ID {
			t.Fatalf("list %+v, %v", list, err)
		}
		if n := h.process(); n != 0 {
			t.Fatalf("processed %d more", n)
		}
		if evs := h.uploadedEvents(); len(evs) != 3 {
			t.Fatalf("%d uploaded events", len(evs))
		}
	})
}

// The variants are encoded anew, so nothing of the upload's metadata
// (EXIF: camera, location) survives.
func TestVariantsCarryNoMetadata(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	h.known()
	data := picturetest.JPEG(picturetest.Photo(500, 400, 4), 90)
	exif := append([]byte{0xFF, 0xE1, 0x00, 0x16}, []byte("Exif\x00\x00GPS 48.85N 2.35E")...)
	data = append(append(append([]byte{}, data[:2]...), exif...), data[2:]...)
	img := h.upload(sellerA, productA, "", data)
	h.process()
	ready := h.get(sellerA, img.ID)
	for _, u := range []string{ready.ThumbURL, ready.MediumURL, ready.LargeURL} {
		resp, err := h.client.File(context.Background(), strings.TrimPrefix(u, "/media/"), nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if bytes.Contains(b, []byte("Exif")) || bytes.Contains(b, []byte("GPS")) {
			t.Fatalf("%s keeps the upload's metadata", u)
		}
	}
}

func TestSameFileIsStoredOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.known()
		data := picturetest.JPEG(picturetest.Photo(1800, 1200, 5), 85)
		first := h.upload(sellerA, productA, "", data)
		h.process()
		files := h.files()
		if len(files) != 4 {
			t.Fatalf("files %v, want the original and three variants", files)
		}
		stat := func() map[string]time.Time {
			out := map[string]time.Time{}
			for _, f := range h.files() {
				st, err := os.Stat(filepath.Join(h.dir, f))
				if err != nil {
					t.Fatal(err)
				}
				out[f] = st.ModTime()
			}
			return out
		}
		before := stat()

		second := h.upload(sellerA, productA, "again", data)
		if h.process() != 1 {
			t.Fatal("the second upload was not processed")
		}
		if got := h.files(); !slices.Equal(got, files) {
			t.Fatalf("files after the same upload: %v, want %v", got, files)
		}
		if after := stat(); !maps.Equal(after, before) {
			t.Fatal("the variants were made again")
		}
		a, b := h.get(anon, first.ID), h.get(anon, second.ID)
		if a.LargeURL != b.LargeURL || a.ThumbURL != b.ThumbURL || b.Status != mediaclient.StatusReady || b.Position != 1 {
			t.Fatalf("%+v / %+v", a, b)
		}
		evs := h.uploadedEvents()
		if len(evs) != 2 || evs[1].Width != 1600 || evs[1].Height != 1067 {
			t.Fatalf("events %+v", evs)
		}

		// Removing one photo keeps the files the other uses; removing the
		// last one removes them.
		if err := h.client.Delete(as(sellerA), first.ID); err != nil {
			t.Fatal(err)
		}
		if got := h.files(); !slices.Equal(got, files) {
			t.Fatalf("files after deleting one of two: %v", got)
		}
		if w, _ := h.fetch(b.ThumbURL); w != 200 {
			t.Fatal("the remaining photo lost its thumb")
		}
		if err := h.client.Delete(as(sellerA), second.ID); err != nil {
			t.Fatal(err)
		}
		if got := h.files(); len(got) != 0 {
			t.Fatalf("files after deleting both: %v", got)
		}
		dels := h.deletedEvents()
		if len(dels) != 2 || dels[0].ImageID != first.ID || dels[1].ImageID != second.ID || dels[1].ProductID != productA || dels[1].ShopID != shopA {
			t.Fatalf("deleted events %+v", dels)
		}
	})
}

func TestUploadRefusals(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.known()
		good := picturetest.JPEG(picturetest.Photo(300, 200, 6), 85)
		tests := []struct {
			name    string
			a       actor.Actor
			product string
			alt     string
			data    []byte
			want    *fault.Error
			message string
		}{
			{"anonymous", anon, productA, "", good, fault.Unauthenticated, ""},
			{"another seller", sellerB, productA, "", good, fault.Forbidden, ""},
			{"a shopper", shopper, productA, "", good, fault.Forbidden, ""},
			{"an admin", admin, productA, "", good, fault.Forbidden, ""},
			{"unknown product", sellerA, id.New(), "", good, fault.NotFound, ""},
			{"text", sellerA, productA, "", []byte("Dear seller, this is a text file called photo.jpg\n"), fault.Invalid, "the file is not a JPEG, PNG or GIF image"},
			{"an SVG", sellerA, productA, "", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), fault.Invalid, "the file is not a JPEG, PNG or GIF image"},
			{"too many pixels", sellerA, productA, "", picturetest.BombPNG(20000, 20000), fault.Invalid, "the image is larger than 40 megapixels"},
			{"too wide", sellerA, productA, "", picturetest.BombPNG(20001, 100), fault.Invalid, "the image is wider or taller than 20000 pixels"},
			{"empty file", sellerA, productA, "", []byte{}, fault.Invalid, "the file is empty"},
			{"damaged header", sellerA, productA, "", good[:30], fault.Invalid, "the image file is damaged or incomplete"},
			{"alt too long", sellerA, productA, strings.Repeat("a", 201), good, fault.Invalid, "the alternative text is longer than 200 characters"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := h.client.Upload(as(tt.a), tt.product, tt.alt, bytes.NewReader(tt.data))
				fe := testkit.WantFault(t, err, tt.want)
				if tt.message != "" && fe.Message != tt.message {
					t.Fatalf("message %q, want %q", fe.Message, tt.message)
				}
				if n, files := h.count("images"), h.files(); n != 0 || len(files) != 0 {
					t.Fatalf("after a refused upload: %d images, files %v", n, files)
				}
			})
		}
		if n := h.process(); n != 0 || len(h.outbox()) != 0 {
			t.Fatalf("processed %d, outbox %v", n, h.outbox())
		}
	})
}

// The format is read from the bytes: a name or a content type claiming a
// photo changes nothing.
func TestUploadIgnoresNameAndContentType(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	h.known()
	header := http.Header{
		"Content-Type":        {"image/jpeg"},
		"Content-Disposition": {`attachment; filename="photo.jpg"`},
	}
	resp := h.raw(http.MethodPost, "/v1/products/"+productA+"/images", sellerA, header, strings.NewReader("just some text"))
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "the file is not a JPEG, PNG or GIF image") {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	// and a real PNG sent as text/plain is a PNG
	header.Set("Content-Type", "text/plain")
	resp = h.raw(http.MethodPost, "/v1/products/"+productA+"/images", sellerA, header, bytes.NewReader(picturetest.PNG(picturetest.Photo(50, 50, 1))))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("png as text/plain: %d", resp.StatusCode)
	}
}

// A decompression bomb is refused from its header: the request allocates
// next to nothing, where decoding would take 1.6 GB.
func TestBombIsRefusedWithoutDecoding(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	h.known()
	bomb := picturetest.BombPNG(20000, 20000)
	if len(bomb) > 16<<10 {
		t.Fatalf("bomb of %d bytes", len(bomb))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := h.client.Upload(as(sellerA), productA, "", bytes.NewReader(bomb))
	runtime.ReadMemStats(&after)
	testkit.WantFault(t, err, fault.Invalid)
	if d := after.TotalAlloc - before.TotalAlloc; d > 20<<20 {
		t.Fatalf("the refused upload allocated %d MB", d>>20)
	}
}

func TestUploadTooLarge(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	h.known()
	// A real JPEG header, so only the size is wrong.
	head := picturetest.JPEG(picturetest.Photo(64, 64, 1), 80)
	for _, size := range []int{11 << 20, mediaclient.MaxUploadBytes + 1} {
		body := make([]byte, size)
		copy(body, head)
		_, err := h.client.Upload(as(sellerA), productA, "", bytes.NewReader(body))
		fe := testkit.WantFault(t, err, fault.TooLarge)
		// 11 MiB is past the server's own limit ("11M" is 11,000,000
		// bytes), which refuses it from its declared length; just over 10
		// MiB is the service's refusal.
		if size == mediaclient.MaxUploadBytes+1 && fe.Message != "the file is larger than 10 MiB" {
			t.Errorf("%d bytes: message %q", size, fe.Message)
		}
		// Sent without a declared length, it is cut off while reading.
		_, err = h.client.Upload(as(sellerA), productA, "", io.MultiReader(bytes.NewReader(body)))
		testkit.WantFault(t, err, fault.TooLarge)
	}
	if n, files := h.count("images"), h.files(); n != 0 || len(files) != 0 {
		t.Fatalf("%d images, files %v", n, files)
	}
	// Exactly 10 MiB is allowed through to the format check.
	body := make([]byte, mediaclient.MaxUploadBytes)
	_, err := h.client.Upload(as(sellerA), productA, "", bytes.NewReader(body))
	if fe := testkit.WantFault(t, err, fault.Invalid); fe.Message != "the file is not a JPEG, PNG or GIF image" {
		t.Fatalf("10 MiB of zeros: %v", fe)
	}
}

func TestUploadAsksProductServiceOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		// No event yet: the product service knows the product.
		h.products.add(productclient.Product{ID: productA, ShopID: shopA, OwnerID: sellerA.UserID, Name: "Fresh Product"})
		data := picturetest.PNG(picturetest.Photo(40, 40, 1))
		if _, err := h.client.Upload(as(sellerB), productA, "", bytes.NewReader(data)); !errors.Is(err, fault.Forbidden) {
			t.Fatalf("seller B: %v", err)
		}
		img := h.upload(sellerA, productA, "", data)
		if img.ShopID != shopA || img.Alt != "Fresh Product" {
			t.Fatalf("%+v", img)
		}
		if img := h.upload(sellerA, productA, "Tasse à café ☕", data); img.Alt != "Tasse à café ☕" {
			t.Fatalf("alt %q", img.Alt)
		}
		if n := h.products.callCount(); n != 1 {
			t.Fatalf("asked the product service %d times", n)
		}
		// Unknown there too: not found, and nothing remembered.
		if _, err := h.client.Upload(as(sellerA), productB, "", bytes.NewReader(data)); !errors.Is(err, fault.NotFound) {
			t.Fatalf("unknown product: %v", err)
		}
		if n := h.count("products"); n != 1 {
			t.Fatalf("%d products known", n)
		}
		// The event, when it comes, wins over what the call said.
		h.deliver(created(productA, shopA, sellerA.UserID, "Renamed", 1))
		if img := h.upload(sellerA, productA, "", data); img.Alt != "Renamed" {
			t.Fatalf("alt %q", img.Alt)
		}
	})
}

func TestReadAndDeleteAuthorization(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.known()
		data := picturetest.PNG(picturetest.Photo(120, 90, 7))
		ready := h.upload(sellerA, productA, "", data)
		h.process()
		pending := h.upload(sellerA, productA, "", picturetest.PNG(picturetest.Photo(120, 90, 8)))
		bImg := h.upload(sellerB, productB, "", picturetest.PNG(picturetest.Photo(120, 90, 9)))

		// The processing photo: its owner and admins see it; others do not.
		for _, a := range []actor.Actor{sellerA, admin} {
			if got := h.get(a, pending.ID); got.Status != mediaclient.StatusProcessing {
				t.Fatalf("%s: %+v", a.Role, got)
			}
			if list, _ := h.client.List(as(a), productA); len(list) != 2 {
				t.Fatalf("%s sees %d photos", a.Role, len(list))
			}
		}
		for _, a := range []actor.Actor{sellerB, shopper, anon} {
			if _, err := h.client.Get(as(a), pending.ID); !errors.Is(err, fault.NotFound) {
				t.Fatalf("%v sees a processing photo: %v", a, err)
			}
			if list, _ := h.client.List(as(a), productA); len(list) != 1 || list[0].ID != ready.ID {
				t.Fatalf("%v lists %+v", a, list)
			}
		}
		if list, err := h.client.List(as(anon), id.New()); err != nil || len(list) != 0 {
			t.Fatalf("list of an unknown product: %+v, %v", list, err)
		}
		if _, err := h.client.Get(as(anon), id.New()); !errors.Is(err, fault.NotFound) {
			t.Fatalf("unknown image: %v", err)
		}

		// Deleting: anonymous 401, others 403 (404 for what they cannot see).
		for _, c := range []struct {
			a    actor.Actor
			img  string
			want *fault.Error
		}{
			{anon, ready.ID, fault.Unauthenticated},
			{sellerB, ready.ID, fault.Forbidden},
			{shopper, ready.ID, fault.Forbidden},
			{sellerB, pending.ID, fault.NotFound},
			{sellerA, bImg.ID, fault.NotFound},
			{sellerA, id.New(), fault.NotFound},
		} {
			if err := h.client.Delete(as(c.a), c.img); !errors.Is(err, c.want) {
				t.Fatalf("%v deleting %s: %v, want %v", c.a, c.img, err, c.want.Category)
			}
		}
		if n := h.count("images"); n != 3 || len(h.deletedEvents()) != 0 {
			t.Fatalf("%d images after refused deletions", n)
		}
		if err := h.client.Delete(as(sellerA), pending.ID); err != nil {
			t.Fatal(err)
		}
		if err := h.client.Delete(as(admin), ready.ID); err != nil {
			t.Fatalf("admin moderating: %v", err)
		}
		if err := h.client.Delete(as(sellerA), ready.ID); !errors.Is(err, fault.NotFound) {
			t.Fatalf("deleting twice: %v", err)
		}
		if _, err := h.client.Get(as(sellerA), ready.ID); !errors.Is(err, fault.NotFound) {
			t.Fatalf("get after delete: %v", err)
		}
		if dels := h.deletedEvents(); len(dels) != 2 || dels[0].ImageID != pending.ID || dels[1].ImageID != ready.ID {
			t.Fatalf("deleted events %+v", dels)
		}
		// The photo deleted while processing is not made or announced.
		if n := h.process(); n != 1 || len(h.uploadedEvents()) != 2 {
			t.Fatalf("processed %d, %d uploaded events", n, len(h.uploadedEvents()))
		}
	})
}

func TestFiles(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	h.known()
	img := h.upload(sellerA, productA, "", picturetest.JPEG(picturetest.Photo(900, 600, 3), 85))
	h.process()
	ready := h.get(anon, img.ID)
	path := strings.TrimPrefix(ready.MediumURL, "/media")
	hash := strings.Split(path, "/")[1]

	resp := h.raw(http.MethodGet, "/v1/files"+path, anon, nil, nil)
	body, _ := io.ReadAll(resp.Body)
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" ||
		resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || etag == "" || len(body) == 0 {
		t.Fatalf("%d %v", resp.StatusCode, resp.Header)
	}
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(body)); err != nil || cfg.Width != 800 {
		t.Fatalf("%+v %v", cfg, err)
	}
	for _, inm := range []string{etag, `"x", ` + etag, "*", "W/" + etag} {
		resp = h.raw(http.MethodGet, "/v1/files"+path, anon, http.Header{"If-None-Match": {inm}}, nil)
		if resp.StatusCode != http.StatusNotModified || resp.Header.Get("ETag") != etag {
			t.Fatalf("If-None-Match %s: %d", inm, resp.StatusCode)
		}
	}
	if resp = h.raw(http.MethodGet, "/v1/files"+path, anon, http.Header{"If-None-Match": {`"other"`}}, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("another etag: %d", resp.StatusCode)
	}
	if resp = h.raw(http.MethodHead, "/v1/files"+path, anon, nil, nil); resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Length") == "" {
		t.Fatalf("HEAD: %d", resp.StatusCode)
	}
	// Through the typed client, conditional too.
	r, err := h.client.File(context.Background(), strings.TrimPrefix(path, "/"), http.Header{"If-None-Match": {etag}})
	if err != nil || r.StatusCode != http.StatusNotModified {
		t.Fatalf("client: %v %v", r, err)
	}
	r.Body.Close()

	// Nothing else is served: other names, other hashes, the originals,
	// and paths that try to leave the folder.
	if err := os.WriteFile(filepath.Join(filepath.Dir(h.dir), "secret.txt"), []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"/v1/files/" + hash + "/original.jpg",
		"/v1/files/" + hash + "/thumb.png",
		"/v1/files/" + hash + "/thumb",
		"/v1/files/" + hash,
		"/v1/files/" + strings.ToUpper(hash) + "/thumb.jpg",
		"/v1/files/" + strings.Repeat("0", 64) + "/thumb.jpg",
		"/v1/files/originals/" + hash,
		"/v1/files/../secret.txt",
		"/v1/files/../../etc/passwd",
		"/v1/files/" + hash + "/../../secret.txt",
		"/v1/files/%2e%2e/secret.txt",
		"/v1/files/..%2f..%2fsecret.txt",
		"/v1/files/" + hash + "/..%2F..%2Fsecret.txt",
		"/v1/files/" + hash + "/%2e%2e%2fthumb.jpg",
		"/v1/files/" + hash + "/thumb.jpg/..",
		"/v1/files/",
	} {
		resp := h.raw(http.MethodGet, p, anon, nil, nil)
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusNotFound || bytes.Contains(b, []byte("secret")) || bytes.Contains(b, []byte("root:")) {
			t.Errorf("GET %s: %d %q", p, resp.StatusCode, b)
		}
	}
	if _, err := h.client.File(context.Background(), "../secret.txt", nil); !errors.Is(err, fault.NotFound) {
		t.Fatalf("client traversal: %v", err)
	}
	// The internal token is required.
	req, _ := http.NewRequest(http.MethodGet, h.url+"/v1/files"+path, nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("without a token: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
}

func TestProductEvents(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		data := picturetest.PNG(picturetest.Photo(64, 64, 1))

		// Redelivered: applied once (the inbox), and the upsert is harmless.
		c1 := testkit.Event(t, "product", created(productA, shopA, sellerA.UserID, "Mug", 1))
		if out := testkit.Deliver(t, h.served, c1, c1); !slices.Equal(out, []testkit.Outcome{testkit.Acked, testkit.Acked}) {
			t.Fatalf("%v", out)
		}
		if n := h.count("products"); n != 1 {
			t.Fatalf("%d products", n)
		}
		// The product moves to seller B's shop at version 3; the late
		// version 2 changes nothing.
		h.deliver(updated(productA, shopB, sellerB.UserID, "Mug v3", 3), updated(productA, shopA, sellerA.UserID, "Mug v2", 2))
		if _, err := h.client.Upload(as(sellerA), productA, "", bytes.NewReader(data)); !errors.Is(err, fault.Forbidden) {
			t.Fatalf("old owner after a newer update: %v", err)
		}
		img := h.upload(sellerB, productA, "", data)
		if img.ShopID != shopB || img.Alt != "Mug v3" {
			t.Fatalf("%+v", img)
		}
		// An update about a product never heard of creates it.
		h.deliver(updated(productB, shopB, sellerB.UserID, "Beanie", 4))
		h.upload(sellerB, productB, "", data)
		h.upload(sellerB, productB, "", picturetest.PNG(picturetest.Photo(64, 64, 2)))
		h.process()
		if h.products.callCount() != 0 {
			t.Fatal("asked the product service about products the events told of")
		}

		// Deleted: the photos go, each announced, and nothing brings the
		// product back; redelivery changes nothing more.
		del := testkit.Event(t, "product", productevents.ProductDeleted{ProductID: productB, ShopID: shopB, OwnerID: sellerB.UserID, Version: 5, DeletedAt: time.Now().UTC()})
		testkit.Deliver(t, h.served, del, del)
		dels := h.deletedEvents()
		if len(dels) != 2 || dels[0].ProductID != productB || dels[0].ShopID != shopB {
			t.Fatalf("deleted events %+v", dels)
		}
		if list, _ := h.client.List(as(sellerB), productB); len(list) != 0 {
			t.Fatalf("photos of a deleted product: %+v", list)
		}
		h.deliver(updated(productB, shopB, sellerB.UserID, "Beanie", 6), created(productB, shopB, sellerB.UserID, "Beanie", 1))
		if _, err := h.client.Upload(as(sellerB), productB, "", bytes.NewReader(data)); !errors.Is(err, fault.NotFound) {
			t.Fatalf("upload to a deleted product: %v", err)
		}
		if len(h.deletedEvents()) != 2 {
			t.Fatal("more deletions announced")
		}
		// Product A's photo and its files are untouched; product B's only
		// file (the second photo's) is gone with it.
		if got := h.get(anon, img.ID); got.Status != mediaclient.StatusReady {
			t.Fatalf("%+v", got)
		}
		if files := h.files(); len(files) != 4 {
			t.Fatalf("files %v", files)
		}

		// A deletion of a product never heard of is remembered too.
		other := id.New()
		h.deliver(productevents.ProductDeleted{ProductID: other, ShopID: shopA, OwnerID: sellerA.UserID, Version: 2})
		h.deliver(created(other, shopA, sellerA.UserID, "Ghost", 1))
		if _, err := h.client.Upload(as(sellerA), other, "", bytes.NewReader(data)); !errors.Is(err, fault.NotFound) {
			t.Fatalf("upload to a product deleted before it was created here: %v", err)
		}

		// Events without ids are dead-lettered, not retried.
		bad := testkit.Event(t, "product", created("", shopA, sellerA.UserID, "x", 1))
		if out := testkit.Deliver(t, h.served, bad); out[0] != testkit.DeadLettered {
			t.Fatalf("bad event: %v", out)
		}
	})
}

func TestFailedPhoto(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.known()
		data := picturetest.JPEG(picturetest.Photo(800, 600, 2), 90)
		img := h.upload(sellerA, productA, "", data[:len(data)/3]) // the header is fine, the rest is cut off
		if n := h.process(); n != 1 {
			t.Fatalf("processed %d", n)
		}
		got := h.get(sellerA, img.ID)
		if got.Status != mediaclient.StatusFailed || got.Error != "the image file is damaged or incomplete" || got.LargeURL != "" {
			t.Fatalf("%+v", got)
		}
		if _, err := h.client.Get(as(anon), img.ID); !errors.Is(err, fault.NotFound) {
			t.Fatalf("a failed photo is public: %v", err)
		}
		if len(h.uploadedEvents()) != 0 {
			t.Fatal("a failed photo was announced")
		}
		if files := h.files(); len(files) != 1 {
			t.Fatalf("files %v", files)
		}
		if err := h.client.Delete(as(sellerA), img.ID); err != nil {
			t.Fatal(err)
		}
		if files := h.files(); len(files) != 0 {
			t.Fatalf("files %v", files)
		}
	})
}

// The queue is the database: a photo uploaded before a restart is
// processed by the next process.
func TestProcessingSurvivesRestart(t *testing.T) {
	dbURL, dir := testkit.SQLite(t), t.TempDir()
	first := newHarnessIn(t, dbURL, dir)
	first.known()
	img := first.upload(sellerA, productA, "", picturetest.PNG(picturetest.Photo(300, 300, 1)))

	second := newHarnessIn(t, dbURL, dir)
	if n := second.process(); n != 1 {
		t.Fatalf("processed %d after the restart", n)
	}
	if got := second.get(anon, img.ID); got.Status != mediaclient.StatusReady {
		t.Fatalf("%+v", got)
	}
}

// The worker processes an upload by itself, woken by it.
func TestWorker(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	h.known()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.svc.Run(ctx) }()
	img := h.upload(sellerA, productA, "", picturetest.PNG(picturetest.Photo(300, 300, 1)))
	deadline := time.Now().Add(15 * time.Second)
	for h.get(sellerA, img.ID).Status != mediaclient.StatusReady {
		if time.Now().After(deadline) {
			t.Fatal("the worker did not process the upload")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// The demo photos are drawn, processed and announced at seeding, once.
func TestSeed(t *testing.T) {
	var photos int
	for _, p := range demo.Products {
		photos += len(p.Photos)
	}
	// One blob folder for both databases: the second seeding finds the
	// variants made by the first (the same drawings, byte for byte).
	dir := t.TempDir()
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarnessIn(t, url, dir)
		start, cpu := time.Now(), cpuTime()
		if err := h.svc.Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Logf("seeded %d photos in %v (%v of CPU)", photos, time.Since(start).Round(time.Millisecond), (cpuTime() - cpu).Round(time.Millisecond))
		evs := h.uploadedEvents()
		if len(evs) != photos || h.count("images") != int64(photos) {
			t.Fatalf("%d events, %d images; want %d", len(evs), h.count("images"), photos)
		}
		first := demo.Products[0]
		list, err := h.client.List(as(anon), first.ID)
		if err != nil || len(list) != len(first.Photos) {
			t.Fatalf("%+v, %v", list, err)
		}
		for i, img := range list {
			if img.ID != first.Photos[i].ID || img.Position != i || img.Status != mediaclient.StatusReady ||
				img.Alt != first.Name || img.ShopID != first.ShopID {
				t.Fatalf("photo %d: %+v", i, img)
			}
		}
		if w, hh := h.fetch(list[0].ThumbURL); w != 200 || hh != 200 {
			t.Fatalf("thumb %dx%d", w, hh)
		}
		if w, hh := h.fetch(list[0].LargeURL); w != media.DemoPhotoSize || hh != media.DemoPhotoSize {
			t.Fatalf("large %dx%d", w, hh)
		}
		// The demo seller owns the product's photos.
		owner := actor.Actor{UserID: demo.Sellers[0].ID, Role: actor.Seller}
		if err := h.client.Delete(as(sellerA), list[0].ID); !errors.Is(err, fault.Forbidden) {
			t.Fatalf("another seller deleting a demo photo: %v", err)
		}
		h.upload(owner, first.ID, "", picturetest.PNG(picturetest.Photo(60, 60, 1)))

		// Seeding again adds nothing and announces nothing.
		if err := h.svc.Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := len(h.uploadedEvents()); n != photos {
			t.Fatalf("%d events after seeding twice", n)
		}
	})
}

// cpuTime is the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (h *harness) status(imageID string) (status string, attempts int) {
	h.t.Helper()
	var row struct {
		Status   string
		Attempts int
	}
	if err := h.served.Deps.DB.Conn(context.Background()).Table("images").Select("status, attempts").Where("id = ?", imageID).Take(&row).Error; err != nil {
		h.t.Fatal(err)
	}
	return row.Status, row.Attempts
}

// A worker that died holding a photo delays it until its claim runs out;
// one that keeps dying gives up on it.
func TestClaimsRunOut(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		clk := clock.NewManual(time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC))
		h := newHarnessWith(t, url, t.TempDir(), clk, nil)
		h.known()
		img := h.upload(sellerA, productA, "", picturetest.PNG(picturetest.Photo(100, 100, 1)))
		db := h.served.Deps.DB.Conn(context.Background()).Table("images").Where("id = ?", img.ID)
		// as a worker that claimed it and died
		if err := db.Updates(map[string]any{"lease_until": clk.Now().Add(time.Minute), "attempts": 1}).Error; err != nil {
			t.Fatal(err)
		}
		if n := h.process(); n != 0 {
			t.Fatalf("processed %d while claimed", n)
		}
		clk.Advance(time.Minute + time.Second)
		if n := h.process(); n != 1 {
			t.Fatalf("processed %d after the claim ran out", n)
		}
		if st, attempts := h.status(img.ID); st != mediaclient.StatusReady || attempts != 2 {
			t.Fatalf("%s after %d attempts", st, attempts)
		}

		doomed := h.upload(sellerA, productA, "", picturetest.PNG(picturetest.Photo(100, 100, 2)))
		db = h.served.Deps.DB.Conn(context.Background()).Table("images").Where("id = ?", doomed.ID)
		if err := db.Updates(map[string]any{"attempts": 5}).Error; err != nil {
			t.Fatal(err)
		}
		if n := h.process(); n != 1 {
			t.Fatalf("processed %d", n)
		}
		if got := h.get(sellerA, doomed.ID); got.Status != mediaclient.StatusFailed || got.Error != "the photo could not be processed" {
			t.Fatalf("%+v", got)
		}
	})
}

// flakyStore fails to write variants while broken.
type flakyStore struct {
	blobstore.Store
	mu     sync.Mutex
	broken bool
}

func (f *flakyStore) Put(ctx context.Context, key string, r io.Reader) error {
	f.mu.Lock()
	broken := f.broken
	f.mu.Unlock()
	if broken && strings.HasSuffix(key, ".jpg") {
		return errors.New("disk full")
	}
	return f.Store.Put(ctx, key, r)
}

func (f *flakyStore) set(broken bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.broken = broken
}

// A passing storage failure leaves the photo processing, to be tried
// again a little later; it is neither failed nor announced.
func TestStorageFailureIsRetried(t *testing.T) {
	clk := clock.NewManual(time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC))
	dir := t.TempDir()
	disk, err := blobstore.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	store := &flakyStore{Store: disk}
	h := newHarnessWith(t, testkit.SQLite(t), dir, clk, store)
	h.known()
	img := h.upload(sellerA, productA, "", picturetest.PNG(picturetest.Photo(100, 100, 1)))
	store.set(true)
	if n := h.process(); n != 0 {
		t.Fatalf("finished %d with a broken disk", n)
	}
	if st, _ := h.status(img.ID); st != mediaclient.StatusProcessing || len(h.uploadedEvents()) != 0 {
		t.Fatalf("status %s", st)
	}
	store.set(false)
	if n := h.process(); n != 0 {
		t.Fatal("retried at once")
	}
	clk.Advance(time.Minute)
	if n := h.process(); n != 1 {
		t.Fatalf("processed %d after the retry delay", n)
	}
	if got := h.get(anon, img.ID); got.Status != mediaclient.StatusReady || len(h.uploadedEvents()) != 1 {
		t.Fatalf("%+v", got)
	}
}
