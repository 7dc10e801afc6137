package inproc_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/eventbus/bustest"
	"github.com/marketplace/marketplace/services/platform/eventbus/inproc"
)

func open(t *testing.T, path string) *inproc.Bus {
	t.Helper()
	b, err := inproc.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	b.SettleGrace = 100 * time.Millisecond
	return b
}

func TestContract(t *testing.T) {
	bustest.Run(t, func(t *testing.T) eventbus.Transport {
		b := open(t, filepath.Join(t.TempDir(), "bus.db"))
		t.Cleanup(func() { b.Close() })
		return b
	})
}

// What the bus accepted survives a restart of the process, as it would in
// RabbitMQ, and comes back marked as redelivered.
func TestAcceptedEventsSurviveRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bus.db")
	ctx := context.Background()
	sub := eventbus.Subscription{Queue: "svc.events", Topics: []string{"thing.made"}}
	ev := bustest.Envelope("thing.made", "x")

	first := open(t, path)
	if err := first.Declare(ctx, sub); err != nil {
		t.Fatal(err)
	}
	if err := first.Publish(ctx, []eventbus.Envelope{ev}); err != nil {
		t.Fatal(err)
	}
	first.Close()

	second := open(t, path)
	defer second.Close()
	got := make(chan eventbus.Delivery, 1)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { _ = second.Consume(cctx, sub, func(d eventbus.Delivery) { got <- d }) }()
	select {
	case d := <-got:
		if d.Envelope().ID != ev.ID || !d.Redelivered() {
			t.Fatalf("got %s redelivered=%v", d.Envelope().ID, d.Redelivered())
		}
		_ = d.Ack()
	case <-time.After(bustest.Wait):
		t.Fatal("the event accepted before the restart was not delivered")
	}
}
