// Package ports exposes the warehouse's use cases: its JSON API under /v1
// (thin echo handlers, mapping to warehouseclient's wire types) and its
// consumers of product events.
package ports

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/warehouse/internal/app"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

// HTTP serves the API.
type HTTP struct{ app *app.App }

// NewHTTP returns the handlers over a.
func NewHTTP(a *app.App) *HTTP { return &HTTP{app: a} }

// Routes registers the API on g (the /v1 group behind the internal token).
func (h *HTTP) Routes(g *echo.Group) {
	g.GET("/availability", h.availability)
	g.GET("/products/:id/stock", h.productStock)
	g.POST("/stock/:variation_id/adjustments", h.adjust)
	g.GET("/stock/:variation_id/movements", h.movements)
	g.POST("/reservations", h.reserve)
	g.POST("/reservations/:order_id/commit", h.commit)
	g.POST("/reservations/:order_id/release", h.release)
	g.GET("/audit", h.audit)
}

func (h *HTTP) availability(c echo.Context) error {
	items, err := h.app.Availability(c.Request().Context(), c.QueryParams()["variation_id"])
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": items})
}

func (h *HTTP) productStock(c echo.Context) error {
	rows, err := h.app.ProductStock(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	out := make([]warehouseclient.Stock, 0, len(rows))
	for _, s := range rows {
		out = append(out, Stock(s))
	}
	return c.JSON(http.StatusOK, map[string]any{"items": out})
}

func (h *HTTP) adjust(c echo.Context) error {
	var in warehouseclient.Adjustment
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	s, err := h.app.Adjust(c.Request().Context(), c.Param("variation_id"), in.Mode, in.Quantity, in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Stock(s))
}

func (h *HTTP) movements(c echo.Context) error {
	limit := 0
	if s := c.QueryParam("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return fault.Fields(map[string]string{"limit": "the limit must be a whole number"})
		}
		limit = n
	}
	ms, err := h.app.Movements(c.Request().Context(), c.Param("variation_id"), limit)
	if err != nil {
		return err
	}
	out := make([]warehouseclient.Movement, 0, len(ms))
	for _, m := range ms {
		out = append(out, warehouseclient.Movement{
			ID: m.ID, VariationID: m.VariationID, Kind: m.Kind,
			DeltaAvailable: m.Delta.Available, DeltaReserved: m.Delta.Reserved, DeltaSold: m.Delta.Sold,
			Reason: m.Reason, Reference: m.Reference, ActorID: m.ActorID, At: m.At,
		})
	}
	return c.JSON(http.StatusOK, map[string]any{"items": out})
}

func (h *HTTP) reserve(c echo.Context) error {
	var in warehouseclient.ReserveRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	lines := make([]domain.Line, 0, len(in.Lines))
	for _, l := range in.Lines {
		lines = append(lines, domain.Line{VariationID: l.VariationID, Quantity: l.Quantity})
	}
	r, created, err := h.app.Reserve(c.Request().Context(), in.OrderID, lines)
	if err != nil {
		return err
	}
	status := http.StatusOK // the same order again: the existing reservation
	if created {
		status = http.StatusCreated
	}
	return c.JSON(status, Reservation(r))
}

func (h *HTTP) commit(c echo.Context) error {
	r, err := h.app.Commit(c.Request().Context(), c.Param("order_id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Reservation(r))
}

func (h *HTTP) release(c echo.Context) error {
	r, err := h.app.Release(c.Request().Context(), c.Param("order_id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Reservation(r))
}

func (h *HTTP) audit(c echo.Context) error {
	rows, checked, err := h.app.Audit(c.Request().Context())
	if err != nil {
		return err
	}
	out := warehouseclient.AuditReport{Items: make([]warehouseclient.Mismatch, 0, len(rows)), Checked: checked}
	for _, r := range rows {
		out.Items = append(out.Items, warehouseclient.Mismatch{
			VariationID: r.VariationID, Available: r.Available, Reserved: r.Reserved, Sold: r.Sold,
			LedgerAvailable: r.LedgerAvailable, LedgerReserved: r.LedgerReserved, LedgerSold: r.LedgerSold,
			HeldQuantity: r.HeldQuantity, CommittedQty: r.CommittedQty, Problems: r.Problems(),
		})
	}
	return c.JSON(http.StatusOK, out)
}

// Stock is the wire form of a stock row; a retired variation shows 0
// available.
func Stock(s domain.Stock) warehouseclient.Stock {
	return warehouseclient.Stock{
		VariationID: s.VariationID, ProductID: s.ProductID, ShopID: s.ShopID,
		Available: s.Sellable(), Reserved: s.Reserved, Sold: s.Sold, UpdatedAt: s.UpdatedAt,
	}
}

// Reservation is the wire form of a reservation.
func Reservation(r domain.Reservation) warehouseclient.Reservation {
	out := warehouseclient.Reservation{
		OrderID: r.OrderID, State: r.State, Lines: make([]warehouseclient.Line, 0, len(r.Lines)),
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
	for _, l := range r.Lines {
		out.Lines = append(out.Lines, warehouseclient.Line{VariationID: l.VariationID, Quantity: l.Quantity})
	}
	return out
}
