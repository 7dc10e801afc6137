// Package inproc is the event bus of the embedded mode: the same semantics
// as the RabbitMQ transport (durable queues bound by event name, explicit
// acks, redelivery of what was not acked, dead-letter queues with replay)
// inside one process. Its queues live in a SQLite file of their own, so an
// event the bus accepted is not lost when the process stops.
package inproc

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/marketplace/marketplace/migrations"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// Bus is the in-process transport.
type Bus struct {
	// SettleGrace is how long a stopping consumer waits for the deliveries
	// in hand to be settled before requeueing them (default 10s).
	SettleGrace time.Duration

	db    *database.DB
	clock clock.Clock

	mu       sync.Mutex
	bindings map[string]map[string]bool // event name -> queue names
	queues   map[string]*queue
	// bootSeq is the newest message at open: older ones may have been
	// delivered by an earlier process, so they count as redelivered.
	bootSeq int64
}

type queue struct {
	name   string
	wake   chan struct{}
	cursor int64          // highest seq fetched
	flight map[int64]bool // delivered, not settled
	again  map[int64]bool // requeued: redelivered when fetched again
}

// Open opens (creating if needed) the bus stored in the SQLite file path.
func Open(ctx context.Context, path string) (*Bus, error) {
	db, err := database.Open(ctx, "sqlite:"+path, database.Options{})
	if err != nil {
		return nil, fmt.Errorf("open in-process bus: %w", err)
	}
	fsys, err := migrations.For("bus")
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx, fsys, migrations.Table("bus")); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open in-process bus: %w", err)
	}
	b := &Bus{SettleGrace: 10 * time.Second, db: db, clock: clock.System{}, bindings: map[string]map[string]bool{}, queues: map[string]*queue{}}
	if err := db.Conn(ctx).Raw(`SELECT coalesce(max(seq), 0) FROM bus_messages`).Scan(&b.bootSeq).Error; err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open in-process bus: %w", err)
	}
	return b, nil
}

// Close closes the bus's file.
func (b *Bus) Close() error { return b.db.Close() }

// Ping checks the bus's storage.
func (b *Bus) Ping(ctx context.Context) error { return b.db.Ping(ctx) }

// Declare creates the queue and binds it to the subscription's events.
func (b *Bus) Declare(_ context.Context, sub eventbus.Subscription) error {
	if err := sub.Validate(); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.queueLocked(sub.Queue)
	for _, t := range sub.Topics {
		if b.bindings[t] == nil {
			b.bindings[t] = map[string]bool{}
		}
		b.bindings[t][sub.Queue] = true
	}
	return nil
}

func (b *Bus) queueLocked(name string) *queue {
	q := b.queues[name]
	if q == nil {
		q = &queue{name: name, wake: make(chan struct{}, 1), flight: map[int64]bool{}, again: map[int64]bool{}}
		b.queues[name] = q
	}
	return q
}

func (q *queue) poke() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

type message struct {
	Seq      int64 `gorm:"primaryKey"`
	Queue    string
	EventID  string
	Envelope string
	Dead     bool
	Reason   string
	FailedAt *time.Time
}

func (message) TableName() string { return "bus_messages" }

// Publish stores each envelope once per bound queue, in one transaction.
// An envelope no queue is bound to is reported as unroutable.
func (b *Bus) Publish(ctx context.Context, batch []eventbus.Envelope) error {
	failed := map[string]error{}
	var rows []message
	woken := map[*queue]bool{}
	b.mu.Lock()
	for _, env := range batch {
		queues := b.bindings[env.Type]
		if len(queues) == 0 {
			failed[env.ID] = eventbus.ErrUnroutable
			continue
		}
		body, err := env.Marshal()
		if err != nil {
			failed[env.ID] = err
			continue
		}
		for name := range queues {
			rows = append(rows, message{Queue: name, EventID: env.ID, Envelope: string(body)})
			woken[b.queues[name]] = true
		}
	}
	b.mu.Unlock()
	if len(rows) > 0 {
		if err := b.db.Conn(ctx).CreateInBatches(&rows, 500).Error; err != nil {
			return fmt.Errorf("in-process bus: store %d message(s): %w", len(rows), err)
		}
	}
	for q := range woken {
		q.poke()
	}
	if len(failed) > 0 {
		return &eventbus.PublishError{Failed: failed}
	}
	return nil
}

