// Package app holds the warehouse's use cases, one per file. It declares
// what it needs from the outside here; the adapters provide it and
// warehouse.go wires them by hand.
package app

import (
	"context"
	"time"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

// Store keeps stock, the ledger, reservations and what is known of
// products. Every method runs in the transaction in ctx, if any.
type Store interface {
	// Stock returns one variation's row or domain.ErrUnknownVariation.
	Stock(ctx context.Context, variationID string) (domain.Stock, error)
	// Stocks returns the rows of the ids that exist, by id.
	Stocks(ctx context.Context, variationIDs []string) (map[string]domain.Stock, error)
	// ProductStock returns every row of a product (retired ones too),
	// ordered by variation id.
	ProductStock(ctx context.Context, productID string) ([]domain.Stock, error)
	// InsertStock adds a row unless one exists for the variation and
	// reports whether it did.
	InsertStock(ctx context.Context, s domain.Stock) (bool, error)
	// Move applies d to a row with ONE conditional update that succeeds only
	// if no count goes below zero (and, when live, the row is not retired),
	// bumping the version. It reports whether a row was changed.
	Move(ctx context.Context, variationID string, d domain.Delta, live bool, at time.Time) (bool, error)
	// SetAvailable makes a live row's Available exactly n if its version is
	// still version, bumping the version; it reports whether it did.
	SetAvailable(ctx context.Context, variationID string, n, version int64, at time.Time) (bool, error)
	// AddMovement appends to the ledger.
	AddMovement(ctx context.Context, m domain.Movement) error
	// Movements returns a variation's newest movements first.
	Movements(ctx context.Context, variationID string, limit int) ([]domain.Movement, error)
	// HasMovements reports whether the ledger has any line for a variation.
	HasMovements(ctx context.Context, variationID string) (bool, error)

	// InsertReservation adds a reservation (without its lines) unless one
	// exists for the order, and reports whether it did. A concurrent insert
	// of the same order waits for the other transaction (primary key), so
	// exactly one of them creates it.
	InsertReservation(ctx context.Context, r domain.Reservation) (bool, error)
	// AddReservationLines stores a reservation's lines, in order.
	AddReservationLines(ctx context.Context, orderID string, lines []domain.Line) error
	// Reservation returns an order's reservation or fault.NotFound.
	Reservation(ctx context.Context, orderID string) (domain.Reservation, error)
	// SetReservationState moves a reservation from one state to another if
	// it is still in from, and reports whether it did.
	SetReservationState(ctx context.Context, orderID, from, to string, at time.Time) (bool, error)

	// Product returns what is known of a product, and whether anything is.
	Product(ctx context.Context, productID string) (domain.ProductInfo, bool, error)
	// SaveProduct inserts or replaces what is known of a product.
	SaveProduct(ctx context.Context, p domain.ProductInfo) error
	// LockProduct takes the write locks of a product's stock rows in
	// variation-id order (PostgreSQL; SQLite transactions are serial).
	LockProduct(ctx context.Context, productID string) error
	// SetOwner records a product's shop and owner on its stock rows.
	SetOwner(ctx context.Context, productID, shopID, ownerID string, at time.Time) error
	// SetRetired retires (or revives) a product's rows: those in ids, or
	// with except, those not in ids.
	SetRetired(ctx context.Context, productID string, ids []string, except, retired bool, at time.Time) error
	// RetireVariations retires the rows with these ids, whatever product
	// they are recorded under.
	RetireVariations(ctx context.Context, ids []string, at time.Time) error

	// Audit compares every row with its ledger and reservations and returns
	// the rows that do not add up, and how many rows it checked.
	Audit(ctx context.Context) ([]domain.AuditRow, int64, error)
}

// Transactor runs fn in one database transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Events records outgoing events in the transaction in ctx (the outbox).
type Events interface {
	Add(ctx context.Context, events ...eventbus.Payload) error
}

// CatalogProduct is a product as the product service describes it now.
type CatalogProduct struct {
	ProductID    string
	ShopID       string
	OwnerID      string
	VariationIDs []string
}

// Catalog asks the product service about a product: fault.NotFound when it
// has none, another error when it cannot answer.
type Catalog interface {
	Product(ctx context.Context, productID string) (CatalogProduct, error)
}
