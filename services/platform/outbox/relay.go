package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// Relay publishes an outbox's pending events. Several relays may run on one
// database at once (several instances of a service): each claims a batch
// with a lease, on PostgreSQL with FOR UPDATE SKIP LOCKED, so a row goes to
// one relay at a time, and a crashed relay's rows return when the lease ends.
type Relay struct {
	outbox  *Outbox
	pub     eventbus.Publisher
	log     *slog.Logger
	batch   int
	poll    time.Duration
	lease   time.Duration
	timeout time.Duration

	published prometheus.Counter
	failed    prometheus.Counter
}

// RelayOptions tune a relay; zero values pick the defaults.
type RelayOptions struct {
	Batch        int           // rows per claim (default 200)
	PollInterval time.Duration // how often to look when not woken (default 250ms)
	Lease        time.Duration // how long a claim lasts (default 30s)
	Logger       *slog.Logger
	Registerer   prometheus.Registerer // where to register metrics (nil: none)
}

// NewRelay returns a relay publishing o's events to pub.
func NewRelay(o *Outbox, pub eventbus.Publisher, opt RelayOptions) *Relay {
	r := &Relay{
		outbox: o, pub: pub, log: opt.Logger,
		batch: opt.Batch, poll: opt.PollInterval, lease: opt.Lease,
		published: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "marketplace_outbox_published_total", Help: "Outbox events confirmed by the bus.",
		}),
		failed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "marketplace_outbox_publish_failures_total", Help: "Outbox events the bus did not take on an attempt.",
		}),
	}
	if r.log == nil {
		r.log = slog.Default()
	}
	if r.batch <= 0 {
		r.batch = 200
	}
	if r.poll <= 0 {
		r.poll = 250 * time.Millisecond
	}
	if r.lease <= 0 {
		r.lease = 30 * time.Second
	}
	// A publish must end well inside the lease, or another relay could take
	// the same rows while this one still works on them.
	r.timeout = r.lease * 2 / 3
	if opt.Registerer != nil {
		opt.Registerer.MustRegister(r.published, r.failed, prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "marketplace_outbox_backlog", Help: "Events in the outbox not yet confirmed by the bus.",
		}, func() float64 {
			// A scrape is not work the service does for anyone: not counted.
			n, err := o.Pending(database.Quiet(context.Background()))
			if err != nil {
				return -1
			}
			return float64(n)
		}))
	}
	return r
}

// Pending counts the events not yet published.
func (o *Outbox) Pending(ctx context.Context) (int64, error) {
	var n int64
	if err := o.db.Conn(ctx).Model(&row{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("outbox: count pending: %w", err)
	}
	return n, nil
}

// Run publishes until ctx ends. It wakes when a transaction with events
// commits in this process, and polls otherwise (for other processes and for
// retries). A failing bus makes it back off, never give up.
func (r *Relay) Run(ctx context.Context) error {
	const minWait, maxWait = 100 * time.Millisecond, 5 * time.Second
	wait := minWait
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		n, err := r.Flush(ctx)
		if ctx.Err() != nil {
			return nil
		}
		switch {
		case err != nil:
			r.log.Warn("outbox relay: publish failed, backing off", "source", r.outbox.source, "wait", wait, "err", err)
			timer.Reset(wait)
			wait = min(wait*2, maxWait)
			select {
			case <-timer.C:
			case <-ctx.Done():
				return nil
			}
			continue
		case n == r.batch:
			wait = minWait
			continue // more may be waiting
		}
		wait = minWait
		timer.Reset(r.poll)
		select {
		case <-r.outbox.handoff.wake:
			if !timer.Stop() {
				<-timer.C
			}
		case <-timer.C:
		case <-ctx.Done():
			return nil
		}
	}
}

// Flush publishes one batch: the events committed in this process and
// handed over in memory if there are any, else the due rows it claims from
// the table (retries, and events whose writer died or never sent them). It
// settles each: deleted when the bus took it, delayed with a backoff when
// not. It returns how many events it handled, and finishes a batch it
// started even when ctx ends, within the relay's publish timeout.
func (r *Relay) Flush(ctx context.Context) (int, error) {
	if batch := r.outbox.handoff.take(r.batch); len(batch) > 0 {
		return len(batch), r.send(ctx, batch, nil)
	}
	claimed, err := r.claim(ctx)
	if err != nil || len(claimed) == 0 {
		return 0, err
	}
	batch := make([]eventbus.Envelope, 0, len(claimed))
	attempts := make(map[string]int, len(claimed))
	for _, c := range claimed {
		env, err := eventbus.Unmarshal([]byte(c.Envelope))
		if err != nil {
			// Cannot happen for rows written by Add; keep the row for a human.
			r.log.Error("outbox relay: unreadable row", "id", c.ID, "err", err)
			continue
		}
		batch = append(batch, env)
		attempts[env.ID] = c.Attempts
	}
	return len(claimed), r.send(ctx, batch, attempts)
}

