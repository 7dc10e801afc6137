// Package product is the product service: the category tree, products and
// their variations, each product's photo list and rating, and the shops
// allowed to sell. This file wires it for the host.
package product

import (
	"context"
	"errors"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/product/internal/adapters"
	"github.com/marketplace/marketplace/services/product/internal/app"
	"github.com/marketplace/marketplace/services/product/internal/ports"
	"github.com/marketplace/marketplace/services/shop/shopclient"
)

// Service is the product service.
type Service struct {
	app  *app.App
	http *ports.HTTP
}

var (
	_ host.Service    = (*Service)(nil)
	_ host.Subscriber = (*Service)(nil)
	_ host.Seeder     = (*Service)(nil)
)

// New builds the service from its dependencies. shops is the shop
// service, asked for a seller's shop when its shop.created event has not
// arrived yet; with nil such a seller is refused until it does.
func New(d host.Deps, shops *shopclient.Client) (*Service, error) {
	if d.DB == nil || d.Outbox == nil {
		return nil, errors.New("product service: a database and an outbox are required")
	}
	deps := app.Deps{Store: adapters.NewStore(d.DB), Tx: d.DB, Events: d.Outbox, Clock: d.Clock}
	if shops != nil {
		deps.Shops = adapters.NewShopDirectory(shops)
	}
	a, err := app.New(deps)
	if err != nil {
		return nil, err
	}
	return &Service{app: a, http: ports.NewHTTP(a)}, nil
}

// Routes mounts the API.
func (s *Service) Routes(g *echo.Group) { s.http.Register(g) }

// Subscribe registers the consumers of the product queue: shop.created,
// shop.updated, shop.deleted, product_image.uploaded,
// product_image.deleted, comment.created, comment.updated and
// comment.deleted.
func (s *Service) Subscribe(r *eventbus.Router) { ports.Subscribe(r, s.app) }

// Seed adds the demo catalog once (idempotent), announcing each product.
func (s *Service) Seed(ctx context.Context) error { return s.app.SeedDemo(ctx) }
