// Package productevents holds the events the product service publishes.
package productevents

import "time"

// Variation is one buyable version of a product; Price is in minor units of
// the product's currency.
type Variation struct {
	VariationID string `json:"variation_id"`
	SKU         string `json:"sku"`
	Name        string `json:"name"`
	Price       int64  `json:"price"`
}

// Product is a product's whole state as events carry it, so consumers
// (warehouse, media, cart, analytics) never call back. Version grows by one
// with every change: a consumer keeps the highest it has seen and ignores
// older events that arrive late.
type Product struct {
	ProductID  string      `json:"product_id"`
	ShopID     string      `json:"shop_id"`
	OwnerID    string      `json:"owner_id"` // the shop owner's user id: lets services authorize the seller
	CategoryID string      `json:"category_id"`
	Name       string      `json:"name"`
	Currency   string      `json:"currency"`
	Variations []Variation `json:"variations"`
	Version    int64       `json:"version"`
}

// ProductCreated announces a new product.
type ProductCreated struct {
	Product
	CreatedAt time.Time `json:"created_at"`
}

// EventName is the routing key.
func (ProductCreated) EventName() string { return "product.created" }

// EventVersion is the payload's schema version.
func (ProductCreated) EventVersion() int { return 1 }

// ProductUpdated carries the product's whole new state, including its
// current variations (a variation missing from the list was removed).
type ProductUpdated struct {
	Product
	UpdatedAt time.Time `json:"updated_at"`
}

// EventName is the routing key.
func (ProductUpdated) EventName() string { return "product.updated" }

// EventVersion is the payload's schema version.
func (ProductUpdated) EventVersion() int { return 1 }

// ProductDeleted announces that a product and all its variations are gone.
type ProductDeleted struct {
	ProductID    string    `json:"product_id"`
	ShopID       string    `json:"shop_id"`
	OwnerID      string    `json:"owner_id"`
	VariationIDs []string  `json:"variation_ids"`
	Version      int64     `json:"version"`
	DeletedAt    time.Time `json:"deleted_at"`
}

// EventName is the routing key.
func (ProductDeleted) EventName() string { return "product.deleted" }

// EventVersion is the payload's schema version.
func (ProductDeleted) EventVersion() int { return 1 }
