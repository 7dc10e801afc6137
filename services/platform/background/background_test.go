package background_test

import (
	"context"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/background"
)

// The job runs at once, again on every wake, and Every returns when ctx
// ends. The period is an hour, so every round here comes from a wake.
func TestEveryRunsAtOnceOnWakeAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	wake := make(chan struct{})
	rounds := make(chan int)
	done := make(chan struct{})
	n := 0
	go func() {
		defer close(done)
		background.Every(ctx, time.Hour, wake, func(context.Context) {
			n++
			rounds <- n
		})
	}()
	if got := <-rounds; got != 1 {
		t.Fatalf("first round %d", got)
	}
	wake <- struct{}{}
	if got := <-rounds; got != 2 {
		t.Fatalf("round after wake %d", got)
	}
	cancel()
	<-done
}

// Sweep asks for more while full batches yield work, and stops at a short
// batch or at a full one in which nothing could be done.
func TestSweepDrainsInBatches(t *testing.T) {
	due := []string{"a", "b", "c", "d", "e"}
	find := func(context.Context) ([]string, error) { return due[:min(2, len(due))], nil }
	done := func(_ context.Context, id string) (bool, error) {
		due = due[1:]
		return true, nil
	}
	if n, err := background.Sweep(context.Background(), 2, find, done); err != nil || n != 5 || len(due) != 0 {
		t.Fatalf("handled %d, %v; %v left", n, err, due)
	}

	stuck := []string{"x", "y"} // found again and again, never done
	calls := 0
	n, err := background.Sweep(context.Background(), 2,
		func(context.Context) ([]string, error) { calls++; return stuck, nil },
		func(context.Context, string) (bool, error) { return false, nil })
	if err != nil || n != 0 || calls != 1 {
		t.Fatalf("handled %d, %v after %d finds; want one find", n, err, calls)
	}
}
