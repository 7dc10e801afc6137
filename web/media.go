package web

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
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

const maxAlt = 200

// readUpload reads the photo form (see readFileForm): the description,
// then the photo, up to the media service's limit.
func (w *Web) readUpload(c echo.Context) (*fileForm, error) {
	return w.readFileForm(c, map[string]int64{"alt": 4 * maxAlt}, mediaclient.MaxUploadBytes,
		fault.Invalidf("send the photo with the upload form"))
}

// uploadImage is POST /seller/products/{id}/images.
func (w *Web) uploadImage(c echo.Context) error {
	productID := c.Param("id")
	u, err := w.readUpload(c)
	defer u.close()
	if err != nil {
		return err
	}
	alt := u.fields["alt"]
	form := seller.UploadForm{Alt: alt}
	switch {
	case u.tooLarge:
		form.Errors = map[string]string{"image": "The photo is larger than 10 MB. Choose a smaller one."}
	case u.file == nil:
		form.Errors = map[string]string{"image": "Choose a photo to upload."}
	case len([]rune(alt)) > maxAlt:
		form.Errors = map[string]string{"alt": "Keep the description to 200 characters."}
	default:
		// The file has arrived: the call to the media service gets its own
		// time, not what is left of the page's after a slow upload.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request().Context()), 30*time.Second)
		defer cancel()
		_, err := w.cfg.Clients.Media.Upload(ctx, productID, alt, u.file)
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

// mediaFile serves GET /media/{hash}/{variant}.jpg from the media service.
func (w *Web) mediaFile(c echo.Context) error {
	return w.proxyImage(c, "image/jpeg", w.cfg.Clients.Media.File)
}

// fileFetcher asks a service for a stored file, with conditional headers.
type fileFetcher func(ctx context.Context, path string, header http.Header) (*http.Response, error)

// proxyImage serves a public image file from the service behind fetch
// (whose client refuses paths that could reach anything but its files,
// httpclient.FilePath): the body is streamed, and the caching headers
// pass through, 304s included. It touches no session:
// images are public and cacheable. A response not typed as an image goes
// out as fallback, never as what a browser might sniff as a page.
func (w *Web) proxyImage(c echo.Context, fallback string, fetch fileFetcher) error {
	path := c.Param("*")
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
