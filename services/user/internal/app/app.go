package app

import (
	"errors"
	"log/slog"

	"github.com/marketplace/marketplace/services/platform/clock"
)

// App runs the use cases.
type App struct {
	store  Store
	tx     Transactor
	events Events
	clock  clock.Clock
	hasher *Hasher
	ips    *ipLimiter
	log    *slog.Logger
}

// Deps are what the use cases are built from.
type Deps struct {
	Store  Store
	Tx     Transactor
	Events Events
	Clock  clock.Clock
	Hasher *Hasher
	Logger *slog.Logger // optional: slog.Default()
}

// New returns the use cases over d.
func New(d Deps) (*App, error) {
	if d.Store == nil || d.Tx == nil || d.Events == nil || d.Hasher == nil {
		return nil, errors.New("user app: store, transactor, events and hasher are required")
	}
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	return &App{
		store: d.Store, tx: d.Tx, events: d.Events, clock: d.Clock, hasher: d.Hasher,
		ips: newIPLimiter(IPFailures, IPWindow), log: d.Logger,
	}, nil
}
