package rabbitmq_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/eventbus/bustest"
	"github.com/marketplace/marketplace/services/platform/eventbus/rabbitmq"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

// newTransport returns a transport on exchanges of its own, and deletes the
// exchanges and every queue the test declared when it ends.
func newTransport(t *testing.T, url string) *rabbitmq.Transport {
	t.Helper()
	sfx := testkit.Suffix()
	cfg := rabbitmq.Config{
		URL: url, Name: t.Name(), SettleGrace: 200 * time.Millisecond,
		Exchange: "test.events." + sfx, DeadExchange: "test.dead." + sfx,
	}
	tr := rabbitmq.New(cfg)
	t.Cleanup(func() {
		tr.Close()
		conn, err := amqp.Dial(url)
		if err != nil {
			return
		}
		defer conn.Close()
		ch, err := conn.Channel()
		if err != nil {
			return
		}
		_ = ch.ExchangeDelete(cfg.Exchange, false, false)
		_ = ch.ExchangeDelete(cfg.DeadExchange, false, false)
	})
	return tr
}

// tracked deletes the queues a test declares when it ends.
type tracked struct {
	*rabbitmq.Transport
	t *testing.T
}

func (tr tracked) Declare(ctx context.Context, sub eventbus.Subscription) error {
	tr.t.Cleanup(func() { _ = tr.DeleteQueue(context.Background(), sub.Queue) })
	return tr.Transport.Declare(ctx, sub)
}

func TestContract(t *testing.T) {
	url := testkit.RabbitMQ(t)
	bustest.Run(t, func(t *testing.T) eventbus.Transport {
		return tracked{newTransport(t, url), t}
	})
}

// No message is lost while the broker restarts in the middle of a stream:
// a publisher that retries what was not confirmed (as the outbox relay
// does) and a consumer that reconnects by itself end with every event.
func TestNoLossAcrossBrokerRestart(t *testing.T) {
	url := testkit.RabbitMQExclusive(t)
	tr := newTransport(t, url)
	queue := bustest.Queue("restart")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := tr.Declare(ctx, eventbus.Subscription{Queue: queue, Topics: []string{"thing.made"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tr.DeleteQueue(context.Background(), queue) })

	const total = 2000
	events := make([]eventbus.Envelope, total)
	for i := range events {
		events[i] = bustest.Envelope("thing.made", fmt.Sprint(i))
	}

	var mu sync.Mutex
	received := map[string]bool{}
	all := make(chan struct{})
	r := eventbus.NewRouter(tr, queue)
	r.Handle("thing.made", func(ctx context.Context, env eventbus.Envelope) error {
		mu.Lock()
		defer mu.Unlock()
		received[env.ID] = true
		if len(received) == total {
			close(all)
		}
		return nil
	})
	rctx, stop := context.WithCancel(ctx)
	routerDone := make(chan error, 1)
	go func() { routerDone <- r.Run(rctx) }()

	confirmed := make(chan int, total)
	pubDone := make(chan error, 1)
	go func() {
		// Publish in batches; retry whatever was not confirmed until it is.
		pending := events
		for len(pending) > 0 {
			n := min(50, len(pending))
			batch := pending[:n]
			err := tr.Publish(ctx, batch)
			failed := eventbus.FailedIDs(err, batch)
			var next []eventbus.Envelope
			for _, e := range batch {
				if _, bad := failed[e.ID]; bad {
					next = append(next, e)
				} else {
					confirmed <- 1
				}
			}
			pending = append(next, pending[n:]...)
			if err != nil {
				select {
				case <-ctx.Done():
					pubDone <- ctx.Err()
					return
				case <-time.After(100 * time.Millisecond): // back off while the broker is away
				}
			}
		}
		pubDone <- nil
	}()

	// Restart once a quarter of the stream is confirmed; while the broker
	// is down, wait until a publish has failed, so the outage is real.
	for range total / 4 {
		<-confirmed
	}
	testkit.RestartRabbitMQ(t, func() {
		for { // republishing event 0 is harmless: consumers see repeats anyway
			if err := tr.Publish(ctx, events[:1]); err != nil {
				t.Logf("broker down: %v", err)
				return
			}
		}
	})

	if err := <-pubDone; err != nil {
		t.Fatalf("publisher: %v", err)
	}
	select {
	case <-all:
	case <-ctx.Done():
		mu.Lock()
		n := len(received)
		mu.Unlock()
		t.Fatalf("received %d of %d events after the restart", n, total)
	}
	stop()
	if err := <-routerDone; err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
}
