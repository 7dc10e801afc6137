// Package domain holds the cart service's rules: carts of guests and of
// users, their lines and limits, what the cart knows of a variation (an
// offer), the problems an item can have, and the grouping by shop that the
// cart page shows. It does no I/O.
package domain

import (
	"fmt"
	"slices"
	"time"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// Limits of a cart (the same as cartclient's).
const (
	MaxLineQuantity = 20  // of one variation
	MaxLines        = 100 // variations in one cart
)

// DefaultCurrency is the currency of an empty cart's total: the platform
// sells in one currency.
const DefaultCurrency = "EUR"

// Errors in the domain's terms.
var (
	// ErrCartNotFound says there is no such cart, or the id is a user's
	// cart addressed as a guest's.
	ErrCartNotFound = fault.NotFoundf("no such cart")
	// ErrLineNotFound says the cart holds no line of the variation.
	ErrLineNotFound = fault.NotFoundf("this item is not in the cart")
	// ErrUnknownVariation says the variation does not exist (or no
	// longer: its product or shop is gone).
	ErrUnknownVariation = fault.NotFoundf("no such product variation")
	// ErrCartFull says a new line would exceed MaxLines.
	ErrCartFull = fault.Conflictf("a cart holds at most %d different items: remove one first", MaxLines)
)

// Money is an amount in minor units of a currency.
type Money struct {
	Amount   int64
	Currency string
}

// Line is one variation in a cart. ProductID and ShopID never change for a
// variation; AddedPrice is its unit price when it was added, or when the
// shopper last saw a changed price.
type Line struct {
	VariationID string
	ProductID   string
	ShopID      string
	Quantity    int64
	AddedPrice  Money
	Position    int64 // order of adding, ascending
	AddedAt     time.Time
}

// Cart is a guest's cart (no owner) or a user's cart (one per user).
// Every change raises its version by one.
type Cart struct {
	id        string
	ownerID   string
	version   int64
	lines     []Line // by Position
	createdAt time.Time
	updatedAt time.Time
}

// NewCart starts an empty cart, a guest's when ownerID is empty. Its
// version is 1, the version cart.created carries.
func NewCart(id, ownerID string, now time.Time) *Cart {
	return &Cart{id: id, ownerID: ownerID, version: 1, createdAt: now, updatedAt: now}
}

// RebuildCart makes a cart from stored fields (the store's use only).
func RebuildCart(id, ownerID string, version int64, lines []Line, createdAt, updatedAt time.Time) *Cart {
	ls := slices.Clone(lines)
	slices.SortStableFunc(ls, func(a, b Line) int { return int(sign(a.Position - b.Position)) })
	return &Cart{id: id, ownerID: ownerID, version: version, lines: ls, createdAt: createdAt, updatedAt: updatedAt}
}

// ID is the cart's id.
func (c *Cart) ID() string { return c.id }

// OwnerID is the owning user's id, empty for a guest's cart.
func (c *Cart) OwnerID() string { return c.ownerID }

// IsGuest reports whether the cart belongs to a visitor who is not signed in.
func (c *Cart) IsGuest() bool { return c.ownerID == "" }

// Version grows by one with every change.
func (c *Cart) Version() int64 { return c.version }

// CreatedAt is when the cart was started.
func (c *Cart) CreatedAt() time.Time { return c.createdAt }

// UpdatedAt is when the cart last changed.
func (c *Cart) UpdatedAt() time.Time { return c.updatedAt }

// Lines returns a copy of the lines in the order they were added.
func (c *Cart) Lines() []Line { return slices.Clone(c.lines) }

// Empty reports whether the cart has no lines.
func (c *Cart) Empty() bool { return len(c.lines) == 0 }

// Line returns the line of a variation.
func (c *Cart) Line(variationID string) (Line, bool) {
	if i := c.index(variationID); i >= 0 {
		return c.lines[i], true
	}
	return Line{}, false
}

func (c *Cart) index(variationID string) int {
	return slices.IndexFunc(c.lines, func(l Line) bool { return l.VariationID == variationID })
}

func (c *Cart) touch(now time.Time) {
	c.version++
	c.updatedAt = now
}

func (c *Cart) nextPosition() int64 {
	if len(c.lines) == 0 {
		return 1
	}
	return c.lines[len(c.lines)-1].Position + 1
}

// CheckQuantity refuses a quantity to add that is not at least 1.
func CheckQuantity(q int64) error {
	if q < 1 {
		return fault.Fields(map[string]string{"quantity": "the quantity must be at least 1"})
	}
	return nil
}

// checkTotal checks a line's quantity after a change: at most
// MaxLineQuantity and, when it grows, no more than is available.
func checkTotal(total, current int64, o Offer) error {
	if total > MaxLineQuantity {
		msg := fmt.Sprintf("at most %d of one item fit in a cart", MaxLineQuantity)
		if current > 0 {
			msg = fmt.Sprintf("at most %d of one item fit in a cart (you have %d already)", MaxLineQuantity, current)
		}
		return fault.Fields(map[string]string{"quantity": msg})
	}
	if total <= current {
		return nil // less than before is always allowed, even above the stock
	}
	if o.Gone {
		return fault.Fields(map[string]string{"quantity": "this item is no longer available"})
	}
	if total > o.Available {
		if o.Available <= 0 {
			return fault.Fields(map[string]string{"quantity": "out of stock"})
		}
		return fault.Fields(map[string]string{"quantity": fmt.Sprintf("only %d available", o.Available)})
	}
	return nil
}

// Add puts q more of the offer's variation in the cart: a new line at the
// end, or more of an existing one. The line's total must stay within 1 to
// MaxLineQuantity and within what is available; a new line must fit in
// MaxLines. A gone variation is ErrUnknownVariation.
func (c *Cart) Add(o Offer, q int64, now time.Time) error {
	if err := CheckQuantity(q); err != nil {
		return err
	}
	if o.Gone {
		return ErrUnknownVariation
	}
	i := c.index(o.VariationID)
	var current int64
	if i >= 0 {
		current = c.lines[i].Quantity
	} else if len(c.lines) >= MaxLines {
		return ErrCartFull
	}
	if err := checkTotal(current+q, current, o); err != nil {
		return err
	}
	if i >= 0 {
		c.lines[i].Quantity += q
	} else {
		c.lines = append(c.lines, Line{
			VariationID: o.VariationID, ProductID: o.ProductID, ShopID: o.ShopID, Quantity: q,
			AddedPrice: o.Price, Position: c.nextPosition(), AddedAt: now,
		})
	}
	c.touch(now)
	return nil
}

// SetQuantity changes a line's quantity; 0 removes it. The same limits as
// Add apply to a larger quantity; a smaller one is always allowed.
func (c *Cart) SetQuantity(variationID string, q int64, o Offer, now time.Time) error {
	if q < 0 {
		return fault.Fields(map[string]string{"quantity": "the quantity cannot be negative"})
	}
	i := c.index(variationID)
	if i < 0 {
		return ErrLineNotFound
	}
	if q == 0 {
		return c.Remove(variationID, now)
	}
	current := c.lines[i].Quantity
	if q == current {
		return nil
	}
	if err := checkTotal(q, current, o); err != nil {
		return err
	}
	c.lines[i].Quantity = q
	c.touch(now)
	return nil
}

// Remove takes a line out of the cart.
func (c *Cart) Remove(variationID string, now time.Time) error {
	i := c.index(variationID)
	if i < 0 {
		return ErrLineNotFound
	}
	c.lines = slices.Delete(c.lines, i, i+1)
	c.touch(now)
	return nil
}

// RemoveWhere takes out every line for which drop is true and reports
// whether any went.
func (c *Cart) RemoveWhere(drop func(Line) bool, now time.Time) bool {
	n := len(c.lines)
	c.lines = slices.DeleteFunc(c.lines, drop)
	if len(c.lines) == n {
		return false
	}
	c.touch(now)
	return true
}

// Merge adds lines of another cart (a guest's, at sign-in): quantities of
// the same variation add up, capped at MaxLineQuantity and at what is
// available (when known), but never below what this cart holds already. New lines keep
// the price they were added at and go at the end, in their order, while
// they fit in MaxLines. Lines of gone variations, and new lines of which
// nothing is available, are left out. It reports whether the cart changed.
func (c *Cart) Merge(lines []Line, offers map[string]Offer, now time.Time) bool {
	changed := false
	for _, l := range lines {
		o, ok := offers[l.VariationID]
		if !ok || o.Gone || l.Quantity <= 0 {
			continue
		}
		limit := int64(MaxLineQuantity)
		if o.AvailableKnown {
			limit = min(limit, o.Available)
		}
		if i := c.index(l.VariationID); i >= 0 {
			current := c.lines[i].Quantity
			if q := min(current+l.Quantity, max(limit, current)); q != current {
				c.lines[i].Quantity = q
				changed = true
			}
			continue
		}
		q := min(l.Quantity, limit)
		if q <= 0 || len(c.lines) >= MaxLines {
			continue
		}
		c.lines = append(c.lines, Line{
			VariationID: l.VariationID, ProductID: l.ProductID, ShopID: l.ShopID, Quantity: q,
			AddedPrice: l.AddedPrice, Position: c.nextPosition(), AddedAt: now,
		})
		changed = true
	}
	if changed {
		c.touch(now)
	}
	return changed
}

// Restore puts lines back (those of an order that expired unpaid), adding
// to what the cart holds within MaxLineQuantity and MaxLines but not
// limited by the stock, which the cancelled order is giving back. New
// lines keep the price of the order. It reports whether the cart changed.
func (c *Cart) Restore(lines []Line, now time.Time) bool {
	changed := false
	for _, l := range lines {
		if l.Quantity <= 0 {
			continue
		}
		if i := c.index(l.VariationID); i >= 0 {
			current := c.lines[i].Quantity
			if q := max(current, min(current+l.Quantity, MaxLineQuantity)); q != current {
				c.lines[i].Quantity = q
				changed = true
			}
			continue
		}
		if len(c.lines) >= MaxLines {
			continue
		}
		c.lines = append(c.lines, Line{
			VariationID: l.VariationID, ProductID: l.ProductID, ShopID: l.ShopID,
			Quantity: min(l.Quantity, MaxLineQuantity), AddedPrice: l.AddedPrice, Position: c.nextPosition(), AddedAt: now,
		})
		changed = true
	}
	if changed {
		c.touch(now)
	}
	return changed
}

// PriceChanged returns the variations of lines still sold whose current
// price differs from the price they were added at, in cart order.
func (c *Cart) PriceChanged(offers map[string]Offer) []string {
	var out []string
	for _, l := range c.lines {
		if o, ok := offers[l.VariationID]; ok && !o.Gone && o.Price != l.AddedPrice {
			out = append(out, l.VariationID)
		}
	}
	return out
}

// ConfirmPrices takes the current prices of the given lines as the prices
// the shopper has now seen, and reports whether any line changed.
func (c *Cart) ConfirmPrices(variationIDs []string, offers map[string]Offer, now time.Time) bool {
	changed := false
	for _, vid := range variationIDs {
		i := c.index(vid)
		o, ok := offers[vid]
		if i < 0 || !ok || c.lines[i].AddedPrice == o.Price {
			continue
		}
		c.lines[i].AddedPrice = o.Price
		changed = true
	}
	if changed {
		c.touch(now)
	}
	return changed
}

func sign(n int64) int64 {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
