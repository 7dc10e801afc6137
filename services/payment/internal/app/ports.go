// Package app holds the payment service's use cases, one per file. It
// declares what it needs from the outside here; the adapters provide it
// and payment.go wires them by hand.
package app

import (
	"context"

	"github.com/marketplace/marketplace/services/payment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// Store keeps payments and their attempts. Every method runs in the
// transaction in ctx, if any.
type Store interface {
	// Payment returns an order's payment or domain.ErrPaymentNotFound.
	Payment(ctx context.Context, orderID string) (*domain.Payment, error)
	// LockPayment is Payment, holding the row's write lock until the
	// transaction in ctx ends (PostgreSQL; SQLite transactions are serial).
	LockPayment(ctx context.Context, orderID string) (*domain.Payment, error)
	// InsertPayment stores p unless its order has a payment already, and
	// reports whether it did. A concurrent insert for the same order waits
	// for the other transaction (unique order id), so exactly one wins.
	InsertPayment(ctx context.Context, p *domain.Payment) (bool, error)
	// SavePayment writes a changed payment back.
	SavePayment(ctx context.Context, p *domain.Payment) error

	// AttemptByKey returns a buyer's attempt under an Idempotency-Key, and
	// whether there is one.
	AttemptByKey(ctx context.Context, buyerID, key string) (*domain.Attempt, bool, error)
	// ClaimAttempt stores a new (pending) attempt unless the buyer's key is
	// taken, and reports whether it did. On PostgreSQL a concurrent claim
	// of the same key waits for the other transaction to end.
	ClaimAttempt(ctx context.Context, a *domain.Attempt) (bool, error)
	// SaveAttempt writes a completed attempt back.
	SaveAttempt(ctx context.Context, a *domain.Attempt) error
	// Attempts returns a payment's attempts, newest first.
	Attempts(ctx context.Context, paymentID string) ([]*domain.Attempt, error)
}

// Transactor runs fn in one database transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Events records outgoing events in the transaction in ctx (the outbox).
type Events interface {
	Add(ctx context.Context, events ...eventbus.Payload) error
}

// Charge asks the gateway for money.
type Charge struct {
	Amount   int64
	Currency string
	Card     domain.Card
	// IdempotencyKey is the provider's: repeats of one buyer's key get the
	// same (domain.ProviderKey).
	IdempotencyKey string
}

// ChargeResult is the gateway's answer. A declined card is a result, not
// an error.
type ChargeResult struct {
	ChargeID string
	Approved bool
	Reason   string // domain.ReasonDeclined, domain.ReasonInsufficientFunds
	Message  string
}

// Gateway moves the money: the sandbox, or a real provider. An error means
// it could not answer; the caller may try again.
type Gateway interface {
	Charge(ctx context.Context, c Charge) (ChargeResult, error)
	// Refund gives a successful charge's amount back. Refunding the same
	// charge again must not pay out twice.
	Refund(ctx context.Context, chargeID string, amount int64) error
}

// OrderState is where the order service says an order is.
type OrderState string

// Order states that matter for paying.
const (
	OrderAwaitingPayment OrderState = "awaiting_payment"
	OrderPaid            OrderState = "paid" // paid or shipped
	OrderCancelled       OrderState = "cancelled"
	OrderOther           OrderState = "other"
)

// OrderSnapshot is an order as the order service describes it now.
type OrderSnapshot struct {
	domain.Order
	State OrderState
}

// Orders asks the order service about an order, acting as who (who must
// be allowed to see it): fault.NotFound, fault.Forbidden, or another error
// when it cannot answer.
type Orders interface {
	Order(ctx context.Context, who actor.Actor, orderID string) (OrderSnapshot, error)
}
