// Package background runs the periodic work of a service beside its API:
// order expiry, photo processing, the sweeps of idle carts and ended
// sessions.
package background

import (
	"context"
	"time"

	"github.com/marketplace/marketplace/services/platform/database"
)

// Every calls job at once, then every period, and also whenever wake
// receives (wake may be nil), until ctx ends. The job runs with ctx marked
// database.Quiet: background work is no request's, so its SQL statements
// stay out of the per-request figures. job reports its own errors: one
// failed round must not stop the next.
func Every(ctx context.Context, period time.Duration, wake <-chan struct{}, job func(ctx context.Context)) {
	tick := time.NewTicker(period)
	defer tick.Stop()
	quiet := database.Quiet(ctx)
	for {
		job(quiet)
		select {
		case <-ctx.Done():
			return
		case <-wake:
		case <-tick.C:
		}
	}
}
