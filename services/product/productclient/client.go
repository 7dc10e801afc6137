// Package productclient is the typed HTTP client of the product service
// and its wire types.
package productclient

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// Money is an amount in minor units (cents) of a currency (ISO 4217).
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// Category is a node of the category tree.
type Category struct {
	ID       string `json:"id"`
	ParentID string `json:"parent_id,omitempty"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
}

// Variation is one buyable version of a product ("Red / M").
type Variation struct {
	ID    string `json:"id"`
	SKU   string `json:"sku"`
	Name  string `json:"name"`
	Price Money  `json:"price"`
}

// Product is a product with its variations.
type Product struct {
	ID           string      `json:"id"`
	ShopID       string      `json:"shop_id"`
	ShopName     string      `json:"shop_name"`
	CategoryID   string      `json:"category_id"`
	CategoryName string      `json:"category_name"`
	Name         string      `json:"name"`
	Description  string      `json:"description"`
	PriceFrom    Money       `json:"price_from"`
	Variations   []Variation `json:"variations"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
}

// Summary is a product as listings show it.
type Summary struct {
	ID           string    `json:"id"`
	ShopID       string    `json:"shop_id"`
	ShopName     string    `json:"shop_name"`
	CategoryID   string    `json:"category_id"`
	CategoryName string    `json:"category_name"`
	Name         string    `json:"name"`
	PriceFrom    Money     `json:"price_from"`
	CreatedAt    time.Time `json:"created_at"`
}

// Page is one page of a listing.
type Page struct {
	Items   []Summary `json:"items"`
	Page    int       `json:"page"`
	PerPage int       `json:"per_page"`
	Total   int64     `json:"total"`
}

// ListQuery selects a page of products. Zero values mean "any" and the
// first page of 24.
type ListQuery struct {
	Q        string // search words; each must appear in the name, description or shop name
	Category string // category slug; includes its subcategories
	Page     int
	PerPage  int
}

// Client calls the product service.
type Client struct{ c *httpclient.Client }

// New returns a client of the product service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("product", baseURL, opt)}
}

// Categories returns the whole category tree, parents before children.
func (c *Client) Categories(ctx context.Context) ([]Category, error) {
	var out struct {
		Items []Category `json:"items"`
	}
	err := c.c.Get(ctx, "/v1/categories", nil, &out)
	return out.Items, err
}

// List returns a page of products, newest first.
func (c *Client) List(ctx context.Context, q ListQuery) (Page, error) {
	v := url.Values{}
	if q.Q != "" {
		v.Set("q", q.Q)
	}
	if q.Category != "" {
		v.Set("category", q.Category)
	}
	if q.Page != 0 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	if q.PerPage != 0 {
		v.Set("per_page", strconv.Itoa(q.PerPage))
	}
	var p Page
	err := c.c.Get(ctx, "/v1/products", v, &p)
	return p, err
}

// Get returns one product with its variations, or fault.NotFound.
func (c *Client) Get(ctx context.Context, id string) (Product, error) {
	var p Product
	err := c.c.Get(ctx, httpclient.Path("/v1/products", id), nil, &p)
	return p, err
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }
