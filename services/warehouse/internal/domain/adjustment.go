package domain

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// Adjustment modes.
const (
	ModeSet    = "set"
	ModeAdd    = "add"
	ModeRemove = "remove"
)

// Limits of an adjustment.
const (
	MaxAdjustQuantity = 1_000_000
	MaxReasonRunes    = 200
)

// Adjustment is a validated seller's change of available stock. Only
// NewAdjustment makes one.
type Adjustment struct {
	mode     string
	quantity int64
	reason   string
}

// NewAdjustment checks a seller's input and reports every problem at once,
// keyed by the request's JSON fields (mode, quantity, reason).
func NewAdjustment(mode string, quantity int64, reason string) (Adjustment, error) {
	problems := map[string]string{}
	switch mode {
	case ModeSet:
		if quantity < 0 {
			problems["quantity"] = "the quantity cannot be negative"
		}
	case ModeAdd, ModeRemove:
		if quantity <= 0 {
			problems["quantity"] = "the quantity must be more than 0"
		}
	default:
		problems["mode"] = fmt.Sprintf("the mode must be %s, %s or %s", ModeSet, ModeAdd, ModeRemove)
	}
	if quantity > MaxAdjustQuantity {
		problems["quantity"] = fmt.Sprintf("the quantity can be at most %d", MaxAdjustQuantity)
	}
	reason, msg := checkReason(reason)
	if msg != "" {
		problems["reason"] = msg
	}
	if len(problems) > 0 {
		return Adjustment{}, fault.Fields(problems)
	}
	return Adjustment{mode: mode, quantity: quantity, reason: reason}, nil
}

func checkReason(s string) (string, string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", "a reason is required"
	case !utf8.ValidString(s):
		return "", "the reason is not valid text"
	case utf8.RuneCountInString(s) > MaxReasonRunes:
		return "", fmt.Sprintf("the reason can be at most %d characters", MaxReasonRunes)
	case strings.ContainsFunc(s, unicode.IsControl):
		return "", "the reason must be one line of text"
	}
	return s, ""
}

// Mode is set, add or remove.
func (a Adjustment) Mode() string { return a.mode }

// Quantity is the amount of the adjustment (never negative).
func (a Adjustment) Quantity() int64 { return a.quantity }

// Reason is the trimmed reason.
func (a Adjustment) Reason() string { return a.reason }

// DeltaFrom returns the change of Available that the adjustment makes when
// available is the current count. A set to the current count is zero.
func (a Adjustment) DeltaFrom(available int64) int64 {
	switch a.mode {
	case ModeAdd:
		return a.quantity
	case ModeRemove:
		return -a.quantity
	default:
		return a.quantity - available
	}
}

// NotEnough is the conflict of taking more than is available.
func NotEnough(available int64) error {
	msg := fmt.Sprintf("only %d available", available)
	return &fault.Error{Category: fault.CategoryConflict, Message: msg, Fields: map[string]string{"quantity": msg}}
}
