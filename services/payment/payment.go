// Package payment is the payment service: each order's payment, the
// attempts to pay it with a card (idempotent per Idempotency-Key, at most
// one successful charge per order), and refunds of paid orders that are
// cancelled. Money moves through a Gateway, by default the built-in
// Sandbox. Of a card number only the last four digits are ever kept. New
// wires it from the host's dependencies; cmd/payment and the all-in-one
// binary call it.
package payment

import (
	"errors"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/payment/internal/adapters"
	"github.com/marketplace/marketplace/services/payment/internal/app"
	"github.com/marketplace/marketplace/services/payment/internal/ports"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
)

// Service is the payment service, ready to serve.
type Service struct {
	app  *app.App
	http *ports.HTTP
}

var (
	_ host.Service    = (*Service)(nil)
	_ host.Subscriber = (*Service)(nil)
)

// Option tunes New.
type Option func(*options)

type options struct{ hashKey []byte }

// defaultHashKey keys the request hash when no WithRequestHashKey is
// given. Being in the source, it protects no better than a plain hash:
// deployments pass a secret.
var defaultHashKey = []byte("marketplace payment request hash: set a secret with WithRequestHashKey")

// WithRequestHashKey sets the secret that keys the hash by which a
// repeated payment request is recognised (it covers the card number, so a
// plain hash in the database could be reversed by trying every number).
// Every instance of the service must use the same key; changing it only
// makes requests in flight at the time look like new ones.
func WithRequestHashKey(key []byte) Option {
	return func(o *options) {
		if len(key) > 0 {
			o.hashKey = append([]byte(nil), key...)
		}
	}
}

// New builds the service from d. orders is the order service's client,
// asked about an order when the shopper pays before order.created has
// opened its payment; it may be nil, and then such an attempt is
// fault.NotFound until the event arrives. gateway moves the money; nil
// means the built-in Sandbox.
func New(d host.Deps, orders *orderclient.Client, gateway Gateway, opts ...Option) (*Service, error) {
	if d.DB == nil || d.Outbox == nil {
		return nil, errors.New("payment service: a database and an outbox are required")
	}
	o := options{hashKey: defaultHashKey}
	for _, opt := range opts {
		opt(&o)
	}
	if gateway == nil {
		gateway = NewSandbox()
	}
	deps := app.Deps{
		Store: adapters.NewStore(d.DB), Tx: d.DB, Events: d.Outbox, Gateway: gatewayPort{g: gateway},
		Clock: d.Clock, Logger: d.Logger, RequestHashKey: o.hashKey,
	}
	if orders != nil {
		deps.Orders = adapters.NewOrders(orders)
	}
	a, err := app.New(deps)
	if err != nil {
		return nil, err
	}
	return &Service{app: a, http: ports.NewHTTP(a)}, nil
}

// Routes registers the JSON API on g (mounted at /v1).
func (s *Service) Routes(g *echo.Group) { s.http.Routes(g) }

// Subscribe registers the consumers of the payment queue: order.created
// opens a payment, order.cancelled cancels or refunds it.
func (s *Service) Subscribe(r *eventbus.Router) { ports.Subscribe(r, s.app) }
