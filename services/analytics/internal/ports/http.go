// Package ports exposes analytics over the internal API (thin echo
// handlers mapping to analyticsclient's wire types) and feeds it from
// events.
package ports

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/analytics/internal/app"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// HTTP serves the analytics API.
type HTTP struct{ app *app.Analytics }

// NewHTTP returns the handlers.
func NewHTTP(a *app.Analytics) *HTTP { return &HTTP{app: a} }

// Register mounts the routes on g (/v1).
func (h *HTTP) Register(g *echo.Group) {
	g.GET("/platform/summary", h.summary)
	g.GET("/dashboards/seller", h.sellerDashboard)
	g.GET("/dashboards/platform", h.platformDashboard)
	g.POST("/rebuild", h.rebuild)
}

func (h *HTTP) summary(c echo.Context) error {
	s, err := h.app.PlatformSummary(c.Request().Context())
	if err != nil {
		return err
	}
	out := analyticsclient.PlatformSummary{UsersTotal: s.UsersTotal, Signups: make([]analyticsclient.DayCount, 0, len(s.Signups))}
	for _, d := range s.Signups {
		out.Signups = append(out.Signups, analyticsclient.DayCount{Day: d.Day, Count: d.Count})
	}
	return c.JSON(http.StatusOK, out)
}

// days reads the days query parameter; the use cases check its value.
func days(c echo.Context) (int, error) {
	n, err := strconv.Atoi(c.QueryParam("days"))
	if err != nil {
		return 0, fault.Fields(map[string]string{"days": "days must be 7, 30 or 90"})
	}
	return n, nil
}

func (h *HTTP) sellerDashboard(c echo.Context) error {
	n, err := days(c)
	if err != nil {
		return err
	}
	d, err := h.app.SellerDashboard(c.Request().Context(), n)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, SellerDashboard(d))
}

func (h *HTTP) platformDashboard(c echo.Context) error {
	n, err := days(c)
	if err != nil {
		return err
	}
	d, err := h.app.PlatformDashboard(c.Request().Context(), n)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, PlatformDashboard(d))
}

func (h *HTTP) rebuild(c echo.Context) error {
	r, err := h.app.RebuildAsAdmin(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, analyticsclient.RebuildResult{Events: r.Events, Seconds: r.Seconds})
}

func values(vs []app.DayValue) []analyticsclient.DayValue {
	out := make([]analyticsclient.DayValue, len(vs))
	for i, v := range vs {
		out[i] = analyticsclient.DayValue{Day: v.Day, Value: v.Value}
	}
	return out
}

// SellerDashboard maps the use case's dashboard to the wire type.
func SellerDashboard(d app.SellerDashboard) analyticsclient.SellerDashboard {
	out := analyticsclient.SellerDashboard{
		ShopID: d.ShopID, ShopName: d.ShopName, Days: d.Days, Currency: d.Currency,
		Revenue: values(d.Revenue), PaidOrders: values(d.PaidOrders), Cancellations: values(d.Cancellations),
		Ratings:      make([]analyticsclient.DayRating, len(d.Ratings)),
		TotalRevenue: d.TotalRevenue, TotalPaidOrders: d.TotalPaidOrders, AverageOrderValue: d.AverageOrderValue,
		TotalCancelled: d.TotalCancelled, AverageRating: d.AverageRating,
		TopProducts: make([]analyticsclient.TopProduct, len(d.TopProducts)),
		Funnel:      analyticsclient.Funnel{CartsUpdated: d.CartsUpdated, CheckedOut: d.CheckedOut, Paid: d.TotalPaidOrders},
	}
	for i, r := range d.Ratings {
		out.Ratings[i] = analyticsclient.DayRating{Day: r.Day, Count: r.Count, Average: r.Average}
	}
	for i, p := range d.TopProducts {
		out.TopProducts[i] = analyticsclient.TopProduct{ProductID: p.ProductID, Name: p.Name, Units: p.Units, Revenue: p.Revenue}
	}
	return out
}

// PlatformDashboard maps the use case's dashboard to the wire type.
func PlatformDashboard(d app.PlatformDashboard) analyticsclient.PlatformDashboard {
	out := analyticsclient.PlatformDashboard{
		Days: d.Days, Currency: d.Currency,
		GMV: values(d.GMV), Orders: values(d.Orders), NewUsers: values(d.NewUsers), NewShops: values(d.NewShops),
		Cancellations: values(d.Cancellations), PaymentFailures: values(d.PaymentFailures),
		TotalGMV: d.TotalGMV, TotalOrders: d.TotalOrders, TotalNewUsers: d.TotalNewUsers, TotalNewShops: d.TotalNewShops,
		TotalCancelled: d.TotalCancelled, PaymentAttempts: d.PaymentAttempts, PaymentFailed: d.PaymentFailed,
		PaymentFailureRate: d.PaymentFailureRate, UsersTotal: d.UsersTotal,
		TopShops: make([]analyticsclient.TopShop, len(d.TopShops)),
	}
	for i, s := range d.TopShops {
		out.TopShops[i] = analyticsclient.TopShop{ShopID: s.ShopID, Name: s.Name, Orders: s.Orders, Revenue: s.Revenue}
	}
	return out
}
