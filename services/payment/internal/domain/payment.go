// Package domain holds the payment service's entities and rules: an
// order's payment with its life cycle, the attempts to pay it, card
// numbers (validated, and kept out of every printout) and idempotency
// keys. It does no I/O.
package domain

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Status is where a payment is in its life.
type Status string

// Payment states: pending until an attempt succeeds; a pending payment is
// cancelled, a succeeded one refunded, when its order is cancelled.
const (
	StatusPending   Status = "pending"
	StatusSucceeded Status = "succeeded"
	StatusRefunded  Status = "refunded"
	StatusCancelled Status = "cancelled"
)

// Errors in the domain's terms.
var (
	// ErrPaymentNotFound says the order has no payment (yet).
	ErrPaymentNotFound = fault.NotFoundf("this order has no payment")
	// ErrAlreadyPaid refuses an attempt on a paid order.
	ErrAlreadyPaid = fault.Conflictf("this order is already paid")
	// ErrCancelled refuses an attempt on a cancelled (or refunded) order.
	ErrCancelled = fault.Conflictf("this order was cancelled")
	// ErrKeyReused refuses an Idempotency-Key seen with another request.
	ErrKeyReused = fault.Conflictf("this Idempotency-Key was used for a different payment")
	// ErrNotYours refuses to let anyone but the buyer pay.
	ErrNotYours = fault.Forbiddenf("only the buyer of this order may pay for it")
	// ErrNotVisible refuses to show a payment to anyone but its buyer or an
	// admin.
	ErrNotVisible = fault.Forbiddenf("only the buyer of this order or an admin may see its payment")
)

// Order is what a payment needs to know of its order.
type Order struct {
	OrderID  string
	BuyerID  string
	ShopID   string
	Amount   int64 // minor units
	Currency string
	Version  int64 // of the order event it came from; 0 when asked of the order service
}

