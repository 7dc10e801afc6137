package testkit

import (
	"context"
	"testing"

	"github.com/marketplace/marketplace/migrations"
	"github.com/marketplace/marketplace/services/platform/database"
)

// OpenDB opens url, applies the messaging migrations (outbox and inbox)
// and the named services' migrations, and closes it when the test ends.
func OpenDB(t testing.TB, url string, services ...string) *database.DB {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, url, database.Options{})
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	for _, name := range append([]string{migrations.Messaging}, services...) {
		fsys, err := migrations.For(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx, fsys, migrations.Table(name)); err != nil {
			t.Fatalf("migrate %s: %v", name, err)
		}
	}
	return db
}
