// Package testkit gives tests the real servers they need: a fresh
// PostgreSQL database, a RabbitMQ URL, a Chromium binary. When one is not
// there, the test is skipped with a message saying how to provide it, except
// under CI (CI=true), where a missing server is a failure.
package testkit

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", for creating test databases

	amqp "github.com/rabbitmq/amqp091-go"
)

// InCI reports whether the tests run under CI, where every server is required.
func InCI() bool { return os.Getenv("CI") == "true" }

// Unavailable skips t (or, under CI, fails it) because what is missing.
func Unavailable(t testing.TB, what string, err error, how string) {
	t.Helper()
	msg := fmt.Sprintf("%s is not available (%v); %s", what, err, how)
	if InCI() {
		t.Fatalf("CI=true requires it: %s", msg)
	}
	t.Skipf("skipped: %s", msg)
}

// Suffix returns a short random string for unique names.
func Suffix() string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// PostgresAdminURL is the server the tests create databases on; override with
// MARKETPLACE_TEST_POSTGRES.
func PostgresAdminURL() string {
	if u := os.Getenv("MARKETPLACE_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// Postgres creates an empty database for this test, drops it when the test
// ends, and returns its URL.
func Postgres(t testing.TB) string {
	t.Helper()
	admin := PostgresAdminURL()
	db, err := sql.Open("pgx", admin)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		err = db.PingContext(ctx)
		cancel()
	}
	if err != nil {
		Unavailable(t, "PostgreSQL at "+redact(admin), err, "start it or set MARKETPLACE_TEST_POSTGRES")
	}
	name := "mkt_test_" + Suffix()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		db.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Logf("drop test database %s: %v", name, err)
		}
	})
	return WithDatabase(admin, name)
}

// WithDatabase returns the PostgreSQL URL u pointed at database name.
func WithDatabase(u, name string) string {
	base, query, _ := strings.Cut(u, "?")
	i := strings.LastIndex(base, "/")
	out := base[:i+1] + name
	if query != "" {
		out += "?" + query
	}
	return out
}

func redact(u string) string {
	if p, err := url.Parse(u); err == nil {
		return p.Redacted()
	}
	return "(unparsable url)"
}

// SQLite returns a database URL for a fresh SQLite file in t's temp folder.
func SQLite(t testing.TB) string {
	t.Helper()
	return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
}

// Dialects runs fn once on SQLite and once on PostgreSQL, as subtests.
func Dialects(t *testing.T, fn func(t *testing.T, url string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// RabbitMQURL is the broker the tests use; override with MARKETPLACE_TEST_AMQP.
func RabbitMQURL() string {
	if u := os.Getenv("MARKETPLACE_TEST_AMQP"); u != "" {
		return u
	}
	return "amqp://guest:guest@127.0.0.1:5672/"
}

// RabbitMQ returns the broker URL after checking it answers. It holds a
// shared lock for the test's duration so that a test that restarts the
// broker (RabbitMQExclusive) waits until no other test package uses it.
func RabbitMQ(t testing.TB) string {
	t.Helper()
	lockBroker(t, syscall.LOCK_SH)
	return pingRabbit(t)
}

// RabbitMQExclusive is RabbitMQ for a test that stops and starts the broker.
func RabbitMQExclusive(t testing.TB) string {
	t.Helper()
	lockBroker(t, syscall.LOCK_EX)
	return pingRabbit(t)
}

func pingRabbit(t testing.TB) string {
	t.Helper()
	u := RabbitMQURL()
	var conn *amqp.Connection
	var err error
	// The broker may still be coming back from another package's restart test.
	deadline := time.Now().Add(20 * time.Second)
	for {
		conn, err = amqp.DialConfig(u, amqp.Config{Dial: amqp.DefaultDial(2 * time.Second)})
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	if err != nil {
		Unavailable(t, "RabbitMQ at "+redact(u), err, "start it or set MARKETPLACE_TEST_AMQP")
	}
	conn.Close()
	return u
}

var lockMu sync.Mutex

func lockBroker(t testing.TB, how int) {
	t.Helper()
	lockMu.Lock()
	defer lockMu.Unlock()
	f, err := os.OpenFile(filepath.Join(os.TempDir(), "marketplace-test-rabbitmq.lock"), os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		t.Fatalf("broker lock: %v", err)
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		t.Fatalf("broker lock: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() })
}

// RestartRabbitMQ stops the broker application, runs during while it is
// down, and starts it again, waiting until it accepts connections. Callers
// hold RabbitMQExclusive.
func RestartRabbitMQ(t testing.TB, during func()) {
	t.Helper()
	run := func(args ...string) {
		out, err := exec.Command("rabbitmqctl", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("rabbitmqctl %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("stop_app")
	defer func() {
		run("start_app")
		run("await_startup")
	}()
	if during != nil {
		during()
	}
}

// Chromium returns the path of a Chromium binary (CHROMIUM_PATH, or found
// on PATH).
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			Unavailable(t, "Chromium at CHROMIUM_PATH", err, "point CHROMIUM_PATH at a Chromium binary")
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Unavailable(t, "Chromium", fmt.Errorf("not on PATH"), "install it (apt-get install -y chromium) or set CHROMIUM_PATH")
	return ""
}
