// Package ports exposes the visual content service's use cases: its JSON
// API under /v1 (thin echo handlers), the file endpoint the web frontend
// proxies /banners/* to, and the service's consumers of its own events.
package ports

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/visualcontent/internal/app"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentclient"
)

// HTTP serves the API.
type HTTP struct{ app *app.App }

// NewHTTP returns the handlers over a.
func NewHTTP(a *app.App) *HTTP { return &HTTP{app: a} }

// Routes registers the API on g (the /v1 group behind the internal token).
func (h *HTTP) Routes(g *echo.Group) {
	g.POST("/banners", h.create)
	g.GET("/banners", h.list)
	g.GET("/banners/showing", h.showing)
	g.POST("/banners/order", h.reorder)
	g.GET("/banners/:id", h.get)
	g.PUT("/banners/:id", h.update)
	g.DELETE("/banners/:id", h.delete)
	g.PUT("/banners/:id/image", h.setImage)
	g.GET("/files/:banner/:version/:name", h.file)
	g.HEAD("/files/:banner/:version/:name", h.file)
	// Any other path under /files is not a file (and never reaches the
	// blob store).
	g.GET("/files/*", h.noFile)
	g.HEAD("/files/*", h.noFile)
}

func input(r visualcontentclient.BannerRequest) domain.Input {
	return domain.Input{
		Placement: r.Placement, Title: r.Title, LinkURL: r.LinkURL, Alt: r.Alt, Position: r.Position,
		StartsAt: r.StartsAt, EndsAt: r.EndsAt,
	}
}

func (h *HTTP) create(c echo.Context) error {
	ctx := c.Request().Context()
	// Who may, before what they sent is looked at.
	if err := domain.CanManage(actor.From(ctx)); err != nil {
		return err
	}
	var in visualcontentclient.BannerRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	b, err := h.app.Create(ctx, actor.From(ctx), input(in))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, Banner(b))
}

func (h *HTTP) update(c echo.Context) error {
	ctx := c.Request().Context()
	if err := domain.CanManage(actor.From(ctx)); err != nil {
		return err
	}
	var in visualcontentclient.BannerRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	b, err := h.app.Update(ctx, actor.From(ctx), c.Param("id"), input(in), in.Active)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Banner(b))
}

func (h *HTTP) setImage(c echo.Context) error {
	req := c.Request()
	ctx := req.Context()
	// One byte more than allowed tells "exactly the limit" from "over it",
	// whatever body limit the server was configured with.
	body := httpserver.LimitedBody(c, visualcontentclient.MaxUploadBytes+1, app.ErrTooLarge)
	b, err := h.app.SetImage(ctx, actor.From(ctx), c.Param("id"), body, req.ContentLength)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, Banner(b))
}

func (h *HTTP) delete(c echo.Context) error {
	ctx := c.Request().Context()
	if err := h.app.Delete(ctx, actor.From(ctx), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusAccepted)
}

// reorderRequest is the body of POST /v1/banners/order.
type reorderRequest struct {
	Placement string   `json:"placement"`
	IDs       []string `json:"ids"`
}

func (h *HTTP) reorder(c echo.Context) error {
	ctx := c.Request().Context()
	if err := domain.CanManage(actor.From(ctx)); err != nil {
		return err
	}
	var in reorderRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	if err := h.app.Reorder(ctx, actor.From(ctx), in.Placement, in.IDs); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *HTTP) get(c echo.Context) error {
	ctx := c.Request().Context()
	b, err := h.app.Get(ctx, actor.From(ctx), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Banner(b))
}

func (h *HTTP) list(c echo.Context) error {
	ctx := c.Request().Context()
	bs, err := h.app.List(ctx, actor.From(ctx))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(bs))
}

func (h *HTTP) showing(c echo.Context) error {
	ctx := c.Request().Context()
	act := actor.From(ctx)
	var at time.Time
	// Only an admin's moment counts; anybody else's is not even read.
	if raw := c.QueryParam("at"); raw != "" && act.IsAdmin() {
		t, err := time.Parse(time.RFC3339, raw)
		if err != nil {
			return fault.Fields(map[string]string{"at": "the moment must be an RFC 3339 time, like 2026-05-01T09:00:00Z"})
		}
		at = t
	}
	bs, err := h.app.Showing(ctx, act, at)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(bs))
}

// file serves a size of a banner's image. The name of a file never
// changes its content, so browsers may keep it for a year; conditional
// requests (If-None-Match, If-Modified-Since) get 304 from
// http.ServeContent.
func (h *HTTP) file(c echo.Context) error {
	f, err := h.app.OpenFile(c.Request().Context(), c.Param("banner"), c.Param("version"), c.Param("name"))
	if err != nil {
		return err
	}
	defer f.Close()
	httpserver.ServeImmutable(c, "image/jpeg", f.ETag, f.ModTime, f)
	return nil
}

func (h *HTTP) noFile(echo.Context) error { return app.ErrFileNotFound }

type itemsBody struct {
	Items []visualcontentclient.Banner `json:"items"`
}

func items(bs []domain.Banner) itemsBody {
	out := itemsBody{Items: make([]visualcontentclient.Banner, len(bs))}
	for i, b := range bs {
		out.Items[i] = Banner(b)
	}
	return out
}

// Banner is the wire form of a banner. Its images are listed once it is
// ready.
func Banner(b domain.Banner) visualcontentclient.Banner {
	out := visualcontentclient.Banner{
		ID: b.ID, Placement: string(b.Placement), Title: b.Title, LinkURL: b.LinkURL, Alt: b.Alt, Position: b.Position,
		StartsAt: b.StartsAt, EndsAt: b.EndsAt, Active: b.Active, Status: string(b.Status), Error: b.Error,
		Images: []visualcontentclient.Image{}, CreatedAt: b.CreatedAt, UpdatedAt: b.UpdatedAt,
	}
	if b.Status == domain.Ready {
		for _, img := range b.Images {
			out.Images = append(out.Images, visualcontentclient.Image{Width: img.Width, Height: img.Height, URL: img.URL()})
		}
	}
	return out
}
