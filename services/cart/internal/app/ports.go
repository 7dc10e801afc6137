// Package app holds the cart service's use cases, one group per file. It
// declares what it needs from the outside here; the adapters provide it and
// cart.go wires them by hand.
package app

import (
	"context"
	"time"

	"github.com/marketplace/marketplace/services/cart/internal/domain"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// Store keeps carts, checkouts and the projections of products, shops and
// stock. Its methods run in the transaction in ctx, if any.
type Store interface {
	// Offers returns what is known of the variations, unknown ones left
	// out.
	Offers(ctx context.Context, variationIDs []string) (map[string]domain.Offer, error)
	// SaveLookup stores variations as the product service described them
	// (at their product's version; an older stored state is replaced, a
	// newer one keeps all but the thumbnail), and their shops' names
	// unless a shop event said otherwise. Variations of a product or shop
	// known to be deleted are left out.
	SaveLookup(ctx context.Context, vs []LookedUp, at time.Time) error
	// SaveAvailability stores looked-up stock of variations whose stock no
	// event has reported yet (version 0).
	SaveAvailability(ctx context.Context, available map[string]int64, at time.Time) error

	// ApplyProduct stores a product's state from a product event unless a
	// newer one (or its deletion) is stored, marking its variations that
	// are not in the list gone; it reports whether it stored anything.
	ApplyProduct(ctx context.Context, p ProductState, at time.Time) (bool, error)
	// DeleteProduct marks a product deleted (a tombstone) and its
	// variations gone.
	DeleteProduct(ctx context.Context, productID, shopID string, version int64, at time.Time) error
	// ApplyShop stores a shop's name unless a newer event's is stored or
	// the shop is deleted.
	ApplyShop(ctx context.Context, shopID, name string, version int64, at time.Time) error
	// DeleteShop marks a shop deleted (a tombstone).
	DeleteShop(ctx context.Context, shopID string, version int64, at time.Time) error
	// ApplyStock stores a variation's available stock unless a newer
	// version is stored.
	ApplyStock(ctx context.Context, variationID string, available, version int64, at time.Time) error

	// Cart returns a cart with the offers of its lines, locked against
	// concurrent changes when lock is set (inside a transaction), or
	// domain.ErrCartNotFound.
	Cart(ctx context.Context, id string, lock bool) (*domain.Cart, map[string]domain.Offer, error)
	// CartOf returns a user's cart like Cart, or domain.ErrCartNotFound
	// when they have none.
	CartOf(ctx context.Context, ownerID string, lock bool) (*domain.Cart, map[string]domain.Offer, error)
	// LockCarts locks, in the order of their ids, the cart cartID and the
	// cart of ownerID (those that exist), inside a transaction: a use case
	// that changes two carts takes them in the same order as CartsWith
	// does, so that the two cannot deadlock.
	LockCarts(ctx context.Context, cartID, ownerID string) error
	// IdleGuestCarts returns the ids of at most limit guest carts last
	// changed before cutoff, the oldest first.
	IdleGuestCarts(ctx context.Context, cutoff time.Time, limit int) ([]string, error)
	// CartsWith returns, locked, the carts with a line of the product or
	// of the shop (one of the two is set), with their offers.
	CartsWith(ctx context.Context, productID, shopID string) ([]*domain.Cart, map[string]domain.Offer, error)
	// AddCart stores a new cart. A user's cart that exists already (made
	// meanwhile) is not replaced: it reports false.
	AddCart(ctx context.Context, c *domain.Cart) (bool, error)
	// SaveCart stores a changed cart: before are its lines as loaded; its
	// stored version must be the version it was loaded at.
	SaveCart(ctx context.Context, c *domain.Cart, loadedVersion int64, before []domain.Line) error
	// DeleteCart removes a cart and its lines.
	DeleteCart(ctx context.Context, id string) error

	// Checkout returns a recorded checkout, or false.
	Checkout(ctx context.Context, id string) (CheckoutRecord, bool, error)
	// AddCheckout records a checkout; false when one with its id exists.
	AddCheckout(ctx context.Context, r CheckoutRecord) (bool, error)
	// ForgetUser deletes a user's checkouts and remembers that the user is
	// gone, so no cart is made for them again.
	ForgetUser(ctx context.Context, userID string, at time.Time) error
	// UserDeleted reports whether ForgetUser was called for the user.
	UserDeleted(ctx context.Context, userID string) (bool, error)
}

// LookedUp is a variation as the product service describes it.
type LookedUp struct {
	domain.Offer
	ProductVersion int64
}

// ProductState is a product's whole state from a product event.
type ProductState struct {
	ProductID, ShopID, Name, Currency string
	Variations                        []ProductVariation
	Version                           int64
}

// ProductVariation is one variation of a ProductState.
type ProductVariation struct {
	VariationID, SKU, Name string
	Price                  int64
}

// CheckoutRecord is a checkout made: who made it from which cart, a hash
// of the request, and its result (the wire form, returned on replays).
type CheckoutRecord struct {
	ID, UserID, CartID, RequestHash string
	Result                          []byte
	CreatedAt                       time.Time
}

// Catalog looks variations up in the product service.
type Catalog interface {
	// Variations returns the variations known among ids.
	Variations(ctx context.Context, ids []string) (map[string]LookedUp, error)
}

// Stock asks the warehouse how many of each variation can be sold now.
type Stock interface {
	Availability(ctx context.Context, ids []string) (map[string]int64, error)
}

// Orders places the orders of a checkout in the order service.
type Orders interface {
	// Checkout places the orders for the acting user in ctx; the same
	// request again returns the same result.
	Checkout(ctx context.Context, r OrderRequest) (OrderResult, error)
}

// OrderRequest asks for the orders of a checkout.
type OrderRequest struct {
	CheckoutID string
	Address    domain.Address
	Lines      []OrderLine
}

// OrderLine is one variation to order at the price the shopper saw.
type OrderLine struct {
	VariationID   string
	Quantity      int64
	ExpectedPrice int64
}

// OrderResult is what the order service made of a checkout. Wire is its
// answer as the order service sent it (JSON), stored and returned as the
// checkout's result.
type OrderResult struct {
	Orders []PlacedOrder
	Wire   []byte
}

// PlacedOrder is one order placed, with its lines.
type PlacedOrder struct {
	ID, ShopID, Currency string
	Lines                []PlacedLine
}

// PlacedLine is one line of a placed order.
type PlacedLine struct {
	VariationID, ProductID string
	Quantity, UnitPrice    int64
}

// Transactor runs fn in one database transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Events records outgoing events in the transaction in ctx (the outbox).
type Events interface {
	Add(ctx context.Context, events ...eventbus.Payload) error
}