// Consume hands the queue's messages to deliver, oldest first, at most
// sub.Prefetch unsettled at a time, until ctx ends.
func (b *Bus) Consume(ctx context.Context, sub eventbus.Subscription, deliver func(eventbus.Delivery)) error {
	if err := b.Declare(ctx, sub); err != nil {
		return err
	}
	prefetch := sub.Prefetch
	if prefetch <= 0 {
		prefetch = eventbus.DefaultPrefetch
	}
	b.mu.Lock()
	q := b.queues[sub.Queue]
	b.mu.Unlock()
	var handed []*delivery
	defer func() { b.release(handed) }()
	for {
		msgs, scanned, err := b.fetch(ctx, q, prefetch)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		for _, m := range msgs {
			handed = append(handed, m)
			deliver(m)
		}
		handed = slices.DeleteFunc(handed, (*delivery).settled)
		if scanned > 0 {
			continue // the cursor moved: there may be more
		}
		select {
		case <-q.wake:
		case <-time.After(rescanEvery):
			// Another process (the dead-letter command) may have put older
			// messages back: read the queue from its start again.
			b.mu.Lock()
			q.cursor = 0
			b.mu.Unlock()
		case <-ctx.Done():
			return nil
		}
	}
}

// rescanEvery is how often an idle consumer rereads its whole queue.
const rescanEvery = 5 * time.Second

// release waits up to SettleGrace for the deliveries a stopping consumer
// handed out, then requeues those still unsettled, as a broker does when a
// consumer's channel closes.
func (b *Bus) release(handed []*delivery) {
	deadline := time.Now().Add(b.SettleGrace)
	for _, d := range handed {
		select {
		case <-d.done:
		case <-time.After(time.Until(deadline)):
			_ = d.Requeue()
		}
	}
}

