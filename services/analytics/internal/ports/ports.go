// Package ports exposes analytics over the internal API and feeds it from
// events.
package ports

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/analytics/internal/app"
	"github.com/marketplace/marketplace/services/cart/cartevents"
	"github.com/marketplace/marketplace/services/comment/commentevents"
	"github.com/marketplace/marketplace/services/media/mediaevents"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/shop/shopevents"
	"github.com/marketplace/marketplace/services/user/userevents"
	"github.com/marketplace/marketplace/services/warehouse/warehouseevents"
)

// HTTP serves the analytics API.
type HTTP struct{ app *app.Analytics }

// NewHTTP returns the handlers.
func NewHTTP(a *app.Analytics) *HTTP { return &HTTP{app: a} }

// Register mounts the routes on g (/v1).
func (h *HTTP) Register(g *echo.Group) {
	g.GET("/platform/summary", h.summary)
}

func (h *HTTP) summary(c echo.Context) error {
	s, err := h.app.PlatformSummary(c.Request().Context())
	if err != nil {
		return err
	}
	out := analyticsclient.PlatformSummary{UsersTotal: s.UsersTotal, Signups: make([]analyticsclient.DayCount, 0, len(s.Signups))}
	for _, d := range s.Signups {
		out.Signups = append(out.Signups, analyticsclient.DayCount{Day: d.Day, Count: d.Count})
	}
	return c.JSON(http.StatusOK, out)
}

// logged are the events analytics keeps without a projection of its own
// yet; the dashboards will be built from them.
var logged = []eventbus.Payload{
	userevents.UserDeleted{},
	shopevents.ShopCreated{}, shopevents.ShopUpdated{}, shopevents.ShopDeleted{},
	productevents.ProductCreated{}, productevents.ProductUpdated{}, productevents.ProductDeleted{},
	warehouseevents.StockIncreased{}, warehouseevents.StockDecreased{},
	mediaevents.ProductImageUploaded{}, mediaevents.ProductImageDeleted{},
	commentevents.CommentCreated{}, commentevents.CommentUpdated{}, commentevents.CommentDeleted{},
	cartevents.CartCreated{}, cartevents.CartUpdated{}, cartevents.CartCheckedOut{}, cartevents.CartDeleted{},
	orderevents.OrderCreated{}, orderevents.OrderPaid{}, orderevents.OrderCancelled{}, orderevents.OrderShipped{},
	paymentevents.PaymentSucceeded{}, paymentevents.PaymentFailed{},
}

// Subscribe registers the event handlers. Each logs its event and applies
// it once, in one transaction (the log is the inbox: see Consume).
func Subscribe(r *eventbus.Router, a *app.Analytics) {
	eventbus.On(r, func(ctx context.Context, env eventbus.Envelope, ev userevents.UserCreated) error {
		return a.Consume(ctx, record(env), func(ctx context.Context) error { return a.UserCreated(ctx, ev.CreatedAt) })
	})
	for _, p := range logged {
		r.Handle(p.EventName(), func(ctx context.Context, env eventbus.Envelope) error {
			return a.Consume(ctx, record(env), nil)
		})
	}
}

func record(env eventbus.Envelope) app.Event {
	return app.Event{ID: env.ID, Type: env.Type, Source: env.Source, OccurredAt: env.OccurredAt, Data: string(env.Data)}
}
