package database

import (
	"context"
	"sync/atomic"

	"gorm.io/gorm"
)

// statementCounter counts the SQL statements gorm sends, so tests and
// load runs can tell what a request costs.
type statementCounter struct{ n atomic.Int64 }

func (s *statementCounter) register(g *gorm.DB) error {
	count := func(tx *gorm.DB) {
		if ctx := tx.Statement.Context; ctx != nil && ctx.Value(quietKey{}) != nil {
			return
		}
		s.n.Add(1)
	}
	cb := g.Callback()
	for _, err := range []error{
		cb.Create().After("gorm:create").Register("marketplace:count_create", count),
		cb.Query().After("gorm:query").Register("marketplace:count_query", count),
		cb.Update().After("gorm:update").Register("marketplace:count_update", count),
		cb.Delete().After("gorm:delete").Register("marketplace:count_delete", count),
		cb.Row().After("gorm:row").Register("marketplace:count_row", count),
		cb.Raw().After("gorm:raw").Register("marketplace:count_raw", count),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

type quietKey struct{}

// Quiet returns ctx marked so that the statements run with it are not
// counted: the polls of background loops (an outbox relay finding nothing
// to send) would otherwise drown what requests cost. Work they find is
// counted with CountStatements.
func Quiet(ctx context.Context) context.Context { return context.WithValue(ctx, quietKey{}, true) }

// CountStatements adds n statements that ran quietly but did work.
func (d *DB) CountStatements(n int64) { d.stats.n.Add(n) }

// Statements returns how many SQL statements this database has run through
// gorm since it was opened (transaction control excluded).
func (d *DB) Statements() int64 { return d.stats.n.Load() }
