// Package domain holds what analytics knows about the platform's entities,
// as far as the events it consumed tell, and the numbers each contributes
// to the dashboards.
//
// Events arrive at least once and in any order, so every entity here is
// merged, never overwritten: Merge is commutative, associative and
// idempotent (timestamps keep the earliest known, names keep the newest
// version, flags only turn on). Whatever order the events of an entity
// arrive in, and however often, the merged entity is the same; and because
// the daily figures are derived from the entities' states (Contribution),
// the figures are the same too. That is also what makes a rebuild from the
// event log reproduce the live projections exactly.
package domain

import (
	"cmp"
	"time"
)

// DayLayout is how days are written: YYYY-MM-DD, in UTC.
const DayLayout = "2006-01-02"

// Day returns t's day in UTC.
func Day(t time.Time) string { return t.UTC().Format(DayLayout) }

// earliest returns the earlier of two times, a zero time meaning unknown.
func earliest(a, b time.Time) time.Time {
	switch {
	case a.IsZero():
		return b
	case b.IsZero() || a.Before(b):
		return a
	}
	return b
}

// known merges a field that every event about an entity carries alike
// (an order's shop, say): it fills what one event did not carry. The empty
// string sorts first, so max keeps any known value, and two different
// values, which the events never send, still merge the same either way.
func known(a, b string) string { return max(a, b) }

// Order is an order as its events (created, paid, cancelled) told it.
type Order struct {
	ID, ShopID, OwnerID, Currency string
	Total                         int64
	CreatedAt                     time.Time // zero until order.created arrived
	PaidAt                        time.Time // zero unless order.paid arrived
	CancelledAt                   time.Time // zero unless order.cancelled arrived
}

// Merge returns o with what n adds.
func (o Order) Merge(n Order) Order {
	o.ID = known(o.ID, n.ID)
	o.ShopID = known(o.ShopID, n.ShopID)
	o.OwnerID = known(o.OwnerID, n.OwnerID)
	o.Currency = known(o.Currency, n.Currency)
	o.Total = max(o.Total, n.Total)
	o.CreatedAt = earliest(o.CreatedAt, n.CreatedAt)
	o.PaidAt = earliest(o.PaidAt, n.PaidAt)
	o.CancelledAt = earliest(o.CancelledAt, n.CancelledAt)
	return o
}

// Line is one line of an order: every order event carries the same lines.
type Line struct {
	ProductID, Name string
	Quantity, Total int64
}

// Shop is a shop as its events told it.
type Shop struct {
	ID, OwnerID string
	Name        string
	NameVersion int64     // the version of the event that gave Name; 0 when none did
	CreatedAt   time.Time // zero until shop.created arrived
	DeletedAt   time.Time // zero unless shop.deleted arrived
}

// Merge returns s with what n adds: the name of the newest version wins.
func (s Shop) Merge(n Shop) Shop {
	s.ID = known(s.ID, n.ID)
	s.OwnerID = known(s.OwnerID, n.OwnerID)
	if n.NameVersion > s.NameVersion || (n.NameVersion == s.NameVersion && n.Name > s.Name) {
		s.Name, s.NameVersion = n.Name, n.NameVersion
	}
	s.CreatedAt = earliest(s.CreatedAt, n.CreatedAt)
	s.DeletedAt = earliest(s.DeletedAt, n.DeletedAt)
	return s
}

// User is an account as its events told it.
type User struct {
	ID        string
	CreatedAt time.Time
	DeletedAt time.Time
}

// Merge returns u with what n adds.
func (u User) Merge(n User) User {
	u.ID = known(u.ID, n.ID)
	u.CreatedAt = earliest(u.CreatedAt, n.CreatedAt)
	u.DeletedAt = earliest(u.DeletedAt, n.DeletedAt)
	return u
}

// Review is a product review as its events told it. Version is the
// product's rating version the content came with (it grows with every
// change of the product's reviews): the newest content wins.
type Review struct {
	ID, ShopID, ProductID string
	Rating                int
	Version               int64
	Hidden                bool
	Deleted               bool      // once deleted, always deleted
	CreatedAt             time.Time // zero until comment.created arrived
}

// Merge returns r with what n adds.
func (r Review) Merge(n Review) Review {
	r.ID = known(r.ID, n.ID)
	r.ShopID = known(r.ShopID, n.ShopID)
	r.ProductID = known(r.ProductID, n.ProductID)
	switch {
	case n.Version > r.Version:
		r.Rating, r.Hidden, r.Version = n.Rating, n.Hidden, n.Version
	case n.Version == r.Version: // the same change told twice: any stable choice
		r.Rating, r.Hidden = max(r.Rating, n.Rating), r.Hidden || n.Hidden
	}
	r.Deleted = r.Deleted || n.Deleted
	r.CreatedAt = earliest(r.CreatedAt, n.CreatedAt)
	return r
}

// Visible reports whether the review counts in the ratings.
func (r Review) Visible() bool {
	return !r.CreatedAt.IsZero() && !r.Deleted && !r.Hidden && r.ShopID != "" && r.Rating >= 1 && r.Rating <= 5
}

// Outcomes of a payment attempt, ordered so that merging keeps the larger:
// an attempt told as both failed and succeeded counts as succeeded.
const (
	OutcomeUnknown   = 0
	OutcomeFailed    = 1
	OutcomeSucceeded = 2
)

// Attempt is one try to pay an order.
type Attempt struct {
	ID, OrderID, ShopID string
	Outcome             int
	At                  time.Time
}

// Merge returns a with what n adds.
func (a Attempt) Merge(n Attempt) Attempt {
	a.ID = known(a.ID, n.ID)
	a.OrderID = known(a.OrderID, n.OrderID)
	a.ShopID = known(a.ShopID, n.ShopID)
	a.Outcome = max(a.Outcome, n.Outcome)
	a.At = earliest(a.At, n.At)
	return a
}

// ProductName is the name of a product as the newest order (by id: order
// ids are time-ordered UUIDv7) snapshotted it.
type ProductName struct {
	ProductID, Name, OrderID string
}

// Merge keeps the name of the greater order id.
func (p ProductName) Merge(n ProductName) ProductName {
	if c := cmp.Compare(n.OrderID, p.OrderID); c > 0 || (c == 0 && n.Name > p.Name) {
		p.Name, p.OrderID = n.Name, n.OrderID
	}
	p.ProductID = known(p.ProductID, n.ProductID)
	return p
}

// CartDay says that a cart held a shop's items on a day: when it was
// updated (activity) or checked out.
type CartDay struct {
	ShopID, Day, CartID string
}

// OwnerShop links a shop owner to a shop.
type OwnerShop struct {
	OwnerID, ShopID string
}

// ShopCurrency is a currency a shop's orders were priced in.
type ShopCurrency struct {
	ShopID, Currency string
}
