// Package bustest is the contract every eventbus.Transport must meet. The
// RabbitMQ and in-process transports both run it, so the embedded mode's
// tests mean something for the distributed mode and the other way round.
package bustest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/marketplace/marketplace/migrations"
	"github.com/marketplace/marketplace/services/platform/correlation"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/inbox"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

// Factory returns a transport for one test; it arranges its own cleanup.
type Factory func(t *testing.T) eventbus.Transport

// Wait bounds every wait in the suite; nothing here should come near it.
const Wait = 20 * time.Second

// fastRetry keeps retry tests quick.
var fastRetry = eventbus.Retry{Attempts: 3, Initial: time.Millisecond, Max: 5 * time.Millisecond}

// Run runs the whole contract against transports made by newTransport.
func Run(t *testing.T, newTransport Factory) {
	t.Run("RoutesToEveryBoundQueue", func(t *testing.T) { routesToEveryBoundQueue(t, newTransport(t)) })
	t.Run("AckedIsGoneRequeuedComesBack", func(t *testing.T) { ackAndRequeue(t, newTransport(t)) })
	t.Run("UnsettledAtStopIsRedelivered", func(t *testing.T) { unsettledAtStop(t, newTransport(t)) })
	t.Run("RetriesFailingHandler", func(t *testing.T) { retriesFailingHandler(t, newTransport(t)) })
	t.Run("DeadLettersAfterRetryLimitAndReplays", func(t *testing.T) { deadLettersAndReplays(t, newTransport(t)) })
	t.Run("PanicIsDeadLettered", func(t *testing.T) { panicIsDeadLettered(t, newTransport(t)) })
	t.Run("DuplicatesAppliedOnceThroughInbox", func(t *testing.T) { duplicatesThroughInbox(t, newTransport(t)) })
	t.Run("UnroutableIsReported", func(t *testing.T) { unroutable(t, newTransport(t)) })
	t.Run("CorrelationPropagates", func(t *testing.T) { correlationPropagates(t, newTransport(t)) })
}

// Queue returns a queue name unique to this test run.
func Queue(name string) string { return "test." + name + "." + testkit.Suffix() }

// Envelope makes a test event of type typ.
func Envelope(typ string, data string) eventbus.Envelope {
	return eventbus.Envelope{
		ID: id.New(), Type: typ, Version: 1, Source: "bustest", OccurredAt: time.Now().UTC(),
		CorrelationID: id.New(), Data: []byte(fmt.Sprintf("%q", data)),
	}
}

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*Wait)
	t.Cleanup(cancel)
	return ctx
}

func publish(t *testing.T, tr eventbus.Transport, envs ...eventbus.Envelope) {
	t.Helper()
	if err := tr.Publish(ctxFor(t), envs); err != nil {
		t.Fatalf("publish: %v", err)
	}
}

func declare(t *testing.T, tr eventbus.Transport, queue string, topics ...string) eventbus.Subscription {
	t.Helper()
	sub := eventbus.Subscription{Queue: queue, Topics: topics, Prefetch: 16}
	if err := tr.Declare(ctxFor(t), sub); err != nil {
		t.Fatalf("declare %s: %v", queue, err)
	}
	return sub
}

// consumer collects raw deliveries of one subscription.
type consumer struct {
	ch     chan eventbus.Delivery
	cancel context.CancelFunc
	done   chan struct{}
}

func consume(t *testing.T, tr eventbus.Transport, sub eventbus.Subscription) *consumer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	c := &consumer{ch: make(chan eventbus.Delivery, 64), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		if err := tr.Consume(ctx, sub, func(d eventbus.Delivery) { c.ch <- d }); err != nil {
			t.Errorf("consume %s: %v", sub.Queue, err)
		}
	}()
	t.Cleanup(c.stop)
	return c
}

func (c *consumer) stop() {
	c.cancel()
	<-c.done
}

func (c *consumer) next(t *testing.T) eventbus.Delivery {
	t.Helper()
	select {
	case d := <-c.ch:
		return d
	case <-time.After(Wait):
		t.Fatalf("no delivery within %s", Wait)
		return nil
	}
}

