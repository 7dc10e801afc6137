package web

import (
	"strconv"
	"strings"
	"time"
)

// currencies maps an ISO 4217 code to its symbol and minor-unit digits.
var currencies = map[string]struct {
	symbol string
	digits int
}{
	"EUR": {"€", 2}, "USD": {"$", 2}, "GBP": {"£", 2}, "CHF": {"CHF ", 2},
	"SEK": {"SEK ", 2}, "PLN": {"PLN ", 2}, "JPY": {"¥", 0},
}

// formatMoney renders minor units with the currency: 1999 EUR -> "€19.99".
func formatMoney(amount int64, currency string) string {
	c, ok := currencies[currency]
	if !ok {
		c.symbol, c.digits = currency+" ", 2
	}
	neg := amount < 0
	if neg {
		amount = -amount
	}
	s := strconv.FormatInt(amount, 10)
	if c.digits > 0 {
		for len(s) <= c.digits {
			s = "0" + s
		}
		s = s[:len(s)-c.digits] + "." + s[len(s)-c.digits:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := c.symbol + b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// formatCount writes a whole number with thousands separators: "1,204".
func formatCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// formatDate writes a day as "12 Mar 2026", and the machine-readable form
// for <time datetime>.
func formatDate(t time.Time) (human, machine string) {
	if t.IsZero() {
		return "", ""
	}
	return t.UTC().Format("2 Jan 2006"), t.UTC().Format(time.RFC3339)
}

// formatDateTime writes a moment as "12 Mar 2026, 14:05 UTC".
func formatDateTime(t time.Time) (human, machine string) {
	if t.IsZero() {
		return "", ""
	}
	return t.UTC().Format("2 Jan 2006, 15:04 UTC"), t.UTC().Format(time.RFC3339)
}
