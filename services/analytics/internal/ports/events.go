package ports

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"time"

	"github.com/marketplace/marketplace/services/analytics/internal/app"
	"github.com/marketplace/marketplace/services/analytics/internal/domain"
	"github.com/marketplace/marketplace/services/cart/cartevents"
	"github.com/marketplace/marketplace/services/comment/commentevents"
	"github.com/marketplace/marketplace/services/media/mediaevents"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/shop/shopevents"
	"github.com/marketplace/marketplace/services/user/userevents"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentevents"
	"github.com/marketplace/marketplace/services/warehouse/warehouseevents"
)

// decoder reads one event type's payload and says what it tells.
type decoder func(env eventbus.Envelope) (domain.Facts, error)

// on makes the decoder of payload type T from what its payload tells.
func on[T eventbus.Payload](facts func(env eventbus.Envelope, p T) domain.Facts) (string, decoder) {
	var zero T
	return zero.EventName(), func(env eventbus.Envelope) (domain.Facts, error) {
		p, err := eventbus.Decode[T](env) // a payload that does not fit is Permanent
		if err != nil {
			return domain.Facts{}, err
		}
		if facts == nil {
			return domain.Facts{}, nil
		}
		return facts(env, p), nil
	}
}

// logged is a decoder for an event analytics keeps in its log without a
// projection of it (yet): checked, and saying nothing.
func logged[T eventbus.Payload]() (string, decoder) { return on[T](nil) }

// decoders are the events analytics consumes: the seed's list (orders,
// payments, users, shops, reviews, carts) and the product, stock, product
// image and visual content events, which it logs for projections to come.
var decoders = map[string]decoder{}

func register(name string, d decoder) { decoders[name] = d }

func init() {
	register(on(func(env eventbus.Envelope, e userevents.UserCreated) domain.Facts {
		return domain.Facts{Users: []domain.User{{ID: e.UserID, CreatedAt: at(e.CreatedAt, env)}}}
	}))
	register(on(func(env eventbus.Envelope, e userevents.UserDeleted) domain.Facts {
		return domain.Facts{Users: []domain.User{{ID: e.UserID, DeletedAt: at(e.DeletedAt, env)}}}
	}))
	register(on(func(env eventbus.Envelope, e shopevents.ShopCreated) domain.Facts {
		return domain.Facts{Shops: []domain.Shop{{ID: e.ShopID, OwnerID: e.OwnerID, Name: e.Name, NameVersion: e.Version, CreatedAt: at(e.CreatedAt, env)}}}
	}))
	register(on(func(_ eventbus.Envelope, e shopevents.ShopUpdated) domain.Facts {
		return domain.Facts{Shops: []domain.Shop{{ID: e.ShopID, OwnerID: e.OwnerID, Name: e.Name, NameVersion: e.Version}}}
	}))
	register(on(func(env eventbus.Envelope, e shopevents.ShopDeleted) domain.Facts {
		return domain.Facts{Shops: []domain.Shop{{ID: e.ShopID, OwnerID: e.OwnerID, DeletedAt: at(e.DeletedAt, env)}}}
	}))
	register(on(func(env eventbus.Envelope, e orderevents.OrderCreated) domain.Facts {
		o := order(e.Order)
		o.Order.CreatedAt = at(e.CreatedAt, env)
		return domain.Facts{Orders: []domain.OrderFact{o}}
	}))
	register(on(func(env eventbus.Envelope, e orderevents.OrderPaid) domain.Facts {
		o := order(e.Order)
		o.Order.PaidAt = at(e.PaidAt, env)
		return domain.Facts{Orders: []domain.OrderFact{o}}
	}))
	register(on(func(env eventbus.Envelope, e orderevents.OrderCancelled) domain.Facts {
		o := order(e.Order)
		o.Order.CancelledAt = at(e.CancelledAt, env)
		return domain.Facts{Orders: []domain.OrderFact{o}}
	}))
	register(on(func(_ eventbus.Envelope, e orderevents.OrderShipped) domain.Facts {
		return domain.Facts{Orders: []domain.OrderFact{order(e.Order)}}
	}))
	register(on(func(env eventbus.Envelope, e paymentevents.PaymentSucceeded) domain.Facts {
		return domain.Facts{Attempts: []domain.Attempt{attempt(env, e.Attempt, domain.OutcomeSucceeded)}}
	}))
	register(on(func(env eventbus.Envelope, e paymentevents.PaymentFailed) domain.Facts {
		return domain.Facts{Attempts: []domain.Attempt{attempt(env, e.Attempt, domain.OutcomeFailed)}}
	}))
	register(on(func(env eventbus.Envelope, e commentevents.CommentCreated) domain.Facts {
		r := review(e.Review)
		r.CreatedAt = at(e.CreatedAt, env)
		return domain.Facts{Reviews: []domain.Review{r}}
	}))
	register(on(func(_ eventbus.Envelope, e commentevents.CommentUpdated) domain.Facts {
		r := review(e.Review)
		r.Hidden = e.Hidden
		return domain.Facts{Reviews: []domain.Review{r}}
	}))
	register(on(func(_ eventbus.Envelope, e commentevents.CommentDeleted) domain.Facts {
		r := review(e.Review)
		r.Deleted = true
		return domain.Facts{Reviews: []domain.Review{r}}
	}))
	register(on(func(env eventbus.Envelope, e cartevents.CartCreated) domain.Facts {
		return domain.Facts{CartActivity: cartDays(e.Cart, at(e.CreatedAt, env))}
	}))
	register(on(func(env eventbus.Envelope, e cartevents.CartUpdated) domain.Facts {
		return domain.Facts{CartActivity: cartDays(e.Cart, at(e.UpdatedAt, env))}
	}))
	register(on(func(env eventbus.Envelope, e cartevents.CartCheckedOut) domain.Facts {
		return domain.Facts{Checkouts: cartDays(e.Cart, at(e.At, env))}
	}))
	register(logged[cartevents.CartDeleted]())
	register(logged[productevents.ProductCreated]())
	register(logged[productevents.ProductUpdated]())
	register(logged[productevents.ProductDeleted]())
	register(logged[warehouseevents.StockIncreased]())
	register(logged[warehouseevents.StockDecreased]())
	register(logged[mediaevents.ProductImageUploaded]())
	register(logged[mediaevents.ProductImageDeleted]())
	register(logged[visualcontentevents.BannerUploaded]())
	register(logged[visualcontentevents.BannerDeleted]())
}