// expect reads deliveries and checks their ids in order, acking each.
func (c *consumer) expect(t *testing.T, envs ...eventbus.Envelope) {
	t.Helper()
	for _, want := range envs {
		d := c.next(t)
		if got := d.Envelope().ID; got != want.ID {
			t.Fatalf("got event %s (%s), want %s (%s)", got, d.Envelope().Type, want.ID, want.Type)
		}
		if err := d.Ack(); err != nil {
			t.Fatalf("ack: %v", err)
		}
	}
}

func routesToEveryBoundQueue(t *testing.T, tr eventbus.Transport) {
	qa, qb, qc := Queue("a"), Queue("b"), Queue("c")
	subA := declare(t, tr, qa, "thing.made", "marker")
	subB := declare(t, tr, qb, "thing.made", "thing.sold", "marker")
	subC := declare(t, tr, qc, "thing.sold", "marker")
	made, sold, marker := Envelope("thing.made", "m"), Envelope("thing.sold", "s"), Envelope("marker", "end")
	publish(t, tr, made, sold, marker)

	// The marker comes last on every queue, so anything wrongly routed
	// would show up before it.
	consume(t, tr, subA).expect(t, made, marker)
	consume(t, tr, subB).expect(t, made, sold, marker)
	consume(t, tr, subC).expect(t, sold, marker)
}

func ackAndRequeue(t *testing.T, tr eventbus.Transport) {
	q := Queue("ack")
	sub := declare(t, tr, q, "thing.made", "marker")
	first, second := Envelope("thing.made", "1"), Envelope("thing.made", "2")
	publish(t, tr, first, second)

	c := consume(t, tr, sub)
	c.expect(t, first)
	d := c.next(t)
	if d.Envelope().ID != second.ID {
		t.Fatalf("got %s, want the second event", d.Envelope().ID)
	}
	if d.Redelivered() {
		t.Fatal("a first delivery claims to be redelivered")
	}
	if err := d.Requeue(); err != nil {
		t.Fatalf("requeue: %v", err)
	}
	again := c.next(t)
	if again.Envelope().ID != second.ID || !again.Redelivered() {
		t.Fatalf("after requeue got %s (redelivered=%v), want %s redelivered", again.Envelope().ID, again.Redelivered(), second.ID)
	}
	if err := again.Ack(); err != nil {
		t.Fatal(err)
	}
	if err := again.Ack(); err == nil {
		t.Fatal("a second ack of one delivery succeeded")
	}
	marker := Envelope("marker", "end")
	publish(t, tr, marker)
	c.expect(t, marker) // nothing acked came back
}

func unsettledAtStop(t *testing.T, tr eventbus.Transport) {
	q := Queue("stop")
	sub := declare(t, tr, q, "thing.made")
	ev := Envelope("thing.made", "1")
	publish(t, tr, ev)

	c := consume(t, tr, sub)
	if d := c.next(t); d.Envelope().ID != ev.ID {
		t.Fatalf("got %s", d.Envelope().ID)
	}
	c.stop() // the consumer goes away without settling: like a crash

	d := consume(t, tr, sub).next(t)
	if d.Envelope().ID != ev.ID || !d.Redelivered() {
		t.Fatalf("got %s (redelivered=%v), want %s redelivered", d.Envelope().ID, d.Redelivered(), ev.ID)
	}
	_ = d.Ack()
}

// runRouter starts r and stops it when the test ends.
func runRouter(t *testing.T, r *eventbus.Router) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("router %s: %v", r.Queue(), err)
		}
	})
}

