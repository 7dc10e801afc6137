// Package domain holds the warehouse's rules: stock per variation and its
// movements, seller adjustments, reservations of orders, and the audit of
// stock against the ledger. It does no I/O.
package domain

import (
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Errors in the domain's terms.
var (
	// ErrUnknownVariation says the warehouse has no stock row for the id:
	// the variation does not exist or its product event has not arrived.
	ErrUnknownVariation = fault.NotFoundf("unknown variation")
	// ErrRetired says the variation was removed from its product (or the
	// product deleted): it takes no adjustments or reservations.
	ErrRetired = fault.Conflictf("this variation is no longer sold")
	// ErrProductNotFound says neither the warehouse nor the product service
	// knows the product.
	ErrProductNotFound = fault.NotFoundf("no such product")
)

// Stock is one variation's stock as stored. Available, Reserved and Sold
// are never negative (the database's CHECK constraints guarantee it too).
type Stock struct {
	VariationID string
	ProductID   string
	ShopID      string
	OwnerID     string
	Available   int64
	Reserved    int64
	Sold        int64
	Retired     bool
	Version     int64
	UpdatedAt   time.Time
}

// Sellable is what can be sold now: Available, or 0 once retired.
func (s Stock) Sellable() int64 {
	if s.Retired {
		return 0
	}
	return s.Available
}

// ManagedBy reports whether a may see and change this stock: the shop's
// owner or an admin.
func (s Stock) ManagedBy(a actor.Actor) bool { return MayManage(a, s.OwnerID) }

// MayManage reports whether a may manage stock of a shop owned by ownerID.
// Ownership decides, not the role: an empty owner (not known yet) is
// nobody's.
func MayManage(a actor.Actor, ownerID string) bool {
	if a.Anonymous() {
		return false
	}
	return a.IsAdmin() || (ownerID != "" && a.UserID == ownerID)
}

// RequireSignedIn refuses the anonymous actor.
func RequireSignedIn(a actor.Actor) error {
	if a.Anonymous() {
		return fault.Unauthenticatedf("sign in to do this")
	}
	return nil
}

// Delta is a change of a stock row's three counts.
type Delta struct {
	Available, Reserved, Sold int64
}

// Zero reports whether d changes nothing.
func (d Delta) Zero() bool { return d == Delta{} }

// Movement kinds.
const (
	KindAdjustment = "adjustment"
	KindReserve    = "reserve"
	KindRelease    = "release"
	KindCommit     = "commit"
)

// Reasons the warehouse writes itself.
const (
	ReasonReserved     = "reserved"
	ReasonReleased     = "released"
	ReasonCommitted    = "committed"
	ReasonReturned     = "returned" // a paid order was cancelled: its sold stock is back
	ReasonInitialStock = "initial stock"
)

// Movement is one line of the ledger.
type Movement struct {
	ID          string
	VariationID string
	Kind        string
	Delta       Delta
	Reason      string
	Reference   string
	ActorID     string
	At          time.Time
}

// ProductInfo is what the warehouse remembers of a product: whose it is,
// the highest event version applied (0 when learned from the product
// service rather than an event), and whether it was deleted.
type ProductInfo struct {
	ProductID string
	ShopID    string
	OwnerID   string
	Version   int64
	Deleted   bool
	UpdatedAt time.Time
}

// AcceptsUpdate reports whether a created/updated event of version v may
// be applied over what is known: only a newer version of a live product.
// Deletion is final, because product ids are never reused.
func (p ProductInfo) AcceptsUpdate(v int64) bool { return !p.Deleted && v > p.Version }

// AcceptsDelete reports whether a deleted event of version v may be
// applied: always, unless the product is deleted already. A deletion is the
// last thing that happens to a product, so no state is newer than it; if a
// buggy publisher sent it with a lower version than an update seen before,
// retiring the stock of a product the catalog says is gone is still right.
func (p ProductInfo) AcceptsDelete(int64) bool { return !p.Deleted }
