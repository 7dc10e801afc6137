package payment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/id"
)

// Sandbox is the built-in gateway. It moves no money and answers by the
// card number alone:
//
//	4242 4242 4242 4242  approved
//	4000 0000 0000 0002  declined (reason declined)
//	4000 0000 0000 9995  declined (reason insufficient_funds)
//	anything else        declined, with the message to use a test card
//
// It keeps no state: a charge's id is derived from the idempotency key, so
// a repeated charge gets the same id, as from a real provider; and a
// refund of any charge succeeds, again or not.
type Sandbox struct{}

// NewSandbox returns the sandbox gateway.
func NewSandbox() Sandbox { return Sandbox{} }

var _ Gateway = Sandbox{}

// The test cards' digits.
var (
	sandboxSucceeds     = digitsOnly(paymentclient.CardSucceeds)
	sandboxDeclined     = digitsOnly(paymentclient.CardDeclined)
	sandboxInsufficient = digitsOnly(paymentclient.CardInsufficientFunds)
)

// Charge implements Gateway.
func (Sandbox) Charge(ctx context.Context, r ChargeRequest) (ChargeResult, error) {
	if err := ctx.Err(); err != nil {
		return ChargeResult{}, err
	}
	switch digitsOnly(r.CardNumber.Digits()) {
	case sandboxSucceeds:
		return ChargeResult{ChargeID: sandboxChargeID(r.IdempotencyKey), Approved: true}, nil
	case sandboxDeclined:
		return ChargeResult{Reason: paymentevents.ReasonDeclined, Message: "the card was declined"}, nil
	case sandboxInsufficient:
		return ChargeResult{Reason: paymentevents.ReasonInsufficientFunds, Message: "the card has insufficient funds"}, nil
	default:
		return ChargeResult{
			Reason:  paymentevents.ReasonDeclined,
			Message: "this is the sandbox gateway: use one of the test cards",
		}, nil
	}
}

// Refund implements Gateway.
func (Sandbox) Refund(ctx context.Context, chargeID string, amount int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !strings.HasPrefix(chargeID, "ch_sandbox_") || amount < 0 {
		return errors.New("sandbox: no such charge to refund")
	}
	return nil
}

func sandboxChargeID(key string) string {
	if key == "" {
		return "ch_sandbox_" + strings.ReplaceAll(id.New(), "-", "")
	}
	sum := sha256.Sum256([]byte(key))
	return "ch_sandbox_" + hex.EncodeToString(sum[:12])
}

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
