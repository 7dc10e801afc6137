// Package outbox makes "change state and announce it" atomic: a service
// writes its events to the outbox table in the same transaction as the state
// change, and a relay publishes them after commit, with confirms and
// retries, and deletes them once the bus has taken them.
//
// An event therefore exists on the bus if and only if its transaction
// committed; it may be published more than once (a relay can crash between
// publishing and deleting), which consumers absorb with the inbox.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// ErrNoTransaction says Add was called outside a transaction: the event
// could then be recorded without the state change it announces, or the
// other way round.
var ErrNoTransaction = errors.New("outbox: events must be added inside a transaction")

// Outbox writes one service's outgoing events.
type Outbox struct {
	db     *database.DB
	source string
	clock  clock.Clock
	// committed wakes the relay when a transaction with events commits, so
	// events leave within milliseconds instead of at the next poll.
	committed chan struct{}
}

// New returns the outbox of service source, stored in db.
func New(db *database.DB, source string, clk clock.Clock) *Outbox {
	if clk == nil {
		clk = clock.System{}
	}
	return &Outbox{db: db, source: source, clock: clk, committed: make(chan struct{}, 1)}
}

// row is the gorm model of the outbox table.
type row struct {
	ID          string `gorm:"primaryKey"`
	Type        string
	Envelope    string
	CreatedAt   time.Time
	AvailableAt time.Time
	Attempts    int
	LastError   string
}

func (row) TableName() string { return "outbox" }

// Add records events in the transaction carried by ctx.
func (o *Outbox) Add(ctx context.Context, events ...eventbus.Payload) error {
	if !o.db.InTransaction(ctx) {
		return ErrNoTransaction
	}
	if len(events) == 0 {
		return nil
	}
	now := o.clock.Now()
	rows := make([]row, 0, len(events))
	for _, p := range events {
		env, err := eventbus.NewEnvelope(ctx, o.source, p, now)
		if err != nil {
			return err
		}
		body, err := env.Marshal()
		if err != nil {
			return fmt.Errorf("outbox: encode %s: %w", env.Type, err)
		}
		rows = append(rows, row{ID: env.ID, Type: env.Type, Envelope: string(body), CreatedAt: now, AvailableAt: now})
	}
	if err := o.db.Conn(ctx).Create(&rows).Error; err != nil {
		return fmt.Errorf("outbox: store %d event(s): %w", len(rows), err)
	}
	o.db.AfterCommit(ctx, func() {
		select {
		case o.committed <- struct{}{}:
		default: // a wake-up is already pending
		}
	})
	return nil
}
