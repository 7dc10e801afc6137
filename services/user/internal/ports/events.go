package ports

import (
	"context"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/shop/shopevents"
	"github.com/marketplace/marketplace/services/user/internal/app"
)

// Subscribe registers the event handlers of the user service's queue; the
// router wraps each in the inbox transaction.
func Subscribe(r *eventbus.Router, a *app.App) {
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e shopevents.ShopCreated) error {
		return a.ShopChanged(ctx, app.ShopLink{ShopID: e.ShopID, UserID: e.OwnerID, Version: e.Version, Open: true})
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e shopevents.ShopDeleted) error {
		return a.ShopChanged(ctx, app.ShopLink{ShopID: e.ShopID, UserID: e.OwnerID, Version: e.Version, Open: false})
	})
}
