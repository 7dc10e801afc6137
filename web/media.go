package web

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/media/mediaclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/views/seller"
)

// ---------- Product photos in the seller dashboard ----------

func photos(productID string, images []mediaclient.Image) seller.Photos {
	v := seller.Photos{ProductID: productID}
	for _, img := range images {
		v.Items = append(v.Items, seller.Photo{
			ID: img.ID, Status: img.Status, ThumbURL: img.ThumbURL, LargeURL: img.LargeURL, Alt: img.Alt, Error: img.Error,
		})
	}
	return v
}

// productPhotos answers the photo list's polling (an htmx fragment); a
// browser that asks for it directly is sent to the editor.
func (w *Web) productPhotos(c echo.Context) error {
	p, err := w.ownProduct(c)
	if err != nil {
		return err
	}
	if !isFragmentRequest(c) {
		return w.redirect(c, seller.ProductURL(p.ID)+"#photos")
	}
	images, err := w.cfg.Clients.Media.List(c.Request().Context(), p.ID)
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, seller.PhotoList(w.session(c).get(keyCSRF), photos(p.ID, images)))
}

func (w *Web) deleteImage(c echo.Context) error {
	productID := c.Param("id")
	if err := w.cfg.Clients.Media.Delete(c.Request().Context(), c.Param("image_id")); err != nil {
		return err
	}
	w.session(c).flash("The photo is deleted.")
	return w.redirect(c, seller.ProductURL(productID)+"#photos")
}

// upload is what readUpload received.
type upload struct {
	alt      string
	file     *os.File // the photo, spooled to disk; nil when none was sent
	tooLarge bool
}

func (u *upload) close() {
	if u.file != nil {
		u.file.Close()
		os.Remove(u.file.Name())
	}
}

const maxAlt = 200

var errNotMultipart = fault.Invalidf("send the photo with the upload form")

// readUpload reads the upload form as a stream of parts: the CSRF token,
// which the form sends first and which is checked before anything else is
// read, the description, then the file, which goes to a temporary file
// rather than memory. The photo is spooled before it is sent on, so that
// a slow connection does not hold a call to the media service open, and
// the size is checked here, as the bytes arrive.
func (w *Web) readUpload(c echo.Context) (*upload, error) {
	u := &upload{}
	req := c.Request()
	defer func() {
		// Whatever is left (a file too large, parts after the file) is
		// read to the end, within the body limit, so the browser sees the
		// answer rather than a reset connection.
		_, _ = io.Copy(io.Discard, req.Body)
	}()
	mr, err := req.MultipartReader()
	if err != nil {
		return u, errNotMultipart
	}
	checked, _ := c.Get(keyCSRFChecked).(bool)
	want := w.csrfToken(c)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
				u.tooLarge = true
				return u, nil
			}
			return u, fault.Invalidf("the upload did not arrive completely; please try again")
		}
		switch part.FormName() {
		case "_csrf":
			b, _ := io.ReadAll(io.LimitReader(part, 1024))
			if err := checkCSRF(string(b), want); err != nil {
				return u, err
			}
			checked = true
		case "alt":
			b, _ := io.ReadAll(io.LimitReader(part, 4*maxAlt))
			u.alt = strings.TrimSpace(string(b))
		case "image":
			if !checked {
				return u, errCSRF
			}
			if u.file != nil || part.FileName() == "" {
				continue // no file chosen, or a second one: ignored
			}
			if err := u.spool(part); err != nil {
				return u, err
			}
			if u.tooLarge {
				return u, nil
			}
		}
	}
	if !checked {
		return u, errCSRF
	}
	return u, nil
}

// spool copies the file part to a temporary file, up to the media
// service's limit.
func (u *upload) spool(part io.Reader) error {
	f, err := os.CreateTemp("", "marketplace-upload-*")
	if err != nil {
		return err
	}
	u.file = f
	n, err := io.Copy(f, io.LimitReader(part, mediaclient.MaxUploadBytes+1))
	switch {
	case errors.Is(err, echo.ErrStatusRequestEntityTooLarge) || n > mediaclient.MaxUploadBytes:
		u.tooLarge = true
		return nil
	case err != nil:
		return fault.Invalidf("the upload did not arrive completely; please try again")
	case n == 0:
		u.close()
		u.file = nil
		return nil
	}
	_, err = f.Seek(0, io.SeekStart)
	return err
}

