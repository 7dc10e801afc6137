// Package domain holds the order service's rules: what a checkout request
// must look like, how its lines become one order per shop, and how an
// order moves from waiting for payment to paid, shipped or cancelled. It
// knows nothing of gorm or HTTP.
package domain

import (
	"errors"
	"strings"
	"time"

	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Status is the state of an order.
type Status string

// The states. Reserving and Failed are internal: such orders are kept but
// shown to nobody.
const (
	StatusReserving      Status = "reserving"
	StatusFailed         Status = "failed"
	StatusPendingPayment Status = "pending_payment"
	StatusPaid           Status = "paid"
	StatusShipped        Status = "shipped"
	StatusCancelled      Status = "cancelled"
)

// VisibleStatuses are the states of the orders that people see.
var VisibleStatuses = []Status{StatusPendingPayment, StatusPaid, StatusShipped, StatusCancelled}

// Visible reports whether an order in state s is shown to anyone.
func (s Status) Visible() bool {
	switch s {
	case StatusPendingPayment, StatusPaid, StatusShipped, StatusCancelled:
		return true
	}
	return false
}

// Timeline step kinds.
const (
	StepPlaced          = "placed"
	StepPaymentDeclined = "payment_declined"
	StepPaid            = "paid"
	StepShipped         = "shipped"
	StepCancelled       = "cancelled"
)

// Errors of the order rules, each in a fault category.
var (
	ErrOrderNotFound     = fault.NotFoundf("no such order")
	ErrShippedNoCancel   = fault.Conflictf("a shipped order cannot be cancelled")
	ErrOnlyPaidShips     = fault.Conflictf("only a paid order can be shipped")
	ErrSignIn            = fault.Unauthenticatedf("sign in to do this")
	ErrNotYours          = fault.Forbiddenf("this order is not yours")
	ErrCheckoutReused    = fault.Conflictf("this checkout id was already used for a different checkout")
	ErrNotTheShopOwner   = fault.Forbiddenf("only the shop's owner may ship this order")
	ErrMayNotCancel      = fault.Forbiddenf("only the buyer or an administrator may cancel this order")
	ErrNothingAvailable  = fault.Fields(map[string]string{"lines": "none of these items is sold any more"})
	ErrInvalidTransition = fault.Conflictf("the order cannot change that way")
)

// ErrCheckoutExists says a checkout id is recorded already (a concurrent
// request got there first); the caller answers from what is recorded.
var ErrCheckoutExists = errors.New("the checkout is already recorded")

// ErrCheckoutNotFound says a checkout id is not recorded.
var ErrCheckoutNotFound = errors.New("no such checkout")

// Line is one variation of an order with its price snapshot (minor units
// of the order's currency).
type Line struct {
	VariationID   string
	ProductID     string
	SKU           string
	ProductName   string
	VariationName string
	ThumbURL      string
	Quantity      int64
	UnitPrice     int64
}

// Total is the line's price times its quantity.
func (l Line) Total() int64 { return l.UnitPrice * l.Quantity }

// Address is where an order is shipped.
type Address struct {
	FullName   string
	Address    string
	City       string
	PostalCode string
	Country    string
}

// Step is one entry of an order's timeline.
type Step struct {
	ID     string
	Status string
	Note   string
	At     time.Time
}

// Order is one shop's part of a checkout.
type Order struct {
	ID           string
	CheckoutID   string
	BuyerID      string
	ShopID       string
	ShopName     string
	ShopOwnerID  string
	Status       Status
	CancelReason string
	PaymentID    string
	Currency     string
	Lines        []Line
	Address      Address
	Timeline     []Step
	Version      int64
	ExpiresAt    time.Time // zero until the order waits for payment
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Total is the sum of the line totals.
func (o *Order) Total() int64 {
	var t int64
	for _, l := range o.Lines {
		t += l.Total()
	}
	return t
}

// step appends a timeline entry and moves the order to its next version.
func (o *Order) change(status Status, step Step, now time.Time) {
	o.Status = status
	o.Timeline = append(o.Timeline, step)
	o.Version++
	o.UpdatedAt = now
}

// Place turns a reserved order into one waiting for payment until
// expiresAt. It is version 1, the version of order.created.
func (o *Order) Place(now, expiresAt time.Time, stepID string) error {
	if o.Status != StatusReserving {
		return ErrInvalidTransition
	}
	o.ExpiresAt = expiresAt
	o.change(StatusPendingPayment, Step{ID: stepID, Status: StepPlaced, At: now}, now)
	return nil
}

// Fail records that the order's stock could not be reserved.
func (o *Order) Fail(now time.Time) error {
	if o.Status != StatusReserving {
		return ErrInvalidTransition
	}
	o.Status = StatusFailed
	o.UpdatedAt = now
	return nil
}

// Pay marks a waiting order paid and reports whether it changed: an order
// already paid (or further along) stays as it is, and so does a cancelled
// one (its payment is refunded on order.cancelled).
func (o *Order) Pay(paymentID string, at, now time.Time, stepID string) bool {
	if o.Status != StatusPendingPayment {
		return false
	}
	o.PaymentID = paymentID
	o.change(StatusPaid, Step{ID: stepID, Status: StepPaid, At: at}, now)
	return true
}

// Ship marks a paid order shipped.
func (o *Order) Ship(now time.Time, stepID string) error {
	if o.Status != StatusPaid {
		return ErrOnlyPaidShips
	}
	o.change(StatusShipped, Step{ID: stepID, Status: StepShipped, At: now}, now)
	return nil
}

// Cancel cancels an order that has not shipped, for reason. It reports
// whether it changed (an order cancelled already stays as it is) and
// whether the order had been paid.
func (o *Order) Cancel(reason string, now time.Time, stepID string) (changed, wasPaid bool, err error) {
	switch o.Status {
	case StatusCancelled:
		return false, false, nil
	case StatusShipped:
		return false, false, ErrShippedNoCancel
	case StatusPendingPayment, StatusPaid:
	default:
		return false, false, ErrInvalidTransition
	}
	wasPaid = o.Status == StatusPaid
	o.CancelReason = reason
	o.change(StatusCancelled, Step{ID: stepID, Status: StepCancelled, Note: reason, At: now}, now)
	return true, wasPaid, nil
}

// Due reports whether an unpaid order's hold has run out at now.
func (o *Order) Due(now time.Time) bool {
	return o.Status == StatusPendingPayment && !o.ExpiresAt.IsZero() && !now.Before(o.ExpiresAt)
}

// DeclinedStep is the timeline entry of a refused payment attempt.
func DeclinedStep(reason string, at time.Time, stepID string) Step {
	r := strings.ReplaceAll(strings.TrimSpace(reason), "_", " ")
	if r == "" {
		r = "no reason given"
	}
	return Step{ID: stepID, Status: StepPaymentDeclined, Note: "payment declined: " + r, At: at}
}

// CanRead reports whether a may see the order: its buyer, its shop's
// owner, or an admin.
func (o *Order) CanRead(a actor.Actor) bool {
	return !a.Anonymous() && (a.UserID == o.BuyerID || a.UserID == o.ShopOwnerID || a.IsAdmin())
}

// CancelReasonFor returns the reason a cancels the order with, or an
// error when a may not cancel it: the buyer or an admin only.
func (o *Order) CancelReasonFor(a actor.Actor) (string, error) {
	switch {
	case a.Anonymous():
		return "", ErrSignIn
	case a.UserID == o.BuyerID:
		return orderevents.ReasonByBuyer, nil
	case a.IsAdmin():
		return orderevents.ReasonByAdmin, nil
	}
	return "", ErrMayNotCancel
}

// CanShip reports an error unless a owns the order's shop.
func (o *Order) CanShip(a actor.Actor) error {
	switch {
	case a.Anonymous():
		return ErrSignIn
	case a.UserID != o.ShopOwnerID:
		return ErrNotTheShopOwner
	}
	return nil
}