// fetch reads the next live messages after the queue's cursor that are not
// in flight, up to the free prefetch slots, and marks them in flight. It
// also reports how many rows it read.
func (b *Bus) fetch(ctx context.Context, q *queue, prefetch int) ([]*delivery, int, error) {
	b.mu.Lock()
	free := prefetch - len(q.flight)
	cursor := q.cursor
	b.mu.Unlock()
	if free <= 0 {
		return nil, 0, nil
	}
	var rows []message
	err := b.db.Conn(ctx).Where("queue = ? AND dead = 0 AND seq > ?", q.name, cursor).
		Order("seq").Limit(free + 16).Find(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("in-process bus: read %s: %w", q.name, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []*delivery
	scanned := 0
	for _, r := range rows {
		if len(out) == free {
			break
		}
		scanned++
		if r.Seq > q.cursor {
			q.cursor = r.Seq
		}
		if q.flight[r.Seq] {
			continue
		}
		env, err := eventbus.Unmarshal([]byte(r.Envelope))
		if err != nil {
			// Only Publish writes rows, so this is corruption: park it.
			go func(seq int64) { _ = b.deadLetter(context.Background(), q, seq, "unreadable envelope: "+err.Error()) }(r.Seq)
			q.flight[r.Seq] = true
			continue
		}
		q.flight[r.Seq] = true
		out = append(out, &delivery{bus: b, q: q, seq: r.Seq, env: env, done: make(chan struct{}),
			redelivered: q.again[r.Seq] || r.Seq <= b.bootSeq})
		delete(q.again, r.Seq)
	}
	return out, scanned, nil
}

// rewind makes the queue read again from just before seq.
func (q *queue) rewindLocked(seq int64) {
	if seq-1 < q.cursor {
		q.cursor = seq - 1
	}
}

func (b *Bus) settle(q *queue, seq int64, requeue bool) {
	b.mu.Lock()
	delete(q.flight, seq)
	if requeue {
		q.again[seq] = true
		q.rewindLocked(seq)
	}
	b.mu.Unlock()
	q.poke() // a prefetch slot is free
}

func (b *Bus) deadLetter(ctx context.Context, q *queue, seq int64, reason string) error {
	now := b.clock.Now()
	err := b.db.Conn(ctx).Model(&message{}).Where("seq = ?", seq).
		Updates(map[string]any{"dead": true, "reason": reason, "failed_at": now}).Error
	if err != nil {
		b.settle(q, seq, true)
		return fmt.Errorf("in-process bus: dead-letter %d: %w", seq, err)
	}
	b.settle(q, seq, false)
	return nil
}

// DeadLetters lists the queue's dead letters, oldest first.
func (b *Bus) DeadLetters(ctx context.Context, queue string, limit int) ([]eventbus.DeadLetter, error) {
	var rows []message
	if err := b.db.Conn(ctx).Where("queue = ? AND dead = 1", queue).Order("seq").Limit(limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("in-process bus: list dead letters of %s: %w", queue, err)
	}
	out := make([]eventbus.DeadLetter, 0, len(rows))
	for _, r := range rows {
		env, err := eventbus.Unmarshal([]byte(r.Envelope))
		if err != nil {
			env = eventbus.Envelope{ID: r.EventID, Type: "(unreadable)"}
		}
		dl := eventbus.DeadLetter{Envelope: env, Queue: queue, Reason: r.Reason}
		if r.FailedAt != nil {
			dl.FailedAt = *r.FailedAt
		}
		out = append(out, dl)
	}
	return out, nil
}

// Replay puts dead letters back on their queue (those with the given event
// ids, or all).
func (b *Bus) Replay(ctx context.Context, queue string, ids []string) (int, error) {
	tx := b.db.Conn(ctx).Model(&message{}).Where("queue = ? AND dead = 1", queue)
	if len(ids) > 0 {
		tx = tx.Where("event_id IN ?", ids)
	}
	var seqs []int64
	if err := tx.Pluck("seq", &seqs).Error; err != nil {
		return 0, fmt.Errorf("in-process bus: replay %s: %w", queue, err)
	}
	if len(seqs) == 0 {
		return 0, nil
	}
	res := b.db.Conn(ctx).Model(&message{}).Where("seq IN ?", seqs).
		Updates(map[string]any{"dead": false, "reason": "", "failed_at": nil})
	if res.Error != nil {
		return 0, fmt.Errorf("in-process bus: replay %s: %w", queue, res.Error)
	}
	b.mu.Lock()
	q := b.queueLocked(queue)
	for _, s := range seqs {
		q.again[s] = true
		q.rewindLocked(s)
	}
	b.mu.Unlock()
	q.poke()
	return int(res.RowsAffected), nil
}

type delivery struct {
	bus         *Bus
	q           *queue
	seq         int64
	env         eventbus.Envelope
	redelivered bool
	once        sync.Once
	done        chan struct{} // closed when settled
}

func (d *delivery) settled() bool {
	select {
	case <-d.done:
		return true
	default:
		return false
	}
}

// finish runs the settlement once and reports errSettled for later calls.
func (d *delivery) finish(f func() error) error {
	err := errSettled
	d.once.Do(func() {
		err = f()
		close(d.done)
	})
	return err
}

var errSettled = errors.New("in-process bus: delivery already settled")

func (d *delivery) Envelope() eventbus.Envelope { return d.env }
func (d *delivery) Redelivered() bool           { return d.redelivered }

func (d *delivery) Ack() error {
	return d.finish(func() error {
		err := d.bus.db.Conn(context.Background()).Delete(&message{}, "seq = ?", d.seq).Error
		if err != nil {
			err = fmt.Errorf("in-process bus: ack %d: %w", d.seq, err)
		}
		d.bus.settle(d.q, d.seq, err != nil)
		return err
	})
}

func (d *delivery) Requeue() error {
	return d.finish(func() error {
		d.bus.settle(d.q, d.seq, true)
		return nil
	})
}

func (d *delivery) DeadLetter(reason string) error {
	return d.finish(func() error { return d.bus.deadLetter(context.Background(), d.q, d.seq, reason) })
}

var _ eventbus.Transport = (*Bus)(nil)

// Pending counts the messages waiting in every queue or being handled (not
// the dead letters): zero means every consumer is up to date.
func (b *Bus) Pending(ctx context.Context) (int64, error) {
	var n int64
	if err := b.db.Conn(ctx).Model(&message{}).Where("dead = 0").Count(&n).Error; err != nil {
		return 0, fmt.Errorf("in-process bus: count pending: %w", err)
	}
	return n, nil
}
