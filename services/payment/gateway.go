package payment

import (
	"context"
	"log/slog"

	"github.com/marketplace/marketplace/services/payment/internal/app"
)

// Gateway moves the money: the built-in Sandbox, or an adapter over a real
// provider. New takes one.
//
// Charge returns an error only when it could not get an answer (the
// caller may try again, with the same IdempotencyKey); a declined card is
// a ChargeResult with Approved false. Refund gives a successful charge's
// amount back; asking twice for the same charge must not pay out twice.
type Gateway interface {
	Charge(ctx context.Context, r ChargeRequest) (ChargeResult, error)
	Refund(ctx context.Context, chargeID string, amount int64) error
}

// ChargeRequest asks for an amount from a card.
type ChargeRequest struct {
	Amount     int64  // minor units
	Currency   string // ISO 4217
	CardNumber CardNumber
	// IdempotencyKey is the provider's idempotency key: the same for every
	// repeat of one buyer's Idempotency-Key, so a provider that charged
	// already answers with that charge.
	IdempotencyKey string
}

// ChargeResult is a gateway's answer.
type ChargeResult struct {
	ChargeID string // the provider's id of an approved charge, for refunds
	Approved bool
	// Reason says why a card was declined: paymentevents.ReasonDeclined or
	// paymentevents.ReasonInsufficientFunds ("" means declined).
	Reason string
	// Message explains a refusal to the shopper.
	Message string
}

// CardNumber is a validated card number (digits only). It prints, logs and
// encodes masked, as its last four digits; Digits gives the whole number,
// for the provider's request only.
type CardNumber string

// Digits returns the whole number.
func (n CardNumber) Digits() string { return string(n) }

// Last4 returns the last four digits.
func (n CardNumber) Last4() string {
	if len(n) < 4 {
		return ""
	}
	return string(n[len(n)-4:])
}

// String shows the number masked.
func (n CardNumber) String() string { return "card ending " + n.Last4() }

// GoString shows the number masked for %#v too.
func (n CardNumber) GoString() string { return "payment.CardNumber(" + n.Last4() + ")" }

// LogValue keeps the digits out of structured logs.
func (n CardNumber) LogValue() slog.Value { return slog.StringValue(n.String()) }

// MarshalText keeps the digits out of JSON and other encodings.
func (n CardNumber) MarshalText() ([]byte, error) { return []byte(n.String()), nil }

// gatewayPort adapts a Gateway to the port the use cases declare.
type gatewayPort struct{ g Gateway }

func (p gatewayPort) Charge(ctx context.Context, c app.Charge) (app.ChargeResult, error) {
	res, err := p.g.Charge(ctx, ChargeRequest{
		Amount: c.Amount, Currency: c.Currency, CardNumber: CardNumber(c.Card.Number()), IdempotencyKey: c.IdempotencyKey,
	})
	if err != nil {
		return app.ChargeResult{}, err
	}
	return app.ChargeResult{ChargeID: res.ChargeID, Approved: res.Approved, Reason: res.Reason, Message: res.Message}, nil
}

func (p gatewayPort) Refund(ctx context.Context, chargeID string, amount int64) error {
	return p.g.Refund(ctx, chargeID, amount)
}
