package outbox_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/outbox"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

// thingMade is a test event.
type thingMade struct {
	N int `json:"n"`
}

func (thingMade) EventName() string { return "thing.made" }
func (thingMade) EventVersion() int { return 1 }

// recorder is a publisher that remembers what it was given and can be told
// to fail.
type recorder struct {
	mu     sync.Mutex
	got    map[string]int // event id -> times published
	order  []eventbus.Envelope
	down   bool
	refuse map[string]error // event type -> per-message error
	notify chan struct{}
}

func newRecorder() *recorder {
	return &recorder{got: map[string]int{}, refuse: map[string]error{}, notify: make(chan struct{}, 1)}
}

func (r *recorder) Publish(_ context.Context, batch []eventbus.Envelope) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.down {
		return errors.New("broker unreachable")
	}
	failed := map[string]error{}
	for _, e := range batch {
		if err, bad := r.refuse[e.Type]; bad {
			failed[e.ID] = err
			continue
		}
		r.got[e.ID]++
		r.order = append(r.order, e)
	}
	select {
	case r.notify <- struct{}{}:
	default:
	}
	if len(failed) > 0 {
		return &eventbus.PublishError{Failed: failed}
	}
	return nil
}

func (r *recorder) count() (distinct, total int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.got {
		total += n
	}
	return len(r.got), total
}

func setup(t testing.TB, url string) (*database.DB, *outbox.Outbox) {
	t.Helper()
	db := testkit.OpenDB(t, url)
	if err := db.Conn(context.Background()).Exec(`CREATE TABLE things (n INTEGER NOT NULL)`).Error; err != nil {
		t.Fatal(err)
	}
	return db, outbox.New(db, "test", nil)
}

// makeThing is a business write that announces itself, or fails after
// writing when fail is set.
func makeThing(ctx context.Context, db *database.DB, ob *outbox.Outbox, n int, fail bool) error {
	return db.InTx(ctx, func(ctx context.Context) error {
		if err := db.Conn(ctx).Exec(`INSERT INTO things (n) VALUES (?)`, n).Error; err != nil {
			return err
		}
		if err := ob.Add(ctx, thingMade{N: n}); err != nil {
			return err
		}
		if fail {
			return errors.New("business rule says no")
		}
		return nil
	})
}

func drain(t *testing.T, relay *outbox.Relay) {
	t.Helper()
	for {
		n, err := relay.Flush(context.Background())
		if err != nil {
			t.Fatalf("flush: %v", err)
		}
		if n == 0 {
			return
		}
	}
}

func TestEventExistsIffTransactionCommitted(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db, ob := setup(t, url)
		if err := makeThing(ctx, db, ob, 1, false); err != nil {
			t.Fatal(err)
		}
		if err := makeThing(ctx, db, ob, 2, true); err == nil {
			t.Fatal("the failing transaction succeeded")
		}
		if err := ob.Add(ctx, thingMade{N: 3}); !errors.Is(err, outbox.ErrNoTransaction) {
			t.Fatalf("Add outside a transaction: err = %v, want ErrNoTransaction", err)
		}
		pub := newRecorder()
		drain(t, outbox.NewRelay(ob, pub, outbox.RelayOptions{}))

		if len(pub.order) != 1 {
			t.Fatalf("published %d events, want only the committed one", len(pub.order))
		}
		got, err := eventbus.Decode[thingMade](pub.order[0])
		if err != nil || got.N != 1 {
			t.Fatalf("published %+v (%v), want thing 1", got, err)
		}
		if pub.order[0].Source != "test" || pub.order[0].Version != 1 || pub.order[0].CorrelationID == "" {
			t.Fatalf("envelope metadata missing: %+v", pub.order[0])
		}
		if n, _ := ob.Pending(ctx); n != 0 {
			t.Fatalf("%d rows left in the outbox after publishing", n)
		}
	})
}

func TestTwoRelaysPublishEachRowOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db, ob := setup(t, url)
		const total = 600
		for i := range total / 50 {
			err := db.InTx(ctx, func(ctx context.Context) error {
				for j := range 50 {
					if err := ob.Add(ctx, thingMade{N: i*50 + j}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		pub := newRecorder()
		var wg sync.WaitGroup
		for range 2 {
			relay := outbox.NewRelay(ob, pub, outbox.RelayOptions{Batch: 25})
			wg.Add(1)
			go func() {
				defer wg.Done()
				drain(t, relay)
			}()
		}
		wg.Wait()
		distinct, published := pub.count()
		if distinct != total || published != total {
			t.Fatalf("two relays published %d events (%d distinct), want each of %d exactly once", published, distinct, total)
		}
	})
}

func TestRefusedEventWaitsAndOthersGoOn(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db, ob := setup(t, url)
		err := db.InTx(ctx, func(ctx context.Context) error {
			return ob.Add(ctx, thingMade{N: 1}, otherThing{}, thingMade{N: 2})
		})
		if err != nil {
			t.Fatal(err)
		}
		pub := newRecorder()
		pub.refuse["other.thing"] = eventbus.ErrUnroutable
		drain(t, outbox.NewRelay(ob, pub, outbox.RelayOptions{}))
		if distinct, _ := pub.count(); distinct != 2 {
			t.Fatalf("published %d events, want the 2 routable ones", distinct)
		}
		// The refused event is kept (never dropped) and scheduled for later.
		var row struct {
			Attempts  int
			LastError string
		}
		if err := db.Conn(ctx).Raw(`SELECT attempts, last_error FROM outbox WHERE type = 'other.thing'`).Scan(&row).Error; err != nil {
			t.Fatal(err)
		}
		if row.Attempts != 1 || row.LastError == "" {
			t.Fatalf("refused row = %+v, want one attempt with the error kept", row)
		}
	})
}

type otherThing struct{}

func (otherThing) EventName() string { return "other.thing" }
func (otherThing) EventVersion() int { return 1 }

func TestRelayCatchesUpAfterBrokerReturns(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		db, ob := setup(t, url)
		pub := newRecorder()
		pub.down = true
		relay := outbox.NewRelay(ob, pub, outbox.RelayOptions{})
		done := make(chan error, 1)
		go func() { done <- relay.Run(ctx) }()

		for i := range 20 {
			if err := makeThing(ctx, db, ob, i, false); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := ob.Pending(ctx); n != 20 {
			t.Fatalf("%d pending while the broker is down, want 20", n)
		}
		pub.mu.Lock()
		pub.down = false
		pub.mu.Unlock()

		deadline := time.After(30 * time.Second)
		for {
			if distinct, _ := pub.count(); distinct == 20 {
				break
			}
			select {
			case <-pub.notify:
			case <-deadline:
				d, _ := pub.count()
				t.Fatalf("relay published %d of 20 after the broker came back", d)
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}

// Events committed in a process are handed to its relay in memory; when
// that process dies before sending them, their rows wait out the handoff
// lease and then any relay takes them from the table.
func TestRowsOfADeadWriterAreTakenAfterTheLease(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		ctx := context.Background()
		clk := clock.NewManual(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC))
		db, _ := setup(t, url)
		dead := outbox.New(db, "test", clk) // its relay never runs
		if err := db.InTx(ctx, func(ctx context.Context) error { return dead.Add(ctx, thingMade{N: 1}, thingMade{N: 2}) }); err != nil {
			t.Fatal(err)
		}
		other := outbox.New(db, "test", clk) // another process, same table
		pub := newRecorder()
		relay := outbox.NewRelay(other, pub, outbox.RelayOptions{})
		if n, err := relay.Flush(ctx); err != nil || n != 0 {
			t.Fatalf("within the lease another relay took %d events (%v)", n, err)
		}
		clk.Advance(outbox.HandoffLease)
		drain(t, relay)
		if distinct, total := pub.count(); distinct != 2 || total != 2 {
			t.Fatalf("after the lease: %d events published (%d distinct), want 2", total, distinct)
		}
	})
}
