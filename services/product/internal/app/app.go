package app

import (
	"errors"

	"github.com/marketplace/marketplace/services/platform/clock"
)

// Currency is the currency of every price in the catalog.
const Currency = "EUR"

// App runs the use cases.
type App struct {
	store  Store
	shops  ShopDirectory
	tx     Transactor
	events Events
	clock  clock.Clock
}

// Deps are what the use cases are built from. Shops may be nil: a seller
// whose shop no event has announced yet is then refused.
type Deps struct {
	Store  Store
	Shops  ShopDirectory
	Tx     Transactor
	Events Events
	Clock  clock.Clock
}

// New returns the use cases over d.
func New(d Deps) (*App, error) {
	if d.Store == nil || d.Tx == nil || d.Events == nil {
		return nil, errors.New("product app: store, transactor and events are required")
	}
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	return &App{store: d.Store, shops: d.Shops, tx: d.Tx, events: d.Events, clock: d.Clock}, nil
}
