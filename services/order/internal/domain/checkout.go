package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
)

// Limits of a checkout request.
const (
	MaxLines    = 100
	MaxQuantity = 20
)

// Reasons a shop's order could not be placed, and what a failing line
// says.
const (
	ReasonNoLongerSold  = "some items are no longer sold"
	ReasonPriceChanged  = "prices changed"
	ReasonNotEnough     = "not enough stock"
	ReasonMixedCurrency = "the items are priced in different currencies"
	LineNoLongerSold    = "no longer sold"
)

// CheckoutLine is one variation to order with the unit price the shopper
// saw.
type CheckoutLine struct {
	VariationID   string `json:"variation_id"`
	Quantity      int64  `json:"quantity"`
	ExpectedPrice int64  `json:"expected_price"`
}

// CheckoutRequest turns lines of many shops into one order per shop; ID is
// the idempotency key.
type CheckoutRequest struct {
	ID      string         `json:"-"`
	Address Address        `json:"address"`
	Lines   []CheckoutLine `json:"lines"`
}

// Normalized returns r with the spaces around its texts trimmed.
func (r CheckoutRequest) Normalized() CheckoutRequest {
	r.ID = strings.TrimSpace(r.ID)
	a := &r.Address
	for _, f := range []*string{&a.FullName, &a.Address, &a.City, &a.PostalCode, &a.Country} {
		*f = strings.TrimSpace(*f)
	}
	r.Lines = slices.Clone(r.Lines)
	for i := range r.Lines {
		r.Lines[i].VariationID = strings.TrimSpace(r.Lines[i].VariationID)
	}
	return r
}

// addressRules are the lengths (in characters) of the address fields.
var addressRules = []struct {
	key, label string
	min, max   int
	get        func(Address) string
}{
	{"full_name", "the full name", 1, 100, func(a Address) string { return a.FullName }},
	{"address", "the address", 1, 200, func(a Address) string { return a.Address }},
	{"city", "the city", 1, 100, func(a Address) string { return a.City }},
	{"postal_code", "the postal code", 1, 20, func(a Address) string { return a.PostalCode }},
	{"country", "the country", 2, 56, func(a Address) string { return a.Country }},
}

