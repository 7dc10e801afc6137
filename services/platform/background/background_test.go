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
