// Package ports exposes analytics over the internal API and feeds it from
// events.
package ports

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/analytics/internal/app"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/user/userevents"
)

// HTTP serves the analytics API.
type HTTP struct{ app *app.Analytics }

// NewHTTP returns the handlers.
func NewHTTP(a *app.Analytics) *HTTP { return &HTTP{app: a} }

// Register mounts the routes on g (/v1).
func (h *HTTP) Register(g *echo.Group) {
	g.GET("/platform/summary", h.summary)
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

// Subscribe registers the event handlers. The router wraps each in the
// inbox transaction.
func Subscribe(r *eventbus.Router, a *app.Analytics) {
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev userevents.UserCreated) error {
		return a.UserCreated(ctx, ev.CreatedAt)
	})
}
