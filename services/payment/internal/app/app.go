package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/marketplace/marketplace/services/payment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// App runs the use cases.
type App struct {
	store   Store
	tx      Transactor
	events  Events
	gateway Gateway
	orders  Orders // nil: no order service to ask before order.created arrives
	clock   clock.Clock
	log     *slog.Logger
	hashKey []byte
}

// Deps are what the use cases are built from.
type Deps struct {
	Store   Store
	Tx      Transactor
	Events  Events
	Gateway Gateway
	Orders  Orders
	Clock   clock.Clock
	Logger  *slog.Logger
	// RequestHashKey keys the hash that recognises a repeated payment
	// request (see domain.RequestHash).
	RequestHashKey []byte
}

// New returns the use cases over d.
func New(d Deps) (*App, error) {
	if d.Store == nil || d.Tx == nil || d.Events == nil || d.Gateway == nil {
		return nil, errors.New("payment app: store, transactor, events and gateway are required")
	}
	if len(d.RequestHashKey) == 0 {
		return nil, errors.New("payment app: a request hash key is required")
	}
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	return &App{
		store: d.Store, tx: d.Tx, events: d.Events, gateway: d.Gateway, orders: d.Orders,
		clock: d.Clock, log: d.Logger, hashKey: d.RequestHashKey,
	}, nil
}

// PaymentView is a payment with its attempts, newest first.
type PaymentView struct {
	Payment  *domain.Payment
	Attempts []*domain.Attempt
}

func (a *App) view(ctx context.Context, p *domain.Payment) (PaymentView, error) {
	atts, err := a.store.Attempts(ctx, p.ID())
	if err != nil {
		return PaymentView{}, err
	}
	return PaymentView{Payment: p, Attempts: atts}, nil
}

var errSignIn = fault.Unauthenticatedf("sign in to see or pay for an order")

// wrap adds context to an unexpected error; categorized errors (the
// caller's mistakes and the expected conflicts) pass as they are.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	if _, ok := fault.As(err); ok {
		return err
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
