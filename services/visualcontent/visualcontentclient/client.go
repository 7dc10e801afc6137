// Package visualcontentclient is the typed HTTP client of the visual
// content service (site-wide banners and sliders) and its wire types.
package visualcontentclient

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// Placements.
const (
	Hero   = "hero"   // the wide banner at the top of the home page: 1920x600
	Slider = "slider" // the home page's slider: 1200x400
)

// Banner states.
const (
	StatusDraft    = "draft"    // settings saved, no image yet
	StatusPending  = "pending"  // image accepted, sizes being made
	StatusReady    = "ready"    // shown when active and in its window
	StatusFailed   = "failed"   // the image could not be processed (Error says why)
	StatusDeleting = "deleting" // deletion accepted, files being removed
)

// MaxUploadBytes is the largest image accepted (10 MiB, as for product
// photos).
const MaxUploadBytes = 10 << 20

// Image is one size of a banner. URL is a path the web frontend serves
// (/banners/...).
type Image struct {
	Width  int    `json:"width"`
	Height int    `json:"height"`
	URL    string `json:"url"`
}

// Banner is a site-wide banner.
type Banner struct {
	ID        string     `json:"id"`
	Placement string     `json:"placement"`
	Title     string     `json:"title"`
	LinkURL   string     `json:"link_url"`
	Alt       string     `json:"alt"`
	Position  int        `json:"position"`
	StartsAt  *time.Time `json:"starts_at,omitempty"`
	EndsAt    *time.Time `json:"ends_at,omitempty"`
	Active    bool       `json:"active"`
	Status    string     `json:"status"`
	Error     string     `json:"error,omitempty"`
	Images    []Image    `json:"images"` // widest first; set when ready
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// BannerRequest creates or edits a banner. Placement is hero or slider;
// Title 1-120 characters; LinkURL empty, a path on this site ("/products")
// or an http(s) URL; Alt up to 200 characters (default: the title);
// Position 0-1000; a schedule is optional, and EndsAt must be after
// StartsAt.
type BannerRequest struct {
	Placement string     `json:"placement"`
	Title     string     `json:"title"`
	LinkURL   string     `json:"link_url"`
	Alt       string     `json:"alt"`
	Position  int        `json:"position"`
	StartsAt  *time.Time `json:"starts_at,omitempty"`
	EndsAt    *time.Time `json:"ends_at,omitempty"`
	Active    *bool      `json:"active,omitempty"` // edit only; new banners are active
}

// Client calls the visual content service.
type Client struct{ c *httpclient.Client }

// New returns a client of the visual content service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("visualcontent", baseURL, opt)}
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }

// Create saves a new banner's settings, as a draft; admins only
// (POST /v1/banners). Its image comes with SetImage.
func (c *Client) Create(ctx context.Context, r BannerRequest) (Banner, error) {
	var b Banner
	err := c.c.Post(ctx, "/v1/banners", r, &b)
	return b, err
}

// SetImage uploads a banner's image (PUT /v1/banners/{id}/image, the file
// as the raw body): checked as product photos are (size, format from the
// bytes, pixels from the header), stored as pending and announced with
// visual_content.admin_uploaded; admins only.
func (c *Client) SetImage(ctx context.Context, id string, body io.Reader) (Banner, error) {
	var b Banner
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: httpclient.Path("/v1/banners", id, "image"),
		RawBody: body, ContentType: "application/octet-stream", Out: &b})
	return b, err
}

// Update edits a banner's settings, activates or deactivates it; admins
// only (PUT /v1/banners/{id}).
func (c *Client) Update(ctx context.Context, id string, r BannerRequest) (Banner, error) {
	var b Banner
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: httpclient.Path("/v1/banners", id), Body: r, Out: &b})
	return b, err
}

// Delete asks for a banner's deletion (DELETE /v1/banners/{id}): it is
// announced with visual_content.admin_deleted and done by the service's
// consumer; admins only.
func (c *Client) Delete(ctx context.Context, id string) error {
	return c.c.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: httpclient.Path("/v1/banners", id)})
}

// Reorder sets the order of a placement's banners: ids first to last
// (POST /v1/banners/order); admins only.
func (c *Client) Reorder(ctx context.Context, placement string, ids []string) error {
	return c.c.Post(ctx, "/v1/banners/order", map[string]any{"placement": placement, "ids": ids}, nil)
}

// List returns every banner with its state, by placement and position;
// admins only (GET /v1/banners).
func (c *Client) List(ctx context.Context) ([]Banner, error) {
	var out struct {
		Items []Banner `json:"items"`
	}
	err := c.c.Get(ctx, "/v1/banners", nil, &out)
	return out.Items, err
}

// Get returns one banner; admins only (GET /v1/banners/{id}).
func (c *Client) Get(ctx context.Context, id string) (Banner, error) {
	var b Banner
	err := c.c.Get(ctx, httpclient.Path("/v1/banners", id), nil, &b)
	return b, err
}

// Showing returns the banners the home page shows (GET /v1/banners/showing):
// ready, active, in their window, by placement and position. at, when not
// zero, asks for another moment; only admins may (to preview a schedule),
// for others it is now.
func (c *Client) Showing(ctx context.Context, at time.Time) ([]Banner, error) {
	var v url.Values
	if !at.IsZero() {
		v = url.Values{"at": {at.UTC().Format(time.RFC3339)}}
	}
	var out struct {
		Items []Banner `json:"items"`
	}
	err := c.c.Get(ctx, "/v1/banners/showing", v, &out)
	return out.Items, err
}

// File streams a banner image for the web frontend to serve
// (GET /v1/files/{path}, where path is what follows /banners/ in an image
// URL). The caller closes the body.
func (c *Client) File(ctx context.Context, path string, header http.Header) (*http.Response, error) {
	p, err := httpclient.FilePath("/v1/files", path)
	if err != nil {
		return nil, err
	}
	return c.c.Stream(ctx, p, header)
}
