package app

import (
	"errors"
	"log/slog"
	"time"

	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/clock"
)

// Worker settings.
const (
	// PollEvery is how often an idle worker looks for work it was not woken
	// for (uploads taken by another process, claims that ran out).
	PollEvery = 3 * time.Second
	// Lease is how long a claim on a photo lasts: a worker that died
	// mid-photo leaves it to another after this.
	Lease = 2 * time.Minute
	// MaxAttempts bounds the tries of a photo whose processing keeps being
	// cut short (a crash, a storage error) before it is marked failed.
	MaxAttempts = 5
)

// App runs the use cases.
type App struct {
	store    Store
	tx       Transactor
	events   Events
	blobs    blobstore.Store
	products Products
	clock    clock.Clock
	log      *slog.Logger
	// wake tells the worker that a photo was just uploaded.
	wake chan struct{}
	// slots bounds how many photos are decoded at once in this process
	// (each can take tens of megabytes), whoever asks: the worker, a test
	// or the demo seed.
	slots chan struct{}
}

// Deps are what the use cases are built from.
type Deps struct {
	Store    Store
	Tx       Transactor
	Events   Events
	Blobs    blobstore.Store
	Products Products // may be nil: products then become known from events only
	Clock    clock.Clock
	Logger   *slog.Logger
}

// New returns the use cases over d.
func New(d Deps) (*App, error) {
	if d.Store == nil || d.Tx == nil || d.Events == nil || d.Blobs == nil {
		return nil, errors.New("media app: store, transactor, events and blob store are required")
	}
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	return &App{
		store: d.Store, tx: d.Tx, events: d.Events, blobs: d.Blobs, products: d.Products,
		clock: d.Clock, log: d.Logger,
		wake: make(chan struct{}, 1), slots: make(chan struct{}, 1),
	}, nil
}

// nudge wakes the worker without waiting.
func (a *App) nudge() {
	select {
	case a.wake <- struct{}{}:
	default:
	}
}
