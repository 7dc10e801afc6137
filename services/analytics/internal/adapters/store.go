// Package adapters keeps the analytics event log and projections in the
// service's database. The SQL is plain enough for PostgreSQL and SQLite
// both; the few differences (row locks, the log's order column, emptying
// tables) are chosen by dialect.
package adapters

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/marketplace/marketplace/services/analytics/internal/app"
	"github.com/marketplace/marketplace/services/analytics/internal/domain"
	"github.com/marketplace/marketplace/services/platform/database"
)

var _ app.Store = (*Store)(nil)

// Store is the SQL implementation of app.Store. Every call uses
// db.Conn(ctx), so it joins the transaction in ctx when there is one.
type Store struct {
	db       *database.DB
	orders   table[domain.Order, orderRow]
	shops    table[domain.Shop, shopRow]
	users    table[domain.User, userRow]
	reviews  table[domain.Review, reviewRow]
	attempts table[domain.Attempt, attemptRow]
}

// NewStore returns a store on db.
func NewStore(db *database.DB) *Store {
	return &Store{
		db:       db,
		orders:   table[domain.Order, orderRow]{db: db, name: "orders", cols: orderCols, values: orderValues, entity: orderRow.entity},
		shops:    table[domain.Shop, shopRow]{db: db, name: "shops", cols: shopCols, values: shopValues, entity: shopRow.entity},
		users:    table[domain.User, userRow]{db: db, name: "users", cols: userCols, values: userValues, entity: userRow.entity},
		reviews:  table[domain.Review, reviewRow]{db: db, name: "reviews", cols: reviewCols, values: reviewValues, entity: reviewRow.entity},
		attempts: table[domain.Attempt, attemptRow]{db: db, name: "payment_attempts", cols: attemptCols, values: attemptValues, entity: attemptRow.entity},
	}
}

// Orders implements app.Store.
func (s *Store) Orders() app.Entities[domain.Order] { return s.orders }

// Shops implements app.Store.
func (s *Store) Shops() app.Entities[domain.Shop] { return s.shops }

// Users implements app.Store.
func (s *Store) Users() app.Entities[domain.User] { return s.users }

// Reviews implements app.Store.
func (s *Store) Reviews() app.Entities[domain.Review] { return s.reviews }

// Attempts implements app.Store.
func (s *Store) Attempts() app.Entities[domain.Attempt] { return s.attempts }

// RecordEvent keeps a consumed event in the log and reports whether it is
// new: a repeat is not logged again.
func (s *Store) RecordEvent(ctx context.Context, e app.Event) (bool, error) {
	res := s.db.Conn(ctx).Exec(`INSERT INTO event_log (id, type, source, occurred_at, data) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`, e.ID, e.Type, e.Source, e.OccurredAt.UTC(), e.Data)
	if res.Error != nil {
		return false, fmt.Errorf("log event %s (%s): %w", e.ID, e.Type, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// seqColumn is the column that orders the log: a sequence on PostgreSQL,
// the rowid on SQLite (which grows with every insert into the log).
func (s *Store) seqColumn() string {
	if s.db.Dialect() == database.SQLite {
		return "rowid"
	}
	return "seq"
}

// Events implements app.Store.
func (s *Store) Events(ctx context.Context, after int64, limit int) ([]app.Event, error) {
	var rows []struct {
		Seq              int64
		ID, Type, Source string
		OccurredAt       time.Time
		Data             string
	}
	seq := s.seqColumn()
	err := s.db.Conn(ctx).Raw(`SELECT `+seq+` AS seq, id, type, source, occurred_at, data FROM event_log
		WHERE `+seq+` > ? ORDER BY `+seq+` LIMIT ?`, after, limit).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read the event log after %d: %w", after, err)
	}
	out := make([]app.Event, len(rows))
	for i, r := range rows {
		out[i] = app.Event{Seq: r.Seq, ID: r.ID, Type: r.Type, Source: r.Source, OccurredAt: r.OccurredAt.UTC(), Data: r.Data}
	}
	return out, nil
}

// projectionTables are every table derived from the log.
var projectionTables = []string{
	"orders", "shops", "owner_shops", "shop_currencies", "users", "reviews", "payment_attempts", "product_names",
	"cart_activity", "cart_checkouts", "platform_daily", "shop_daily", "product_daily",
}

// ClearProjections implements app.Store.
func (s *Store) ClearProjections(ctx context.Context) error {
	db := s.db.Conn(ctx)
	if s.db.Dialect() == database.Postgres {
		if err := db.Exec(`TRUNCATE ` + strings.Join(projectionTables, ", ")).Error; err != nil {
			return fmt.Errorf("empty the projections: %w", err)
		}
		return nil
	}
	for _, t := range projectionTables {
		if err := db.Exec(`DELETE FROM ` + t).Error; err != nil {
			return fmt.Errorf("empty %s: %w", t, err)
		}
	}
	return nil
}

const metaVersion = "projections_version"

// ProjectionsVersion implements app.Store.
func (s *Store) ProjectionsVersion(ctx context.Context) (string, error) {
	var v []string
	if err := s.db.Conn(ctx).Raw(`SELECT value FROM projection_meta WHERE name = ?`, metaVersion).Scan(&v).Error; err != nil {
		return "", fmt.Errorf("read the projections' version: %w", err)
	}
	if len(v) == 0 {
		return "", nil
	}
	return v[0], nil
}

// SetProjectionsVersion implements app.Store.
func (s *Store) SetProjectionsVersion(ctx context.Context, v string) error {
	err := s.db.Conn(ctx).Exec(`INSERT INTO projection_meta (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, metaVersion, v).Error
	if err != nil {
		return fmt.Errorf("record the projections' version: %w", err)
	}
	return nil
}
