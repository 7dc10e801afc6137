package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
	"github.com/marketplace/marketplace/services/warehouse/warehouseevents"
)

// App runs the use cases.
type App struct {
	store   Store
	tx      Transactor
	events  Events
	catalog Catalog // nil: no product service to fall back on
	clock   clock.Clock
	log     *slog.Logger
}

// Deps are what the use cases are built from.
type Deps struct {
	Store   Store
	Tx      Transactor
	Events  Events
	Catalog Catalog
	Clock   clock.Clock
	Logger  *slog.Logger
}

// New returns the use cases over d.
func New(d Deps) (*App, error) {
	if d.Store == nil || d.Tx == nil || d.Events == nil {
		return nil, errors.New("warehouse app: store, transactor and events are required")
	}
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	return &App{store: d.Store, tx: d.Tx, events: d.Events, catalog: d.Catalog, clock: d.Clock, log: d.Logger}, nil
}

// record writes what a successful Move did: the ledger line and, when
// available stock changed, the stock event, both in the transaction in ctx.
// It reads the row back for the count and version after the move.
func (a *App) record(ctx context.Context, variationID, kind string, d domain.Delta, reason, ref, actorID string, at time.Time) (domain.Stock, error) {
	s, err := a.store.Stock(ctx, variationID)
	if err != nil {
		return domain.Stock{}, fmt.Errorf("read stock of %s after a %s: %w", variationID, kind, err)
	}
	m := domain.Movement{
		ID: id.New(), VariationID: variationID, Kind: kind, Delta: d,
		Reason: reason, Reference: ref, ActorID: actorID, At: at,
	}
	if err := a.store.AddMovement(ctx, m); err != nil {
		return domain.Stock{}, err
	}
	if d.Available == 0 {
		return s, nil
	}
	change := warehouseevents.StockChange{
		VariationID: s.VariationID, ProductID: s.ProductID, ShopID: s.ShopID,
		Quantity: abs(d.Available), Available: s.Sellable(), Reason: reason, Reference: ref,
		MovementID: m.ID, Version: s.Version, At: at,
	}
	if d.Available > 0 {
		err = a.events.Add(ctx, warehouseevents.StockIncreased{StockChange: change})
	} else {
		err = a.events.Add(ctx, warehouseevents.StockDecreased{StockChange: change})
	}
	if err != nil {
		return domain.Stock{}, err
	}
	return s, nil
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

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
