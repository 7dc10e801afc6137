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

// Sweep works through what find reports, a batch at a time: find returns
// the ids of at most batch items due now, do handles one and says whether
// it did anything (an item may have moved on since it was found). It goes
// on while full batches keep yielding work, and returns how many items do
// handled.
func Sweep(ctx context.Context, batch int, find func(ctx context.Context) ([]string, error),
	do func(ctx context.Context, id string) (bool, error)) (int, error) {
	n := 0
	for ctx.Err() == nil {
		ids, err := find(ctx)
		if err != nil {
			return n, err
		}
		doneNow := 0
		for _, id := range ids {
			done, err := do(ctx, id)
			if err != nil {
				return n, err
			}
			if done {
				doneNow++
			}
		}
		n += doneNow
		if len(ids) < batch || doneNow == 0 {
			break
		}
	}
	return n, nil
}
