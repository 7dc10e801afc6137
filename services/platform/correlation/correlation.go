// Package correlation carries the ids that tie one user action to everything
// it causes: the correlation id (the same across HTTP calls and events of one
// action) and the causation id (the event that caused the current work).
package correlation

import (
	"context"

	"github.com/marketplace/marketplace/services/platform/id"
)

// Header is the HTTP header that carries the correlation id.
const Header = "X-Correlation-ID"

type corrKey struct{}
type causeKey struct{}

// With returns ctx carrying correlation id cid.
func With(ctx context.Context, cid string) context.Context {
	return context.WithValue(ctx, corrKey{}, cid)
}

// From returns the correlation id in ctx, or "".
func From(ctx context.Context) string {
	s, _ := ctx.Value(corrKey{}).(string)
	return s
}

// Ensure returns ctx with a correlation id, minting one when there is none.
func Ensure(ctx context.Context) (context.Context, string) {
	if cid := From(ctx); cid != "" {
		return ctx, cid
	}
	cid := id.New()
	return With(ctx, cid), cid
}

// WithCause returns ctx recording that the current work was caused by event
// eventID; events written from this context name it as their causation id.
func WithCause(ctx context.Context, eventID string) context.Context {
	return context.WithValue(ctx, causeKey{}, eventID)
}

// Cause returns the causing event id in ctx, or "".
func Cause(ctx context.Context) string {
	s, _ := ctx.Value(causeKey{}).(string)
	return s
}
