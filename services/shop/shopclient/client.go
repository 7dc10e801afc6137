// Package shopclient is the typed HTTP client of the shop service and its
// wire types.
package shopclient

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// Shop is a shop's public profile.
type Shop struct {
	ID          string    `json:"id"`
	OwnerID     string    `json:"owner_id"`
	Name        string    `json:"name"`
	Slug        string    `json:"slug"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// ShopRequest opens or edits a shop. Name: 2-60 characters, unique on the
// platform (case-insensitive); description up to 2,000 characters.
type ShopRequest struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Client calls the shop service.
type Client struct{ c *httpclient.Client }

// New returns a client of the shop service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("shop", baseURL, opt)}
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }

// Open opens the acting user's shop (POST /v1/shops). A user has at most
// one open shop: a second attempt is fault.Conflict; a taken name is
// fault.Invalid with Fields["name"].
func (c *Client) Open(ctx context.Context, r ShopRequest) (Shop, error) {
	var s Shop
	err := c.c.Post(ctx, "/v1/shops", r, &s)
	return s, err
}

// Mine returns the acting user's open shop, or fault.NotFound
// (GET /v1/shops/mine).
func (c *Client) Mine(ctx context.Context) (Shop, error) {
	var s Shop
	err := c.c.Get(ctx, "/v1/shops/mine", nil, &s)
	return s, err
}

// Get returns an open shop by id or slug (GET /v1/shops/{id-or-slug});
// closed and unknown shops are fault.NotFound.
func (c *Client) Get(ctx context.Context, idOrSlug string) (Shop, error) {
	var s Shop
	err := c.c.Get(ctx, httpclient.Path("/v1/shops", idOrSlug), nil, &s)
	return s, err
}

// ByOwner returns the open shop of a user (GET /v1/shops?owner_id=), or
// fault.NotFound. Services use it when an event has not reached them yet.
func (c *Client) ByOwner(ctx context.Context, ownerID string) (Shop, error) {
	var out struct {
		Items []Shop `json:"items"`
	}
	if err := c.c.Get(ctx, "/v1/shops", url.Values{"owner_id": {ownerID}}, &out); err != nil {
		return Shop{}, err
	}
	if len(out.Items) == 0 {
		return Shop{}, errNoShop
	}
	return out.Items[0], nil
}

// List returns the open shops, newest first (GET /v1/shops).
func (c *Client) List(ctx context.Context) ([]Shop, error) {
	var out struct {
		Items []Shop `json:"items"`
	}
	err := c.c.Get(ctx, "/v1/shops", nil, &out)
	return out.Items, err
}

// Update edits a shop; only its owner may (PUT /v1/shops/{id}).
func (c *Client) Update(ctx context.Context, id string, r ShopRequest) (Shop, error) {
	var s Shop
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: httpclient.Path("/v1/shops", id), Body: r, Out: &s})
	return s, err
}

// Close closes a shop; its owner or an admin may (DELETE /v1/shops/{id}).
func (c *Client) Close(ctx context.Context, id string) error {
	return c.c.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: httpclient.Path("/v1/shops", id)})
}
