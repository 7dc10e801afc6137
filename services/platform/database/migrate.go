package database

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Migrate applies the SQL migrations in fsys (files NNNNN_name.sql in its
// root) that are not applied yet, recording them in table. Migrations are
// written for PostgreSQL; for SQLite a few type names are translated (see
// sqliteTypes), so one file serves both engines. Statements only one engine
// understands (a full-text index, say) go between marker lines:
//
//	-- postgres:begin          -- sqlite:begin
//	...                        ...
//	-- postgres:end            -- sqlite:end
//
// and are left out for the other engine.
func (d *DB) Migrate(ctx context.Context, fsys fs.FS, table string) error {
	opts := []goose.ProviderOption{goose.WithTableName(table), goose.WithDisableGlobalRegistry(true)}
	dialect := goose.DialectPostgres
	fsys = translatedFS{FS: fsys, dialect: d.dialect}
	if d.dialect == SQLite {
		dialect = goose.DialectSQLite3
	} else {
		// Several instances may start at once: one migrates, the others wait.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return fmt.Errorf("migrate %s: %w", table, err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, d.sql, fsys, opts...)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", table, err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", table, err)
	}
	for _, r := range results {
		slog.Debug("migration applied", "table", table, "version", r.Source.Version, "duration", r.Duration)
	}
	return nil
}

// sqliteTypes maps PostgreSQL column types used in migrations to SQLite ones
// whose declared names make the driver scan times and bytes correctly.
var sqliteTypes = strings.NewReplacer(
	"TIMESTAMPTZ", "DATETIME",
	"JSONB", "TEXT",
	"BYTEA", "BLOB",
)

// translatedFS serves migration files for one engine: blocks marked for
// the other engine removed and, for SQLite, PostgreSQL type names rewritten.
type translatedFS struct {
	fs.FS
	dialect Dialect
}

// forDialect keeps the lines meant for dialect d.
func forDialect(sql string, d Dialect) string {
	var out strings.Builder
	skip := false
	for line := range strings.Lines(sql) {
		switch strings.TrimSpace(line) {
		case "-- postgres:begin", "-- sqlite:begin":
			skip = !strings.Contains(line, string(d)+":")
			continue
		case "-- postgres:end", "-- sqlite:end":
			skip = false
			continue
		}
		if !skip {
			out.WriteString(line)
		}
	}
	if d == SQLite {
		return sqliteTypes.Replace(out.String())
	}
	return out.String()
}

func (t translatedFS) Open(name string) (fs.File, error) {
	f, err := t.FS.Open(name)
	if err != nil || !strings.HasSuffix(name, ".sql") {
		return f, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return &memFile{Reader: bytes.NewReader([]byte(forDialect(string(b), t.dialect))), info: info}, nil
}

type memFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (m *memFile) Stat() (fs.FileInfo, error) { return m.info, nil }
func (m *memFile) Close() error               { return nil }