func retriesFailingHandler(t *testing.T, tr eventbus.Transport) {
	q := Queue("retry")
	var calls atomic.Int32
	handled := make(chan struct{})
	r := eventbus.NewRouter(tr, q, eventbus.WithRetry(eventbus.Retry{Attempts: 5, Initial: time.Millisecond, Max: 2 * time.Millisecond}))
	r.Handle("thing.made", func(ctx context.Context, env eventbus.Envelope) error {
		if calls.Add(1) < 3 {
			return errors.New("transient failure")
		}
		close(handled)
		return nil
	})
	markers := make(chan string, 1)
	r.Handle("marker", func(ctx context.Context, env eventbus.Envelope) error { markers <- env.ID; return nil })
	declare(t, tr, q, "thing.made", "marker")
	publish(t, tr, Envelope("thing.made", "x"))
	runRouter(t, r)
	waitFor(t, handled, "the third attempt")
	marker := Envelope("marker", "end")
	publish(t, tr, marker)
	if got := receive(t, markers); got != marker.ID {
		t.Fatalf("marker %s, want %s", got, marker.ID)
	}
	if n := calls.Load(); n != 3 {
		t.Fatalf("handler ran %d times, want 3 (two failures, one success)", n)
	}
	if dl, _ := tr.DeadLetters(ctxFor(t), q, 10); len(dl) != 0 {
		t.Fatalf("a retried-then-successful event was dead-lettered: %+v", dl)
	}
}

func deadLettersAndReplays(t *testing.T, tr eventbus.Transport) {
	q := Queue("dead")
	var calls atomic.Int32
	var healthy atomic.Bool
	applied := make(chan string, 1)
	r := eventbus.NewRouter(tr, q, eventbus.WithRetry(fastRetry))
	r.Handle("thing.made", func(ctx context.Context, env eventbus.Envelope) error {
		calls.Add(1)
		if !healthy.Load() {
			return errors.New("database says no")
		}
		applied <- env.ID
		return nil
	})
	declare(t, tr, q, "thing.made")
	ev := Envelope("thing.made", "x")
	publish(t, tr, ev)
	runRouter(t, r)

	dead := eventually(t, "the event in the dead-letter queue", func() []eventbus.DeadLetter {
		dl, err := tr.DeadLetters(ctxFor(t), q, 10)
		if err != nil {
			t.Fatalf("dead letters: %v", err)
		}
		return dl
	})
	if len(dead) != 1 || dead[0].Envelope.ID != ev.ID {
		t.Fatalf("dead letters %+v, want exactly %s", dead, ev.ID)
	}
	if !strings.Contains(dead[0].Reason, "database says no") {
		t.Fatalf("dead-letter reason %q does not say why", dead[0].Reason)
	}
	if n := calls.Load(); n != int32(fastRetry.Attempts) {
		t.Fatalf("handler ran %d times before dead-lettering, want %d", n, fastRetry.Attempts)
	}
	// Listing does not consume: the letter is still there.
	if again, _ := tr.DeadLetters(ctxFor(t), q, 10); len(again) != 1 {
		t.Fatalf("listing dead letters changed them: %d left", len(again))
	}

	healthy.Store(true)
	n, err := tr.Replay(ctxFor(t), q, []string{ev.ID})
	if err != nil || n != 1 {
		t.Fatalf("replay: n=%d err=%v", n, err)
	}
	if got := receive(t, applied); got != ev.ID {
		t.Fatalf("replayed %s, want %s", got, ev.ID)
	}
	if left, _ := tr.DeadLetters(ctxFor(t), q, 10); len(left) != 0 {
		t.Fatalf("%d dead letters left after replay", len(left))
	}
}

func panicIsDeadLettered(t *testing.T, tr eventbus.Transport) {
	q := Queue("panic")
	var calls atomic.Int32
	r := eventbus.NewRouter(tr, q, eventbus.WithRetry(fastRetry))
	r.Handle("thing.made", func(ctx context.Context, env eventbus.Envelope) error {
		calls.Add(1)
		panic("boom")
	})
	declare(t, tr, q, "thing.made")
	publish(t, tr, Envelope("thing.made", "x"))
	runRouter(t, r)
	dead := eventually(t, "the panicking event dead-lettered", func() []eventbus.DeadLetter {
		dl, _ := tr.DeadLetters(ctxFor(t), q, 10)
		return dl
	})
	if !strings.Contains(dead[0].Reason, "panicked") {
		t.Fatalf("reason %q", dead[0].Reason)
	}
	if n := calls.Load(); n != 1 {
		t.Fatalf("a panicking handler ran %d times; a panic is not retried", n)
	}
}

