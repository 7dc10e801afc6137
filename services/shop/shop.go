// Package shop is the shop service: shops (one open shop per user) and
// their public profiles. New wires it from the host's dependencies;
// cmd/shop and the all-in-one binary call it.
package shop

import (
	"context"
	"errors"
	"log/slog"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/shop/internal/adapters"
	"github.com/marketplace/marketplace/services/shop/internal/app"
	"github.com/marketplace/marketplace/services/shop/internal/ports"
)

// Service is the shop service, ready to serve.
type Service struct {
	deps host.Deps
	app  *app.App
	http *ports.HTTP
}

var (
	_ host.Service    = (*Service)(nil)
	_ host.Subscriber = (*Service)(nil)
	_ host.Seeder     = (*Service)(nil)
)

// New builds the service from d.
func New(d host.Deps) (*Service, error) {
	if d.DB == nil || d.Outbox == nil {
		return nil, errors.New("shop service: a database and an outbox are required")
	}
	a, err := app.New(app.Deps{Store: adapters.NewStore(d.DB), Tx: d.DB, Events: d.Outbox, Clock: d.Clock})
	if err != nil {
		return nil, err
	}
	return &Service{deps: d, app: a, http: ports.NewHTTP(a)}, nil
}

// Routes registers the JSON API on g (mounted at /v1).
func (s *Service) Routes(g *echo.Group) { s.http.Routes(g) }

// Subscribe registers the consumers of the shop queue: user.deleted closes
// the user's shop.
func (s *Service) Subscribe(r *eventbus.Router) { ports.Subscribe(r, s.app) }

// Seed opens the demo shops (services/demo, with their fixed ids, owners
// and slugs) that do not exist yet, publishing shop.created for each. It
// is idempotent.
func (s *Service) Seed(ctx context.Context) error {
	shops := make([]app.DemoShop, 0, len(demo.Shops))
	for _, ds := range demo.Shops {
		shops = append(shops, app.DemoShop{ID: ds.ID, OwnerID: ds.OwnerID, Name: ds.Name, Slug: ds.Slug, Description: ds.Description})
	}
	log := s.deps.Logger
	if log == nil {
		log = slog.Default()
	}
	return s.app.SeedDemo(ctx, shops, log)
}
