package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/views/admin"
)

// adminDashboard shows the platform's numbers from analytics. The
// analytics service checks the admin role again.
func (w *Web) adminDashboard(c echo.Context) error {
	s, err := w.cfg.Clients.Analytics.PlatformSummary(c.Request().Context())
	if err != nil {
		return err
	}
	var week, month int64
	for i, d := range s.Signups {
		month += d.Count
		if i >= len(s.Signups)-7 {
			week += d.Count
		}
	}
	total := strconv.FormatInt(s.UsersTotal, 10)
	v := admin.DashboardView{
		UsersTotal: total,
		Stats: []admin.Stat{
			{Label: "New this week", Value: strconv.FormatInt(week, 10), Hint: "signups in the last 7 days"},
			{Label: "New this month", Value: strconv.FormatInt(month, 10), Hint: "signups in the last 30 days"},
		},
	}
	return w.render(c, http.StatusOK, admin.Dashboard(w.page(c, "Platform dashboard"), v))
}
