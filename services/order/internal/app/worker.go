package app

import (
	"context"
	"time"

	"github.com/marketplace/marketplace/services/platform/database"
)

// Run is the worker: every PollEvery it cancels the orders whose hold ran
// out and finishes the checkouts left reserving, until ctx ends.
func (a *App) Run(ctx context.Context) error {
	tick := time.NewTicker(PollEvery)
	defer tick.Stop()
	// Housekeeping, not any request's work: its statements are not counted.
	quiet := database.Quiet(ctx)
	for {
		if _, err := a.ResumeInterrupted(quiet); err != nil && ctx.Err() == nil {
			a.log.Error("resume interrupted checkouts", "err", err)
		}
		if _, err := a.ExpireDue(quiet); err != nil && ctx.Err() == nil {
			a.log.Error("expire unpaid orders", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}
