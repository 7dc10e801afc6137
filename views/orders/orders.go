// Package orders renders a shopper's orders: the list (GET /orders) and
// the order page (GET /orders/{id}) with its timeline, the pay form and
// the status fragment that polls while a payment is being confirmed.
package orders

import (
	"net/url"

	"github.com/marketplace/marketplace/views/components"
)

// Status kinds, for the badge's colour.
const (
	KindPending   = "pending"
	KindPaid      = "paid"
	KindShipped   = "shipped"
	KindCancelled = "cancelled"
	KindFailed    = "failed"
)

// Row is one order in the list.
type Row struct {
	ID       string
	ShortID  string // the order's number for people
	URL      string
	ShopName string
	Date     string // e.g. "12 Mar 2026"
	DateTime string // for <time datetime>
	Status   components.Status
	Total    string
	Items    string // e.g. "3 items"
}

// ListView is GET /orders.
type ListView struct {
	Rows    []Row
	Summary string // e.g. "4 orders"
	Pages   components.PageLinks
}

// Line is one line of an order, with its price snapshot.
type Line struct {
	ProductName string
	ProductURL  string
	Option      string
	SKU         string
	ThumbURL    string // empty: the placeholder
	UnitPrice   string
	Quantity    string
	LineTotal   string
}

// Step is one entry of the timeline.
type Step struct {
	Label    string // e.g. "Payment declined"
	Note     string // e.g. the reason
	When     string
	DateTime string
	Kind     string // one of the Kind constants
}

// Attempt is one try to pay.
type Attempt struct {
	When     string
	DateTime string
	Card     string // e.g. "•••• 0002"
	OK       bool
	Result   string // e.g. "Paid", "Declined: insufficient funds"
}

// TestCard is a sandbox card number and what it does.
type TestCard struct {
	Number  string
	Outcome string
}

// PayForm is the card form of an unpaid order.
type PayForm struct {
	// Key is the idempotency key of the attempt this form makes: fresh at
	// every rendering.
	Key string
	// Errors maps "card_number" to its message.
	Errors map[string]string
	// Error is why the last attempt failed, e.g. the card was declined.
	Error string
}

// OrderView is GET /orders/{id}.
type OrderView struct {
	ID        string
	URL       string
	ShortID   string // the first characters of the id, for people
	ShopName  string
	ShopURL   string // empty: no link
	Placed    string
	PlacedAt  string // for <time datetime>
	Status    components.Status
	Lines     []Line
	Total     string
	Address   components.Address
	Timeline  []Step
	PayBefore string // "14:05 UTC", when unpaid
	PayByAt   string // for <time datetime>
	// IsBuyer shows the buyer's actions (pay, cancel); the shop's owner
	// or an admin only read the page.
	IsBuyer bool
	// CanPay shows the pay form: the order waits for its payment.
	CanPay bool
	// Confirming says the payment succeeded and the order has not caught
	// up yet: the status part polls itself.
	Confirming bool
	Pay        PayForm
	Attempts   []Attempt
	TestCards  []TestCard
	// CanCancel shows the cancel form; Refund, when set, says what a
	// cancellation gives back (a paid order).
	CanCancel   bool
	Refund      string
	CancelError string
	// StateNote says where a paid, shipped or cancelled order stands.
	StateNote string
	// PaymentNote is what the payment service says beyond the attempts,
	// e.g. "Refunded on 12 Mar 2026".
	PaymentNote string
}

// URL of an order.
func URL(id string) string { return "/orders/" + url.PathEscape(id) }

func (v OrderView) statusURL() string { return v.URL + "/status" }
func (v OrderView) payURL() string    { return v.URL + "/pay" }
func (v OrderView) cancelURL() string { return v.URL + "/cancel" }

const placeholderImage = "/static/img/placeholder.svg"

func orPlaceholder(u string) string {
	if u == "" {
		return placeholderImage
	}
	return u
}
