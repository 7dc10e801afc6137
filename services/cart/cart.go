// Package cart is the cart service: guests' and users' carts grouped by
// shop, with what the cart page shows of each item (kept from product,
// shop and stock events), and the hand-off of a user's cart to the order
// service at checkout. New wires it from the host's dependencies;
// cmd/cart and the all-in-one binary call it.
package cart

import (
	"context"
	"errors"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/cart/internal/adapters"
	"github.com/marketplace/marketplace/services/cart/internal/app"
	"github.com/marketplace/marketplace/services/cart/internal/ports"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

// Service is the cart service, ready to serve.
type Service struct {
	app  *app.App
	http *ports.HTTP
}

var (
	_ host.Service    = (*Service)(nil)
	_ host.Subscriber = (*Service)(nil)
	_ host.Runner     = (*Service)(nil)
)

// New builds the service from d and the clients of the services it calls:
// products describes a variation whose product event has not arrived yet
// (and its thumbnail), stock tells the available stock no stock event has
// reported, and orders places the orders of a checkout. All are required.
func New(d host.Deps, products *productclient.Client, stock *warehouseclient.Client, orders *orderclient.Client) (*Service, error) {
	if d.DB == nil || d.Outbox == nil {
		return nil, errors.New("cart service: a database and an outbox are required")
	}
	if products == nil || stock == nil || orders == nil {
		return nil, errors.New("cart service: the product, warehouse and order clients are required")
	}
	a, err := app.New(app.Deps{
		Store: adapters.NewStore(d.DB), Tx: d.DB, Events: d.Outbox, Clock: d.Clock, Logger: d.Logger,
		Catalog: adapters.NewCatalog(products), Stock: adapters.NewStock(stock), Orders: adapters.NewOrders(orders),
	})
	if err != nil {
		return nil, err
	}
	return &Service{app: a, http: ports.NewHTTP(a)}, nil
}

// Routes registers the JSON API on g (mounted at /v1).
func (s *Service) Routes(g *echo.Group) { s.http.Routes(g) }

// Run is the worker that deletes guest carts left untouched for
// app.GuestCartTTL (30 days), each with cart.deleted.
func (s *Service) Run(ctx context.Context) error { return s.app.Run(ctx) }

// DeleteIdleGuestCarts runs one sweep of the worker now and returns how
// many guest carts it deleted.
func (s *Service) DeleteIdleGuestCarts(ctx context.Context) (int, error) {
	return s.app.DeleteIdleGuestCarts(ctx)
}

// Subscribe registers the consumers of the cart queue: product.created,
// product.updated, product.deleted, shop.created, shop.updated,
// shop.deleted, stock.increased, stock.decreased, user.deleted and
// order.cancelled.
func (s *Service) Subscribe(r *eventbus.Router) { ports.Subscribe(r, s.app) }
