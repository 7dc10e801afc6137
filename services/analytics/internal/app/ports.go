package app

import (
	"context"
	"time"

	"github.com/marketplace/marketplace/services/analytics/internal/domain"
)

// Event is a consumed event as analytics keeps it in its log.
type Event struct {
	Seq              int64 // position in the log (set when read back)
	ID, Type, Source string
	OccurredAt       time.Time
	Data             string
}

// Decoder reads what a logged event says. It fails for a payload that
// does not fit its type; events analytics only logs say nothing.
type Decoder func(Event) (domain.Facts, error)

// Entities keeps one kind of entity. Its methods run in the transaction in
// ctx.
type Entities[T any] interface {
	// Lock returns the stored state of each id, creating an empty row for
	// an id never seen, and locks the rows until the transaction ends.
	// The ids are sorted, so that concurrent writers never deadlock.
	Lock(ctx context.Context, ids []string) (map[string]T, error)
	// Save stores the entities' new states.
	Save(ctx context.Context, items []T) error
}

// Store keeps the event log and the projections.
type Store interface {
	// RecordEvent keeps a consumed event in the log and reports whether it
	// is new (a redelivered event is already there).
	RecordEvent(ctx context.Context, e Event) (bool, error)
	// Events returns up to limit logged events after position after, in
	// the log's order.
	Events(ctx context.Context, after int64, limit int) ([]Event, error)

	Orders() Entities[domain.Order]
	Shops() Entities[domain.Shop]
	Users() Entities[domain.User]
	Reviews() Entities[domain.Review]
	Attempts() Entities[domain.Attempt]
	// MergeProductNames keeps, per product, the name of the greatest
	// order id (see domain.ProductName.Merge), in one statement.
	MergeProductNames(ctx context.Context, names []domain.ProductName) error
	// AddOwnerShops, AddShopCurrencies and AddCartDays record set members;
	// members already there are left alone.
	AddOwnerShops(ctx context.Context, links []domain.OwnerShop) error
	AddShopCurrencies(ctx context.Context, cs []domain.ShopCurrency) error
	AddCartDays(ctx context.Context, activity, checkouts []domain.CartDay) error
	// ApplyRollups adds changes to the daily figures and removes the rows
	// that fall back to all zeros.
	ApplyRollups(ctx context.Context, r domain.Rollups) error
	// ClearProjections empties every projection table (not the log).
	ClearProjections(ctx context.Context) error
	// ProjectionsVersion is the version the projections were last built
	// with ("" if never); SetProjectionsVersion records it.
	ProjectionsVersion(ctx context.Context) (string, error)
	SetProjectionsVersion(ctx context.Context, v string) error

	Reads
}

// Reads are the dashboards' queries.
type Reads interface {
	// ShopsOf returns the shops the user owns as far as the events told,
	// with what is known of each (a shop known only from orders has just
	// its id).
	ShopsOf(ctx context.Context, ownerID string) ([]domain.Shop, error)
	// ShopNames returns the known names of the shops.
	ShopNames(ctx context.Context, ids []string) (map[string]string, error)
	// Currency returns the smallest currency code the shop's orders (all
	// shops' orders when shopID is "") were priced in, "" when none.
	Currency(ctx context.Context, shopID string) (string, error)
	PlatformDays(ctx context.Context, from, to string) (map[string]domain.PlatformDay, error)
	// PlatformTotals sums every day's figures (all time).
	PlatformTotals(ctx context.Context) (domain.PlatformDay, error)
	ShopDays(ctx context.Context, shopID, from, to string) (map[string]domain.ShopDay, error)
	// TopProducts returns a shop's n products of most revenue in the
	// range, ties by product id.
	TopProducts(ctx context.Context, shopID, from, to string, n int) ([]TopProduct, error)
	// TopShops returns the n shops of most revenue in the range, ties by
	// shop id.
	TopShops(ctx context.Context, from, to string, n int) ([]TopShop, error)
	// Funnel counts the distinct carts that held the shop's items when
	// updated, and when checked out, in the range.
	Funnel(ctx context.Context, shopID, from, to string) (updated, checkedOut int64, err error)
}

// TopProduct is one of a shop's best sellers.
type TopProduct struct {
	ProductID, Name string
	Units, Revenue  int64
}

// TopShop is one of the platform's best sellers.
type TopShop struct {
	ShopID, Name    string
	Orders, Revenue int64
}

// Transactor runs fn in one transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}
