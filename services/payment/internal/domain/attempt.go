package domain

import "time"

// AttemptStatus is the outcome of an attempt.
type AttemptStatus string

// Attempt states. Pending lasts only while the gateway is asked (see
// app.Pay).
const (
	AttemptPending   AttemptStatus = "pending"
	AttemptSucceeded AttemptStatus = "succeeded"
	AttemptFailed    AttemptStatus = "failed"
)

// Reasons a card is declined.
const (
	ReasonDeclined          = "declined"
	ReasonInsufficientFunds = "insufficient_funds"
)

// Attempt is one try to pay with a card, under the caller's
// Idempotency-Key.
type Attempt struct {
	id, paymentID, buyerID string
	key, requestHash       string
	status                 AttemptStatus
	reason, message        string
	last4, chargeID        string
	createdAt, updatedAt   time.Time
}

// NewAttempt starts a pending attempt to pay p with card under key;
// requestHash identifies the request (see RequestHash).
func NewAttempt(id string, p *Payment, key, requestHash string, card Card, at time.Time) *Attempt {
	at = at.UTC()
	return &Attempt{
		id: id, paymentID: p.id, buyerID: p.buyerID, key: key, requestHash: requestHash,
		status: AttemptPending, last4: card.Last4(), createdAt: at, updatedAt: at,
	}
}

// AttemptRecord is an attempt as stored.
type AttemptRecord struct {
	ID, PaymentID, BuyerID string
	Key, RequestHash       string
	Status                 AttemptStatus
	Reason, Message        string
	Last4, ChargeID        string
	CreatedAt, UpdatedAt   time.Time
}

// RebuildAttempt restores a stored attempt.
func RebuildAttempt(r AttemptRecord) *Attempt {
	return &Attempt{
		id: r.ID, paymentID: r.PaymentID, buyerID: r.BuyerID, key: r.Key, requestHash: r.RequestHash,
		status: r.Status, reason: r.Reason, message: r.Message, last4: r.Last4, chargeID: r.ChargeID,
		createdAt: r.CreatedAt.UTC(), updatedAt: r.UpdatedAt.UTC(),
	}
}

// Record returns the attempt as stored.
func (a *Attempt) Record() AttemptRecord {
	return AttemptRecord{
		ID: a.id, PaymentID: a.paymentID, BuyerID: a.buyerID, Key: a.key, RequestHash: a.requestHash,
		Status: a.status, Reason: a.reason, Message: a.message, Last4: a.last4, ChargeID: a.chargeID,
		CreatedAt: a.createdAt, UpdatedAt: a.updatedAt,
	}
}

// ID is the attempt's id.
func (a *Attempt) ID() string { return a.id }

// Status is the attempt's outcome.
func (a *Attempt) Status() AttemptStatus { return a.status }

// Reason says why a failed attempt failed (ReasonDeclined, ...).
func (a *Attempt) Reason() string { return a.reason }

// Message explains a failed attempt to the shopper.
func (a *Attempt) Message() string { return a.message }

// CardLast4 is the last four digits of the card used.
func (a *Attempt) CardLast4() string { return a.last4 }

// At is when the attempt was made.
func (a *Attempt) At() time.Time { return a.createdAt }

// SameRequest reports whether a repeat of the attempt's key asks for the
// same thing (same payment, same request hash).
func (a *Attempt) SameRequest(paymentID, requestHash string) bool {
	return a.paymentID == paymentID && a.requestHash == requestHash
}

// Approve records the gateway's approval.
func (a *Attempt) Approve(chargeID string, at time.Time) {
	a.status, a.chargeID, a.updatedAt = AttemptSucceeded, chargeID, at.UTC()
}

// Decline records the gateway's refusal; an empty reason is "declined".
func (a *Attempt) Decline(reason, message string, at time.Time) {
	if reason == "" {
		reason = ReasonDeclined
	}
	a.status, a.reason, a.message, a.updatedAt = AttemptFailed, reason, message, at.UTC()
}
