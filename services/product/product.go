// Package product is the product service: the category tree, products and
// their variations. This file wires it for the host.
package product

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/product/internal/adapters"
	"github.com/marketplace/marketplace/services/product/internal/app"
	"github.com/marketplace/marketplace/services/product/internal/ports"
)

// Service is the product service.
type Service struct {
	deps    host.Deps
	catalog *app.Catalog
	http    *ports.HTTP
}

// New builds the service from its dependencies.
func New(d host.Deps) (*Service, error) {
	catalog := app.NewCatalog(d.DB, adapters.NewStore(d.DB), d.Outbox)
	return &Service{deps: d, catalog: catalog, http: ports.NewHTTP(catalog)}, nil
}

// Routes mounts the API.
func (s *Service) Routes(g *echo.Group) { s.http.Register(g) }

// Seed adds the demo catalog to an empty database.
func (s *Service) Seed(ctx context.Context) error {
	return s.catalog.SeedDemo(ctx, s.deps.Clock.Now())
}
