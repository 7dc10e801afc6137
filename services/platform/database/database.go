// Package database opens a service's database (PostgreSQL in the distributed
// mode, SQLite in the embedded mode) and carries transactions in contexts.
//
// Code that may run inside a transaction takes ctx first and asks for its
// connection with DB.Conn(ctx): inside DB.InTx it gets the transaction,
// outside it the pool. That is how an outbox row lands in the same
// transaction as the state change that produced it.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/marketplace/marketplace/services/platform/clock"
)

// Dialect names the database engine behind a DB.
type Dialect string

// The supported dialects.
const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// DB is one service's database.
type DB struct {
	gorm    *gorm.DB
	sql     *sql.DB
	dialect Dialect
	stats   statementCounter
}

// Options tune the connection pool.
type Options struct {
	// MaxOpenConns bounds the pool (0 picks a default per dialect).
	MaxOpenConns int
	// Logger receives slow-query warnings; nil discards them.
	Logger logger.Interface
}

// Open connects to url, which is either a PostgreSQL URL
// (postgres://user@host/db) or "sqlite:" followed by a file path. SQLite files
// get WAL, a busy timeout and immediate transactions, so concurrent writers
// queue instead of failing with "database is locked".
func Open(ctx context.Context, rawURL string, opt Options) (*DB, error) {
	var (
		dialector gorm.Dialector
		dialect   Dialect
		maxOpen   = opt.MaxOpenConns
	)
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		dialect, dialector = Postgres, postgres.Open(rawURL)
		if maxOpen == 0 {
			// Eleven services share one PostgreSQL server (max_connections
			// is 100 by default): a small pool each, which is also what a
			// 2-core database serves best.
			maxOpen = 8
		}
	case strings.HasPrefix(rawURL, "sqlite:"):
		path := strings.TrimPrefix(rawURL, "sqlite:")
		if path == "" {
			return nil, errors.New("open database: sqlite url has no file path")
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("open database: create folder for %s: %w", path, err)
		}
		dialect, dialector = SQLite, sqlite.Open(sqliteDSN(path))
		if maxOpen == 0 {
			// WAL lets readers run beside the one writer; more connections
			// than this only queue on the write lock.
			maxOpen = 8
		}
	default:
		return nil, fmt.Errorf("open database: unsupported url %q (want postgres://... or sqlite:PATH)", redact(rawURL))
	}

	lg := opt.Logger
	if lg == nil {
		lg = logger.Discard
	}
	g, err := gorm.Open(dialector, &gorm.Config{
		Logger:                 lg,
		NowFunc:                clock.System{}.Now,
		SkipDefaultTransaction: true, // every write we make is already in InTx or is a single statement
		TranslateError:         true,
	})
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	sqlDB.SetMaxOpenConns(maxOpen)
	sqlDB.SetMaxIdleConns(maxOpen)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	db := &DB{gorm: g, sql: sqlDB, dialect: dialect}
	if err := db.stats.register(g); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	if dialect == SQLite {
		if _, err := sqlDB.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS _txlock (x INTEGER)`); err != nil {
			_ = sqlDB.Close()
			return nil, fmt.Errorf("open sqlite database: %w", err)
		}
	}
	if err := db.Ping(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	return db, nil
}

func sqliteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)") // durable at every checkpoint; WAL keeps it consistent
	q.Add("_pragma", "foreign_keys(1)")
	// _txlock=immediate would take the write lock at BEGIN, but the driver
	// (glebarez/go-sqlite up to v1.23) stops reading parameters after
	// _time_format, so InTx takes the lock itself (see lockForWrite).
	q.Set("_time_format", "sqlite")
	return "file:" + path + "?" + q.Encode()
}

// redact hides a password in a URL for error messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable url)"
	}
	return u.Redacted()
}

// Dialect reports the engine.
func (d *DB) Dialect() Dialect { return d.dialect }

// SQL exposes the pool, for migrations and health checks.
func (d *DB) SQL() *sql.DB { return d.sql }

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := d.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s database: %w", d.dialect, err)
	}
	return nil
}

// Close releases the pool.
func (d *DB) Close() error { return d.sql.Close() }

type txKey struct{ db *DB }

type txState struct {
	tx *gorm.DB
	mu sync.Mutex
	// afterCommit runs once the transaction has committed, never on rollback.
	afterCommit []func()
}

// Conn returns the transaction in ctx if there is one for this database,
// otherwise the pool, bound to ctx either way.
func (d *DB) Conn(ctx context.Context) *gorm.DB {
	if st, ok := ctx.Value(txKey{d}).(*txState); ok {
		return st.tx
	}
	return d.gorm.WithContext(ctx)
}

// InTx runs fn in a transaction and commits if fn returns nil. A nested call
// joins the outer transaction.
func (d *DB) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{d}).(*txState); ok {
		return fn(ctx)
	}
	st := &txState{}
	err := d.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := d.lockForWrite(ctx, tx); err != nil {
			return err
		}
		st.tx = tx
		return fn(context.WithValue(ctx, txKey{d}, st))
	})
	if err != nil {
		return err
	}
	for _, f := range st.afterCommit {
		f()
	}
	return nil
}

// lockForWrite makes a SQLite transaction take the database's write lock
// with its first statement, as BEGIN IMMEDIATE would. Otherwise a
// transaction that reads before it writes fails at once with "database is
// locked" when another writer got in between, instead of waiting its turn
// (busy_timeout cannot help a read lock that must become a write lock).
// The statement changes nothing and bypasses the statement counter.
func (d *DB) lockForWrite(ctx context.Context, tx *gorm.DB) error {
	if d.dialect != SQLite {
		return nil
	}
	if _, err := tx.Statement.ConnPool.ExecContext(ctx, `DELETE FROM _txlock WHERE 0`); err != nil {
		return fmt.Errorf("take the sqlite write lock: %w", err)
	}
	return nil
}

// InTransaction reports whether ctx carries a transaction of this database.
func (d *DB) InTransaction(ctx context.Context) bool {
	_, ok := ctx.Value(txKey{d}).(*txState)
	return ok
}

// AfterCommit arranges for f to run once the transaction in ctx commits. It
// reports false (and does nothing) when ctx has no transaction of this
// database.
func (d *DB) AfterCommit(ctx context.Context, f func()) bool {
	st, ok := ctx.Value(txKey{d}).(*txState)
	if !ok {
		return false
	}
	st.mu.Lock()
	st.afterCommit = append(st.afterCommit, f)
	st.mu.Unlock()
	return true
}

// IsUniqueViolation reports whether err is a unique-constraint violation, on
// either engine.
func IsUniqueViolation(err error) bool {
	return errors.Is(err, gorm.ErrDuplicatedKey)
}

// IsNotFound reports whether err says that a row was not found.
func IsNotFound(err error) bool {
	return errors.Is(err, gorm.ErrRecordNotFound)
}
