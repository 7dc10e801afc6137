package app

import (
	"context"

	"github.com/marketplace/marketplace/services/platform/background"
)

// Run is the worker: every PollEvery it cancels the orders whose hold ran
// out and finishes the checkouts left reserving, until ctx ends.
func (a *App) Run(ctx context.Context) error {
	background.Every(ctx, PollEvery, nil, func(ctx context.Context) {
		if _, err := a.ResumeInterrupted(ctx); err != nil && ctx.Err() == nil {
			a.log.Error("resume interrupted checkouts", "err", err)
		}
		if _, err := a.ExpireDue(ctx); err != nil && ctx.Err() == nil {
			a.log.Error("expire unpaid orders", "err", err)
		}
	})
	return nil
}
