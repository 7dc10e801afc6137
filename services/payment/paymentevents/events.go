// Package paymentevents holds the events the payment service publishes.
package paymentevents

import "time"

// Attempt is one try to pay an order with a card.
type Attempt struct {
	PaymentID string    `json:"payment_id"`
	AttemptID string    `json:"attempt_id"`
	OrderID   string    `json:"order_id"`
	BuyerID   string    `json:"buyer_id"`
	ShopID    string    `json:"shop_id"`
	Amount    int64     `json:"amount"` // minor units
	Currency  string    `json:"currency"`
	CardLast4 string    `json:"card_last4"` // the only part of a card number ever kept
	At        time.Time `json:"at"`
}

// PaymentSucceeded announces that an order was paid: the order service
// marks it paid.
type PaymentSucceeded struct {
	Attempt
}

// EventName is the routing key.
func (PaymentSucceeded) EventName() string { return "payment.success" }

// EventVersion is the payload's schema version.
func (PaymentSucceeded) EventVersion() int { return 1 }

// Failure reasons.
const (
	ReasonDeclined          = "declined"
	ReasonInsufficientFunds = "insufficient_funds"
)

// PaymentFailed announces a refused attempt; the shopper may try again.
type PaymentFailed struct {
	Attempt
	Reason string `json:"reason"`
}

// EventName is the routing key.
func (PaymentFailed) EventName() string { return "payment.failed" }

// EventVersion is the payload's schema version.
func (PaymentFailed) EventVersion() int { return 1 }
