package domain

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// Offer is what the cart knows of a variation, kept from product, shop
// and stock events (or looked up before they arrived): the current price,
// the names to show, and how many are available.
type Offer struct {
	VariationID   string
	ProductID     string
	ShopID        string
	ShopName      string
	ProductName   string
	VariationName string
	SKU           string
	ThumbURL      string
	Price         Money
	// Available is how many can be sold now; meaningful only when
	// AvailableKnown (no stock event has arrived and no lookup was made
	// otherwise).
	Available      int64
	AvailableKnown bool
	// Gone says the variation was removed from its product, or its
	// product or shop was deleted.
	Gone bool
	// LookedUpAt is when the product service was last asked about it
	// (zero: never).
	LookedUpAt time.Time
}

// Problems of an item (the values of cartclient's constants).
const (
	ProblemNone         = ""
	ProblemOutOfStock   = "out_of_stock"
	ProblemNotEnough    = "not_enough"
	ProblemUnavailable  = "unavailable"
	ProblemPriceChanged = "price_changed"
)

// ProblemOf is the one problem an item shows, the gravest first: gone,
// then a changed price (a checkout stops on it until the shopper has seen
// it), then stock. Unknown availability is no problem: the order service
// checks the stock at checkout anyway.
func ProblemOf(l Line, o Offer, known bool) string {
	switch {
	case !known || o.Gone:
		return ProblemUnavailable
	case o.Price != l.AddedPrice:
		return ProblemPriceChanged
	case !o.AvailableKnown:
		return ProblemNone
	case o.Available <= 0:
		return ProblemOutOfStock
	case l.Quantity > o.Available:
		return ProblemNotEnough
	}
	return ProblemNone
}

// Item is a line with what the cart page shows of it.
type Item struct {
	Line
	Offer     Offer // zero but for the ids when the variation is unknown
	UnitPrice Money // current
	Problem   string
	LineTotal Money
}

// Group is one shop's items.
type Group struct {
	ShopID   string
	ShopName string
	Items    []Item
	Subtotal Money
}

// Summary is a cart as its page shows it: grouped by shop, the shops in
// the order their first item was added and the items in the order added.
// Subtotals and the total count the items that can still be bought (not
// unavailable); ItemCount is the sum of every line's quantity.
type Summary struct {
	Cart      *Cart
	Groups    []Group
	ItemCount int64
	Total     Money
}

// Summarize groups c's lines by shop with the offers known for them.
func Summarize(c *Cart, offers map[string]Offer) Summary {
	s := Summary{Cart: c, Groups: []Group{}, Total: Money{Currency: currencyOf(c, offers)}}
	at := map[string]int{}
	for _, l := range c.lines {
		o, known := offers[l.VariationID]
		if !known {
			o = Offer{VariationID: l.VariationID, ProductID: l.ProductID, ShopID: l.ShopID, Price: l.AddedPrice}
		}
		unit := o.Price
		if unit.Currency == "" {
			unit = l.AddedPrice
		}
		it := Item{Line: l, Offer: o, UnitPrice: unit, Problem: ProblemOf(l, o, known),
			LineTotal: Money{Amount: unit.Amount * l.Quantity, Currency: unit.Currency}}
		gi, ok := at[l.ShopID]
		if !ok {
			gi = len(s.Groups)
			at[l.ShopID] = gi
			s.Groups = append(s.Groups, Group{ShopID: l.ShopID, ShopName: o.ShopName, Subtotal: Money{Currency: s.Total.Currency}})
		}
		g := &s.Groups[gi]
		if g.ShopName == "" {
			g.ShopName = o.ShopName
		}
		g.Items = append(g.Items, it)
		s.ItemCount += l.Quantity
		if it.Problem != ProblemUnavailable {
			g.Subtotal.Amount += it.LineTotal.Amount
			s.Total.Amount += it.LineTotal.Amount
		}
	}
	return s
}

// currencyOf is the currency of the cart's first priced line, or the
// platform's.
func currencyOf(c *Cart, offers map[string]Offer) string {
	for _, l := range c.lines {
		if o, ok := offers[l.VariationID]; ok && o.Price.Currency != "" {
			return o.Price.Currency
		}
		if l.AddedPrice.Currency != "" {
			return l.AddedPrice.Currency
		}
	}
	return DefaultCurrency
}

// Address is where a checkout's orders are shipped.
type Address struct {
	FullName   string
	Address    string
	City       string
	PostalCode string
	Country    string
}

// addressRules are the order service's documented limits, in characters.
var addressRules = []struct {
	key, label string
	min, max   int
	get        func(*Address) *string
}{
	{"address.full_name", "full name", 1, 100, func(a *Address) *string { return &a.FullName }},
	{"address.address", "address", 1, 200, func(a *Address) *string { return &a.Address }},
	{"address.city", "city", 1, 100, func(a *Address) *string { return &a.City }},
	{"address.postal_code", "postal code", 1, 20, func(a *Address) *string { return &a.PostalCode }},
	{"address.country", "country", 2, 56, func(a *Address) *string { return &a.Country }},
}

// NewAddress trims and checks an address with the order service's limits,
// so a bad one is refused before anything is recorded or ordered. Problems
// are keyed by the request's JSON path (address.full_name, ...).
func NewAddress(a Address) (Address, error) {
	problems := map[string]string{}
	for _, r := range addressRules {
		p := r.get(&a)
		*p = strings.TrimSpace(*p)
		switch n := utf8.RuneCountInString(*p); {
		case n == 0:
			problems[r.key] = "enter the " + r.label
		case n < r.min:
			problems[r.key] = fmt.Sprintf("the %s must have at least %d characters", r.label, r.min)
		case n > r.max:
			problems[r.key] = fmt.Sprintf("the %s can have at most %d characters", r.label, r.max)
		}
	}
	if len(problems) > 0 {
		return Address{}, fault.Fields(problems)
	}
	return a, nil
}