// Validate checks a normalized request and names every problem in
// fault.Fields: checkout_id, the address fields, lines, and
// lines[i].variation_id, lines[i].quantity, lines[i].expected_price.
func (r CheckoutRequest) Validate() error {
	bad := map[string]string{}
	if !id.Valid(r.ID) {
		bad["checkout_id"] = "the checkout id must be a UUID"
	}
	for _, rule := range addressRules {
		v := rule.get(r.Address)
		n := utf8.RuneCountInString(v)
		switch {
		case n == 0:
			bad[rule.key] = "enter " + rule.label
		case n < rule.min || n > rule.max:
			bad[rule.key] = fmt.Sprintf("%s must be %d to %d characters", upperFirst(rule.label), rule.min, rule.max)
		}
	}
	switch {
	case len(r.Lines) == 0:
		bad["lines"] = "there is nothing to order"
	case len(r.Lines) > MaxLines:
		bad["lines"] = fmt.Sprintf("at most %d different items can be ordered at once", MaxLines)
	}
	seen := make(map[string]bool, len(r.Lines))
	for i, l := range r.Lines {
		key := func(f string) string { return fmt.Sprintf("lines[%d].%s", i, f) }
		switch {
		case !id.Valid(l.VariationID):
			bad[key("variation_id")] = "unknown variation"
		case seen[l.VariationID]:
			bad[key("variation_id")] = "this item is listed twice"
		}
		seen[l.VariationID] = true
		if l.Quantity < 1 || l.Quantity > MaxQuantity {
			bad[key("quantity")] = fmt.Sprintf("the quantity must be 1 to %d", MaxQuantity)
		}
		if l.ExpectedPrice < 0 {
			bad[key("expected_price")] = "the price cannot be negative"
		}
	}
	if len(bad) > 0 {
		return fault.Fields(bad)
	}
	return nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Hash identifies the content of a normalized request (address and lines,
// in their order), so that a replay can be told from a different checkout
// under the same id.
func (r CheckoutRequest) Hash() string {
	body, _ := json.Marshal(struct {
		Address [5]string      `json:"address"`
		Lines   []CheckoutLine `json:"lines"`
	}{
		Address: [5]string{r.Address.FullName, r.Address.Address, r.Address.City, r.Address.PostalCode, r.Address.Country},
		Lines:   r.Lines,
	})
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// VariationIDs lists the variations the request names.
func (r CheckoutRequest) VariationIDs() []string {
	out := make([]string, len(r.Lines))
	for i, l := range r.Lines {
		out[i] = l.VariationID
	}
	return out
}

// Variation is what the catalog says of a variation now: its price is
// authoritative.
type Variation struct {
	ID          string
	SKU         string
	Name        string
	Price       int64
	Currency    string
	ProductID   string
	ProductName string
	ShopID      string
	ShopName    string
	OwnerID     string
	ThumbURL    string
}

// ShopFailure is a shop whose order could not be placed, with why, and the
// message of each variation at fault. Variations the catalog does not know
// (any more) belong to no known shop: their failure has no ShopID.
type ShopFailure struct {
	ShopID   string            `json:"shop_id"`
	ShopName string            `json:"shop_name"`
	Reason   string            `json:"reason"`
	Lines    map[string]string `json:"lines,omitempty"`
}

// Checkout is a recorded checkout: who made it, a hash of what they asked,
// whether its orders are settled, and the shops that failed.
type Checkout struct {
	ID          string
	BuyerID     string
	BuyerRole   actor.Role
	RequestHash string
	Done        bool
	Failed      []ShopFailure
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Buyer is the actor the checkout acts as (towards the warehouse).
func (c *Checkout) Buyer() actor.Actor {
	return actor.Actor{UserID: c.BuyerID, Role: c.BuyerRole}
}

// Replays reports an error unless a asking hash again is a replay of this
// checkout: the same buyer and the same request.
func (c *Checkout) Replays(a actor.Actor, hash string) error {
	if a.UserID != c.BuyerID || hash != c.RequestHash {
		return ErrCheckoutReused
	}
	return nil
}

// Plan is what a checkout will try: one order per shop (still reserving)
// and the shops that fail before any stock is asked for.
type Plan struct {
	Checkout *Checkout
	Orders   []*Order
}

// PlanCheckout groups a validated request's lines by shop, in the order
// the shops first appear, using what the catalog says now. A shop fails
// as a whole when one of its lines has a price other than expected; the
// variations the catalog does not know fail together, without a shop.
// When nothing at all is known, the request is refused. The orders are
// sorted by id.
func PlanCheckout(r CheckoutRequest, buyer actor.Actor, catalog map[string]Variation, now time.Time, newID func() string) (Plan, error) {
	type group struct {
		shop     Variation
		lines    []Line
		problems map[string]string
		reason   string
	}
	var (
		groups  []*group
		byShop  = map[string]*group{}
		unknown = map[string]string{}
	)
	for _, l := range r.Lines {
		v, ok := catalog[l.VariationID]
		if !ok {
			unknown[l.VariationID] = LineNoLongerSold
			continue
		}
		g := byShop[v.ShopID]
		if g == nil {
			g = &group{shop: v, problems: map[string]string{}}
			byShop[v.ShopID] = g
			groups = append(groups, g)
		}
		switch {
		case v.Currency != g.shop.Currency:
			g.problems[v.ID] = "priced in " + v.Currency
			if g.reason == "" {
				g.reason = ReasonMixedCurrency
			}
		case v.Price != l.ExpectedPrice:
			g.problems[v.ID] = "price changed to " + FormatMoney(v.Price, v.Currency)
			if g.reason == "" {
				g.reason = ReasonPriceChanged
			}
		}
		g.lines = append(g.lines, Line{
			VariationID: v.ID, ProductID: v.ProductID, SKU: v.SKU, ProductName: v.ProductName,
			VariationName: v.Name, ThumbURL: v.ThumbURL, Quantity: l.Quantity, UnitPrice: v.Price,
		})
	}
	if len(groups) == 0 {
		return Plan{}, ErrNothingAvailable
	}
	c := &Checkout{ID: r.ID, BuyerID: buyer.UserID, BuyerRole: buyer.Role, RequestHash: r.Hash(), CreatedAt: now, UpdatedAt: now}
	if len(unknown) > 0 {
		c.Failed = append(c.Failed, ShopFailure{Reason: ReasonNoLongerSold, Lines: unknown})
	}
	var orders []*Order
	for _, g := range groups {
		if len(g.problems) > 0 {
			c.Failed = append(c.Failed, ShopFailure{ShopID: g.shop.ShopID, ShopName: g.shop.ShopName, Reason: g.reason, Lines: g.problems})
			continue
		}
		orders = append(orders, &Order{
			ID: newID(), CheckoutID: r.ID, BuyerID: buyer.UserID,
			ShopID: g.shop.ShopID, ShopName: g.shop.ShopName, ShopOwnerID: g.shop.OwnerID,
			Status: StatusReserving, Currency: g.shop.Currency, Lines: g.lines, Address: r.Address,
			CreatedAt: now, UpdatedAt: now,
		})
	}
	SortOrders(orders)
	return Plan{Checkout: c, Orders: orders}, nil
}

// SortOrders puts orders in the order every answer lists them: by id.
func SortOrders(orders []*Order) {
	slices.SortFunc(orders, func(a, b *Order) int { return strings.Compare(a.ID, b.ID) })
}

// StockFailure is the failure of an order whose stock could not be
// reserved; lines are the warehouse's messages per variation (it may name
// none, and then every line of the order carries message).
func StockFailure(o *Order, lines map[string]string, message string) ShopFailure {
	if len(lines) == 0 {
		lines = make(map[string]string, len(o.Lines))
		for _, l := range o.Lines {
			lines[l.VariationID] = message
		}
	}
	return ShopFailure{ShopID: o.ShopID, ShopName: o.ShopName, Reason: ReasonNotEnough, Lines: lines}
}

// currencySymbols are the currencies shown with a symbol.
var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}

// FormatMoney shows an amount of minor units: €12.00, or 12.00 CHF for a
// currency without a symbol here.
func FormatMoney(amount int64, currency string) string {
	sign := ""
	if amount < 0 {
		sign, amount = "-", -amount
	}
	n := fmt.Sprintf("%d.%02d", amount/100, amount%100)
	if s, ok := currencySymbols[currency]; ok {
		return sign + s + n
	}
	return sign + n + " " + currency
}
