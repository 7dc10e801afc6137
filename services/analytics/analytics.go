// Package analytics is the analytics service: dashboards' numbers, built
// only from the events other services publish. This file wires it.
package analytics

import (
	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/analytics/internal/adapters"
	"github.com/marketplace/marketplace/services/analytics/internal/app"
	"github.com/marketplace/marketplace/services/analytics/internal/ports"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
)

// Service is the analytics service.
type Service struct {
	app  *app.Analytics
	http *ports.HTTP
}

// New builds the service.
func New(d host.Deps) (*Service, error) {
	a := app.New(adapters.NewStore(d.DB), d.DB, d.Clock.Now)
	return &Service{app: a, http: ports.NewHTTP(a)}, nil
}

// Routes mounts the API.
func (s *Service) Routes(g *echo.Group) { s.http.Register(g) }

// Subscribe registers the consumers of the analytics queue.
func (s *Service) Subscribe(r *eventbus.Router) { ports.Subscribe(r, s.app) }

// OwnInbox tells the host that the event log deduplicates deliveries.
func (s *Service) OwnInbox() {}
