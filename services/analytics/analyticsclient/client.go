// Package analyticsclient is the typed HTTP client of the analytics
// service and its wire types.
package analyticsclient

import (
	"context"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// DayCount is one day's value of a metric.
type DayCount struct {
	Day   string `json:"day"` // YYYY-MM-DD, UTC
	Count int64  `json:"count"`
}

// PlatformSummary is the admin dashboard's headline numbers.
type PlatformSummary struct {
	UsersTotal int64      `json:"users_total"`
	Signups    []DayCount `json:"signups"` // the last 30 days, oldest first, days without signups included
}

// Client calls the analytics service.
type Client struct{ c *httpclient.Client }

// New returns a client of the analytics service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("analytics", baseURL, opt)}
}

// PlatformSummary returns the platform's numbers; admins only.
func (c *Client) PlatformSummary(ctx context.Context) (PlatformSummary, error) {
	var s PlatformSummary
	err := c.c.Get(ctx, "/v1/platform/summary", nil, &s)
	return s, err
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }
