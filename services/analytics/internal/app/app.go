// Package app holds the analytics use cases, one per file: applying
// consumed events to the projections, reading the dashboards, rebuilding
// the projections from the event log. It declares what it needs in
// ports.go.
package app

import (
	"log/slog"
	"time"
)

// Analytics is the analytics application.
type Analytics struct {
	store  Store
	tx     Transactor
	decode Decoder
	now    func() time.Time
	log    *slog.Logger
}

// New returns the use cases. decode reads logged events (for rebuilds);
// now is the clock the dashboards' ranges end at.
func New(store Store, tx Transactor, decode Decoder, now func() time.Time, log *slog.Logger) *Analytics {
	if log == nil {
		log = slog.Default()
	}
	return &Analytics{store: store, tx: tx, decode: decode, now: now, log: log}
}
