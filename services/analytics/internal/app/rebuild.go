package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/marketplace/marketplace/services/analytics/internal/domain"
)

// ProjectionsVersion names the projections' current design. When it
// differs from the one the stored projections were built with, the service
// rebuilds them at start (see EnsureProjections).
const ProjectionsVersion = "2026-dashboards-1"

// rebuildBatch is how many logged events one transaction of a rebuild
// applies.
const rebuildBatch = 5000

// RebuildResult says what a rebuild did.
type RebuildResult struct {
	Events  int64
	Seconds float64
}

// rebuilding keeps two rebuilds of one process from interleaving (each
// would be correct, but together they would only do the work twice).
var rebuilding sync.Mutex

// RebuildAsAdmin is the API's rebuild: admins only. The rebuild runs to
// its end even if the caller stops waiting.
func (a *Analytics) RebuildAsAdmin(ctx context.Context) (RebuildResult, error) {
	if err := requireAdmin(ctx); err != nil {
		return RebuildResult{}, err
	}
	return a.Rebuild(context.WithoutCancel(ctx))
}

// Rebuild empties the projections and replays the whole event log into
// them, in the log's order, in batches of one transaction each. It applies
// every event exactly as the live consumer did (the same project), with
// the events' own times, so the projections come out the same. Consumers
// may keep running meanwhile: applying an event twice changes nothing, and
// every event logged before the last batch is read is replayed.
func (a *Analytics) Rebuild(ctx context.Context) (RebuildResult, error) {
	rebuilding.Lock()
	defer rebuilding.Unlock()
	start := time.Now()
	// Until the replay ends, the projections are of no version: a rebuild
	// that fails half way is done again at the next start.
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		if err := a.store.ClearProjections(ctx); err != nil {
			return err
		}
		return a.store.SetProjectionsVersion(ctx, "")
	})
	if err != nil {
		return RebuildResult{}, fmt.Errorf("rebuild: %w", err)
	}

	// Reading and decoding the next batch runs beside applying this one.
	type batch struct {
		facts domain.Facts
		n     int
		err   error
	}
	batches := make(chan batch, 1)
	readCtx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		defer close(batches)
		var after int64
		for {
			evs, err := a.store.Events(readCtx, after, rebuildBatch)
			var b batch
			if err != nil {
				b.err = err
			}
			for _, e := range evs {
				f, err := a.decode(e)
				if err != nil {
					b.err = fmt.Errorf("event %d (%s %s): %w", e.Seq, e.Type, e.ID, err)
					break
				}
				b.facts.Append(f)
			}
			b.n = len(evs)
			if b.n == 0 && b.err == nil {
				return
			}
			select {
			case batches <- b:
			case <-readCtx.Done():
				return
			}
			if b.err != nil {
				return
			}
			after = evs[len(evs)-1].Seq
		}
	}()

	var res RebuildResult
	for b := range batches {
		if b.err != nil {
			return res, fmt.Errorf("rebuild after %d events: %w", res.Events, b.err)
		}
		if err := a.tx.InTx(ctx, func(ctx context.Context) error { return a.project(ctx, b.facts) }); err != nil {
			return res, fmt.Errorf("rebuild after %d events: %w", res.Events, err)
		}
		res.Events += int64(b.n)
	}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("rebuild after %d events: %w", res.Events, err)
	}
	if err := a.store.SetProjectionsVersion(ctx, ProjectionsVersion); err != nil {
		return res, fmt.Errorf("rebuild: %w", err)
	}
	res.Seconds = time.Since(start).Seconds()
	a.log.Info("analytics projections rebuilt", "events", res.Events, "seconds", res.Seconds)
	return res, nil
}

// EnsureProjections rebuilds the projections when they were built with
// another version of their design than this code's (or never): after an
// upgrade, the dashboards then show the whole history, not only the events
// that arrive from now on.
func (a *Analytics) EnsureProjections(ctx context.Context) error {
	v, err := a.store.ProjectionsVersion(ctx)
	if err != nil {
		return err
	}
	if v == ProjectionsVersion {
		return nil
	}
	a.log.Info("rebuilding analytics projections for a new design", "from", v, "to", ProjectionsVersion)
	_, err = a.Rebuild(ctx)
	return err
}
