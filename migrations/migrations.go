// Package migrations embeds every service's versioned SQL migrations.
//
// Each folder holds one service's files (NNNNN_name.sql, goose format),
// written in PostgreSQL's dialect; database.Migrate adapts them for SQLite.
// The messaging folder holds the outbox and inbox tables that every service
// database carries.
package migrations

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed */*.sql
var files embed.FS

// Messaging is the name of the migration set for the outbox and inbox tables.
const Messaging = "messaging"

// For returns the migrations of one service (or of Messaging).
func For(name string) (fs.FS, error) {
	sub, err := fs.Sub(files, name)
	if err != nil {
		return nil, fmt.Errorf("migrations for %s: %w", name, err)
	}
	if _, err := fs.Stat(sub, "."); err != nil {
		return nil, fmt.Errorf("migrations for %s: none embedded", name)
	}
	return sub, nil
}

// Table names the goose version table of a migration set, so a service's
// own set and the messaging set keep separate histories in one database.
func Table(name string) string { return "goose_" + name + "_version" }
