// Package ports exposes the cart service's use cases: its JSON API under
// /v1 (thin echo handlers, mapping to cartclient's wire types) and its
// event consumers.
package ports

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/cart/internal/app"
	"github.com/marketplace/marketplace/services/cart/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/httpserver"
)

// HTTP serves the API.
type HTTP struct{ app *app.App }

// NewHTTP returns the handlers over a.
func NewHTTP(a *app.App) *HTTP { return &HTTP{app: a} }

// Routes registers the API on g (the /v1 group behind the internal token).
func (h *HTTP) Routes(g *echo.Group) {
	g.POST("/carts", h.createGuest)
	g.GET("/carts/:ref", h.get)
	g.POST("/carts/:ref/items", h.addItem)
	g.PUT("/carts/:ref/items/:variation_id", h.setQuantity)
	g.DELETE("/carts/:ref/items/:variation_id", h.removeItem)
	g.POST("/carts/mine/merge", h.merge)
	g.POST("/carts/mine/checkout", h.checkout)
}

func (h *HTTP) createGuest(c echo.Context) error {
	s, err := h.app.CreateGuest(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, Cart(s))
}

func (h *HTTP) get(c echo.Context) error {
	ctx := c.Request().Context()
	s, err := h.app.Get(ctx, actor.From(ctx), c.Param("ref"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Cart(s))
}

func (h *HTTP) addItem(c echo.Context) error {
	var in cartclient.AddItemRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	s, err := h.app.AddItem(ctx, actor.From(ctx), c.Param("ref"), in.VariationID, in.Quantity)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Cart(s))
}

func (h *HTTP) setQuantity(c echo.Context) error {
	var in cartclient.QuantityRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	s, err := h.app.SetQuantity(ctx, actor.From(ctx), c.Param("ref"), c.Param("variation_id"), in.Quantity)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Cart(s))
}

func (h *HTTP) removeItem(c echo.Context) error {
	ctx := c.Request().Context()
	s, err := h.app.RemoveItem(ctx, actor.From(ctx), c.Param("ref"), c.Param("variation_id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Cart(s))
}

func (h *HTTP) merge(c echo.Context) error {
	var in struct {
		GuestCartID string `json:"guest_cart_id"`
	}
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	s, err := h.app.Merge(ctx, actor.From(ctx), in.GuestCartID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Cart(s))
}

func (h *HTTP) checkout(c echo.Context) error {
	var in cartclient.CheckoutRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	a := in.Address
	res, err := h.app.Checkout(ctx, actor.From(ctx), app.CheckoutInput{
		CheckoutID: in.CheckoutID, IdempotencyKey: c.Request().Header.Get("Idempotency-Key"),
		Address: domain.Address{FullName: a.FullName, Address: a.Address, City: a.City, PostalCode: a.PostalCode, Country: a.Country},
	})
	if err != nil {
		return err
	}
	// The result is the order service's answer, stored as it came: a
	// replay sends the very same bytes.
	if !json.Valid(res) {
		return fmt.Errorf("checkout %s: the stored result is not JSON", in.CheckoutID)
	}
	return c.JSONBlob(http.StatusOK, res)
}

// Cart is the wire form of a cart summary.
func Cart(s domain.Summary) cartclient.Cart {
	c := s.Cart
	out := cartclient.Cart{
		ID: c.ID(), OwnerID: c.OwnerID(), Groups: make([]cartclient.Group, 0, len(s.Groups)),
		ItemCount: s.ItemCount, Total: money(s.Total), Version: c.Version(), UpdatedAt: c.UpdatedAt(),
	}
	for _, g := range s.Groups {
		wg := cartclient.Group{ShopID: g.ShopID, ShopName: g.ShopName, Subtotal: money(g.Subtotal), Items: make([]cartclient.Item, 0, len(g.Items))}
		for _, it := range g.Items {
			wg.Items = append(wg.Items, cartclient.Item{
				VariationID: it.VariationID, ProductID: it.ProductID, ShopID: it.ShopID, ShopName: it.Offer.ShopName,
				ProductName: it.Offer.ProductName, VariationName: it.Offer.VariationName, SKU: it.Offer.SKU,
				ThumbURL: it.Offer.ThumbURL, Quantity: it.Quantity, UnitPrice: money(it.UnitPrice),
				AddedPrice: money(it.AddedPrice), Available: it.Offer.Available, Problem: it.Problem,
				LineTotal: money(it.LineTotal),
			})
		}
		out.Groups = append(out.Groups, wg)
	}
	return out
}

func money(m domain.Money) cartclient.Money {
	return cartclient.Money{Amount: m.Amount, Currency: m.Currency}
}
