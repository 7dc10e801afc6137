package host

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/platform/opsclient"
)

// opsRoutes mounts the operations of a service that consumes events: its
// queue's dead letters, listed and replayed (admins only). The same routes
// serve both transports, so the admin area works alike in both modes.
func opsRoutes(g *echo.Group, service, queue string, t eventbus.Transport) {
	admin := func(c echo.Context) error {
		a := actor.From(c.Request().Context())
		if a.Anonymous() {
			return fault.Unauthenticatedf("sign in as an administrator")
		}
		if !a.IsAdmin() {
			return fault.Forbiddenf("only administrators can see dead letters")
		}
		return nil
	}
	g.GET("/dead-letters", func(c echo.Context) error {
		if err := admin(c); err != nil {
			return err
		}
		limit := 100
		if s := c.QueryParam("limit"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 1000 {
				return fault.Fields(map[string]string{"limit": "limit must be a whole number from 1 to 1000"})
			}
			limit = n
		}
		dead, err := t.DeadLetters(c.Request().Context(), queue, limit)
		if err != nil {
			return err
		}
		out := opsclient.DeadLetters{Service: service, Queue: queue, Items: make([]opsclient.DeadLetter, 0, len(dead))}
		for _, d := range dead {
			out.Items = append(out.Items, opsclient.DeadLetter{
				EventID: d.Envelope.ID, Type: d.Envelope.Type, Source: d.Envelope.Source, OccurredAt: d.Envelope.OccurredAt,
				FailedAt: d.FailedAt, Reason: d.Reason, Data: string(d.Envelope.Data),
			})
		}
		return c.JSON(http.StatusOK, out)
	})
	g.POST("/dead-letters/replay", func(c echo.Context) error {
		if err := admin(c); err != nil {
			return err
		}
		var in struct {
			EventIDs []string `json:"event_ids"`
		}
		if err := httpserver.Bind(c, &in); err != nil {
			return err
		}
		if len(in.EventIDs) > 1000 {
			return fault.Fields(map[string]string{"event_ids": "at most 1000 events at once"})
		}
		n, err := t.Replay(c.Request().Context(), queue, in.EventIDs)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]int{"replayed": n})
	})
}
