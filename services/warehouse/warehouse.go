// Package warehouse is the warehouse service: stock per variation, the
// append-only ledger of its movements, sellers' adjustments, and the
// reservations that hold stock for unpaid orders. It learns products from
// product events. New wires it from the host's dependencies; cmd/warehouse
// and the all-in-one binary call it.
package warehouse

import (
	"context"
	"errors"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/warehouse/internal/adapters"
	"github.com/marketplace/marketplace/services/warehouse/internal/app"
	"github.com/marketplace/marketplace/services/warehouse/internal/ports"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

// Service is the warehouse service, ready to serve.
type Service struct {
	app  *app.App
	http *ports.HTTP
}

var (
	_ host.Service    = (*Service)(nil)
	_ host.Subscriber = (*Service)(nil)
	_ host.Seeder     = (*Service)(nil)
)

// New builds the service from d. products is the product service's
// client: ProductStock asks it about variations whose product event has
// not arrived yet. It may be nil, and then only events teach the warehouse
// about products.
func New(d host.Deps, products *productclient.Client) (*Service, error) {
	if d.DB == nil || d.Outbox == nil {
		return nil, errors.New("warehouse service: a database and an outbox are required")
	}
	deps := app.Deps{
		Store: adapters.NewStore(d.DB), Tx: d.DB, Events: d.Outbox, Clock: d.Clock, Logger: d.Logger,
	}
	if products != nil {
		deps.Catalog = adapters.NewCatalog(products)
	}
	a, err := app.New(deps)
	if err != nil {
		return nil, err
	}
	return &Service{app: a, http: ports.NewHTTP(a)}, nil
}

// Routes registers the JSON API on g (mounted at /v1).
func (s *Service) Routes(g *echo.Group) { s.http.Routes(g) }

// Subscribe registers the consumers of product.created, product.updated
// and product.deleted.
func (s *Service) Subscribe(r *eventbus.Router) { ports.Subscribe(r, s.app) }

// Seed gives the demo variations their starting stock (idempotent),
// publishing stock.increased for each through the outbox.
func (s *Service) Seed(ctx context.Context) error { return s.app.SeedDemo(ctx) }

// Audit checks every variation's stock against its ledger and its
// reservations, for an operator's command (the API's GET /v1/audit is the
// same for admins): the mismatches, none when all is well, and how many
// variations were checked.
func (s *Service) Audit(ctx context.Context) ([]warehouseclient.Mismatch, int64, error) {
	ctx = actor.With(ctx, actor.Actor{UserID: "operator", Role: actor.Admin})
	rows, checked, err := s.app.Audit(ctx)
	if err != nil {
		return nil, 0, err
	}
	out := make([]warehouseclient.Mismatch, 0, len(rows))
	for _, r := range rows {
		out = append(out, warehouseclient.Mismatch{
			VariationID: r.VariationID, Available: r.Available, Reserved: r.Reserved, Sold: r.Sold,
			LedgerAvailable: r.LedgerAvailable, LedgerReserved: r.LedgerReserved, LedgerSold: r.LedgerSold,
			HeldQuantity: r.HeldQuantity, CommittedQty: r.CommittedQty, Problems: r.Problems(),
		})
	}
	return out, checked, nil
}
