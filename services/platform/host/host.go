// Package host runs one business service: it opens and migrates the
// service's database, builds the service, serves its JSON API with the
// internal-token guard, runs its outbox relay and its event consumer, and
// shuts all of it down in order. The per-service binaries (cmd/<service>)
// run one host; the all-in-one binary runs them all in one process.
package host

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/marketplace/marketplace/migrations"
	"github.com/marketplace/marketplace/services/platform/background"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/platform/inbox"
	"github.com/marketplace/marketplace/services/platform/outbox"
)

// Service is a business service as the host sees it.
type Service interface {
	// Routes registers the service's API on g, which is mounted at /v1
	// behind the internal-token guard.
	Routes(g *echo.Group)
}

// Subscriber is a service that consumes events: it registers its handlers
// on the router of its queue (<service>.events). Handlers run inside the
// inbox transaction, so they use deps.DB.Conn(ctx) for their writes.
type Subscriber interface {
	Subscribe(r *eventbus.Router)
}

// OwnInbox is a Subscriber whose handlers are idempotent by themselves
// (analytics keys its event log by event id, in the handler's own
// transaction): the host does not wrap them in the inbox, which would only
// repeat that work.
type OwnInbox interface {
	OwnInbox()
}

// Runner is a service with background work of its own (a job worker); the
// host runs it beside the API and stops it with the rest.
type Runner interface {
	Run(ctx context.Context) error
}

// BodyLimiter is a service whose requests may be larger than the platform
// default (uploads); it returns an echo size such as "11M".
type BodyLimiter interface {
	BodyLimit() string
}

// Seeder is a service with demo data; Seed must be idempotent.
type Seeder interface {
	Seed(ctx context.Context) error
}

// Deps are what a service is built from.
type Deps struct {
	Name     string
	DB       *database.DB
	Outbox   *outbox.Outbox
	Clock    clock.Clock
	Logger   *slog.Logger
	Registry *prometheus.Registry
}

// Config says how to run one service.
type Config struct {
	Name        string // the service, e.g. "user"; also its migrations folder and queue prefix
	DatabaseURL string
	Addr        string // listen address; "127.0.0.1:0" picks a free port
	Token       string // internal token callers must present
	Transport   eventbus.Transport
	Logger      *slog.Logger
	Clock       clock.Clock
	BodyLimit   string
	MaxConns    int  // database pool size (0: the database package's default)
	Profiling   bool // serve Go's profiler at /debug/pprof/
	Demo        bool // seed demo data when the service has some
	// Grace bounds the graceful shutdown of the HTTP server.
	Grace time.Duration
}

// Host is one running service.
type Host struct {
	cfg     Config
	deps    Deps
	svc     Service
	echo    *echo.Echo
	ln      net.Listener
	relay   *outbox.Relay
	router  *eventbus.Router
	log     *slog.Logger
	closeDB sync.Once
}

// OpenDB opens a service's database and applies its migrations (and the
// outbox and inbox tables).
func OpenDB(ctx context.Context, name, url string) (*database.DB, error) {
	return openDB(ctx, name, url, 0)
}

func openDB(ctx context.Context, name, url string, maxConns int) (*database.DB, error) {
	db, err := database.Open(ctx, url, database.Options{MaxOpenConns: maxConns})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, set := range []string{migrations.Messaging, name} {
		fsys, err := migrations.For(set)
		if err == nil {
			err = db.Migrate(ctx, fsys, migrations.Table(set))
		}
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return db, nil
}

// NewDeps opens the database and prepares what build needs, without
// serving anything: for commands that act on a service's data directly
// (user create, seed).
func NewDeps(ctx context.Context, cfg Config) (Deps, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	db, err := openDB(ctx, cfg.Name, cfg.DatabaseURL, cfg.MaxConns)
	if err != nil {
		return Deps{}, err
	}
	log := cfg.Logger.With("service", cfg.Name)
	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "marketplace_sql_statements_total", Help: "SQL statements the service has run (transaction control excluded).",
	}, func() float64 { return float64(db.Statements()) }))
	return Deps{
		Name: cfg.Name, DB: db, Outbox: outbox.New(db, cfg.Name, cfg.Clock),
		Clock: cfg.Clock, Logger: log, Registry: reg,
	}, nil
}

