package web

import (
	"context"
	"errors"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/views/admin"
	"github.com/marketplace/marketplace/views/charts"
	"github.com/marketplace/marketplace/views/seller"
)

// Dashboards: the seller's sales section and the admin's platform
// dashboard, both over a range of days that a switch picks (?days=N).

// defaultDays is the range a dashboard shows unless asked for another.
const defaultDays = 30

// analyticsTimeout bounds the wait for a dashboard's figures: the seller's
// overview is worth showing without them.
const analyticsTimeout = 4 * time.Second

// daysParam reads the range from ?days=; anything but one of
// analyticsclient.Ranges shows the default range (it is a view setting,
// not input that changes anything).
func daysParam(c echo.Context) int {
	n, err := strconv.Atoi(c.QueryParam("days"))
	if err != nil || !slices.Contains(analyticsclient.Ranges, n) {
		return defaultDays
	}
	return n
}

// ranges are the links of a range switch on the page at path.
func ranges(path string, days int) []charts.Range {
	out := make([]charts.Range, 0, len(analyticsclient.Ranges))
	for _, n := range analyticsclient.Ranges {
		out = append(out, charts.Range{Label: strconv.Itoa(n) + " days", URL: path + "?days=" + strconv.Itoa(n), Active: n == days})
	}
	return out
}

func period(days int) string { return "the last " + strconv.Itoa(days) + " days" }

// dayLabel writes an analytics day ("2026-03-12") as the axis shows it
// ("12 Mar").
func dayLabel(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.Format("2 Jan")
}

// currencyOr is the dashboard's currency, EUR when it says none (no
// sales yet).
func currencyOr(c string) string {
	if c == "" {
		return "EUR"
	}
	return c
}

// minorUnit is how many minor units make one of currency: ticks of a
// money chart fall on whole units.
func minorUnit(currency string) float64 {
	digits := 2
	if c, ok := currencies[currency]; ok {
		digits = c.digits
	}
	return math.Pow(10, float64(digits))
}

// moneyTick formats a tick of a money chart, without the zero decimals
// of a whole amount: "€1,500".
func moneyTick(currency string) func(float64) string {
	return func(v float64) string {
		s := formatMoney(int64(math.Round(v)), currency)
		if i := strings.LastIndexByte(s, '.'); i >= 0 && strings.Trim(s[i+1:], "0") == "" {
			s = s[:i]
		}
		return s
	}
}

// moneyChart is a chart of amounts per day.
func moneyChart(id, title, label, summary, currency string, series []analyticsclient.DayValue) charts.Chart {
	c := charts.Chart{ID: id, Title: title, ValueLabel: label, Summary: summary, Step: minorUnit(currency), Tick: moneyTick(currency),
		Empty: "Nothing in this period"}
	for _, d := range series {
		c.Points = append(c.Points, charts.Point{Label: dayLabel(d.Day), Value: float64(d.Value), Display: formatMoney(d.Value, currency)})
	}
	return c
}

// countChart is a chart of counts per day.
func countChart(id, title, label, summary string, series []analyticsclient.DayValue) charts.Chart {
	c := charts.Chart{ID: id, Title: title, ValueLabel: label, Summary: summary, Step: 1, Empty: "Nothing in this period"}
	for _, d := range series {
		c.Points = append(c.Points, charts.Point{Label: dayLabel(d.Day), Value: float64(d.Value), Display: formatCount(d.Value)})
	}
	return c
}

// ratingChart is the average rating per day; days without reviews are
// gaps, not zeros.
func ratingChart(id string, series []analyticsclient.DayRating, days int) charts.Chart {
	c := charts.Chart{ID: id, Title: "Average rating per day", ValueLabel: "Average rating", Max: 5, Step: 1,
		Summary: "The average rating of the reviews written each day over " + period(days) + "; days without reviews are left out.",
		Empty:   "No reviews in this period"}
	for _, d := range series {
		p := charts.Point{Label: dayLabel(d.Day), Value: d.Average, Missing: d.Count == 0}
		if !p.Missing {
			p.Display = strconv.FormatFloat(math.Round(d.Average*10)/10, 'f', 1, 64) + " (" + formatCount(d.Count) + ")"
		}
		c.Points = append(c.Points, p)
	}
	return c
}