// check validates an order as events or the order service describe it.
func (o Order) check() (Order, error) {
	o.Currency = strings.ToUpper(strings.TrimSpace(o.Currency))
	switch {
	case o.OrderID == "":
		return o, errors.New("order without an id")
	case o.BuyerID == "":
		return o, fmt.Errorf("order %s has no buyer", o.OrderID)
	case o.Amount < 0:
		return o, fmt.Errorf("order %s has a negative total %d", o.OrderID, o.Amount)
	case len(o.Currency) != 3 || strings.Trim(o.Currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "":
		return o, fmt.Errorf("order %s has an invalid currency %q", o.OrderID, o.Currency)
	}
	return o, nil
}

// Payment is one order's payment.
type Payment struct {
	id, orderID, buyerID, shopID string
	status                       Status
	amount                       int64
	currency                     string
	chargeID                     string
	orderVersion                 int64
	paidAt, refundedAt           *time.Time
	cancelledAt                  *time.Time
	createdAt, updatedAt         time.Time
}

// NewPayment opens a pending payment of o with id at now. An order that
// is not valid (no id or buyer, a negative total, a bad currency) is an
// error: events carrying one are broken.
func NewPayment(id string, o Order, now time.Time) (*Payment, error) {
	o, err := o.check()
	if err != nil {
		return nil, err
	}
	now = now.UTC()
	return &Payment{
		id: id, orderID: o.OrderID, buyerID: o.BuyerID, shopID: o.ShopID, status: StatusPending,
		amount: o.Amount, currency: o.Currency, orderVersion: o.Version, createdAt: now, updatedAt: now,
	}, nil
}

// PaymentRecord is a payment as stored.
type PaymentRecord struct {
	ID, OrderID, BuyerID, ShopID string
	Status                       Status
	Amount                       int64
	Currency                     string
	ChargeID                     string
	OrderVersion                 int64
	PaidAt, RefundedAt           *time.Time
	CancelledAt                  *time.Time
	CreatedAt, UpdatedAt         time.Time
}

// RebuildPayment restores a stored payment.
func RebuildPayment(r PaymentRecord) *Payment {
	return &Payment{
		id: r.ID, orderID: r.OrderID, buyerID: r.BuyerID, shopID: r.ShopID, status: r.Status,
		amount: r.Amount, currency: r.Currency, chargeID: r.ChargeID, orderVersion: r.OrderVersion,
		paidAt: utc(r.PaidAt), refundedAt: utc(r.RefundedAt), cancelledAt: utc(r.CancelledAt),
		createdAt: r.CreatedAt.UTC(), updatedAt: r.UpdatedAt.UTC(),
	}
}

// Record returns the payment as stored.
func (p *Payment) Record() PaymentRecord {
	return PaymentRecord{
		ID: p.id, OrderID: p.orderID, BuyerID: p.buyerID, ShopID: p.shopID, Status: p.status,
		Amount: p.amount, Currency: p.currency, ChargeID: p.chargeID, OrderVersion: p.orderVersion,
		PaidAt: p.paidAt, RefundedAt: p.refundedAt, CancelledAt: p.cancelledAt,
		CreatedAt: p.createdAt, UpdatedAt: p.updatedAt,
	}
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// ID is the payment's id.
func (p *Payment) ID() string { return p.id }

// OrderID is the order paid for.
func (p *Payment) OrderID() string { return p.orderID }

// BuyerID is the user who owes it.
func (p *Payment) BuyerID() string { return p.buyerID }

// ShopID is the shop being paid.
func (p *Payment) ShopID() string { return p.shopID }

// Status is where the payment is.
func (p *Payment) Status() Status { return p.status }

// Amount is the order's total in minor units.
func (p *Payment) Amount() int64 { return p.amount }

// Currency is the ISO 4217 code of Amount.
func (p *Payment) Currency() string { return p.currency }

// ChargeID is the gateway's id of the successful charge ("" before).
func (p *Payment) ChargeID() string { return p.chargeID }

// OrderVersion is the highest version of an order event applied.
func (p *Payment) OrderVersion() int64 { return p.orderVersion }

// RefundedAt is when the payment was refunded, or nil.
func (p *Payment) RefundedAt() *time.Time { return p.refundedAt }

// CreatedAt is when the payment was opened.
func (p *Payment) CreatedAt() time.Time { return p.createdAt }

// UpdatedAt is when the payment last changed.
func (p *Payment) UpdatedAt() time.Time { return p.updatedAt }

// PayableBy reports whether a may pay: only the buyer, signed in.
func (p *Payment) PayableBy(a actor.Actor) bool {
	return !a.Anonymous() && a.UserID == p.buyerID
}

// VisibleTo reports whether a may see the payment: its buyer or an admin.
func (p *Payment) VisibleTo(a actor.Actor) bool {
	return p.PayableBy(a) || a.IsAdmin()
}

// CheckChargeable says why the payment takes no attempt (paid already,
// or cancelled), or returns nil.
func (p *Payment) CheckChargeable() error {
	switch p.status {
	case StatusPending:
		return nil
	case StatusSucceeded:
		return ErrAlreadyPaid
	default:
		return ErrCancelled
	}
}

// Succeed records a successful charge.
func (p *Payment) Succeed(chargeID string, at time.Time) error {
	if err := p.CheckChargeable(); err != nil {
		return err
	}
	at = at.UTC()
	p.status, p.chargeID, p.paidAt, p.updatedAt = StatusSucceeded, chargeID, &at, at
	return nil
}

// Cancel closes a pending payment because its order was cancelled, and
// reports whether it did (a paid, refunded or cancelled one is left alone:
// see NeedsRefund).
func (p *Payment) Cancel(at time.Time) bool {
	if p.status != StatusPending {
		return false
	}
	at = at.UTC()
	p.status, p.cancelledAt, p.updatedAt = StatusCancelled, &at, at
	return true
}

// NeedsRefund reports whether the payment succeeded and so must be given
// back when its order is cancelled.
func (p *Payment) NeedsRefund() bool { return p.status == StatusSucceeded }

// Refunded records that the gateway gave the money back.
func (p *Payment) Refunded(at time.Time) error {
	if p.status != StatusSucceeded {
		return fmt.Errorf("payment %s is %s, not succeeded: nothing to refund", p.id, p.status)
	}
	at = at.UTC()
	p.status, p.refundedAt, p.updatedAt = StatusRefunded, &at, at
	return nil
}

// SeeOrderVersion keeps the highest order event version seen and reports
// whether v was newer.
func (p *Payment) SeeOrderVersion(v int64) bool {
	if v <= p.orderVersion {
		return false
	}
	p.orderVersion = v
	return true
}