// at is an event's own time for what it tells, in UTC at the precision
// both databases keep; the envelope's time when the payload has none.
// Never the clock: a replay must find the same days.
func at(t time.Time, env eventbus.Envelope) time.Time {
	if t.IsZero() {
		t = env.OccurredAt
	}
	return t.UTC().Truncate(time.Microsecond)
}

func order(o orderevents.Order) domain.OrderFact {
	f := domain.OrderFact{Order: domain.Order{
		ID: o.OrderID, ShopID: o.ShopID, OwnerID: o.ShopOwnerID, Currency: o.Currency, Total: o.Total,
	}}
	for _, l := range o.Lines {
		f.Lines = append(f.Lines, domain.Line{ProductID: l.ProductID, Name: l.ProductName, Quantity: l.Quantity, Total: l.LineTotal})
	}
	return f
}

func attempt(env eventbus.Envelope, a paymentevents.Attempt, outcome int) domain.Attempt {
	id := a.AttemptID
	if id == "" {
		id = env.ID // an attempt without an id is one attempt per event
	}
	return domain.Attempt{ID: id, OrderID: a.OrderID, ShopID: a.ShopID, Outcome: outcome, At: at(a.At, env)}
}

func review(r commentevents.Review) domain.Review {
	return domain.Review{ID: r.CommentID, ShopID: r.ShopID, ProductID: r.ProductID, Rating: r.Rating, Version: r.Product.Version}
}

// cartDays says which shops' items the cart held on t's day.
func cartDays(c cartevents.Cart, t time.Time) []domain.CartDay {
	var out []domain.CartDay
	for _, it := range c.Items {
		if it.ShopID == "" || it.Quantity <= 0 {
			continue
		}
		d := domain.CartDay{ShopID: it.ShopID, Day: domain.Day(t), CartID: c.CartID}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// Decode reads a logged event, for rebuilds. An event of a type analytics
// no longer consumes says nothing.
func Decode(e app.Event) (domain.Facts, error) {
	d, ok := decoders[e.Type]
	if !ok {
		return domain.Facts{}, nil
	}
	return d(eventbus.Envelope{ID: e.ID, Type: e.Type, Source: e.Source, OccurredAt: e.OccurredAt, Data: json.RawMessage(e.Data)})
}

// Subscribe registers a handler for every consumed event: it decodes the
// payload, then logs the event and applies what it tells in one
// transaction (the log is the inbox: see app.Consume).
func Subscribe(r *eventbus.Router, a *app.Analytics) {
	for _, name := range slices.Sorted(maps.Keys(decoders)) {
		decode := decoders[name]
		r.Handle(name, func(ctx context.Context, env eventbus.Envelope) error {
			f, err := decode(env)
			if err != nil {
				return err
			}
			return a.Consume(ctx, record(env), f)
		})
	}
}

func record(env eventbus.Envelope) app.Event {
	return app.Event{ID: env.ID, Type: env.Type, Source: env.Source, OccurredAt: env.OccurredAt, Data: string(env.Data)}
}
