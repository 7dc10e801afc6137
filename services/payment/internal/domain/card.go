package domain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"strings"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// Card number limits (ISO/IEC 7812: 12 to 19 digits).
const (
	MinCardDigits = 12
	MaxCardDigits = 19
	// maxCardInput bounds what is looked at before normalizing: enough for
	// 19 digits with a separator between each.
	maxCardInput = 64
)

// Messages of a refused card number. They never quote the number.
const (
	msgEnterCard   = "enter a card number"
	msgInvalidCard = "this card number is not valid"
)

// Card is a validated, normalized card number. Its full digits leave it
// only through Number, for the gateway; every way of printing or logging a
// Card shows the last four digits at most.
type Card struct{ number string }

// ParseCard normalizes raw (spaces and dashes removed) and checks that it
// is 12 to 19 digits passing the Luhn check. A refusal is fault.Fields on
// card_number, with a message that does not repeat the number.
func ParseCard(raw string) (Card, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return Card{}, fault.Fields(map[string]string{"card_number": msgEnterCard})
	}
	if len(raw) > maxCardInput {
		return Card{}, fault.Fields(map[string]string{"card_number": msgInvalidCard})
	}
	var b strings.Builder
	for _, r := range raw {
		switch {
		case r == ' ' || r == '-':
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			return Card{}, fault.Fields(map[string]string{"card_number": msgInvalidCard})
		}
	}
	n := b.String()
	if len(n) < MinCardDigits || len(n) > MaxCardDigits || !Luhn(n) {
		return Card{}, fault.Fields(map[string]string{"card_number": msgInvalidCard})
	}
	return Card{number: n}, nil
}

// Luhn reports whether a string of digits passes the Luhn (mod 10) check.
func Luhn(digits string) bool {
	if digits == "" {
		return false
	}
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// Number returns the full digits, for the gateway only: never store, log
// or put it in an error.
func (c Card) Number() string { return c.number }

// Last4 returns the last four digits, the only part that is kept.
func (c Card) Last4() string {
	if len(c.number) < 4 {
		return ""
	}
	return c.number[len(c.number)-4:]
}

// String shows the card masked.
func (c Card) String() string { return "card ending " + c.Last4() }

// GoString shows the card masked for %#v too.
func (c Card) GoString() string { return "domain.Card{" + c.Last4() + "}" }

// LogValue keeps the digits out of structured logs.
func (c Card) LogValue() slog.Value { return slog.StringValue(c.String()) }

// MarshalText keeps the digits out of JSON and other encodings.
func (c Card) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// RequestHash identifies a payment request (the order and the card number)
// for idempotency checks: an HMAC-SHA256 under key, so that the stored
// value does not let anyone who reads the database try every card number
// against it (card numbers have too little entropy for a plain hash).
func RequestHash(key []byte, orderID string, c Card) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("payment-request\x00"))
	m.Write([]byte(orderID))
	m.Write([]byte{0})
	m.Write([]byte(c.number))
	return hex.EncodeToString(m.Sum(nil))
}
