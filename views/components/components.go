// Package components holds small view pieces that pages share: form fields,
// prices, empty states, pagination and alert boxes. Like every views package
// it takes display-ready strings and knows nothing of services or web/.
package components

import (
	"math"
	"strconv"

	"github.com/a-h/templ"
)

// FieldProps describes one labelled form control.
type FieldProps struct {
	// Name is the form field name; the input's id is "field-" + Name
	// unless ID is set.
	Name string
	// ID overrides the control's id, for pages with several forms that
	// share field names; hint and error ids derive from it.
	ID    string
	Label string
	// Type is the input type; empty means "text".
	Type string
	// Value is echoed back into the control; ignored for type="password".
	Value string
	// Error, when set, is shown under the control, which is then marked
	// aria-invalid and described by the message.
	Error string
	// Hint is optional help text under the label.
	Hint string
	// Attrs are extra attributes for the input, e.g.
	// templ.Attributes{"autocomplete": "email", "required": true}.
	Attrs templ.Attributes
}

func (f FieldProps) id() string {
	if f.ID != "" {
		return f.ID
	}
	return "field-" + f.Name
}

func (f FieldProps) errorID() string {
	if f.ID != "" {
		return f.ID + "-error"
	}
	return f.Name + "-error"
}

func (f FieldProps) hintID() string {
	if f.ID != "" {
		return f.ID + "-hint"
	}
	return f.Name + "-hint"
}

func (f FieldProps) inputType() string {
	if f.Type == "" {
		return "text"
	}
	return f.Type
}

// value never returns a password: a re-rendered form must not echo it.
func (f FieldProps) value() string {
	if f.inputType() == "password" {
		return ""
	}
	return f.Value
}

// describedBy lists the ids of the hint and the error, in reading order.
func (f FieldProps) describedBy() string {
	switch {
	case f.Hint != "" && f.Error != "":
		return f.hintID() + " " + f.errorID()
	case f.Error != "":
		return f.errorID()
	case f.Hint != "":
		return f.hintID()
	}
	return ""
}

// PageLinks are the URLs of the neighbouring pages of a listing; an empty URL
// means there is no such page. Status is optional text such as "Page 2 of 5".
type PageLinks struct {
	PrevURL string
	NextURL string
	Status  string
}

// Option is one choice of a Select. A Select marks the option whose Value
// equals the field's Value as selected.
type Option struct {
	Value    string
	Label    string
	Disabled bool
}

// Rating is an average review rating, 0-5, over Count reviews.
type Rating struct {
	Average float64
	Count   int64
}

// Label is the rating in words, for screen readers and tooltips:
// "4.5 out of 5, 12 reviews"; "No reviews yet" without reviews.
func (r Rating) Label() string {
	if r.Count == 0 {
		return "No reviews yet"
	}
	return r.Short() + " out of 5, " + Plural(r.Count, "review", "reviews")
}

// Short is the average with one decimal, e.g. "4.5".
func (r Rating) Short() string {
	return strconv.FormatFloat(math.Round(min(max(r.Average, 0), 5)*10)/10, 'f', 1, 64)
}

// starsClass picks the stylesheet class that fills the stars to the
// nearest half star: stars-0, stars-5, ..., stars-50. A class, not a style
// attribute, because the content policy allows no inline styles.
func starsClass(avg float64) string {
	halves := int(math.Round(min(max(avg, 0), 5) * 2))
	return "stars stars-" + strconv.Itoa(halves*5)
}

// Plural formats a count with the right noun: "1 review", "3 reviews".
func Plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}

// StarInputProps describes the 1-5 star rating control, a group of radio
// buttons that CSS draws as stars.
type StarInputProps struct {
	// Name is the form field name (e.g. "rating").
	Name string
	// IDPrefix makes the ids unique on the page: IDPrefix + "-1" ... "-5",
	// and IDPrefix + "-error" for the message.
	IDPrefix string
	Legend   string
	// Value is the chosen rating, 0 for none.
	Value int
	Error string
}

func (p StarInputProps) optionID(n int) string { return p.IDPrefix + "-" + strconv.Itoa(n) }
func (p StarInputProps) errorID() string       { return p.IDPrefix + "-error" }

func starWord(n int) string {
	if n == 1 {
		return "1 star"
	}
	return strconv.Itoa(n) + " stars"
}

func ratedWords(n int) string { return "Rated " + strconv.Itoa(n) + " out of 5" }

// Status is the state of an order as a badge: Label is what people read
// ("Waiting for payment"), Value the state itself ("pending_payment") and
// Kind picks the colour (pending, paid, shipped, cancelled, failed).
type Status struct {
	Label string
	Value string
	Kind  string
}

// Address is a shipping address, line by line.
type Address struct {
	FullName   string
	Street     string
	PostalCity string // e.g. "1011 AB Amsterdam"
	Country    string
}
