// Package userclient is the typed HTTP client of the user service and its
// wire types. The web frontend and other services use it; errors come back
// as fault categories (fault.Invalid with Fields, fault.Conflict,
// fault.Unauthenticated, fault.NotFound, fault.Forbidden).
package userclient

import (
	"context"
	"net/http"
	"time"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// HeaderSessionToken carries a session token. Tokens travel in a header,
// never in a URL, so they stay out of access logs.
const HeaderSessionToken = "X-Session-Token"

// User is an account as other services see it.
type User struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

// RegisterRequest opens a shopper account.
type RegisterRequest struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	Password string `json:"password"`
}

// LoginRequest asks for a new session.
type LoginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	// IP is the client address as the web frontend determined it, for
	// throttling and the audit trail.
	IP string `json:"ip,omitempty"`
}

// Session is a signed-in session. Token is set only when the session is
// created; it is the only copy (the service keeps a hash).
type Session struct {
	Token     string    `json:"token,omitempty"`
	ExpiresAt time.Time `json:"expires_at"`
	User      User      `json:"user"`
}

// Client calls the user service.
type Client struct{ c *httpclient.Client }

// New returns a client of the user service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("user", baseURL, opt)}
}

// Register creates a shopper account (POST /v1/users).
func (c *Client) Register(ctx context.Context, r RegisterRequest) (User, error) {
	var u User
	err := c.c.Post(ctx, "/v1/users", r, &u)
	return u, err
}

// Login checks the credentials and opens a new session (POST /v1/sessions).
func (c *Client) Login(ctx context.Context, r LoginRequest) (Session, error) {
	var s Session
	err := c.c.Post(ctx, "/v1/sessions", r, &s)
	return s, err
}

// Resolve returns the live session of token, or fault.Unauthenticated when
// it is unknown, expired or revoked (GET /v1/session).
func (c *Client) Resolve(ctx context.Context, token string) (Session, error) {
	var s Session
	err := c.c.Do(ctx, httpclient.Request{
		Method: http.MethodGet, Path: "/v1/session", Out: &s,
		Header: http.Header{HeaderSessionToken: []string{token}},
	})
	return s, err
}

// Logout revokes the session of token (DELETE /v1/session). Revoking an
// unknown or already revoked session is not an error.
func (c *Client) Logout(ctx context.Context, token string) error {
	return c.c.Do(ctx, httpclient.Request{
		Method: http.MethodDelete, Path: "/v1/session",
		Header: http.Header{HeaderSessionToken: []string{token}},
	})
}

// Get returns one user (GET /v1/users/{id}); the acting user must be that
// user or an admin.
func (c *Client) Get(ctx context.Context, id string) (User, error) {
	var u User
	err := c.c.Get(ctx, httpclient.Path("/v1/users", id), nil, &u)
	return u, err
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }

// ProfileRequest changes what others see of an account.
type ProfileRequest struct {
	Name string `json:"name"`
}

// UpdateProfile changes the acting user's own name (PUT /v1/users/{id}).
func (c *Client) UpdateProfile(ctx context.Context, id string, r ProfileRequest) (User, error) {
	var u User
	err := c.c.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: httpclient.Path("/v1/users", id), Body: r, Out: &u})
	return u, err
}

// PasswordRequest changes a password; Current must be right.
type PasswordRequest struct {
	Current string `json:"current"`
	New     string `json:"new"`
}

// ChangePassword changes the acting user's own password
// (PUT /v1/users/{id}/password). Every other session of the user is
// revoked; a wrong current password is fault.Invalid on "current".
func (c *Client) ChangePassword(ctx context.Context, id string, r PasswordRequest) error {
	return c.c.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: httpclient.Path("/v1/users", id, "password"), Body: r})
}

// DeleteRequest confirms deleting an account with its password (an admin
// deleting someone else's account leaves it empty).
type DeleteRequest struct {
	Password string `json:"password"`
}

// Delete deletes an account (DELETE /v1/users/{id}): the user themself
// with their password, or an admin. Every session is revoked and
// user.deleted is published.
func (c *Client) Delete(ctx context.Context, id string, r DeleteRequest) error {
	return c.c.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: httpclient.Path("/v1/users", id), Body: r})
}

// ChangePasswordKeepingSession is ChangePassword for a caller that is
// signed in with the session of token: that session stays valid, every
// other session of the user is revoked.
func (c *Client) ChangePasswordKeepingSession(ctx context.Context, id, token string, r PasswordRequest) error {
	return c.c.Do(ctx, httpclient.Request{
		Method: http.MethodPut, Path: httpclient.Path("/v1/users", id, "password"), Body: r,
		Header: http.Header{HeaderSessionToken: []string{token}},
	})
}
