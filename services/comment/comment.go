// Package comment is the comment service: product reviews (a 1-5 rating
// and a text, one per user and product), their moderation, and each
// product's rating over its visible reviews. New wires it from the host's
// dependencies; cmd/comment and the all-in-one binary call it.
package comment

import (
	"context"
	"errors"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/comment/internal/adapters"
	"github.com/marketplace/marketplace/services/comment/internal/app"
	"github.com/marketplace/marketplace/services/comment/internal/ports"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/product/productclient"
)

// Service is the comment service, ready to serve.
type Service struct {
	app  *app.App
	http *ports.HTTP
	deps host.Deps
}

var (
	_ host.Service    = (*Service)(nil)
	_ host.Subscriber = (*Service)(nil)
	_ host.Seeder     = (*Service)(nil)
)

// New builds the service from d; products is the product service's
// client, asked whether a product exists (and its shop) when a review is
// written.
func New(d host.Deps, products *productclient.Client) (*Service, error) {
	if d.DB == nil || d.Outbox == nil {
		return nil, errors.New("comment service: a database and an outbox are required")
	}
	if products == nil {
		return nil, errors.New("comment service: a product service client is required")
	}
	a, err := app.New(app.Deps{
		Store:   adapters.NewStore(d.DB, d.Clock),
		Tx:      d.DB,
		Events:  d.Outbox,
		Catalog: adapters.NewCatalog(products),
		Clock:   d.Clock,
	})
	if err != nil {
		return nil, err
	}
	return &Service{app: a, http: ports.NewHTTP(a), deps: d}, nil
}

// Routes registers the JSON API on g (mounted at /v1).
func (s *Service) Routes(g *echo.Group) { s.http.Routes(g) }

// Subscribe registers the consumers of the comment queue: user.deleted and
// product.deleted.
func (s *Service) Subscribe(r *eventbus.Router) { ports.Subscribe(r, s.app) }

// Seed adds the demo reviews (services/demo) that are not there yet,
// publishing comment.created for each; running it again adds nothing.
func (s *Service) Seed(ctx context.Context) error {
	return s.app.Seed(ctx, demoReviews(s.deps.Clock.Now()))
}
