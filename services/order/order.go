// Package order is the order service: checkouts, one order per shop with
// its lines' price snapshot, and each order's life from waiting for
// payment to paid, shipped or cancelled (by its buyer, an admin, or the
// expiry of its hold). New wires it from the host's dependencies;
// cmd/order and the all-in-one binary call it.
package order

import (
	"context"
	"errors"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/order/internal/adapters"
	"github.com/marketplace/marketplace/services/order/internal/app"
	"github.com/marketplace/marketplace/services/order/internal/ports"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

// Service is the order service, ready to serve.
type Service struct {
	app  *app.App
	http *ports.HTTP
}

var (
	_ host.Service    = (*Service)(nil)
	_ host.Subscriber = (*Service)(nil)
	_ host.Runner     = (*Service)(nil)
)

// New builds the service from d. products is asked for the current prices
// and names of the variations of a checkout; stock reserves each order's
// stock. hold is how long an unpaid order keeps its stock (0 means 15
// minutes).
func New(d host.Deps, products *productclient.Client, stock *warehouseclient.Client, hold time.Duration) (*Service, error) {
	if d.DB == nil || d.Outbox == nil {
		return nil, errors.New("order service: a database and an outbox are required")
	}
	if products == nil || stock == nil {
		return nil, errors.New("order service: the product and warehouse clients are required")
	}
	a, err := app.New(app.Deps{
		Store: adapters.NewStore(d.DB), Tx: d.DB, Events: d.Outbox,
		Catalog: adapters.NewCatalog(products), Warehouse: adapters.NewWarehouse(stock),
		Clock: d.Clock, Hold: hold, Logger: d.Logger,
	})
	if err != nil {
		return nil, err
	}
	return &Service{app: a, http: ports.NewHTTP(a)}, nil
}

// Routes registers the JSON API on g (mounted at /v1).
func (s *Service) Routes(g *echo.Group) { s.http.Routes(g) }

// Subscribe registers the consumers of the order queue: payment.success
// (the order is paid) and payment.failed (a timeline entry).
func (s *Service) Subscribe(r *eventbus.Router) { ports.Subscribe(r, s.app) }

// Run is the worker: every few seconds it cancels the unpaid orders whose
// hold ran out and finishes the checkouts that were interrupted while
// reserving stock.
func (s *Service) Run(ctx context.Context) error { return s.app.Run(ctx) }

// ExpireDue cancels the unpaid orders whose hold has run out by the
// service's clock (reason expired, with order.cancelled) and returns how
// many it cancelled.
func (s *Service) ExpireDue(ctx context.Context) (int, error) { return s.app.ExpireDue(ctx) }

// ResumeInterrupted finishes the checkouts left reserving stock for more
// than a minute (their request stopped and the client did not retry) and
// returns how many it settled.
func (s *Service) ResumeInterrupted(ctx context.Context) (int, error) {
	return s.app.ResumeInterrupted(ctx)
}
