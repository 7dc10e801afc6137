// Package productclient is the typed HTTP client of the product service
// and its wire types.
package productclient

import (
	"context"
	"net/http"
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

// Image is a processed photo of a product, as the media service announced
// it. URLs are paths the web frontend serves (/media/...).
type Image struct {
	ID        string `json:"id"`
	ThumbURL  string `json:"thumb_url"`  // 200x200, cropped to fill
	MediumURL string `json:"medium_url"` // fits 800x800
	LargeURL  string `json:"large_url"`  // fits 1600x1600
	Alt       string `json:"alt"`
}

// Rating is a product's average review rating, kept from comment events.
type Rating struct {
	Average float64 `json:"average"` // 0 when there are no reviews
	Count   int64   `json:"count"`
}

// Product is a product with its variations and images.
type Product struct {
	ID           string      `json:"id"`
	ShopID       string      `json:"shop_id"`
	OwnerID      string      `json:"owner_id"` // the shop owner's user id
	ShopName     string      `json:"shop_name"`
	ShopSlug     string      `json:"shop_slug"`
	CategoryID   string      `json:"category_id"`
	CategoryName string      `json:"category_name"`
	CategorySlug string      `json:"category_slug"`
	Name         string      `json:"name"`
	Description  string      `json:"description"`
	PriceFrom    Money       `json:"price_from"`
	Variations   []Variation `json:"variations"`
	Images       []Image     `json:"images"`
	Rating       Rating      `json:"rating"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
}

// Summary is a product as listings show it.
type Summary struct {
	ID           string    `json:"id"`
	ShopID       string    `json:"shop_id"`
	ShopName     string    `json:"shop_name"`
	ShopSlug     string    `json:"shop_slug"`
	CategoryID   string    `json:"category_id"`
	CategoryName string    `json:"category_name"`
	Name         string    `json:"name"`
	PriceFrom    Money     `json:"price_from"`
	Image        *Image    `json:"image,omitempty"` // the first photo, if any
	Rating       Rating    `json:"rating"`
	Variations   int       `json:"variations"`
	CreatedAt    time.Time `json:"created_at"`
}

// Page is one page of a listing.
type Page struct {
	Items   []Summary `json:"items"`
	Page    int       `json:"page"`
	PerPage int       `json:"per_page"`
	Total   int64     `json:"total"`
}

// Sort orders of a listing.
const (
	SortNewest    = "newest"
	SortPriceUp   = "price_asc"
	SortPriceDown = "price_desc"
	SortRating    = "rating"
)

// ListQuery selects a page of products. Zero values mean "any", newest
// first, and the first page of 24.
type ListQuery struct {
	Q        string // search words; each must match the name, description or shop name
	Category string // category slug; includes its subcategories
	ShopID   string // one shop's products
	Sort     string // one of the Sort constants
	Page     int
	PerPage  int
}

// ProductRequest creates or edits a product. The shop is always the acting
// seller's own; a shop id in a request is never read.
type ProductRequest struct {
	CategoryID  string `json:"category_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// VariationRequest adds or edits a variation. SKU is unique within the
// shop; Price is in minor units of the product's currency (more than 0).
type VariationRequest struct {
	SKU   string `json:"sku"`
	Name  string `json:"name"`
	Price int64  `json:"price"`
}

// Client calls the product service.
type Client struct{ c *httpclient.Client }

// New returns a client of the product service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("product", baseURL, opt)}
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }

// Categories returns the whole category tree, parents before children.
func (c *Client) Categories(ctx context.Context) ([]Category, error) {
	var out struct {
		Items []Category `json:"items"`
	}
	err := c.c.Get(ctx, "/v1/categories", nil, &out)
	return out.Items, err
}

// List returns a page of products (GET /v1/products).
func (c *Client) List(ctx context.Context, q ListQuery) (Page, error) {
	v := url.Values{}
	for k, s := range map[string]string{"q": q.Q, "category": q.Category, "shop_id": q.ShopID, "sort": q.Sort} {
		if s != "" {
			v.Set(k, s)
		}
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

// Get returns one product with its variations and images, or
// fault.NotFound (GET /v1/products/{id}).
func (c *Client) Get(ctx context.Context, id string) (Product, error) {
	var p Product
	err := c.c.Get(ctx, httpclient.Path("/v1/products", id), nil, &p)
	return p, err
}

// Create adds a product to the acting seller's shop (POST /v1/products).
// Without an open shop it is fault.Forbidden.
func (c *Client) Create(ctx context.Context, r ProductRequest) (Product, error) {
	var p Product
	err := c.c.Post(ctx, "/v1/products", r, &p)
	return p, err
}

// Update edits a product of the acting seller's shop (PUT /v1/products/{id});
// another shop's product is fault.Forbidden.
func (c *Client) Update(ctx context.Context, id string, r ProductRequest) (Product, error) {
	var p Product
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: httpclient.Path("/v1/products", id), Body: r, Out: &p})
	return p, err
}

// Delete removes a product of the acting seller's shop, or any as an admin
// (DELETE /v1/products/{id}).
func (c *Client) Delete(ctx context.Context, id string) error {
	return c.c.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: httpclient.Path("/v1/products", id)})
}

// AddVariation adds a variation (POST /v1/products/{id}/variations).
func (c *Client) AddVariation(ctx context.Context, productID string, r VariationRequest) (Variation, error) {
	var v Variation
	err := c.c.Post(ctx, httpclient.Path("/v1/products", productID, "variations"), r, &v)
	return v, err
}

// UpdateVariation edits a variation (PUT /v1/products/{id}/variations/{vid}).
func (c *Client) UpdateVariation(ctx context.Context, productID, variationID string, r VariationRequest) (Variation, error) {
	var v Variation
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPut,
		Path: httpclient.Path("/v1/products", productID, "variations", variationID), Body: r, Out: &v})
	return v, err
}

// DeleteVariation removes a variation (DELETE /v1/products/{id}/variations/{vid}).
func (c *Client) DeleteVariation(ctx context.Context, productID, variationID string) error {
	return c.c.Do(ctx, httpclient.Request{Method: http.MethodDelete,
		Path: httpclient.Path("/v1/products", productID, "variations", variationID)})
}

// VariationInfo is a variation with what a cart line or an order line
// needs of its product and shop: the current price is authoritative.
type VariationInfo struct {
	VariationID    string `json:"variation_id"`
	SKU            string `json:"sku"`
	Name           string `json:"name"`
	Price          Money  `json:"price"`
	ProductID      string `json:"product_id"`
	ProductName    string `json:"product_name"`
	ShopID         string `json:"shop_id"`
	ShopName       string `json:"shop_name"`
	OwnerID        string `json:"owner_id"`
	ThumbURL       string `json:"thumb_url,omitempty"`
	ProductVersion int64  `json:"product_version"`
}

// Variations looks up variations by id, with their products, in one call
// (GET /v1/variations?id=...; at most 200). Unknown ids are absent from
// the answer. Anyone may ask.
func (c *Client) Variations(ctx context.Context, ids []string) (map[string]VariationInfo, error) {
	out := struct {
		Items []VariationInfo `json:"items"`
	}{}
	if len(ids) == 0 {
		return map[string]VariationInfo{}, nil
	}
	if err := c.c.Get(ctx, "/v1/variations", url.Values{"id": ids}, &out); err != nil {
		return nil, err
	}
	m := make(map[string]VariationInfo, len(out.Items))
	for _, v := range out.Items {
		m[v.VariationID] = v
	}
	return m, nil
}
