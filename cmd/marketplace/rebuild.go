package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/marketplace/marketplace/services/analytics"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
)

// analyticsRebuild recomputes every analytics projection from the events
// analytics logged (after a fix to a projection, or to check one): the
// result is what the live consumers made.
func analyticsRebuild(ctx context.Context, args []string, out io.Writer) error {
	cfg := config.New("marketplace analytics rebuild")
	common := commonFlags(cfg)
	if err := parse(cfg, args, out); err != nil {
		return err
	}
	db, err := host.OpenDB(ctx, "analytics", dbURL(*common.data, "analytics"))
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := analytics.Rebuild(ctx, db, slog.New(slog.DiscardHandler)) // the line below says it
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "rebuilt the analytics projections from %d events in %.1f s\n", res.Events, res.Seconds)
	return nil
}
