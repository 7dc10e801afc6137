// Package cart renders the shopping cart (GET /cart, with the fragment
// that htmx swaps when a quantity changes) and the checkout page
// (GET /checkout).
package cart

import (
	"net/url"
	"strconv"
)

// Kinds of problems of an item, for styling.
const (
	ProblemOutOfStock   = "out-of-stock"
	ProblemNotEnough    = "not-enough"
	ProblemUnavailable  = "unavailable"
	ProblemPriceChanged = "price-changed"
)

// Item is one line of the cart, every field ready to display.
type Item struct {
	VariationID string
	ProductName string
	ProductURL  string // empty: the name is not a link
	Option      string // the variation's name, e.g. "Blue, large"
	SKU         string
	ThumbURL    string // empty: the placeholder
	UnitPrice   string // formatted, e.g. "€19.99"
	Quantity    int64
	LineTotal   string
	// Problem says what stands in the way of buying the item, e.g. "Only
	// 2 left" (empty: none); ProblemKind is one of the Problem constants.
	Problem     string
	ProblemKind string
	// Max is the highest quantity the control offers.
	Max int64
	// Error is why the last change of this line failed; Typed is what was
	// typed then.
	Error string
	Typed string
}

// Group is one shop's items with their subtotal.
type Group struct {
	ShopID   string
	ShopName string
	Items    []Item
	Subtotal string
}

// View is the cart.
type View struct {
	Groups    []Group
	ItemCount int64
	Total     string
	// SignedIn switches the checkout button: a guest logs in first.
	SignedIn bool
	// Problems says that some items cannot be bought as they are.
	Problems bool
	// Error is a problem with the last change that belongs to no line.
	Error string
}

// Empty reports whether the cart has nothing in it.
func (v View) Empty() bool { return len(v.Groups) == 0 }

// CheckoutForm is the shipping address form of the checkout.
type CheckoutForm struct {
	// CheckoutID is the idempotency key of the checkout: one per rendered
	// form, kept when the form comes back with errors, so that sending it
	// twice places the orders once.
	CheckoutID string
	FullName   string
	Address    string
	City       string
	PostalCode string
	Country    string
	// Errors maps a field (full_name, address, city, postal_code,
	// country) to its message.
	Errors map[string]string
	Error  string
}

// CheckoutView is GET /checkout: the address form and the order summary.
type CheckoutView struct {
	Form CheckoutForm
	Cart View
}

// LoginToCheckout is where the checkout button takes a guest.
const LoginToCheckout = "/login?next=%2Fcheckout"

// RegisterToCheckout is the sign-up page that continues to the checkout.
const RegisterToCheckout = "/register?next=%2Fcheckout"

// ItemURL is the form action that changes a line's quantity.
func ItemURL(variationID string) string { return "/cart/items/" + url.PathEscape(variationID) }

func qtyID(variationID string) string { return "qty-" + variationID }

func qtyErrorID(variationID string) string { return "qty-" + variationID + "-error" }

func problemID(variationID string) string { return "problem-" + variationID }

func groupID(shopID string) string { return "shop-" + shopID }

func subtotalID(shopID string) string { return "subtotal-" + shopID }

const placeholderImage = "/static/img/placeholder.svg"

func orPlaceholder(u string) string {
	if u == "" {
		return placeholderImage
	}
	return u
}

func (it Item) value() string {
	if it.Error != "" && it.Typed != "" {
		return it.Typed
	}
	return strconv.FormatInt(it.Quantity, 10)
}

func (it Item) maxValue() string {
	return strconv.FormatInt(max(it.Max, it.Quantity), 10)
}

// describedBy is the quantity control's description: the line's problem
// and its error.
func (it Item) describedBy() string {
	var ids string
	if it.Problem != "" {
		ids = problemID(it.VariationID)
	}
	if it.Error != "" {
		if ids != "" {
			ids += " "
		}
		ids += qtyErrorID(it.VariationID)
	}
	return ids
}

func (it Item) label() string {
	if it.Option == "" {
		return it.ProductName
	}
	return it.ProductName + ", " + it.Option
}

func itemCount(n int64) string {
	if n == 1 {
		return "1 item"
	}
	return strconv.FormatInt(n, 10) + " items"
}

func orderCount(n int) string {
	if n == 1 {
		return "1 order"
	}
	return strconv.Itoa(n) + " orders"
}
