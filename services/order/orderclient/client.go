// Package orderclient is the typed HTTP client of the order service and
// its wire types.
package orderclient

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// Money is an amount in minor units of a currency (ISO 4217).
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// Order states.
const (
	StatusPendingPayment = "pending_payment"
	StatusPaid           = "paid"
	StatusShipped        = "shipped"
	StatusCancelled      = "cancelled"
)

// Line is one variation of an order with its price snapshot.
type Line struct {
	VariationID   string `json:"variation_id"`
	ProductID     string `json:"product_id"`
	SKU           string `json:"sku"`
	ProductName   string `json:"product_name"`
	VariationName string `json:"variation_name"`
	ThumbURL      string `json:"thumb_url,omitempty"`
	Quantity      int64  `json:"quantity"`
	UnitPrice     Money  `json:"unit_price"`
	LineTotal     Money  `json:"line_total"`
}

// Address is where an order is shipped. Every field is required: full name
// 1-100, address 1-200, city 1-100, postal code 1-20, country 2-56
// characters.
type Address struct {
	FullName   string `json:"full_name"`
	Address    string `json:"address"`
	City       string `json:"city"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

// Step is one entry of an order's timeline.
type Step struct {
	Status string    `json:"status"`
	At     time.Time `json:"at"`
	Note   string    `json:"note,omitempty"`
}

// Order is one shop's part of a checkout.
type Order struct {
	ID           string    `json:"id"`
	CheckoutID   string    `json:"checkout_id"`
	BuyerID      string    `json:"buyer_id"`
	ShopID       string    `json:"shop_id"`
	ShopName     string    `json:"shop_name"`
	ShopOwnerID  string    `json:"shop_owner_id"`
	Status       string    `json:"status"`
	CancelReason string    `json:"cancel_reason,omitempty"`
	Lines        []Line    `json:"lines"`
	Total        Money     `json:"total"`
	Address      Address   `json:"address"`
	Timeline     []Step    `json:"timeline"`
	ExpiresAt    time.Time `json:"expires_at"` // when an unpaid order is cancelled
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Page is one page of orders, newest first.
type Page struct {
	Items   []Order `json:"items"`
	Page    int     `json:"page"`
	PerPage int     `json:"per_page"`
	Total   int64   `json:"total"`
}

// CheckoutLine is one variation to order, with the unit price the shopper
// saw; an order is refused when the current price differs.
type CheckoutLine struct {
	VariationID   string `json:"variation_id"`
	Quantity      int64  `json:"quantity"`
	ExpectedPrice int64  `json:"expected_price"`
}

// CheckoutRequest turns lines of many shops into one order per shop.
// CheckoutID is also the idempotency key: the same request again returns
// the same result; the same id with a different request is refused.
type CheckoutRequest struct {
	CheckoutID string         `json:"checkout_id"`
	Address    Address        `json:"address"`
	Lines      []CheckoutLine `json:"lines"`
}

// ShopFailure is a shop whose order could not be placed, with why, and the
// message for each variation at fault.
type ShopFailure struct {
	ShopID   string            `json:"shop_id"`
	ShopName string            `json:"shop_name"`
	Reason   string            `json:"reason"`
	Lines    map[string]string `json:"lines,omitempty"` // variation id -> "only 2 left", "price changed", ...
}

// CheckoutResult is what a checkout made: the orders placed and the shops
// that failed (the others' orders go on).
type CheckoutResult struct {
	CheckoutID string        `json:"checkout_id"`
	Orders     []Order       `json:"orders"`
	Failed     []ShopFailure `json:"failed"`
}

// Client calls the order service.
type Client struct{ c *httpclient.Client }

// New returns a client of the order service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("order", baseURL, opt)}
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }

// Checkout places the orders of a checkout for the acting (signed-in)
// user (POST /v1/checkouts, Idempotency-Key = CheckoutID). Prices come
// from the product service; stock is reserved per order, all or nothing.
func (c *Client) Checkout(ctx context.Context, r CheckoutRequest) (CheckoutResult, error) {
	var out CheckoutResult
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: "/v1/checkouts", Body: r, Out: &out, IdempotencyKey: r.CheckoutID})
	return out, err
}

// Get returns an order to its buyer, its shop's owner or an admin
// (GET /v1/orders/{id}); anyone else gets fault.Forbidden.
func (c *Client) Get(ctx context.Context, id string) (Order, error) {
	var o Order
	err := c.c.Get(ctx, httpclient.Path("/v1/orders", id), nil, &o)
	return o, err
}

// Mine returns a page of the acting user's orders (GET /v1/orders).
func (c *Client) Mine(ctx context.Context, page int) (Page, error) {
	var p Page
	err := c.c.Get(ctx, "/v1/orders", url.Values{"page": {strconv.Itoa(max(page, 1))}}, &p)
	return p, err
}

// ShopOrders returns a page of the orders of the acting seller's shop,
// optionally of one status (GET /v1/shop-orders).
func (c *Client) ShopOrders(ctx context.Context, status string, page int) (Page, error) {
	v := url.Values{"page": {strconv.Itoa(max(page, 1))}}
	if status != "" {
		v.Set("status", status)
	}
	var p Page
	err := c.c.Get(ctx, "/v1/shop-orders", v, &p)
	return p, err
}

// Cancel cancels an order before it ships: its buyer or an admin
// (POST /v1/orders/{id}/cancel). A shipped order is fault.Conflict.
func (c *Client) Cancel(ctx context.Context, id string) (Order, error) {
	var o Order
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: httpclient.Path("/v1/orders", id, "cancel"), Out: &o})
	return o, err
}

// Ship marks a paid order shipped: the shop's owner only
// (POST /v1/orders/{id}/ship). An unpaid order is fault.Conflict.
func (c *Client) Ship(ctx context.Context, id string) (Order, error) {
	var o Order
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: httpclient.Path("/v1/orders", id, "ship"), Out: &o})
	return o, err
}