func duplicatesThroughInbox(t *testing.T, tr eventbus.Transport) {
	ctx := ctxFor(t)
	db, err := database.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "consumer.db"), database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	fsys, _ := migrations.For(migrations.Messaging)
	if err := db.Migrate(ctx, fsys, migrations.Table(migrations.Messaging)); err != nil {
		t.Fatal(err)
	}
	if err := db.Conn(ctx).Exec(`CREATE TABLE counter (n INTEGER NOT NULL)`).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Conn(ctx).Exec(`INSERT INTO counter (n) VALUES (0)`).Error; err != nil {
		t.Fatal(err)
	}

	q := Queue("dup")
	markers := make(chan string, 1)
	in := inbox.New(db, q, nil)
	r := eventbus.NewRouter(tr, q, eventbus.WithMiddleware(in.Middleware), eventbus.WithWorkers(1))
	r.Handle("thing.made", func(ctx context.Context, env eventbus.Envelope) error {
		return db.Conn(ctx).Exec(`UPDATE counter SET n = n + 1`).Error
	})
	r.Handle("marker", func(ctx context.Context, env eventbus.Envelope) error { markers <- env.ID; return nil })
	declare(t, tr, q, "thing.made", "marker")
	ev := Envelope("thing.made", "x")
	publish(t, tr, ev, ev, ev) // the same event three times: what a relay retry looks like
	publish(t, tr, ev)
	runRouter(t, r)
	marker := Envelope("marker", "end")
	publish(t, tr, marker)
	receive(t, markers) // one worker: every copy was handled before the marker
	var n int
	if err := db.Conn(ctx).Raw(`SELECT n FROM counter`).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	seen, err := in.Seen(ctx, ev.ID)
	if err != nil || !seen {
		t.Fatalf("inbox does not record %s (err %v)", ev.ID, err)
	}
	if n != 1 {
		t.Fatalf("an event delivered four times changed state %d times, want once", n)
	}
}

func unroutable(t *testing.T, tr eventbus.Transport) {
	q := Queue("route")
	sub := declare(t, tr, q, "thing.made")
	ok, lost := Envelope("thing.made", "ok"), Envelope("nobody.listens."+testkit.Suffix(), "lost")
	err := tr.Publish(ctxFor(t), []eventbus.Envelope{ok, lost})
	if !errors.Is(err, eventbus.ErrUnroutable) {
		t.Fatalf("publish of an unbound event: err = %v, want ErrUnroutable", err)
	}
	failed := eventbus.FailedIDs(err, []eventbus.Envelope{ok, lost})
	if _, bad := failed[lost.ID]; !bad || len(failed) != 1 {
		t.Fatalf("failed ids %v, want only %s", failed, lost.ID)
	}
	consume(t, tr, sub).expect(t, ok)
}

func correlationPropagates(t *testing.T, tr eventbus.Transport) {
	q := Queue("corr")
	type seen struct{ corr, cause string }
	got := make(chan seen, 1)
	r := eventbus.NewRouter(tr, q)
	r.Handle("thing.made", func(ctx context.Context, env eventbus.Envelope) error {
		got <- seen{correlation.From(ctx), correlation.Cause(ctx)}
		return nil
	})
	declare(t, tr, q, "thing.made")
	ev := Envelope("thing.made", "x")
	publish(t, tr, ev)
	runRouter(t, r)
	s := receive(t, got)
	if s.corr != ev.CorrelationID || s.cause != ev.ID {
		t.Fatalf("handler saw correlation %q cause %q, want %q and %q", s.corr, s.cause, ev.CorrelationID, ev.ID)
	}
}

func waitFor(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(Wait):
		t.Fatalf("timed out waiting for %s", what)
	}
}

func receive[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(Wait):
		t.Fatalf("timed out waiting for a value")
		var zero T
		return zero
	}
}

// eventually polls f until it returns a non-empty slice. It is for state
// that no callback announces (what is in a dead-letter queue).
func eventually[T any](t *testing.T, what string, f func() []T) []T {
	t.Helper()
	deadline := time.Now().Add(Wait)
	for {
		if v := f(); len(v) > 0 {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
