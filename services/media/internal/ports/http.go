// Package ports exposes the media service's use cases: its JSON API under
// /v1 (thin echo handlers), the file endpoint the web frontend proxies
// /media/* to, and the consumers of product events.
package ports

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/media/internal/app"
	"github.com/marketplace/marketplace/services/media/internal/domain"
	"github.com/marketplace/marketplace/services/media/mediaclient"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/httpserver"
)

// HeaderAlt carries a photo's alternative text with an upload.
const HeaderAlt = "X-Image-Alt"

// HTTP serves the API.
type HTTP struct{ app *app.App }

// NewHTTP returns the handlers over a.
func NewHTTP(a *app.App) *HTTP { return &HTTP{app: a} }

// Routes registers the API on g (the /v1 group behind the internal token).
func (h *HTTP) Routes(g *echo.Group) {
	g.POST("/products/:id/images", h.upload)
	g.GET("/products/:id/images", h.list)
	g.GET("/images/:id", h.get)
	g.DELETE("/images/:id", h.delete)
	g.GET("/files/:hash/:name", h.file)
	g.HEAD("/files/:hash/:name", h.file)
	// Any other path under /files is not a file (and never reaches the
	// blob store).
	g.GET("/files/*", h.noFile)
	g.HEAD("/files/*", h.noFile)
}

func (h *HTTP) upload(c echo.Context) error {
	req := c.Request()
	ctx := req.Context()
	// One byte more than allowed tells "exactly the limit" from "over it",
	// whatever body limit the server was configured with.
	body := httpserver.LimitedBody(c, mediaclient.MaxUploadBytes+1, app.ErrTooLarge)
	img, err := h.app.Upload(ctx, actor.From(ctx), c.Param("id"), req.Header.Get(HeaderAlt), body, req.ContentLength)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, Image(img))
}

func (h *HTTP) list(c echo.Context) error {
	ctx := c.Request().Context()
	imgs, err := h.app.List(ctx, actor.From(ctx), c.Param("id"))
	if err != nil {
		return err
	}
	out := struct {
		Items []mediaclient.Image `json:"items"`
	}{Items: make([]mediaclient.Image, len(imgs))}
	for i, img := range imgs {
		out.Items[i] = Image(img)
	}
	return c.JSON(http.StatusOK, out)
}

func (h *HTTP) get(c echo.Context) error {
	ctx := c.Request().Context()
	img, err := h.app.Get(ctx, actor.From(ctx), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Image(img))
}

func (h *HTTP) delete(c echo.Context) error {
	ctx := c.Request().Context()
	if err := h.app.Delete(ctx, actor.From(ctx), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// file serves a variant. The name of a file never changes its content,
// so browsers may keep it for a year; conditional requests (If-None-Match)
// get 304 from http.ServeContent.
func (h *HTTP) file(c echo.Context) error {
	f, err := h.app.OpenFile(c.Request().Context(), c.Param("hash"), c.Param("name"))
	if err != nil {
		return err
	}
	defer f.Close()
	httpserver.ServeImmutable(c, "image/jpeg", f.ETag, f.ModTime, f)
	return nil
}

func (h *HTTP) noFile(echo.Context) error { return app.ErrFileNotFound }

// Image is the wire form of a photo.
func Image(i domain.Image) mediaclient.Image {
	return mediaclient.Image{
		ID: i.ID, ProductID: i.ProductID, ShopID: i.ShopID, Status: string(i.Status), Error: i.Error,
		Position: i.Position, Alt: i.Alt,
		ThumbURL: i.URL(domain.Thumb), MediumURL: i.URL(domain.Medium), LargeURL: i.URL(domain.Large),
		CreatedAt: i.CreatedAt,
	}
}
