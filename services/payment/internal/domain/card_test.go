package domain_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/payment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

func TestParseCard(t *testing.T) {
	tests := []struct {
		name, raw string
		want      string // normalized digits; "" when refused
		msg       string
	}{
		{"spaced", "4242 4242 4242 4242", "4242424242424242", ""},
		{"dashed", "4000-0000-0000-0002", "4000000000000002", ""},
		{"plain with outer spaces", "  4000000000009995 ", "4000000000009995", ""},
		{"12 digits", "000000000000", "000000000000", ""},
		{"19 digits", "4222222222222222222", "", "this card number is not valid"}, // fails Luhn
		{"19 digits passing Luhn", "6011 0009 9013 9424 009", "6011000990139424009", ""},
		{"Luhn fails", "4242 4242 4242 4241", "", "this card number is not valid"},
		{"too short", "42424242424", "", "this card number is not valid"},
		{"too long", "42424242424242424242", "", "this card number is not valid"},
		{"letters", "4242 4242 4242 424x", "", "this card number is not valid"},
		{"dots", "4242.4242.4242.4242", "", "this card number is not valid"},
		{"unicode digits", "４２４２４２４２４２４２４２４２", "", "this card number is not valid"},
		{"empty", "", "", "enter a card number"},
		{"blank", "   ", "", "enter a card number"},
		{"huge", strings.Repeat("4", 1000), "", "this card number is not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := domain.ParseCard(tt.raw)
			if tt.msg != "" {
				fe := testkit.WantFault(t, err, fault.Invalid, "card_number")
				if fe.Fields["card_number"] != tt.msg {
					t.Fatalf("message %q, want %q", fe.Fields["card_number"], tt.msg)
				}
				if digits := strings.Map(keepDigits, tt.raw); len(digits) >= 4 && strings.Contains(err.Error(), digits) {
					t.Fatalf("the error repeats the number: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if tt.want != "" && c.Number() != tt.want {
				t.Fatalf("normalized to %q, want %q", c.Number(), tt.want)
			}
			if c.Last4() != c.Number()[len(c.Number())-4:] {
				t.Fatalf("last4 %q of %q", c.Last4(), c.Number())
			}
		})
	}
}

func keepDigits(r rune) rune {
	if r >= '0' && r <= '9' {
		return r
	}
	return -1
}

func TestLuhn(t *testing.T) {
	for _, tt := range []struct {
		digits string
		ok     bool
	}{
		{"4242424242424242", true}, {"4000000000000002", true}, {"4000000000009995", true},
		{"79927398713", true}, {"79927398710", false}, {"0", true}, {"", false}, {"12a4", false},
	} {
		if got := domain.Luhn(tt.digits); got != tt.ok {
			t.Errorf("Luhn(%q) = %v, want %v", tt.digits, got, tt.ok)
		}
	}
}

// A card shows its last four digits at most, however it is printed.
func TestCardNeverPrintsItsNumber(t *testing.T) {
	c, err := domain.ParseCard("4242 4242 4242 4242")
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("pay", "card", c, "wrapped", struct{ Card domain.Card }{c})
	js, err := json.Marshal(struct{ Card domain.Card }{c})
	if err != nil {
		t.Fatal(err)
	}
	outputs := []string{
		fmt.Sprint(c), fmt.Sprintf("%v %+v %#v %s %q", c, c, c, c, c),
		fmt.Sprintf("%v %+v", struct{ Card domain.Card }{c}, struct{ Card domain.Card }{c}),
		logged.String(), string(js),
	}
	for _, out := range outputs {
		if strings.Contains(out, "424242424242") {
			t.Fatalf("the number leaked: %s", out)
		}
		if !strings.Contains(out, "4242") {
			t.Fatalf("no last four digits in %s", out)
		}
	}
}

func TestRequestHash(t *testing.T) {
	a, _ := domain.ParseCard("4242 4242 4242 4242")
	a2, _ := domain.ParseCard("4242-4242-4242-4242")
	b, _ := domain.ParseCard("4000 0000 0000 0002")
	key := []byte("secret")
	h := domain.RequestHash(key, "order-1", a)
	switch {
	case h != domain.RequestHash(key, "order-1", a2):
		t.Fatal("the same card written differently hashes differently")
	case h == domain.RequestHash(key, "order-2", a):
		t.Fatal("another order hashes the same")
	case h == domain.RequestHash(key, "order-1", b):
		t.Fatal("another card hashes the same")
	case h == domain.RequestHash([]byte("other"), "order-1", a):
		t.Fatal("the key does not matter")
	case strings.Contains(h, "4242"+"4242"):
		t.Fatal("the hash shows digits")
	}
}

func TestCheckIdempotencyKey(t *testing.T) {
	for _, tt := range []struct {
		name, key string
		ok        bool
	}{
		{"uuid", "0190a0b1-7c1d-7e2f-8a3b-4c5d6e7f8091", true},
		{"100 characters", strings.Repeat("k", 100), true},
		{"101 characters", strings.Repeat("k", 101), false},
		{"empty", "", false},
		{"space", "a b", false},
		{"control", "a\tb", false},
		{"non-ASCII", "clé", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.CheckIdempotencyKey(tt.key)
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			fe := testkit.WantFault(t, err, fault.Invalid)
			if !strings.Contains(fe.Message, "Idempotency-Key") {
				t.Fatalf("message %q does not name the header", fe.Message)
			}
		})
	}
	key, again := domain.ProviderKey("u1", "k"), domain.ProviderKey("u1", "k")
	if key != again || key == domain.ProviderKey("u2", "k") || key == domain.ProviderKey("u1", "k2") {
		t.Fatal("provider keys must be stable per buyer and key, and differ otherwise")
	}
}
