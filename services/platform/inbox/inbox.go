// Package inbox makes event handlers idempotent: the handler's effects and
// the record "consumer C applied event E" commit in one transaction, so a
// redelivered event finds its record and is acknowledged without being
// applied again.
package inbox

import (
	"context"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// Inbox records the events one consumer has applied.
type Inbox struct {
	db       *database.DB
	consumer string
	clock    clock.Clock
}

// New returns the inbox of consumer (its queue name) in db.
func New(db *database.DB, consumer string, clk clock.Clock) *Inbox {
	if clk == nil {
		clk = clock.System{}
	}
	return &Inbox{db: db, consumer: consumer, clock: clk}
}

// Middleware wraps h so that it runs in a transaction that also records the
// event, and is skipped for an event already recorded. Handlers use
// db.Conn(ctx) to join the transaction.
func (i *Inbox) Middleware(h eventbus.Handler) eventbus.Handler {
	return func(ctx context.Context, env eventbus.Envelope) error {
		return i.db.InTx(ctx, func(ctx context.Context) error {
			fresh, err := i.record(ctx, env.ID)
			if err != nil {
				return err
			}
			if !fresh {
				eventbus.MarkDuplicate(ctx)
				return nil
			}
			return h(ctx, env)
		})
	}
}

// record inserts the inbox row and reports whether it was new. On
// PostgreSQL a concurrent duplicate waits here for the first transaction to
// finish and then sees the row; on SQLite transactions are serial.
func (i *Inbox) record(ctx context.Context, eventID string) (bool, error) {
	res := i.db.Conn(ctx).Exec(
		`INSERT INTO processed_events (consumer, event_id, processed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
		i.consumer, eventID, i.clock.Now())
	if res.Error != nil {
		return false, fmt.Errorf("inbox %s: record %s: %w", i.consumer, eventID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// Seen reports whether the consumer has applied eventID.
func (i *Inbox) Seen(ctx context.Context, eventID string) (bool, error) {
	var n int64
	err := i.db.Conn(ctx).Raw(`SELECT count(*) FROM processed_events WHERE consumer = ? AND event_id = ?`,
		i.consumer, eventID).Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("inbox %s: look up %s: %w", i.consumer, eventID, err)
	}
	return n > 0, nil
}

// Prune forgets records older than age. Brokers redeliver within minutes;
// the records are kept far longer so that a replayed dead letter is still
// recognised.
func (i *Inbox) Prune(ctx context.Context, age time.Duration) (int64, error) {
	res := i.db.Conn(ctx).Exec(`DELETE FROM processed_events WHERE consumer = ? AND processed_at < ?`,
		i.consumer, i.clock.Now().Add(-age))
	if res.Error != nil {
		return 0, fmt.Errorf("inbox %s: prune: %w", i.consumer, res.Error)
	}
	return res.RowsAffected, nil
}
