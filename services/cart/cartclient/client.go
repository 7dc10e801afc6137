// Package cartclient is the typed HTTP client of the cart service and its
// wire types.
package cartclient

import (
	"context"
	"net/http"
	"time"

	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// Mine addresses the acting user's cart; a guest's cart is addressed by
// its id, which the web frontend keeps in the guest's session.
const Mine = "mine"

// Limits of a cart.
const (
	MaxLineQuantity = 20  // of one variation
	MaxLines        = 100 // variations in one cart
)

// Money is an amount in minor units of a currency (ISO 4217).
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// Problems of an item.
const (
	ProblemNone         = ""
	ProblemOutOfStock   = "out_of_stock"  // none available now
	ProblemNotEnough    = "not_enough"    // fewer available than the quantity
	ProblemUnavailable  = "unavailable"   // the product or its shop is gone
	ProblemPriceChanged = "price_changed" // the price differs from when it was added
)

// Item is one variation in a cart, with what the cart page shows.
type Item struct {
	VariationID   string `json:"variation_id"`
	ProductID     string `json:"product_id"`
	ShopID        string `json:"shop_id"`
	ShopName      string `json:"shop_name"`
	ProductName   string `json:"product_name"`
	VariationName string `json:"variation_name"`
	SKU           string `json:"sku"`
	ThumbURL      string `json:"thumb_url,omitempty"`
	Quantity      int64  `json:"quantity"`
	UnitPrice     Money  `json:"unit_price"`  // current
	AddedPrice    Money  `json:"added_price"` // when added (or last confirmed)
	Available     int64  `json:"available"`
	Problem       string `json:"problem,omitempty"`
	LineTotal     Money  `json:"line_total"`
}

// Group is one shop's items, with their subtotal.
type Group struct {
	ShopID   string `json:"shop_id"`
	ShopName string `json:"shop_name"`
	Items    []Item `json:"items"`
	Subtotal Money  `json:"subtotal"`
}

// Cart is a cart grouped by shop. An empty cart has no groups.
type Cart struct {
	ID        string    `json:"id"`
	OwnerID   string    `json:"owner_id,omitempty"`
	Groups    []Group   `json:"groups"`
	ItemCount int64     `json:"item_count"` // sum of quantities
	Total     Money     `json:"total"`
	Version   int64     `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
}

// AddItemRequest adds a quantity of a variation (1 to MaxLineQuantity in
// all, and no more than is available).
type AddItemRequest struct {
	VariationID string `json:"variation_id"`
	Quantity    int64  `json:"quantity"`
}

// QuantityRequest sets a line's quantity; 0 removes the line.
type QuantityRequest struct {
	Quantity int64 `json:"quantity"`
}

// CheckoutRequest checks the acting user's cart out. CheckoutID (a UUID
// the checkout form carries) is the idempotency key of the whole checkout.
type CheckoutRequest struct {
	CheckoutID string              `json:"checkout_id"`
	Address    orderclient.Address `json:"address"`
}

// CheckoutResult is what a checkout made: the orders placed, and the shops
// whose items could not be ordered (they stay in the cart).
type CheckoutResult = orderclient.CheckoutResult

// Client calls the cart service.
type Client struct{ c *httpclient.Client }

// New returns a client of the cart service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("cart", baseURL, opt)}
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }

// CreateGuest starts an empty cart for a visitor who is not signed in
// (POST /v1/carts).
func (c *Client) CreateGuest(ctx context.Context) (Cart, error) {
	var out Cart
	err := c.c.Post(ctx, "/v1/carts", nil, &out)
	return out, err
}

// Get returns a cart (GET /v1/carts/{ref}): Mine for the acting user's
// (empty, with no id, when they have none yet), or a guest cart's id. A
// guest cart that is gone (merged, expired) is fault.NotFound.
func (c *Client) Get(ctx context.Context, ref string) (Cart, error) {
	var out Cart
	err := c.c.Get(ctx, httpclient.Path("/v1/carts", ref), nil, &out)
	return out, err
}

// AddItem adds to a cart (POST /v1/carts/{ref}/items). An unknown
// variation is fault.NotFound; a bad or too large quantity, or more than
// is available, is fault.Invalid with Fields["quantity"].
func (c *Client) AddItem(ctx context.Context, ref string, r AddItemRequest) (Cart, error) {
	var out Cart
	err := c.c.Post(ctx, httpclient.Path("/v1/carts", ref, "items"), r, &out)
	return out, err
}

// SetQuantity changes a line's quantity; 0 removes it
// (PUT /v1/carts/{ref}/items/{variation_id}).
func (c *Client) SetQuantity(ctx context.Context, ref, variationID string, quantity int64) (Cart, error) {
	var out Cart
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: httpclient.Path("/v1/carts", ref, "items", variationID),
		Body: QuantityRequest{Quantity: quantity}, Out: &out})
	return out, err
}

// Remove takes a line out (DELETE /v1/carts/{ref}/items/{variation_id}).
func (c *Client) Remove(ctx context.Context, ref, variationID string) (Cart, error) {
	var out Cart
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: httpclient.Path("/v1/carts", ref, "items", variationID), Out: &out})
	return out, err
}

// Merge moves a guest cart's items into the acting user's cart and deletes
// the guest cart (POST /v1/carts/mine/merge); the web frontend calls it at
// login. Quantities of the same variation add up, within the limits.
func (c *Client) Merge(ctx context.Context, guestCartID string) (Cart, error) {
	var out Cart
	err := c.c.Post(ctx, "/v1/carts/mine/merge", map[string]string{"guest_cart_id": guestCartID}, &out)
	return out, err
}

// Checkout turns the acting user's cart into orders, one per shop
// (POST /v1/carts/mine/checkout, Idempotency-Key = CheckoutID). When a
// price changed since it was added, nothing is ordered: fault.Conflict,
// and the cart now shows the new prices as seen. Checked-out items leave
// the cart; the failed shops' items stay.
func (c *Client) Checkout(ctx context.Context, r CheckoutRequest) (CheckoutResult, error) {
	var out CheckoutResult
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: "/v1/carts/mine/checkout", Body: r, Out: &out, IdempotencyKey: r.CheckoutID})
	return out, err
}
