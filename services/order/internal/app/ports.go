package app

import (
	"context"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/order/internal/domain"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// Store keeps checkouts and orders. Its methods run in the transaction in
// ctx, if any.
type Store interface {
	// Checkout returns a recorded checkout or domain.ErrCheckoutNotFound.
	Checkout(ctx context.Context, id string) (*domain.Checkout, error)
	// CreateCheckout records a checkout with its orders (reserving, with
	// their lines) in a few statements; domain.ErrCheckoutExists when the
	// id is recorded already (decided by the primary key, so concurrent
	// requests race safely).
	CreateCheckout(ctx context.Context, c *domain.Checkout, orders []*domain.Order) error
	// CheckoutOrders returns every order of a checkout, failed ones too,
	// with lines and timelines, sorted by id.
	CheckoutOrders(ctx context.Context, checkoutID string) ([]*domain.Order, error)
	// FinishCheckout settles a checkout that is still reserving: it stores
	// c (done, with its failures), moves the placed orders (reserving ->
	// pending payment, with their new timeline steps) and marks the failed
	// ones. It reports false, changing nothing, when the checkout was
	// settled already (by a concurrent request).
	FinishCheckout(ctx context.Context, c *domain.Checkout, placed, failed []*domain.Order) (bool, error)
	// InterruptedCheckouts returns the ids of checkouts still reserving
	// that were recorded before before, oldest first.
	InterruptedCheckouts(ctx context.Context, before time.Time, limit int) ([]string, error)

	// Order returns an order with its lines and timeline, or
	// domain.ErrOrderNotFound.
	Order(ctx context.Context, id string) (*domain.Order, error)
	// UpdateOrder loads an order locked against concurrent changes, lets
	// fn change it and stores what changed (its row when its version
	// grew, and the timeline steps fn added); domain.ErrOrderNotFound
	// when there is no such order. It runs in a transaction (joining the
	// one in ctx).
	UpdateOrder(ctx context.Context, id string, fn func(*domain.Order) error) (*domain.Order, error)
	// Orders returns a page of visible orders, newest first, with the
	// number of all that match.
	Orders(ctx context.Context, q OrderQuery) ([]*domain.Order, int64, error)
	// DueOrders returns the ids of orders waiting for payment whose hold
	// ran out at now.
	DueOrders(ctx context.Context, now time.Time, limit int) ([]string, error)
}

// OrderQuery selects orders: those of a buyer or those of a shop owner,
// optionally of one status.
type OrderQuery struct {
	BuyerID     string
	ShopOwnerID string
	Status      domain.Status
	Page        int
	PerPage     int
}

// Catalog is the product service as the order service needs it.
type Catalog interface {
	// Variations returns what the catalog knows now of the variations;
	// unknown ones are absent.
	Variations(ctx context.Context, ids []string) (map[string]domain.Variation, error)
}

// Warehouse holds stock for orders.
type Warehouse interface {
	// Reserve holds every line of an order or none, as the actor in ctx;
	// the order id makes it idempotent. A reservation the warehouse
	// refuses for good (not enough stock, say) is a *Refused error.
	Reserve(ctx context.Context, orderID string, lines []domain.Line) error
	// Release gives an order's held stock back (idempotent).
	Release(ctx context.Context, orderID string) error
}

// Refused is the warehouse's final no to a reservation: Lines says what is
// wrong with which variation, when it says.
type Refused struct {
	Message string
	Lines   map[string]string
}

func (r *Refused) Error() string { return fmt.Sprintf("reservation refused: %s", r.Message) }

// Transactor runs fn in one database transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Events records outgoing events in the transaction in ctx (the outbox).
type Events interface {
	Add(ctx context.Context, events ...eventbus.Payload) error
}
