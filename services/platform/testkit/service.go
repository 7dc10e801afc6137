package testkit

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpserver"
)

// quietLogger keeps test output to warnings and errors: the access log of
// every request would bury a failure's explanation.
var quietLogger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

// Token is the internal token test services accept.
const Token = "test-internal-token-0123456789"

// Served is a service under test, reachable over real HTTP.
type Served struct {
	URL     string
	Deps    host.Deps
	Service host.Service
}

// ServeService builds service name on a fresh database at dbURL (migrated)
// and serves its API on a local HTTP server behind the internal-token guard
// (Token), with the body limit the service asks for (host.BodyLimiter).
// clk may be nil for the system clock.
func ServeService(t testing.TB, name, dbURL string, clk clock.Clock, build func(host.Deps) (host.Service, error)) Served {
	t.Helper()
	deps, err := host.NewDeps(context.Background(), host.Config{Name: name, DatabaseURL: dbURL, Clock: clk, Logger: quietLogger})
	if err != nil {
		t.Fatalf("%s deps: %v", name, err)
	}
	t.Cleanup(func() { deps.DB.Close() })
	svc, err := build(deps)
	if err != nil {
		t.Fatalf("build %s: %v", name, err)
	}
	opt := httpserver.Options{Service: name, Registry: deps.Registry, Logger: quietLogger}
	if bl, ok := svc.(host.BodyLimiter); ok {
		opt.BodyLimit = bl.BodyLimit() // as the host serves it (uploads)
	}
	e := httpserver.New(opt)
	svc.Routes(e.Group("/v1", httpserver.Internal(Token)))
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return Served{URL: srv.URL, Deps: deps, Service: svc}
}
