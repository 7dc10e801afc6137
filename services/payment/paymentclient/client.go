// Package paymentclient is the typed HTTP client of the payment service
// and its wire types.
package paymentclient

import (
	"context"
	"net/http"
	"time"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// The sandbox gateway's test cards. Any other number passing the Luhn
// check is declined ("use a test card"); one failing it is invalid input.
const (
	CardSucceeds          = "4242 4242 4242 4242"
	CardDeclined          = "4000 0000 0000 0002"
	CardInsufficientFunds = "4000 0000 0000 9995"
)

// Money is an amount in minor units of a currency (ISO 4217).
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// Payment states.
const (
	StatusPending   = "pending"   // waiting for a successful attempt
	StatusSucceeded = "succeeded" // paid
	StatusRefunded  = "refunded"  // paid, then the order was cancelled
	StatusCancelled = "cancelled" // the order was cancelled before it was paid
)

// Attempt states.
const (
	AttemptSucceeded = "succeeded"
	AttemptFailed    = "failed"
)

// Attempt is one try to pay.
type Attempt struct {
	ID        string    `json:"id"`
	Status    string    `json:"status"`
	Reason    string    `json:"reason,omitempty"` // declined, insufficient_funds
	Message   string    `json:"message,omitempty"`
	CardLast4 string    `json:"card_last4"`
	At        time.Time `json:"at"`
}

// Payment is an order's payment with its attempts, newest first.
type Payment struct {
	ID         string     `json:"id"`
	OrderID    string     `json:"order_id"`
	BuyerID    string     `json:"buyer_id"`
	Status     string     `json:"status"`
	Amount     Money      `json:"amount"`
	Attempts   []Attempt  `json:"attempts"`
	RefundedAt *time.Time `json:"refunded_at,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// PayRequest pays with a card. Only the last four digits are ever stored.
type PayRequest struct {
	CardNumber string `json:"card_number"`
}

// Client calls the payment service.
type Client struct{ c *httpclient.Client }

// New returns a client of the payment service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("payment", baseURL, opt)}
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }

// ForOrder returns an order's payment to its buyer or an admin
// (GET /v1/orders/{id}/payment).
func (c *Client) ForOrder(ctx context.Context, orderID string) (Payment, error) {
	var p Payment
	err := c.c.Get(ctx, httpclient.Path("/v1/orders", orderID, "payment"), nil, &p)
	return p, err
}

// Pay tries to pay an order of the acting user with a card
// (POST /v1/orders/{id}/payment/attempts, with the Idempotency-Key key).
// A declined card is not an error: the payment comes back with a failed
// attempt. The same key again returns the first result without charging
// again; the same key with another card is refused. A card number failing
// the Luhn check is fault.Invalid; an order paid or cancelled already is
// fault.Conflict.
func (c *Client) Pay(ctx context.Context, orderID, key string, r PayRequest) (Payment, error) {
	var p Payment
	err := c.c.Do(ctx, httpclient.Request{
		Method: http.MethodPost, Path: httpclient.Path("/v1/orders", orderID, "payment", "attempts"),
		Body: r, Out: &p, IdempotencyKey: key,
	})
	return p, err
}
