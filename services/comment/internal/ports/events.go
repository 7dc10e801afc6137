package ports

import (
	"context"

	"github.com/marketplace/marketplace/services/comment/internal/app"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/user/userevents"
)

// Subscribe registers the event handlers. The router wraps each in the
// inbox transaction, which the use cases join.
func Subscribe(r *eventbus.Router, a *app.App) {
	// Both events are final (a deleted user or product does not come
	// back), so no version comparison is needed: applying one late or
	// twice finds nothing more to delete.
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev userevents.UserDeleted) error {
		return a.ForgetUser(ctx, ev.UserID)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev productevents.ProductDeleted) error {
		return a.ForgetProduct(ctx, ev.ProductID)
	})
}
