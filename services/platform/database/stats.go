package database

import (
	"sync/atomic"

	"gorm.io/gorm"
)

// statementCounter counts the SQL statements gorm sends, so tests and
// load runs can tell what a request costs.
type statementCounter struct{ n atomic.Int64 }

func (s *statementCounter) register(g *gorm.DB) error {
	count := func(*gorm.DB) { s.n.Add(1) }
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

// Statements returns how many SQL statements this database has run through
// gorm since it was opened (transaction control excluded).
func (d *DB) Statements() int64 { return d.stats.n.Load() }
