package host

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/eventbus/rabbitmq"
	"github.com/marketplace/marketplace/services/platform/logging"
)

// Main runs one service as its own process, the distributed mode. It reads
// its settings from the environment (or flags), connects to PostgreSQL and
// RabbitMQ, and runs until SIGINT or SIGTERM, then shuts down gracefully.
// extra lets a service read settings of its own (the URLs of services it
// calls) before building; it may be nil.
func Main(name, defaultAddr string, extra func(*config.Set) func(Deps) (Service, error)) {
	if err := run(name, defaultAddr, extra, os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(name, defaultAddr string, extra func(*config.Set) func(Deps) (Service, error), args []string) error {
	cfg := config.New(name)
	addr := cfg.String("addr", "ADDR", defaultAddr, "address to listen on")
	dbURL := cfg.String("database-url", "DATABASE_URL", "", "PostgreSQL URL of this service's own database")
	amqpURL := cfg.String("amqp-url", "AMQP_URL", "", "RabbitMQ URL")
	logFormat := cfg.String("log-format", "LOG_FORMAT", "json", "log format: json or text")
	logLevel := cfg.String("log-level", "LOG_LEVEL", "info", "log level: debug, info, warn, error")
	demo := cfg.Bool("demo", "DEMO_DATA", false, "seed demo data if the service has some (idempotent)")
	namespace := cfg.String("bus-namespace", "BUS_NAMESPACE", "", "prefix for RabbitMQ exchanges and queues, to share a broker")
	profiling := cfg.Bool("pprof", "PPROF", false, "serve Go's profiler at /debug/pprof/")
	maxConns := cfg.Int("db-max-conns", "DB_MAX_CONNS", 0, "database connections at most (0: 8 on PostgreSQL)")
	token := cfg.Secret("INTERNAL_TOKEN", 16, true)
	build := extra(cfg)
	if err := cfg.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			cfg.Usage(os.Stdout)
		}
		return err
	}
	cfg.Check(*dbURL == "", "DATABASE_URL is required")
	cfg.Check(*amqpURL == "", "AMQP_URL is required")
	if err := cfg.Err(); err != nil {
		return err
	}
	log, err := logging.New(os.Stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	bus := rabbitmq.New(rabbitmq.Config{URL: *amqpURL, Name: name, Logger: log, Namespace: *namespace})
	defer bus.Close()
	h, err := Open(ctx, Config{
		Name: name, DatabaseURL: *dbURL, Addr: *addr, Token: token,
		Transport: bus, Logger: log, Demo: *demo, MaxConns: *maxConns, Profiling: *profiling,
	}, build)
	if err != nil {
		return err
	}
	return h.Run(ctx)
}
