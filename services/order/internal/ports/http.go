// Package ports exposes the order service's use cases: its JSON API under
// /v1 (thin echo handlers, mapping to the wire types of orderclient) and
// its event consumers.
package ports

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/order/internal/app"
	"github.com/marketplace/marketplace/services/order/internal/domain"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpserver"
)

// HTTP serves the API.
type HTTP struct{ app *app.App }

// NewHTTP returns the handlers over a.
func NewHTTP(a *app.App) *HTTP { return &HTTP{app: a} }

// Routes registers the API on g (the /v1 group behind the internal token).
func (h *HTTP) Routes(g *echo.Group) {
	g.POST("/checkouts", h.checkout)
	g.GET("/orders", h.mine)
	g.GET("/orders/:id", h.get)
	g.POST("/orders/:id/cancel", h.cancel)
	g.POST("/orders/:id/ship", h.ship)
	g.GET("/shop-orders", h.shopOrders)
}

func (h *HTTP) checkout(c echo.Context) error {
	ctx := c.Request().Context()
	if actor.From(ctx).Anonymous() {
		return domain.ErrSignIn // before reading a body nobody may send
	}
	var in orderclient.CheckoutRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	req := domain.CheckoutRequest{
		ID: in.CheckoutID,
		Address: domain.Address{
			FullName: in.Address.FullName, Address: in.Address.Address, City: in.Address.City,
			PostalCode: in.Address.PostalCode, Country: in.Address.Country,
		},
		Lines: make([]domain.CheckoutLine, len(in.Lines)),
	}
	for i, l := range in.Lines {
		req.Lines[i] = domain.CheckoutLine{VariationID: l.VariationID, Quantity: l.Quantity, ExpectedPrice: l.ExpectedPrice}
	}
	res, err := h.app.Checkout(ctx, actor.From(ctx), req)
	if err != nil {
		return err
	}
	out := orderclient.CheckoutResult{
		CheckoutID: res.CheckoutID,
		Orders:     make([]orderclient.Order, 0, len(res.Orders)),
		Failed:     make([]orderclient.ShopFailure, 0, len(res.Failed)),
	}
	for _, o := range res.Orders {
		out.Orders = append(out.Orders, Order(o))
	}
	for _, f := range res.Failed {
		out.Failed = append(out.Failed, orderclient.ShopFailure{ShopID: f.ShopID, ShopName: f.ShopName, Reason: f.Reason, Lines: f.Lines})
	}
	return c.JSON(http.StatusOK, out)
}

func (h *HTTP) get(c echo.Context) error {
	ctx := c.Request().Context()
	o, err := h.app.GetOrder(ctx, actor.From(ctx), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Order(o))
}

func (h *HTTP) mine(c echo.Context) error {
	page, err := pageParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	p, err := h.app.MyOrders(ctx, actor.From(ctx), page)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Page(p))
}

func (h *HTTP) shopOrders(c echo.Context) error {
	page, err := pageParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	p, err := h.app.ShopOrders(ctx, actor.From(ctx), c.QueryParam("status"), page)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Page(p))
}

func (h *HTTP) cancel(c echo.Context) error {
	ctx := c.Request().Context()
	o, err := h.app.CancelOrder(ctx, actor.From(ctx), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Order(o))
}

func (h *HTTP) ship(c echo.Context) error {
	ctx := c.Request().Context()
	o, err := h.app.ShipOrder(ctx, actor.From(ctx), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Order(o))
}

// pageParam reads ?page=, 1 when absent.
func pageParam(c echo.Context) (int, error) {
	raw := c.QueryParam("page")
	if raw == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		return 0, fault.Fields(map[string]string{"page": "the page must be a whole number, 1 or more"})
	}
	return n, nil
}

// Page is the wire form of a page of orders.
func Page(p app.OrderPage) orderclient.Page {
	out := orderclient.Page{Items: make([]orderclient.Order, 0, len(p.Orders)), Page: p.Page, PerPage: p.PerPage, Total: p.Total}
	for _, o := range p.Orders {
		out.Items = append(out.Items, Order(o))
	}
	return out
}

// Order is the wire form of an order.
func Order(o *domain.Order) orderclient.Order {
	money := func(n int64) orderclient.Money { return orderclient.Money{Amount: n, Currency: o.Currency} }
	out := orderclient.Order{
		ID: o.ID, CheckoutID: o.CheckoutID, BuyerID: o.BuyerID, ShopID: o.ShopID, ShopName: o.ShopName,
		ShopOwnerID: o.ShopOwnerID, Status: string(o.Status), CancelReason: o.CancelReason,
		Lines: make([]orderclient.Line, len(o.Lines)), Total: money(o.Total()),
		Address: orderclient.Address{
			FullName: o.Address.FullName, Address: o.Address.Address, City: o.Address.City,
			PostalCode: o.Address.PostalCode, Country: o.Address.Country,
		},
		Timeline:  make([]orderclient.Step, len(o.Timeline)),
		ExpiresAt: o.ExpiresAt, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
	}
	for i, l := range o.Lines {
		out.Lines[i] = orderclient.Line{
			VariationID: l.VariationID, ProductID: l.ProductID, SKU: l.SKU, ProductName: l.ProductName,
			VariationName: l.VariationName, ThumbURL: l.ThumbURL, Quantity: l.Quantity,
			UnitPrice: money(l.UnitPrice), LineTotal: money(l.Total()),
		}
	}
	for i, s := range o.Timeline {
		out.Timeline[i] = orderclient.Step{Status: s.Status, At: s.At, Note: s.Note}
	}
	return out
}