// percent writes a share as a whole percentage ("42%"), with one decimal
// under 10% so that small rates do not read as 0%.
func percent(part, whole int64) string {
	if whole <= 0 {
		return "—"
	}
	return formatRate(float64(part) / float64(whole))
}

func formatRate(r float64) string {
	p := r * 100
	if p > 0 && p < 10 {
		return strconv.FormatFloat(math.Round(p*10)/10, 'f', -1, 64) + "%"
	}
	return strconv.FormatFloat(math.Round(p), 'f', 0, 64) + "%"
}

// funnel is the steps from a cart to a paid order.
func funnel(f analyticsclient.Funnel) []charts.FunnelStep {
	steps := []struct {
		label string
		n     int64
		of    string
	}{
		{"Carts with your products", f.CartsUpdated, ""},
		{"Checked out", f.CheckedOut, "of carts"},
		{"Paid", f.Paid, "of checked out"},
	}
	out := make([]charts.FunnelStep, len(steps))
	for i, s := range steps {
		st := charts.FunnelStep{Label: s.label, Count: formatCount(s.n), Percent: "100%"}
		if f.CartsUpdated > 0 {
			st.Share = float64(s.n) / float64(f.CartsUpdated)
		}
		if i > 0 {
			st.Percent = percent(s.n, f.CartsUpdated) + " of carts"
			if i > 1 {
				st.Conversion = percent(s.n, steps[i-1].n) + " " + s.of
			}
		} else if f.CartsUpdated == 0 {
			st.Percent = "—"
		}
		out[i] = st
	}
	return out
}

// ---------- Seller ----------

// sellerSales is the overview's sales section over days. A failure of
// analytics becomes a note: the rest of the overview is worth showing.
func (w *Web) sellerSales(ctx context.Context, days int) seller.SalesView {
	v := seller.SalesView{Period: period(days), Ranges: ranges("/seller", days)}
	ctx, cancel := context.WithTimeout(ctx, analyticsTimeout)
	defer cancel()
	d, err := w.cfg.Clients.Analytics.SellerDashboard(ctx, days)
	switch {
	case errors.Is(err, fault.NotFound):
		v.Note = "Your sales figures appear here once your shop has its first visitors and orders."
		return v
	case err != nil:
		w.log.Warn("seller dashboard from analytics", "err", err)
		v.Note = "Sales figures are not available right now. The rest of your dashboard is up to date; try again in a moment."
		return v
	}
	cur := currencyOr(d.Currency)
	v.Revenue = formatMoney(d.TotalRevenue, cur)
	v.PaidOrders = formatCount(d.TotalPaidOrders)
	v.AverageOrder = formatMoney(d.AverageOrderValue, cur)
	v.Cancelled = formatCount(d.TotalCancelled)
	v.Rating = "—"
	var reviews int64
	for _, r := range d.Ratings {
		reviews += r.Count
	}
	if reviews > 0 {
		v.Rating = strconv.FormatFloat(math.Round(d.AverageRating*10)/10, 'f', 1, 64)
	}
	v.RevenueChart = moneyChart("chart-revenue", "Revenue per day", "Revenue",
		"Revenue of the orders paid each day over "+period(days)+"; "+v.Revenue+" in total.", cur, d.Revenue)
	v.OrdersChart = countChart("chart-paid-orders", "Paid orders per day", "Paid orders",
		"Orders paid each day over "+period(days)+"; "+v.PaidOrders+" in total.", d.PaidOrders)
	v.CancellationsChart = countChart("chart-cancellations", "Cancelled orders per day", "Cancelled",
		"Orders cancelled each day over "+period(days)+"; "+v.Cancelled+" in total.", d.Cancellations)
	v.RatingChart = ratingChart("chart-rating", d.Ratings, days)
	for _, p := range d.TopProducts {
		v.TopProducts = append(v.TopProducts, seller.TopProductRow{
			Name: p.Name, URL: productURL(p.ProductID), Units: formatCount(p.Units), Revenue: formatMoney(p.Revenue, cur),
		})
	}
	v.Funnel = funnel(d.Funnel)
	return v
}

