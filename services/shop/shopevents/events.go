// Package shopevents holds the events the shop service publishes.
package shopevents

import "time"

// Shop is a shop as events carry it. Version grows by one with every
// change, so a consumer that receives events out of order keeps the newest.
type Shop struct {
	ShopID      string `json:"shop_id"`
	OwnerID     string `json:"owner_id"` // the user who owns it; never changes
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Description string `json:"description"`
	Version     int64  `json:"version"`
}

// ShopCreated announces a new shop. The user service makes the owner a
// seller; product, cart and analytics learn the shop.
type ShopCreated struct {
	Shop
	CreatedAt time.Time `json:"created_at"`
}

// EventName is the routing key.
func (ShopCreated) EventName() string { return "shop.created" }

// EventVersion is the payload's schema version.
func (ShopCreated) EventVersion() int { return 1 }

// ShopUpdated carries the shop's whole new state.
type ShopUpdated struct {
	Shop
	UpdatedAt time.Time `json:"updated_at"`
}

// EventName is the routing key.
func (ShopUpdated) EventName() string { return "shop.updated" }

// EventVersion is the payload's schema version.
func (ShopUpdated) EventVersion() int { return 1 }

// ShopDeleted announces that a shop was closed: its products go with it.
type ShopDeleted struct {
	ShopID    string    `json:"shop_id"`
	OwnerID   string    `json:"owner_id"`
	Version   int64     `json:"version"`
	DeletedAt time.Time `json:"deleted_at"`
}

// EventName is the routing key.
func (ShopDeleted) EventName() string { return "shop.deleted" }

// EventVersion is the payload's schema version.
func (ShopDeleted) EventVersion() int { return 1 }
