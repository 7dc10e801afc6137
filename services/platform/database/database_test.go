package database_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

type item struct {
	ID        string `gorm:"primaryKey"`
	Name      string
	CreatedAt time.Time
}

func open(t *testing.T, url string) *database.DB {
	t.Helper()
	db := testkit.OpenDB(t, url)
	err := db.Conn(context.Background()).Exec(`CREATE TABLE items (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at ` +
		map[database.Dialect]string{database.Postgres: "TIMESTAMPTZ", database.SQLite: "DATETIME"}[db.Dialect()] + ` NOT NULL)`).Error
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestTransactionInContext(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		db := open(t, url)
		ctx := context.Background()
		committed := 0
		err := db.InTx(ctx, func(ctx context.Context) error {
			if !db.InTransaction(ctx) {
				t.Fatal("no transaction inside InTx")
			}
			if err := db.Conn(ctx).Create(&item{ID: "1", Name: "a"}).Error; err != nil {
				return err
			}
			db.AfterCommit(ctx, func() { committed++ })
			// A nested call joins: its write is part of the outer transaction.
			return db.InTx(ctx, func(ctx context.Context) error {
				return db.Conn(ctx).Create(&item{ID: "2", Name: "b"}).Error
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		if committed != 1 {
			t.Fatalf("after-commit hook ran %d times", committed)
		}

		err = db.InTx(ctx, func(ctx context.Context) error {
			if err := db.Conn(ctx).Create(&item{ID: "3", Name: "c"}).Error; err != nil {
				return err
			}
			db.AfterCommit(ctx, func() { committed++ })
			return errors.New("roll back")
		})
		if err == nil || committed != 1 {
			t.Fatalf("rolled-back transaction: err=%v hooks=%d", err, committed)
		}
		before := db.Statements()
		var n int64
		db.Conn(ctx).Model(&item{}).Count(&n)
		if got := db.Statements() - before; got != 1 {
			t.Fatalf("a count ran %d statements by the counter, want 1", got)
		}
		if n != 2 {
			t.Fatalf("%d rows, want the 2 committed", n)
		}
		if db.AfterCommit(ctx, func() {}) {
			t.Fatal("AfterCommit outside a transaction claimed to register")
		}
	})
}

func TestErrorsAndTimes(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		db := open(t, url)
		ctx := context.Background()
		at := time.Date(2026, 3, 4, 5, 6, 7, 891011000, time.UTC)
		if err := db.Conn(ctx).Create(&item{ID: "1", Name: "a", CreatedAt: at}).Error; err != nil {
			t.Fatal(err)
		}
		err := db.Conn(ctx).Create(&item{ID: "2", Name: "a", CreatedAt: at}).Error
		if !database.IsUniqueViolation(err) {
			t.Fatalf("duplicate name: err = %v, want a unique violation", err)
		}
		var got item
		if err := db.Conn(ctx).First(&got, "id = ?", "1").Error; err != nil {
			t.Fatal(err)
		}
		if !got.CreatedAt.Equal(at) {
			t.Fatalf("time round trip: got %v, want %v", got.CreatedAt, at)
		}
		err = db.Conn(ctx).First(&got, "id = ?", "nope").Error
		if !database.IsNotFound(err) {
			t.Fatalf("missing row: err = %v", err)
		}
	})
}

func TestOpenRejectsUnknownURL(t *testing.T) {
	if _, err := database.Open(context.Background(), "mysql://x", database.Options{}); err == nil {
		t.Fatal("want an error for an unsupported url")
	}
}

// Transactions that read, then write, must queue rather than fail when
// they run at once (on SQLite a read lock cannot always become a write
// lock; the platform takes the write lock first).
func TestConcurrentReadThenWriteTransactions(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		db := open(t, url)
		ctx := context.Background()
		if err := db.Conn(ctx).Create(&item{ID: "counter", Name: "0"}).Error; err != nil {
			t.Fatal(err)
		}
		const n, each = 8, 25
		errs := make(chan error, n*each)
		for i := range n {
			go func() {
				for j := range each {
					errs <- db.InTx(ctx, func(ctx context.Context) error {
						var it item
						if err := db.Conn(ctx).First(&it, "id = ?", "counter").Error; err != nil {
							return err
						}
						id := fmt.Sprint(i, "-", j)
						return db.Conn(ctx).Create(&item{ID: id, Name: "n" + id}).Error
					})
				}
			}()
		}
		for range n * each {
			if err := <-errs; err != nil {
				t.Fatalf("a concurrent read-then-write transaction failed: %v", err)
			}
		}
	})
}
