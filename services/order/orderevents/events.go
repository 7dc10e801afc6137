// Package orderevents holds the events the order service publishes.
package orderevents

import "time"

// Line is one variation of an order, with the price snapshot taken when
// the order was placed (minor units of the order's currency).
type Line struct {
	VariationID   string `json:"variation_id"`
	ProductID     string `json:"product_id"`
	SKU           string `json:"sku"`
	ProductName   string `json:"product_name"`
	VariationName string `json:"variation_name"`
	Quantity      int64  `json:"quantity"`
	UnitPrice     int64  `json:"unit_price"`
	LineTotal     int64  `json:"line_total"`
}

// Address is where an order is shipped.
type Address struct {
	FullName   string `json:"full_name"`
	Address    string `json:"address"`
	City       string `json:"city"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

// Order is an order as events carry it: everything payment, warehouse,
// comment, cart and analytics need, so they never call back. Version grows
// with every change of state.
type Order struct {
	OrderID     string `json:"order_id"`
	CheckoutID  string `json:"checkout_id"`
	BuyerID     string `json:"buyer_id"`
	ShopID      string `json:"shop_id"`
	ShopOwnerID string `json:"shop_owner_id"`
	Lines       []Line `json:"lines"`
	Total       int64  `json:"total"` // sum of the line totals
	Currency    string `json:"currency"`
	Version     int64  `json:"version"`
}

// OrderCreated announces an order waiting for payment; its stock is
// reserved until ExpiresAt.
type OrderCreated struct {
	Order
	Address   Address   `json:"address"`
	ExpiresAt time.Time `json:"expires_at"`
	CreatedAt time.Time `json:"created_at"`
}

// EventName is the routing key.
func (OrderCreated) EventName() string { return "order.created" }

// EventVersion is the payload's schema version.
func (OrderCreated) EventVersion() int { return 1 }

// OrderPaid announces that an order's payment succeeded: the warehouse
// turns its reservation into sold stock.
type OrderPaid struct {
	Order
	PaymentID string    `json:"payment_id"`
	PaidAt    time.Time `json:"paid_at"`
}

// EventName is the routing key.
func (OrderPaid) EventName() string { return "order.paid" }

// EventVersion is the payload's schema version.
func (OrderPaid) EventVersion() int { return 1 }

// Reasons an order is cancelled.
const (
	ReasonExpired = "expired"   // not paid within the hold time
	ReasonByBuyer = "cancelled" // the shopper cancelled it
	ReasonByAdmin = "admin"     // an administrator cancelled it
)

// OrderCancelled announces a cancelled order: the warehouse releases its
// stock, and the payment service refunds it when it was paid (WasPaid).
type OrderCancelled struct {
	Order
	Reason      string    `json:"reason"`
	WasPaid     bool      `json:"was_paid"`
	CancelledAt time.Time `json:"cancelled_at"`
}

// EventName is the routing key.
func (OrderCancelled) EventName() string { return "order.cancelled" }

// EventVersion is the payload's schema version.
func (OrderCancelled) EventVersion() int { return 1 }

// OrderShipped announces that the seller shipped a paid order.
type OrderShipped struct {
	Order
	ShippedAt time.Time `json:"shipped_at"`
}

// EventName is the routing key.
func (OrderShipped) EventName() string { return "order.shipped" }

// EventVersion is the payload's schema version.
func (OrderShipped) EventVersion() int { return 1 }