// Open prepares a service: database, migrations, the service itself, its
// routes, its queue (declared now, so events route to it before it
// consumes) and its listener. Nothing runs until Run.
func Open(ctx context.Context, cfg Config, build func(Deps) (Service, error)) (*Host, error) {
	if cfg.Transport == nil {
		return nil, errors.New("host: no event transport")
	}
	if cfg.Grace == 0 {
		cfg.Grace = 8 * time.Second
	}
	deps, err := NewDeps(ctx, cfg)
	if err != nil {
		return nil, err
	}
	h := &Host{cfg: cfg, deps: deps, log: deps.Logger}
	fail := func(err error) (*Host, error) {
		deps.DB.Close()
		return nil, fmt.Errorf("%s: %w", cfg.Name, err)
	}
	h.svc, err = build(deps)
	if err != nil {
		return fail(err)
	}
	if s, ok := h.svc.(Seeder); ok && cfg.Demo {
		if err := s.Seed(ctx); err != nil {
			return fail(fmt.Errorf("seed demo data: %w", err))
		}
	}

	if bl, ok := h.svc.(BodyLimiter); ok && cfg.BodyLimit == "" {
		cfg.BodyLimit = bl.BodyLimit()
	}
	h.echo = httpserver.New(httpserver.Options{
		Service: cfg.Name, Logger: deps.Logger, Registry: deps.Registry, BodyLimit: cfg.BodyLimit, Profiling: cfg.Profiling,
		Ready: []httpserver.Check{
			{Name: "database", Fn: deps.DB.Ping},
			{Name: "broker", Fn: cfg.Transport.Ping},
		},
	})
	v1 := h.echo.Group("/v1", httpserver.Internal(cfg.Token))
	h.svc.Routes(v1)

	h.relay = outbox.NewRelay(deps.Outbox, cfg.Transport, outbox.RelayOptions{Logger: deps.Logger, Registerer: deps.Registry})

	if s, ok := h.svc.(Subscriber); ok {
		h.router = ConsumerRouter(deps, cfg.Transport, s)
		if err := cfg.Transport.Declare(ctx, h.router.Subscription()); err != nil {
			return fail(fmt.Errorf("declare queue %s: %w", h.router.Queue(), err))
		}
		opsRoutes(v1.Group("/ops"), cfg.Name, h.router.Queue(), cfg.Transport)
	}

	h.ln, err = httpserver.Listen(cfg.Addr)
	if err != nil {
		return fail(err)
	}
	return h, nil
}

// Queue names the queue a service consumes from.
func Queue(service string) string { return service + ".events" }

// ConsumerRouter builds the router of a service's queue on t with the
// service's handlers, each wrapped in the inbox transaction.
func ConsumerRouter(deps Deps, t eventbus.Transport, s Subscriber, opts ...eventbus.RouterOption) *eventbus.Router {
	queue := Queue(deps.Name)
	base := []eventbus.RouterOption{
		eventbus.WithLogger(deps.Logger),
		eventbus.WithMetrics(eventbus.NewMetrics(deps.Registry)),
	}
	if _, own := s.(OwnInbox); !own {
		base = append(base, eventbus.WithMiddleware(inbox.New(deps.DB, queue, deps.Clock).Middleware))
	}
	r := eventbus.NewRouter(t, queue, append(base, opts...)...)
	s.Subscribe(r)
	return r
}

// URL is where the service's API listens.
func (h *Host) URL() string { return "http://" + h.ln.Addr().String() }

// Deps returns what the service was built from (for tests and commands).
func (h *Host) Deps() Deps { return h.deps }

// Service returns the built service.
func (h *Host) Service() Service { return h.svc }

// Run serves, relays and consumes until ctx ends, then stops in order: the
// HTTP server drains in-flight requests, the consumer settles what it holds,
// the relay finishes its batch, and the database closes.
func (h *Host) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 5)
	start := func(what string, f func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(ctx); err != nil {
				errs <- fmt.Errorf("%s %s: %w", h.cfg.Name, what, err)
				cancel() // one part failing stops the service as a whole
			}
		}()
	}
	start("http", func(ctx context.Context) error { return httpserver.Serve(ctx, h.echo, h.ln, h.cfg.Grace) })
	start("outbox relay", h.relay.Run)
	if h.router != nil {
		start("consumer", h.router.Run)
		if _, own := h.svc.(OwnInbox); !own {
			start("inbox pruning", h.pruneInbox)
		}
	}
	if r, ok := h.svc.(Runner); ok {
		start("worker", r.Run)
	}
	h.log.Info("service started", "url", h.URL())
	wg.Wait()
	h.Close()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return errors.Join(all...)
}

// InboxRetention is how long a consumer remembers the events it applied.
// Brokers redeliver within minutes (an unacknowledged delivery when a
// connection drops, a relay that lost a confirm), so a week is far beyond
// any duplicate, and still recognises a dead letter replayed within it of
// which another copy got through; without an end the table would grow
// with every event.
const InboxRetention = 7 * 24 * time.Hour

// pruneInbox forgets, every hour, the inbox records older than
// InboxRetention.
func (h *Host) pruneInbox(ctx context.Context) error {
	in := inbox.New(h.deps.DB, Queue(h.deps.Name), h.deps.Clock)
	background.Every(ctx, time.Hour, nil, func(ctx context.Context) {
		if n, err := in.Prune(ctx, InboxRetention); err != nil && ctx.Err() == nil {
			h.log.Warn("prune the inbox", "err", err)
		} else if n > 0 {
			h.log.Info("pruned the inbox", "records", n)
		}
	})
	return nil
}

// Close releases the database (Run does it on its way out).
func (h *Host) Close() {
	h.closeDB.Do(func() { h.deps.DB.Close() })
}
