// Package actor carries the acting user of a request through a context.
//
// The web frontend authenticates the person; services receive the actor in
// headers that they trust only together with the internal token (see
// httpserver and httpclient), and each service makes its own authorization
// decisions from it.
package actor

import "context"

// Role is what a user may do on the platform.
type Role string

// The roles.
const (
	Shopper Role = "shopper"
	Seller  Role = "seller"
	Admin   Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == Shopper || r == Seller || r == Admin }

// Actor is who is acting: a signed-in user, or nobody (the zero value).
type Actor struct {
	UserID string
	Role   Role
}

// Anonymous reports whether no user is signed in.
func (a Actor) Anonymous() bool { return a.UserID == "" }

// IsAdmin reports whether the actor is an administrator.
func (a Actor) IsAdmin() bool { return !a.Anonymous() && a.Role == Admin }

type ctxKey struct{}

// With returns ctx carrying a.
func With(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, ctxKey{}, a)
}

// From returns the actor in ctx, or the anonymous actor.
func From(ctx context.Context) Actor {
	a, _ := ctx.Value(ctxKey{}).(Actor)
	return a
}

// Header names used between services.
const (
	HeaderUserID = "X-Acting-User"
	HeaderRole   = "X-Acting-Role"
)
