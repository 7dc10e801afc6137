// Command analytics runs the analytics service on its own (distributed
// mode). Settings come from the environment; see the README.
//
// `analytics rebuild` instead recomputes the dashboards' projections from
// the stored event log and exits (DATABASE_URL or -database-url).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/marketplace/marketplace/services/analytics"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/logging"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "rebuild" {
		if err := rebuild(os.Args[2:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				os.Exit(0)
			}
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	host.Main("analytics", ":8088", func(*config.Set) func(host.Deps) (host.Service, error) {
		return func(d host.Deps) (host.Service, error) { return analytics.New(d) }
	})
}

// rebuild opens and migrates the database, rebuilds the projections and
// prints what it did.
func rebuild(args []string) error {
	cfg := config.New("analytics rebuild")
	dbURL := cfg.String("database-url", "DATABASE_URL", "", "PostgreSQL URL (or sqlite:PATH) of the analytics database")
	logFormat := cfg.String("log-format", "LOG_FORMAT", "text", "log format: json or text")
	logLevel := cfg.String("log-level", "LOG_LEVEL", "info", "log level: debug, info, warn, error")
	if err := cfg.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			cfg.Usage(os.Stdout)
		}
		return err
	}
	cfg.Check(*dbURL == "", "DATABASE_URL is required")
	if err := cfg.Err(); err != nil {
		return err
	}
	log, err := logging.New(os.Stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	db, err := host.OpenDB(ctx, "analytics", *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := analytics.Rebuild(ctx, db, log)
	if err != nil {
		return err
	}
	fmt.Printf("rebuilt the analytics projections from %d events in %.1f s\n", res.Events, res.Seconds)
	return nil
}
