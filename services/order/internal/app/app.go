// Package app holds the order service's use cases, one per file: checkout
// (with its recovery), reading and listing orders, cancelling, shipping,
// expiry and the payment consumers. It declares what it needs from the
// outside (ports.go); the adapters provide it and order.go wires them.
package app

import (
	"errors"
	"log/slog"
	"time"

	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/id"
)

// Defaults of the service's timing.
const (
	DefaultHold = 15 * time.Minute // how long an unpaid order keeps its stock
	// StaleAfter is how old a checkout still reserving must be before the
	// worker finishes it: older than any request still working on it.
	StaleAfter = time.Minute
	// PollEvery is how often the worker looks for due and interrupted
	// work.
	PollEvery = 5 * time.Second
	// PerPage is the size of a page of orders.
	PerPage = 20
	// batch bounds the work the worker takes per query.
	batch = 100
	// reserveConcurrency bounds the reservations one checkout runs at once.
	reserveConcurrency = 4
)

// App runs the use cases.
type App struct {
	store     Store
	tx        Transactor
	events    Events
	catalog   Catalog
	warehouse Warehouse
	clock     clock.Clock
	hold      time.Duration
	log       *slog.Logger
	newID     func() string
}

// Deps are what the use cases are built from.
type Deps struct {
	Store     Store
	Tx        Transactor
	Events    Events
	Catalog   Catalog
	Warehouse Warehouse
	Clock     clock.Clock
	Hold      time.Duration // 0 means DefaultHold
	Logger    *slog.Logger
}

// New returns the use cases over d.
func New(d Deps) (*App, error) {
	if d.Store == nil || d.Tx == nil || d.Events == nil || d.Catalog == nil || d.Warehouse == nil {
		return nil, errors.New("order app: store, transactor, events, catalog and warehouse are required")
	}
	if d.Hold < 0 {
		return nil, errors.New("order app: the hold time cannot be negative")
	}
	if d.Hold == 0 {
		d.Hold = DefaultHold
	}
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	return &App{
		store: d.Store, tx: d.Tx, events: d.Events, catalog: d.Catalog, warehouse: d.Warehouse,
		clock: d.Clock, hold: d.Hold, log: d.Logger, newID: id.New,
	}, nil
}
