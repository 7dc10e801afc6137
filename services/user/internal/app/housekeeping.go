package app

import (
	"context"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/platform/background"
)

// SessionGrace is how long an ended (expired or revoked) session is kept
// before it is deleted; nothing reads it after it ends, but a day keeps it
// at hand for an operator looking into a recent sign-out.
const SessionGrace = 24 * time.Hour

// ThrottleQuiet is how long a sign-in record (consecutive failures of an
// email, domain.LoginThrottle) must go without an attempt before it is
// forgotten. Records are kept for emails with no account too, so without
// an end anyone could grow the table with made-up emails. A day is far
// beyond the longest lock (domain.MaxLock): an attacker who waits a day
// between guesses gains nothing worth the wait.
const ThrottleQuiet = 24 * time.Hour

// HousekeepEvery is how often the worker runs.
const HousekeepEvery = time.Hour

// Forgotten counts what one round of housekeeping deleted.
type Forgotten struct {
	Sessions, SignInRecords int64
}

// Run is the worker: every HousekeepEvery it runs Housekeeping, until ctx
// ends.
func (a *App) Run(ctx context.Context) error {
	background.Every(ctx, HousekeepEvery, nil, func(ctx context.Context) {
		if n, err := a.Housekeeping(ctx); err != nil && ctx.Err() == nil {
			a.log.Error("user housekeeping", "err", err)
		} else if n.Sessions > 0 || n.SignInRecords > 0 {
			a.log.Info("user housekeeping", "sessions_deleted", n.Sessions, "sign_in_records_deleted", n.SignInRecords)
		}
	})
	return nil
}

// Housekeeping deletes the sessions that ended more than SessionGrace ago
// and the sign-in records quiet for ThrottleQuiet and not locked.
func (a *App) Housekeeping(ctx context.Context) (Forgotten, error) {
	now := a.clock.Now()
	var out Forgotten
	var err error
	if out.Sessions, err = a.store.DeleteStaleSessions(ctx, now.Add(-SessionGrace)); err != nil {
		return out, fmt.Errorf("housekeeping: %w", err)
	}
	if out.SignInRecords, err = a.store.DeleteQuietLoginThrottles(ctx, now.Add(-ThrottleQuiet), now); err != nil {
		return out, fmt.Errorf("housekeeping: %w", err)
	}
	return out, nil
}
