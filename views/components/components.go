// Package components holds small view pieces that pages share: form fields,
// prices, empty states, pagination and alert boxes. Like every views package
// it takes display-ready strings and knows nothing of services or web/.
package components

import "github.com/a-h/templ"

// FieldProps describes one labelled form control.
type FieldProps struct {
	// Name is the form field name; the input's id is "field-" + Name.
	Name  string
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

func (f FieldProps) id() string      { return "field-" + f.Name }
func (f FieldProps) errorID() string { return f.Name + "-error" }
func (f FieldProps) hintID() string  { return f.Name + "-hint" }

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
