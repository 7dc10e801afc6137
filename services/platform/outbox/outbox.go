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
	"slices"
	"sync"
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
	// handoff carries the events of committed transactions straight to
	// the relay of this process, so they leave within milliseconds and
	// without a claim query; their rows are leased for HandoffLease, after
	// which any relay's poll takes whatever was not sent.
	handoff *handoff
}

// HandoffLease is how long the rows of a committed transaction are left to
// the relay of the process that wrote them before any relay may take them.
// It bounds how late an event is when that process dies before sending it.
const HandoffLease = 3 * time.Second

// New returns the outbox of service source, stored in db.
func New(db *database.DB, source string, clk clock.Clock) *Outbox {
	if clk == nil {
		clk = clock.System{}
	}
	return &Outbox{db: db, source: source, clock: clk, handoff: newHandoff()}
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
	envs := make([]eventbus.Envelope, 0, len(events))
	for _, p := range events {
		env, err := eventbus.NewEnvelope(ctx, o.source, p, now)
		if err != nil {
			return err
		}
		body, err := env.Marshal()
		if err != nil {
			return fmt.Errorf("outbox: encode %s: %w", env.Type, err)
		}
		rows = append(rows, row{ID: env.ID, Type: env.Type, Envelope: string(body), CreatedAt: now, AvailableAt: now.Add(HandoffLease)})
		envs = append(envs, env)
	}
	if err := o.db.Conn(ctx).Create(&rows).Error; err != nil {
		return fmt.Errorf("outbox: store %d event(s): %w", len(rows), err)
	}
	o.db.AfterCommit(ctx, func() { o.handoff.push(envs) })
	return nil
}

// maxHandoff bounds the events waiting in memory; beyond it they wait in
// the table for a poll (a broker outage, say), which costs only latency.
const maxHandoff = 10000

// handoff is the queue of committed events waiting for the relay.
type handoff struct {
	mu    sync.Mutex
	queue []eventbus.Envelope
	wake  chan struct{}
}

func newHandoff() *handoff { return &handoff{wake: make(chan struct{}, 1)} }

func (h *handoff) push(envs []eventbus.Envelope) {
	h.mu.Lock()
	room := maxHandoff - len(h.queue)
	h.queue = append(h.queue, envs[:min(len(envs), max(room, 0))]...)
	h.mu.Unlock()
	select {
	case h.wake <- struct{}{}:
	default: // a wake-up is already pending
	}
}

// take removes up to n events from the front.
func (h *handoff) take(n int) []eventbus.Envelope {
	h.mu.Lock()
	defer h.mu.Unlock()
	k := min(n, len(h.queue))
	out := slices.Clone(h.queue[:k])
	h.queue = h.queue[k:]
	if len(h.queue) == 0 {
		h.queue = nil // let the backing array go
	}
	return out
}
