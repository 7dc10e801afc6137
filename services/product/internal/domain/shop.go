package domain

import "github.com/marketplace/marketplace/services/platform/fault"

// Shop is what the catalog knows of a shop: the product service keeps its
// own copy from shop events (and, when an event is late, from the shop
// service), so it can authorize sellers and label products without a call.
type Shop struct {
	ID      string
	OwnerID string
	Name    string
	Slug    string
	// Version is the shop service's version of this state; 0 means it was
	// learned over HTTP, so any event about the shop is newer.
	Version int64
	Closed  bool
}

// ErrShopNotFound says the catalog knows no such (open) shop.
var ErrShopNotFound = fault.NotFoundf("no such shop")

// ErrNoShop says the acting user has no open shop to sell from.
var ErrNoShop = fault.Forbiddenf("open a shop before adding products")
