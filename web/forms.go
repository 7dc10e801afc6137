package web

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// problems is what a form shows after a failed POST: messages on fields,
// and a message about the whole form.
type problems struct {
	Fields  map[string]string
	General string
}

func (p *problems) add(field, msg string) {
	if p.Fields == nil {
		p.Fields = map[string]string{}
	}
	p.Fields[field] = msg
}

func (p problems) any() bool { return len(p.Fields) > 0 || p.General != "" }

// formProblems turns a service's answer that the user can fix (invalid
// input, a conflict, too large, throttled) into form messages. fields maps
// the service's field names to the form's (a field the form has under the
// same name maps to itself); a message about a field the form does not
// have becomes the general message, so that nothing is lost. Other errors
// (not found, forbidden, unavailable) are not form problems: they become
// error pages.
func formProblems(err error, fields map[string]string) (problems, bool) {
	fe, ok := fault.As(err)
	if !ok {
		return problems{}, false
	}
	switch {
	case errors.Is(err, fault.Invalid), errors.Is(err, fault.Conflict), errors.Is(err, fault.TooLarge),
		errors.Is(err, fault.TooMany), errors.Is(err, fault.Unauthenticated):
	default:
		return problems{}, false
	}
	var p problems
	var other []string
	for k, msg := range fe.Fields {
		if name, ok := fields[k]; ok {
			p.add(name, sentence(msg))
		} else {
			other = append(other, sentence(msg))
		}
	}
	switch {
	case len(other) > 0:
		p.General = strings.Join(other, " ")
	case len(p.Fields) > 1:
		p.General = "Please correct the marked fields."
	case len(p.Fields) == 0:
		p.General = sentence(fe.Message)
	}
	return p, true
}

// sentence capitalizes a service message for display.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// maxPrice is the highest price a seller may set, in whole units.
const maxPrice = 1_000_000

// parsePrice reads a price as a seller types it: digits with an optional
// decimal point or comma and at most two decimals ("19.99", "19,9", "20").
// It returns the amount in minor units (cents), or a message for the form.
func parsePrice(s string) (int64, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, "Enter a price, for example 19.99."
	}
	whole, frac, hasSep := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	if whole == "" || !allDigits(whole) || (hasSep && (frac == "" || !allDigits(frac))) {
		return 0, "Enter the price as a number, for example 19.99."
	}
	if len(frac) > 2 {
		return 0, "Use at most 2 decimals, for example 19.99."
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 7 { // more than 9,999,999: too large, and safe from overflow
		return 0, "The price can be at most 1,000,000."
	}
	units, _ := strconv.ParseInt("0"+whole, 10, 64)
	for len(frac) < 2 {
		frac += "0"
	}
	cents, _ := strconv.ParseInt(frac, 10, 64)
	amount := units*100 + cents
	switch {
	case amount <= 0:
		return 0, "The price must be more than 0."
	case amount > maxPrice*100:
		return 0, "The price can be at most 1,000,000."
	}
	return amount, ""
}

// maxQuantity bounds stock numbers typed into forms.
const maxQuantity = 1_000_000_000

// parseQuantity reads a whole number of units, 0 or more.
func parseQuantity(s string) (int64, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, "Enter a number of units (0 or more)."
	}
	if !allDigits(s) {
		return 0, "Enter a whole number of units, 0 or more."
	}
	s = strings.TrimLeft(s, "0")
	if len(s) > 10 {
		return 0, "That is more than we can count: at most 1,000,000,000."
	}
	n, _ := strconv.ParseInt("0"+s, 10, 64)
	if n > maxQuantity {
		return 0, "That is more than we can count: at most 1,000,000,000."
	}
	return n, ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
