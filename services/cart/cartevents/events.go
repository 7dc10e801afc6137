// Package cartevents holds the events the cart service publishes.
package cartevents

import "time"

// Item is one line of a cart.
type Item struct {
	VariationID string `json:"variation_id"`
	ProductID   string `json:"product_id"`
	ShopID      string `json:"shop_id"`
	Quantity    int64  `json:"quantity"`
	UnitPrice   int64  `json:"unit_price"` // minor units, current price
}

// Cart is a cart as events carry it. OwnerID is empty for a guest's cart.
// Version grows with every change.
type Cart struct {
	CartID   string `json:"cart_id"`
	OwnerID  string `json:"owner_id,omitempty"`
	Items    []Item `json:"items"`
	Currency string `json:"currency"`
	Version  int64  `json:"version"`
}

// CartCreated announces a new cart.
type CartCreated struct {
	Cart
	CreatedAt time.Time `json:"created_at"`
}

// EventName is the routing key.
func (CartCreated) EventName() string { return "cart.created" }

// EventVersion is the payload's schema version.
func (CartCreated) EventVersion() int { return 1 }

// CartUpdated carries a cart's whole new content after any change.
type CartUpdated struct {
	Cart
	UpdatedAt time.Time `json:"updated_at"`
}

// EventName is the routing key.
func (CartUpdated) EventName() string { return "cart.updated" }

// EventVersion is the payload's schema version.
func (CartUpdated) EventVersion() int { return 1 }

// CartCheckedOut announces that items of a cart became orders. Items are
// those checked out; items of shops whose order failed stay in the cart.
type CartCheckedOut struct {
	Cart
	CheckoutID string    `json:"checkout_id"`
	OrderIDs   []string  `json:"order_ids"`
	At         time.Time `json:"at"`
}

// EventName is the routing key.
func (CartCheckedOut) EventName() string { return "cart.checked_out" }

// EventVersion is the payload's schema version.
func (CartCheckedOut) EventVersion() int { return 1 }

// CartDeleted announces that a cart is gone (merged into a user's cart at
// login, or its owner was deleted).
type CartDeleted struct {
	CartID    string    `json:"cart_id"`
	OwnerID   string    `json:"owner_id,omitempty"`
	Version   int64     `json:"version"`
	DeletedAt time.Time `json:"deleted_at"`
}

// EventName is the routing key.
func (CartDeleted) EventName() string { return "cart.deleted" }

// EventVersion is the payload's schema version.
func (CartDeleted) EventVersion() int { return 1 }
