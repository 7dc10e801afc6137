package database

import "testing"

func TestForDialect(t *testing.T) {
	sql := `CREATE TABLE t (at TIMESTAMPTZ, doc JSONB);
-- postgres:begin
CREATE INDEX t_fts ON t USING gin (to_tsvector('simple', doc));
-- postgres:end
-- sqlite:begin
CREATE INDEX t_at ON t (at);
-- sqlite:end
SELECT 1;
`
	pg := forDialect(sql, Postgres)
	want := "CREATE TABLE t (at TIMESTAMPTZ, doc JSONB);\nCREATE INDEX t_fts ON t USING gin (to_tsvector('simple', doc));\nSELECT 1;\n"
	if pg != want {
		t.Errorf("postgres:\n%s\nwant:\n%s", pg, want)
	}
	lite := forDialect(sql, SQLite)
	want = "CREATE TABLE t (at DATETIME, doc TEXT);\nCREATE INDEX t_at ON t (at);\nSELECT 1;\n"
	if lite != want {
		t.Errorf("sqlite:\n%s\nwant:\n%s", lite, want)
	}
}