// ---------- Admin ----------

// adminDashboard is GET /admin: the platform's figures over a range; an
// htmx request from the range switch gets the figures alone. When
// analytics does not answer, the page says so and keeps its tools.
func (w *Web) adminDashboard(c echo.Context) error {
	days := daysParam(c)
	v := w.platformFigures(c.Request().Context(), days)
	if isFragmentRequest(c) {
		return w.render(c, http.StatusOK, admin.Analytics(v))
	}
	return w.render(c, http.StatusOK, admin.Dashboard(w.page(c, "Platform dashboard"), v))
}

func (w *Web) platformFigures(ctx context.Context, days int) admin.DashboardView {
	v := admin.DashboardView{Period: period(days), Ranges: ranges("/admin", days)}
	ctx, cancel := context.WithTimeout(ctx, analyticsTimeout)
	defer cancel()
	d, err := w.cfg.Clients.Analytics.PlatformDashboard(ctx, days)
	if err != nil {
		w.log.Warn("platform dashboard from analytics", "err", err)
		v.Note = "The platform’s figures are not available right now. Try again in a moment."
		return v
	}
	cur := currencyOr(d.Currency)
	v.UsersTotal = formatCount(d.UsersTotal)
	gmv, orders := formatMoney(d.TotalGMV, cur), formatCount(d.TotalOrders)
	users, shops := formatCount(d.TotalNewUsers), formatCount(d.TotalNewShops)
	failRate := "—"
	if d.PaymentAttempts > 0 {
		failRate = formatRate(d.PaymentFailureRate)
	}
	v.Stats = []admin.Stat{
		{ID: "stat-gmv", Label: "Sales (GMV)", Value: gmv, Hint: "paid orders, every shop"},
		{ID: "stat-orders", Label: "Orders", Value: orders, Hint: "placed"},
		{ID: "stat-new-users", Label: "New users", Value: users},
		{ID: "stat-new-shops", Label: "New shops", Value: shops},
		{ID: "stat-payment-failures", Label: "Payment failures", Value: failRate,
			Hint: formatCount(d.PaymentFailed) + " of " + formatCount(d.PaymentAttempts) + " attempts"},
		{ID: "stat-cancelled", Label: "Cancelled", Value: formatCount(d.TotalCancelled), Hint: "orders"},
	}
	v.GMV = moneyChart("chart-gmv", "Sales per day (GMV)", "Sales",
		"Totals of the orders paid each day over "+period(days)+"; "+gmv+" in total.", cur, d.GMV)
	v.Orders = countChart("chart-orders", "Orders placed per day", "Orders",
		"Orders placed each day over "+period(days)+"; "+orders+" in total.", d.Orders)
	v.NewUsers = countChart("chart-new-users", "New users per day", "New users",
		"Accounts created each day over "+period(days)+"; "+users+" in total.", d.NewUsers)
	v.NewShops = countChart("chart-new-shops", "New shops per day", "New shops",
		"Shops opened each day over "+period(days)+"; "+shops+" in total.", d.NewShops)
	v.PaymentFailures = countChart("chart-payment-failures", "Failed payments per day", "Failed payments",
		"Payment attempts that failed each day over "+period(days)+"; "+formatCount(d.PaymentFailed)+" in total.", d.PaymentFailures)
	v.Cancellations = countChart("chart-platform-cancellations", "Cancelled orders per day", "Cancelled",
		"Orders cancelled each day over "+period(days)+"; "+formatCount(d.TotalCancelled)+" in total.", d.Cancellations)
	for _, s := range d.TopShops {
		v.TopShops = append(v.TopShops, admin.TopShopRow{Name: s.Name, URL: shopURL(s.ShopID),
			Orders: formatCount(s.Orders), Revenue: formatMoney(s.Revenue, cur)})
	}
	return v
}
