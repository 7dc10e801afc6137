// Package adapters keeps the analytics projections in the service's
// database.
package adapters

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/analytics/internal/app"
	"github.com/marketplace/marketplace/services/platform/database"
)

// Store is the SQL implementation of app.Store. The upserts are plain SQL
// that PostgreSQL and SQLite both run.
type Store struct{ db *database.DB }

// NewStore returns a store on db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

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

// AddCounter adds delta to a counter, creating it at delta.
func (s *Store) AddCounter(ctx context.Context, name string, delta int64) error {
	err := s.db.Conn(ctx).Exec(`INSERT INTO platform_counters (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = platform_counters.value + excluded.value`, name, delta).Error
	if err != nil {
		return fmt.Errorf("add to counter %s: %w", name, err)
	}
	return nil
}

// AddDaily adds delta to a metric on a day.
func (s *Store) AddDaily(ctx context.Context, metric, day string, delta int64) error {
	err := s.db.Conn(ctx).Exec(`INSERT INTO daily_metrics (metric, day, value) VALUES (?, ?, ?)
		ON CONFLICT (metric, day) DO UPDATE SET value = daily_metrics.value + excluded.value`, metric, day, delta).Error
	if err != nil {
		return fmt.Errorf("add to %s on %s: %w", metric, day, err)
	}
	return nil
}

// Counter reads a counter (0 when it was never set).
func (s *Store) Counter(ctx context.Context, name string) (int64, error) {
	var v []int64
	if err := s.db.Conn(ctx).Raw(`SELECT value FROM platform_counters WHERE name = ?`, name).Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("read counter %s: %w", name, err)
	}
	if len(v) == 0 {
		return 0, nil
	}
	return v[0], nil
}

// Daily reads a metric's values between two days inclusive.
func (s *Store) Daily(ctx context.Context, metric, from, to string) (map[string]int64, error) {
	var rows []struct {
		Day   string
		Value int64
	}
	err := s.db.Conn(ctx).Raw(`SELECT day, value FROM daily_metrics WHERE metric = ? AND day >= ? AND day <= ? ORDER BY day`,
		metric, from, to).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read %s from %s to %s: %w", metric, from, to, err)
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.Day] = r.Value
	}
	return out, nil
}
