// Package mediaclient is the typed HTTP client of the media service and
// its wire types.
package mediaclient

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// MaxUploadBytes is the largest photo the service accepts (10 MiB).
const MaxUploadBytes = 10 << 20

// Image states.
const (
	StatusProcessing = "processing" // accepted; variants being made
	StatusReady      = "ready"
	StatusFailed     = "failed" // could not be processed; Error says why
)

// Image is a product photo.
type Image struct {
	ID        string    `json:"id"`
	ProductID string    `json:"product_id"`
	ShopID    string    `json:"shop_id"`
	Status    string    `json:"status"`
	Error     string    `json:"error,omitempty"`
	Position  int       `json:"position"`
	Alt       string    `json:"alt"`
	ThumbURL  string    `json:"thumb_url,omitempty"`  // set when ready
	MediumURL string    `json:"medium_url,omitempty"` // set when ready
	LargeURL  string    `json:"large_url,omitempty"`  // set when ready
	CreatedAt time.Time `json:"created_at"`
}

// Client calls the media service.
type Client struct{ c *httpclient.Client }

// New returns a client of the media service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("media", baseURL, opt)}
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }

// Upload sends a photo of a product of the acting seller's shop
// (POST /v1/products/{id}/images, the file as the raw body). The format is
// read from the bytes (JPEG, PNG or GIF), not from the name or the content
// type. Too large a file is fault.TooLarge; a file that is not a supported
// image, or an image of more than 40 megapixels, is fault.Invalid. The
// image comes back in state processing.
func (c *Client) Upload(ctx context.Context, productID, alt string, body io.Reader) (Image, error) {
	var img Image
	err := c.c.Do(ctx, httpclient.Request{
		Method: http.MethodPost, Path: httpclient.Path("/v1/products", productID, "images"),
		RawBody: body, ContentType: "application/octet-stream", Out: &img,
		Header: http.Header{"X-Image-Alt": {alt}},
	})
	return img, err
}

// List returns a product's photos in order (GET /v1/products/{id}/images).
// The owning seller also sees those processing or failed; others see the
// ready ones.
func (c *Client) List(ctx context.Context, productID string) ([]Image, error) {
	var out struct {
		Items []Image `json:"items"`
	}
	err := c.c.Get(ctx, httpclient.Path("/v1/products", productID, "images"), nil, &out)
	return out.Items, err
}

// Get returns one photo (GET /v1/images/{id}).
func (c *Client) Get(ctx context.Context, imageID string) (Image, error) {
	var img Image
	err := c.c.Get(ctx, httpclient.Path("/v1/images", imageID), nil, &img)
	return img, err
}

// Delete removes a photo; the owning seller only (DELETE /v1/images/{id}).
func (c *Client) Delete(ctx context.Context, imageID string) error {
	return c.c.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: httpclient.Path("/v1/images", imageID)})
}

// File streams a stored variant for the web frontend to serve
// (GET /v1/files/{path}, where path is what follows /media/ in an image
// URL). The caller closes the body. header may carry If-None-Match.
func (c *Client) File(ctx context.Context, path string, header http.Header) (*http.Response, error) {
	p, err := httpclient.FilePath("/v1/files", path)
	if err != nil {
		return nil, err
	}
	return c.c.Stream(ctx, p, header)
}