// send publishes batch and settles its rows; attempts holds the attempts
// so far of each row (none for handed-over events).
func (r *Relay) send(ctx context.Context, batch []eventbus.Envelope, attempts map[string]int) error {
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.timeout)
	defer cancel()
	pubErr := r.pub.Publish(pctx, batch)
	failed := eventbus.FailedIDs(pubErr, batch)
	var pe *eventbus.PublishError
	perMessage := errors.As(pubErr, &pe)

	done := make([]string, 0, len(batch))
	for _, env := range batch {
		if _, bad := failed[env.ID]; !bad {
			done = append(done, env.ID)
		}
	}
	r.published.Add(float64(len(done)))
	r.failed.Add(float64(len(failed)))
	if err := r.settle(pctx, attempts, done, failed, perMessage); err != nil {
		return err
	}
	if pubErr != nil && !perMessage {
		return fmt.Errorf("outbox relay %s: %w", r.outbox.source, pubErr)
	}
	if len(failed) > 0 {
		r.log.Warn("outbox relay: events not taken, will retry", "source", r.outbox.source, "count", len(failed), "err", pubErr)
	}
	return nil
}

type claimedRow struct {
	ID       string
	Envelope string
	Attempts int
}

func (r *Relay) claim(ctx context.Context) ([]claimedRow, error) {
	db := r.outbox.db
	now := r.outbox.clock.Now()
	lock := ""
	if db.Dialect() == database.Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	q := `UPDATE outbox SET available_at = ? WHERE id IN (
		SELECT id FROM outbox WHERE available_at <= ? ORDER BY id LIMIT ?` + lock + `)
		RETURNING id, envelope, attempts`
	var rows []claimedRow
	// An empty poll is not counted as a statement: it is the relay
	// waiting, not work.
	qctx := database.Quiet(ctx)
	run := func(ctx context.Context) error {
		return db.Conn(ctx).Raw(q, now.Add(r.lease), now, r.batch).Scan(&rows).Error
	}
	var err error
	if db.Dialect() == database.Postgres {
		err = run(qctx) // one statement, atomic by itself; SKIP LOCKED keeps claims apart
	} else {
		// SQLite: the transaction takes the write lock first, which is
		// what makes two claims exclusive there.
		err = db.InTx(qctx, run)
	}
	if len(rows) > 0 {
		db.CountStatements(1)
	}
	if err != nil {
		return nil, fmt.Errorf("outbox relay %s: claim: %w", r.outbox.source, err)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
	return rows, nil
}

// settle deletes the published rows and schedules the others. A row the
// bus refused by itself (unroutable, nacked) waits an exponential backoff; a
// batch lost with the connection is released at once, since the loop backs
// off as a whole.
func (r *Relay) settle(ctx context.Context, attempts map[string]int, done []string, failed map[string]error, perMessage bool) error {
	db := r.outbox.db
	now := r.outbox.clock.Now()
	deleteDone := func(ctx context.Context) error {
		if len(done) == 0 {
			return nil
		}
		if err := db.Conn(ctx).Exec(`DELETE FROM outbox WHERE id IN ?`, done).Error; err != nil {
			return fmt.Errorf("outbox relay %s: delete published: %w", r.outbox.source, err)
		}
		return nil
	}
	if len(failed) == 0 {
		// The usual case: one statement, atomic by itself, so no
		// transaction around it (its BEGIN and COMMIT would double the
		// round trips the relay costs the database).
		return deleteDone(ctx)
	}
	return db.InTx(ctx, func(ctx context.Context) error {
		if err := deleteDone(ctx); err != nil {
			return err
		}
		for id, cause := range failed {
			next := now
			if perMessage {
				next = now.Add(retryDelay(attempts[id] + 1))
			}
			msg := cause.Error()
			if len(msg) > 500 {
				msg = msg[:500]
			}
			if err := db.Conn(ctx).Exec(`UPDATE outbox SET attempts = attempts + 1, available_at = ?, last_error = ? WHERE id = ?`,
				next, msg, id).Error; err != nil {
				return fmt.Errorf("outbox relay %s: reschedule %s: %w", r.outbox.source, id, err)
			}
		}
		return nil
	})
}

// retryDelay is the wait before the n-th retry of a refused event: 1s
// doubling to at most a minute.
func retryDelay(n int) time.Duration {
	d := time.Second << min(n-1, 6)
	return min(d, time.Minute)
}
