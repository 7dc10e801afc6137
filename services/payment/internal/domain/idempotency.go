package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// MaxIdempotencyKey bounds the Idempotency-Key header.
const MaxIdempotencyKey = 100

// CheckIdempotencyKey says why key cannot serve as an Idempotency-Key, or
// returns nil.
func CheckIdempotencyKey(key string) error {
	switch {
	case key == "":
		return fault.Invalidf("the Idempotency-Key header is required: send a new unique key with each payment, and the same key when retrying it")
	case len(key) > MaxIdempotencyKey:
		return fault.Invalidf("the Idempotency-Key header must be at most %d characters", MaxIdempotencyKey)
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x21 || key[i] > 0x7e {
			return fault.Invalidf("the Idempotency-Key header may contain only visible ASCII characters, without spaces")
		}
	}
	return nil
}

// ProviderKey is the idempotency key the gateway gets for a charge: the
// same for every repeat of one buyer's key, so that a provider that
// already charged (when our own record of it was lost, say a transaction
// that failed after the call) answers with that charge instead of
// charging again.
func ProviderKey(buyerID, key string) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "payment-attempt\x00%s\x00%s", buyerID, key))
	return "pay_" + hex.EncodeToString(sum[:16])
}
