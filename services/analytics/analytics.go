// Package analytics is the analytics service: dashboards' numbers, built
// only from the events other services publish. This file wires it.
package analytics

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/analytics/internal/adapters"
	"github.com/marketplace/marketplace/services/analytics/internal/app"
	"github.com/marketplace/marketplace/services/analytics/internal/ports"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
)

// Service is the analytics service.
type Service struct {
	app  *app.Analytics
	http *ports.HTTP
}

// New builds the service. When the stored projections were built by an
// older design of them (or never), it rebuilds them from the event log
// first, so that the dashboards show the whole history.
func New(d host.Deps) (*Service, error) {
	a := build(d.DB, d.Clock, d.Logger)
	if err := a.EnsureProjections(context.Background()); err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	return &Service{app: a, http: ports.NewHTTP(a)}, nil
}

func build(db *database.DB, clk clock.Clock, log *slog.Logger) *app.Analytics {
	if clk == nil {
		clk = clock.System{}
	}
	return app.New(adapters.NewStore(db), db, ports.Decode, clk.Now, log)
}

// Rebuild empties the projections and replays the whole event log into
// them, for commands that work on the database directly (no HTTP, no
// authorization: whoever holds the database may). db must be migrated.
func Rebuild(ctx context.Context, db *database.DB, log *slog.Logger) (analyticsclient.RebuildResult, error) {
	r, err := build(db, nil, log).Rebuild(ctx)
	return analyticsclient.RebuildResult{Events: r.Events, Seconds: r.Seconds}, err
}

// Routes mounts the API.
func (s *Service) Routes(g *echo.Group) { s.http.Register(g) }

// Subscribe registers the consumers of the analytics queue.
func (s *Service) Subscribe(r *eventbus.Router) { ports.Subscribe(r, s.app) }

// OwnInbox tells the host that the event log deduplicates deliveries.
func (s *Service) OwnInbox() {}
