// Package opsclient is the client of the operations every service that
// consumes events answers (the host mounts them): its dead letters, listed
// and replayed. The admin area uses it for every service alike.
package opsclient

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// DeadLetter is an event that kept failing in a service's queue.
type DeadLetter struct {
	EventID    string    `json:"event_id"`
	Type       string    `json:"type"`
	Source     string    `json:"source"`
	OccurredAt time.Time `json:"occurred_at"`
	FailedAt   time.Time `json:"failed_at"`
	Reason     string    `json:"reason"`
	Data       string    `json:"data"` // the payload, as JSON
}

// DeadLetters is a queue's dead letters.
type DeadLetters struct {
	Service string       `json:"service"`
	Queue   string       `json:"queue"`
	Items   []DeadLetter `json:"items"`
}

// Client calls one service's operations.
type Client struct {
	name string
	c    *httpclient.Client
}

// New returns a client of service name at baseURL.
func New(name, baseURL string, opt httpclient.Options) *Client {
	return &Client{name: name, c: httpclient.New(name, baseURL, opt)}
}

// Name is the service's name.
func (c *Client) Name() string { return c.name }

// DeadLetters lists up to limit dead letters of the service's queue, oldest
// first; admins only (GET /v1/ops/dead-letters).
func (c *Client) DeadLetters(ctx context.Context, limit int) (DeadLetters, error) {
	var out DeadLetters
	err := c.c.Get(ctx, "/v1/ops/dead-letters", url.Values{"limit": {strconv.Itoa(limit)}}, &out)
	return out, err
}

// Replay puts dead letters back on the service's queue: those with the
// given event ids, or all when ids is empty; admins only
// (POST /v1/ops/dead-letters/replay). It returns how many.
func (c *Client) Replay(ctx context.Context, ids []string) (int, error) {
	var out struct {
		Replayed int `json:"replayed"`
	}
	err := c.c.Post(ctx, "/v1/ops/dead-letters/replay", map[string][]string{"event_ids": ids}, &out)
	return out.Replayed, err
}
