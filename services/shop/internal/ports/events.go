package ports

import (
	"context"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/shop/internal/app"
	"github.com/marketplace/marketplace/services/user/userevents"
)

// Subscribe registers the event handlers of the shop service's queue; the
// router wraps each in the inbox transaction.
func Subscribe(r *eventbus.Router, a *app.App) {
	// A deleted user's shop closes, announced as shop.deleted.
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e userevents.UserDeleted) error {
		return a.OwnerDeleted(ctx, e.UserID)
	})
}
