// Package commentclient is the typed HTTP client of the comment service
// (product reviews) and its wire types.
package commentclient

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// Review is one user's review of a product.
type Review struct {
	ID         string    `json:"id"`
	ProductID  string    `json:"product_id"`
	ShopID     string    `json:"shop_id"`
	UserID     string    `json:"user_id"`
	AuthorName string    `json:"author_name"`
	Rating     int       `json:"rating"` // 1-5
	Body       string    `json:"body"`
	Hidden     bool      `json:"hidden"`   // hidden by an admin: shown only to admins and the author
	Verified   bool      `json:"verified"` // the author bought the product (from order.paid)
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Rating is a product's average over its visible reviews.
type Rating struct {
	ProductID string  `json:"product_id"`
	Average   float64 `json:"average"`
	Count     int64   `json:"count"`
}

// ReviewPage is one page of a product's reviews, newest first, with the
// product's rating.
type ReviewPage struct {
	Items   []Review `json:"items"`
	Rating  Rating   `json:"rating"`
	Page    int      `json:"page"`
	PerPage int      `json:"per_page"`
	Total   int64    `json:"total"`
}

// ReviewRequest writes a review: Rating 1-5; Body up to 2,000 characters
// (may be empty). AuthorName is the display name the web frontend shows
// (the signed-in user's, never a form field).
type ReviewRequest struct {
	Rating     int    `json:"rating"`
	Body       string `json:"body"`
	AuthorName string `json:"author_name,omitempty"`
}

// Client calls the comment service.
type Client struct{ c *httpclient.Client }

// New returns a client of the comment service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("comment", baseURL, opt)}
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }

// ProductReviews returns a page of a product's reviews
// (GET /v1/products/{id}/reviews). Hidden reviews are included only for
// admins (and for their author).
func (c *Client) ProductReviews(ctx context.Context, productID string, page int) (ReviewPage, error) {
	var out ReviewPage
	err := c.c.Get(ctx, httpclient.Path("/v1/products", productID, "reviews"), url.Values{"page": {strconv.Itoa(max(page, 1))}}, &out)
	return out, err
}

// ShopReviews returns a page of the reviews of a shop's products
// (GET /v1/shops/{id}/reviews), for the seller dashboard.
func (c *Client) ShopReviews(ctx context.Context, shopID string, page int) (ReviewPage, error) {
	var out ReviewPage
	err := c.c.Get(ctx, httpclient.Path("/v1/shops", shopID, "reviews"), url.Values{"page": {strconv.Itoa(max(page, 1))}}, &out)
	return out, err
}

// Ratings returns the ratings of several products at once
// (GET /v1/ratings?product_id=...); products without reviews are absent.
func (c *Client) Ratings(ctx context.Context, productIDs []string) (map[string]Rating, error) {
	out := struct {
		Items map[string]Rating `json:"items"`
	}{}
	if len(productIDs) == 0 {
		return map[string]Rating{}, nil
	}
	err := c.c.Get(ctx, "/v1/ratings", url.Values{"product_id": productIDs}, &out)
	return out.Items, err
}

// Mine returns the acting user's review of a product, or fault.NotFound
// (GET /v1/products/{id}/reviews/mine).
func (c *Client) Mine(ctx context.Context, productID string) (Review, error) {
	var r Review
	err := c.c.Get(ctx, httpclient.Path("/v1/products", productID, "reviews", "mine"), nil, &r)
	return r, err
}

// Create adds the acting user's review of a product
// (POST /v1/products/{id}/reviews). One per user and product: a second is
// fault.Conflict. An unknown product is fault.NotFound.
func (c *Client) Create(ctx context.Context, productID string, r ReviewRequest) (Review, error) {
	var out Review
	err := c.c.Post(ctx, httpclient.Path("/v1/products", productID, "reviews"), r, &out)
	return out, err
}

// Update edits the acting user's own review (PUT /v1/reviews/{id}).
func (c *Client) Update(ctx context.Context, reviewID string, r ReviewRequest) (Review, error) {
	var out Review
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: httpclient.Path("/v1/reviews", reviewID), Body: r, Out: &out})
	return out, err
}

// Delete removes a review; its author or an admin may (DELETE /v1/reviews/{id}).
func (c *Client) Delete(ctx context.Context, reviewID string) error {
	return c.c.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: httpclient.Path("/v1/reviews", reviewID)})
}

// SetHidden hides a review from shoppers or shows it again; admins only
// (PUT /v1/reviews/{id}/hidden).
func (c *Client) SetHidden(ctx context.Context, reviewID string, hidden bool) (Review, error) {
	var out Review
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: httpclient.Path("/v1/reviews", reviewID, "hidden"),
		Body: map[string]bool{"hidden": hidden}, Out: &out})
	return out, err
}
