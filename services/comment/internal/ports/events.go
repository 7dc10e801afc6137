package ports

import (
	"context"

	"github.com/marketplace/marketplace/services/comment/internal/app"
	"github.com/marketplace/marketplace/services/order/orderevents"
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
	// A purchase is final too: the mark is only ever added.
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev orderevents.OrderPaid) error {
		ids := make([]string, 0, len(ev.Lines))
		for _, l := range ev.Lines {
			ids = append(ids, l.ProductID)
		}
		return a.OrderPaid(ctx, ev.BuyerID, ids)
	})
}
