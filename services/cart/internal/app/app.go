package app

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/marketplace/marketplace/services/cart/cartevents"
	"github.com/marketplace/marketplace/services/cart/internal/domain"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Mine addresses the acting user's cart.
const Mine = "mine"

// RefreshAfter is how long a looked-up variation's thumbnail and shop name
// are trusted when missing: adding it again after that asks the product
// service anew (product events carry no images).
const RefreshAfter = time.Hour

// ErrStaleCart says a cart changed after it was loaded (the store's
// optimistic check on its version).
var ErrStaleCart = errors.New("the cart changed meanwhile")

var errSignIn = fault.Unauthenticatedf("sign in to use your cart")

// App runs the use cases.
type App struct {
	store   Store
	tx      Transactor
	events  Events
	catalog Catalog
	stock   Stock
	orders  Orders
	clock   clock.Clock
	log     *slog.Logger
}

// Deps are what the use cases are built from.
type Deps struct {
	Store   Store
	Tx      Transactor
	Events  Events
	Catalog Catalog
	Stock   Stock
	Orders  Orders
	Clock   clock.Clock
	Logger  *slog.Logger
}

// New returns the use cases over d.
func New(d Deps) (*App, error) {
	if d.Store == nil || d.Tx == nil || d.Events == nil || d.Catalog == nil || d.Stock == nil || d.Orders == nil {
		return nil, errors.New("cart app: store, transactor, events, catalog, stock and orders are required")
	}
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	return &App{store: d.Store, tx: d.Tx, events: d.Events, catalog: d.Catalog, stock: d.Stock, orders: d.Orders,
		clock: d.Clock, log: d.Logger}, nil
}

// eventCart is a cart as its events carry it: every line, in the order
// added, with its current unit price.
func eventCart(c *domain.Cart, offers map[string]domain.Offer) cartevents.Cart {
	s := domain.Summarize(c, offers)
	unit := map[string]int64{}
	for _, g := range s.Groups {
		for _, it := range g.Items {
			unit[it.VariationID] = it.UnitPrice.Amount
		}
	}
	out := cartevents.Cart{CartID: c.ID(), OwnerID: c.OwnerID(), Items: []cartevents.Item{}, Currency: s.Total.Currency, Version: c.Version()}
	for _, l := range c.Lines() {
		out.Items = append(out.Items, cartevents.Item{
			VariationID: l.VariationID, ProductID: l.ProductID, ShopID: l.ShopID,
			Quantity: l.Quantity, UnitPrice: unit[l.VariationID],
		})
	}
	return out
}

func cartCreated(c *domain.Cart, offers map[string]domain.Offer) cartevents.CartCreated {
	return cartevents.CartCreated{Cart: eventCart(c, offers), CreatedAt: c.CreatedAt()}
}

func cartUpdated(c *domain.Cart, offers map[string]domain.Offer) cartevents.CartUpdated {
	return cartevents.CartUpdated{Cart: eventCart(c, offers), UpdatedAt: c.UpdatedAt()}
}

// wrap adds context to an unexpected error; categorized errors (the
// caller's mistakes and the expected conflicts) pass as they are.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	if _, ok := fault.As(err); ok {
		return err
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