// uploadImage is POST /seller/products/{id}/images.
func (w *Web) uploadImage(c echo.Context) error {
	productID := c.Param("id")
	u, err := w.readUpload(c)
	defer u.close()
	if err != nil {
		return err
	}
	form := seller.UploadForm{Alt: u.alt}
	switch {
	case u.tooLarge:
		form.Errors = map[string]string{"image": "The photo is larger than 10 MB. Choose a smaller one."}
	case u.file == nil:
		form.Errors = map[string]string{"image": "Choose a photo to upload."}
	case len([]rune(u.alt)) > maxAlt:
		form.Errors = map[string]string{"alt": "Keep the description to 200 characters."}
	default:
		// The file has arrived: the call to the media service gets its own
		// time, not what is left of the page's after a slow upload.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request().Context()), 30*time.Second)
		defer cancel()
		_, err := w.cfg.Clients.Media.Upload(ctx, productID, u.alt, u.file)
		if err == nil {
			if isFragmentRequest(c) {
				return w.photosFragment(c, productID, http.StatusOK, seller.UploadForm{})
			}
			w.session(c).flash("The photo is uploaded. It will show in a moment, once it is processed.")
			return w.redirect(c, seller.ProductURL(productID)+"#photos")
		}
		p, ok := formProblems(err, map[string]string{"image": "image", "file": "image", "alt": "alt"})
		if !ok {
			return err
		}
		if len(p.Fields) == 0 { // what is wrong is the file
			p.add("image", p.General)
			p.General = ""
		}
		if errors.Is(err, fault.TooLarge) {
			p.Fields["image"] = "The photo is larger than 10 MB. Choose a smaller one."
		}
		form.Errors, form.Error = p.Fields, p.General
	}
	if isFragmentRequest(c) {
		return w.photosFragment(c, productID, http.StatusUnprocessableEntity, form)
	}
	return w.renderEditor(c, http.StatusUnprocessableEntity, func(v *seller.EditProductPage) error {
		v.Photos.Upload = form
		return nil
	})
}

// photosFragment renders the photo section alone, for htmx.
func (w *Web) photosFragment(c echo.Context, productID string, status int, form seller.UploadForm) error {
	p, err := w.ownProduct(c)
	if err != nil {
		return err
	}
	images, err := w.cfg.Clients.Media.List(c.Request().Context(), p.ID)
	if err != nil {
		return err
	}
	v := photos(productID, images)
	v.Upload = form
	return w.render(c, status, seller.PhotosSection(w.session(c).get(keyCSRF), v))
}

// ---------- The media proxy ----------

// mediaPath is what may follow /media/: a content hash and a variant.
var mediaPath = regexp.MustCompile(`^[0-9a-f]{64}/(thumb|medium|large)\.jpg$`)

// mediaFile serves GET /media/{hash}/{variant}.jpg from the media service.
func (w *Web) mediaFile(c echo.Context) error {
	return w.proxyImage(c, mediaPath, "image/jpeg", w.cfg.Clients.Media.File)
}

// fileFetcher asks a service for a stored file, with conditional headers.
type fileFetcher func(ctx context.Context, path string, header http.Header) (*http.Response, error)

// proxyImage serves a public image file from the service behind fetch:
// only paths matching valid are asked for, the body is streamed, and the
// caching headers pass through, 304s included. It touches no session:
// images are public and cacheable. A response not typed as an image goes
// out as fallback, never as what a browser might sniff as a page.
func (w *Web) proxyImage(c echo.Context, valid *regexp.Regexp, fallback string, fetch fileFetcher) error {
	path := c.Param("*")
	if !valid.MatchString(path) {
		return mediaNotFound(c)
	}
	h := http.Header{}
	for _, k := range []string{"If-None-Match", "If-Modified-Since"} {
		if v := c.Request().Header.Get(k); v != "" {
			h.Set(k, v)
		}
	}
	resp, err := fetch(c.Request().Context(), path, h)
	if errors.Is(err, fault.NotFound) {
		return mediaNotFound(c)
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out := c.Response().Header()
	for _, k := range []string{"Cache-Control", "ETag", "Last-Modified"} {
		if v := resp.Header.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	if resp.StatusCode == http.StatusNotModified {
		c.Response().WriteHeader(http.StatusNotModified)
		return nil
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || !strings.HasPrefix(mt, "image/") {
		ct = fallback
	}
	out.Set(echo.HeaderContentType, ct)
	if cl := resp.Header.Get("Content-Length"); cl != "" {
		out.Set(echo.HeaderContentLength, cl)
	}
	c.Response().WriteHeader(http.StatusOK)
	if _, err := io.Copy(c.Response(), resp.Body); err != nil {
		w.log.Debug("image response cut off", "path", path, "err", err)
	}
	return nil
}

func mediaNotFound(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.String(http.StatusNotFound, "not found")
}
