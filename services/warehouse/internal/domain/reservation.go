package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// Reservation states.
const (
	StateHeld      = "held"
	StateCommitted = "committed"
	StateReleased  = "released"
)

// Limits of a reservation.
const (
	MaxLines        = 100
	MaxLineQuantity = 1000
	MaxOrderIDBytes = 100
)

// Line is one variation and quantity of an order.
type Line struct {
	VariationID string
	Quantity    int64
}

// Reservation holds stock for one order.
type Reservation struct {
	OrderID   string
	State     string
	Lines     []Line // in the order the request gave them
	ActorID   string // who reserved
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ReserveRequest is a validated request to hold an order's lines. Only
// NewReserveRequest makes one.
type ReserveRequest struct {
	orderID string
	lines   []Line
}

// NewReserveRequest checks an order's lines. A variation may appear only
// once: the order service sends one line per variation, so a repeat is a
// mistake to report rather than guess about.
func NewReserveRequest(orderID string, lines []Line) (ReserveRequest, error) {
	problems := map[string]string{}
	switch {
	case orderID == "":
		problems["order_id"] = "the order id is required"
	case len(orderID) > MaxOrderIDBytes || strings.ContainsFunc(orderID, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '/' || r == unicode.ReplacementChar
	}):
		problems["order_id"] = "the order id is not valid"
	}
	switch {
	case len(lines) == 0:
		problems["lines"] = "at least one line is required"
	case len(lines) > MaxLines:
		problems["lines"] = fmt.Sprintf("at most %d lines", MaxLines)
	}
	seen := map[string]int{}
	for i, l := range lines {
		key := fmt.Sprintf("lines[%d]", i)
		switch first, dup := seen[l.VariationID]; {
		case l.VariationID == "":
			problems[key+".variation_id"] = "the variation id is required"
		case dup:
			problems[key+".variation_id"] = fmt.Sprintf("the variation is already in line %d", first)
		default:
			seen[l.VariationID] = i
		}
		if l.Quantity < 1 || l.Quantity > MaxLineQuantity {
			problems[key+".quantity"] = fmt.Sprintf("the quantity must be from 1 to %d", MaxLineQuantity)
		}
	}
	if len(problems) > 0 {
		return ReserveRequest{}, fault.Fields(problems)
	}
	return ReserveRequest{orderID: orderID, lines: slices.Clone(lines)}, nil
}

// OrderID is the order the stock is held for.
func (r ReserveRequest) OrderID() string { return r.orderID }

// Lines are the lines in request order.
func (r ReserveRequest) Lines() []Line { return slices.Clone(r.lines) }

// LockOrder returns the lines sorted by variation id: every transaction
// that touches several stock rows takes them in this order, so two of
// them never wait on each other in a cycle.
func LockOrder(lines []Line) []Line {
	out := slices.Clone(lines)
	slices.SortFunc(out, func(a, b Line) int { return strings.Compare(a.VariationID, b.VariationID) })
	return out
}

// SameLines reports whether two sets of lines hold the same quantities of
// the same variations, in whatever order.
func SameLines(a, b []Line) bool {
	return slices.Equal(LockOrder(a), LockOrder(b))
}

// Transition says what settling a reservation into state to does.
type Transition int

// Transitions.
const (
	// Apply: move the stock and change the state.
	Apply Transition = iota
	// AlreadyDone: the reservation is in that state already; nothing to do.
	AlreadyDone
)

// Settle decides whether a reservation in state from can become to
// (committed or released): held moves, the same state again is a no-op.
// A committed reservation can be released only when returns are allowed
// (the sold stock of a paid order that was cancelled comes back); any
// other change is a conflict.
func Settle(orderID, from, to string, allowReturn bool) (Transition, error) {
	switch {
	case from == to:
		return AlreadyDone, nil
	case from == StateHeld && (to == StateCommitted || to == StateReleased):
		return Apply, nil
	case from == StateCommitted && to == StateReleased && allowReturn:
		return Apply, nil
	default:
		return 0, fault.Conflictf("the reservation of order %s is %s and cannot be %s", orderID, from, to)
	}
}

// SettleDelta is the stock change of settling n units of a reservation in
// state from into state to: held to committed moves them to sold, held to
// released back to available, and committed to released (a return) from
// sold back to available.
func SettleDelta(from, to string, n int64) Delta {
	switch {
	case to == StateCommitted:
		return Delta{Reserved: -n, Sold: n}
	case from == StateCommitted:
		return Delta{Available: n, Sold: -n}
	default:
		return Delta{Available: n, Reserved: -n}
	}
}

// LineProblem says why a line could not be held, for the conflict's Fields.
func LineProblem(s Stock, known bool) string {
	switch {
	case !known:
		return "unknown variation"
	case s.Retired:
		return "no longer sold"
	case s.Available == 0:
		return "sold out"
	default:
		return fmt.Sprintf("only %d left", s.Available)
	}
}

// NotEnoughStock is the conflict of a reservation that could not hold
// every line: Fields maps each failing variation id to its problem.
func NotEnoughStock(problems map[string]string) error {
	msg := fmt.Sprintf("%d items cannot be reserved", len(problems))
	if len(problems) == 1 {
		for id, p := range problems {
			msg = fmt.Sprintf("variation %s: %s", id, p)
		}
	}
	return &fault.Error{Category: fault.CategoryConflict, Message: msg, Fields: problems}
}
