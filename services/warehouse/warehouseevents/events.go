// Package warehouseevents holds the events the warehouse service publishes.
package warehouseevents

import "time"

// StockChange is one movement of a variation's available stock. Available
// is the count after the movement; Version grows with every movement of the
// variation, so a consumer that gets events out of order keeps the newest.
type StockChange struct {
	VariationID string    `json:"variation_id"`
	ProductID   string    `json:"product_id"`
	ShopID      string    `json:"shop_id"`
	Quantity    int64     `json:"quantity"`            // how much moved, always more than 0
	Available   int64     `json:"available"`           // available to sell after the movement
	Reason      string    `json:"reason"`              // restock, correction, reserved, released, ...
	Reference   string    `json:"reference,omitempty"` // an order id, for reservations
	MovementID  string    `json:"movement_id"`
	Version     int64     `json:"version"`
	At          time.Time `json:"at"`
}

// StockDecreased announces that less of a variation is available.
type StockDecreased struct{ StockChange }

// EventName is the routing key.
func (StockDecreased) EventName() string { return "stock.decreased" }

// EventVersion is the payload's schema version.
func (StockDecreased) EventVersion() int { return 1 }

// StockIncreased announces that more of a variation is available.
type StockIncreased struct{ StockChange }

// EventName is the routing key.
func (StockIncreased) EventName() string { return "stock.increased" }

// EventVersion is the payload's schema version.
func (StockIncreased) EventVersion() int { return 1 }
