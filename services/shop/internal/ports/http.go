// Package ports exposes the shop service's use cases: its JSON API under
// /v1 (thin echo handlers), its event consumers, and the mapping to the
// wire types of shopclient.
package ports

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/shop/internal/app"
	"github.com/marketplace/marketplace/services/shop/internal/domain"
	"github.com/marketplace/marketplace/services/shop/shopclient"
)

// HTTP serves the API.
type HTTP struct{ app *app.App }

// NewHTTP returns the handlers over a.
func NewHTTP(a *app.App) *HTTP { return &HTTP{app: a} }

// Routes registers the API on g (the /v1 group behind the internal token).
func (h *HTTP) Routes(g *echo.Group) {
	g.POST("/shops", h.open)
	g.GET("/shops", h.list)
	g.GET("/shops/mine", h.mine) // a static route: echo prefers it to /shops/:id, and "mine" is never a slug
	g.GET("/shops/:id", h.get)
	g.PUT("/shops/:id", h.update)
	g.DELETE("/shops/:id", h.close)
}

type list struct {
	Items []shopclient.Shop `json:"items"`
}

func (h *HTTP) open(c echo.Context) error {
	var in shopclient.ShopRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	s, err := h.app.OpenShop(ctx, actor.From(ctx), in.Name, in.Description)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, Shop(s))
}

// list serves both the listing and, with ?owner_id=, the shop of one user
// (an empty list when they have none).
func (h *HTTP) list(c echo.Context) error {
	ctx := c.Request().Context()
	if owner, ok := c.QueryParams()["owner_id"]; ok {
		out := list{Items: []shopclient.Shop{}}
		if owner[0] == "" {
			return c.JSON(http.StatusOK, out)
		}
		s, err := h.app.ShopOf(ctx, owner[0])
		switch {
		case err == nil:
			out.Items = append(out.Items, Shop(s))
		case !isNotFound(err):
			return err
		}
		return c.JSON(http.StatusOK, out)
	}
	shops, err := h.app.ListShops(ctx)
	if err != nil {
		return err
	}
	out := list{Items: make([]shopclient.Shop, 0, len(shops))}
	for _, s := range shops {
		out.Items = append(out.Items, Shop(s))
	}
	return c.JSON(http.StatusOK, out)
}

func (h *HTTP) mine(c echo.Context) error {
	ctx := c.Request().Context()
	s, err := h.app.MyShop(ctx, actor.From(ctx))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Shop(s))
}

func (h *HTTP) get(c echo.Context) error {
	s, err := h.app.GetShop(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Shop(s))
}

func (h *HTTP) update(c echo.Context) error {
	var in shopclient.ShopRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	s, err := h.app.UpdateShop(ctx, actor.From(ctx), c.Param("id"), in.Name, in.Description)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Shop(s))
}

func (h *HTTP) close(c echo.Context) error {
	ctx := c.Request().Context()
	if err := h.app.CloseShop(ctx, actor.From(ctx), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// Shop is the wire form of a shop.
func Shop(s *domain.Shop) shopclient.Shop {
	return shopclient.Shop{
		ID: s.ID(), OwnerID: s.OwnerID(), Name: s.Name(), Slug: s.Slug(), Description: s.Description(),
		CreatedAt: s.CreatedAt(), UpdatedAt: s.UpdatedAt(),
	}
}

func isNotFound(err error) bool { return errors.Is(err, fault.NotFound) }
