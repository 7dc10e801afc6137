package inbox_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/eventbus/bustest"
	"github.com/marketplace/marketplace/services/platform/inbox"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

func setup(t *testing.T, url string) (*database.DB, *inbox.Inbox, eventbus.Handler) {
	t.Helper()
	db := testkit.OpenDB(t, url)
	ctx := context.Background()
	if err := db.Conn(ctx).Exec(`CREATE TABLE counter (n INTEGER NOT NULL)`).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Conn(ctx).Exec(`INSERT INTO counter (n) VALUES (0)`).Error; err != nil {
		t.Fatal(err)
	}
	in := inbox.New(db, "test.events", nil)
	h := in.Middleware(func(ctx context.Context, env eventbus.Envelope) error {
		return db.Conn(ctx).Exec(`UPDATE counter SET n = n + 1`).Error
	})
	return db, in, h
}

func count(t *testing.T, db *database.DB) int {
	t.Helper()
	var n int
	if err := db.Conn(context.Background()).Raw(`SELECT n FROM counter`).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDuplicateAppliedOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		db, in, h := setup(t, url)
		ctx := context.Background()
		ev := bustest.Envelope("thing.made", "x")
		for range 3 {
			if err := h(ctx, ev); err != nil {
				t.Fatal(err)
			}
		}
		if n := count(t, db); n != 1 {
			t.Fatalf("an event handled three times changed state %d times", n)
		}
		if seen, _ := in.Seen(ctx, ev.ID); !seen {
			t.Fatal("the inbox does not record the event")
		}
		if err := h(ctx, bustest.Envelope("thing.made", "y")); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db); n != 2 {
			t.Fatalf("a second, different event was not applied (count %d)", n)
		}
	})
}

func TestFailedHandlerLeavesNoRecord(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		db, in, _ := setup(t, url)
		ctx := context.Background()
		fail := true
		h := in.Middleware(func(ctx context.Context, env eventbus.Envelope) error {
			if err := db.Conn(ctx).Exec(`UPDATE counter SET n = n + 1`).Error; err != nil {
				return err
			}
			if fail {
				return errors.New("second write failed")
			}
			return nil
		})
		ev := bustest.Envelope("thing.made", "x")
		if err := h(ctx, ev); err == nil {
			t.Fatal("want the handler's error")
		}
		if seen, _ := in.Seen(ctx, ev.ID); seen || count(t, db) != 0 {
			t.Fatal("a failed handler left its effects or its inbox record behind")
		}
		fail = false
		if err := h(ctx, ev); err != nil {
			t.Fatal(err)
		}
		if count(t, db) != 1 {
			t.Fatal("the retried event was not applied")
		}
	})
}

// Two consumers (two instances of a service) handle the same event at the
// same moment: one applies it, the other finds the record and skips.
func TestConcurrentDuplicatesAppliedOnce(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		db, _, h := setup(t, url)
		ev := bustest.Envelope("thing.made", "x")
		var wg sync.WaitGroup
		errs := make(chan error, 10)
		for range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- h(context.Background(), ev)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if n := count(t, db); n != 1 {
			t.Fatalf("ten concurrent copies changed state %d times", n)
		}
	})
}

// Prune forgets the records older than the age given, of its own consumer
// only; a pruned event would be applied again, a kept one is still skipped.
func TestPruneForgetsOldRecords(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		db := testkit.OpenDB(t, url)
		ctx := context.Background()
		clk := clock.NewManual(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
		mine, other := inbox.New(db, "test.events", clk), inbox.New(db, "other.events", clk)
		noop := func(context.Context, eventbus.Envelope) error { return nil }
		old, otherOld := bustest.Envelope("thing.made", "old"), bustest.Envelope("thing.made", "other")
		if err := mine.Middleware(noop)(ctx, old); err != nil {
			t.Fatal(err)
		}
		if err := other.Middleware(noop)(ctx, otherOld); err != nil {
			t.Fatal(err)
		}
		clk.Advance(8 * 24 * time.Hour)
		recent := bustest.Envelope("thing.made", "recent")
		if err := mine.Middleware(noop)(ctx, recent); err != nil {
			t.Fatal(err)
		}
		if n, err := mine.Prune(ctx, 7*24*time.Hour); err != nil || n != 1 {
			t.Fatalf("pruned %d, %v; want the one old record", n, err)
		}
		for _, c := range []struct {
			in   *inbox.Inbox
			id   string
			want bool
		}{{mine, old.ID, false}, {mine, recent.ID, true}, {other, otherOld.ID, true}} {
			if seen, err := c.in.Seen(ctx, c.id); err != nil || seen != c.want {
				t.Fatalf("seen %s = %v, %v; want %v", c.id, seen, err, c.want)
			}
		}
	})
}
