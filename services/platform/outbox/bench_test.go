package outbox_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/eventbus/bustest"
	"github.com/marketplace/marketplace/services/platform/eventbus/inproc"
	"github.com/marketplace/marketplace/services/platform/eventbus/rabbitmq"
	"github.com/marketplace/marketplace/services/platform/outbox"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

// rabbit returns a transport on its own namespace with one queue bound to
// thing.made, removed when the benchmark ends.
func rabbit(tb testing.TB) (eventbus.Transport, string) {
	tb.Helper()
	url := testkit.RabbitMQ(tb)
	tr := rabbitmq.New(rabbitmq.Config{URL: url, Namespace: "bench" + testkit.Suffix(), Name: tb.Name()})
	queue := "bench.events"
	if err := tr.Declare(context.Background(), eventbus.Subscription{Queue: queue, Topics: []string{"thing.made"}}); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx := context.Background()
		_ = tr.DeleteQueue(ctx, queue)
		_ = tr.DeleteExchanges(ctx)
		tr.Close()
	})
	return tr, queue
}

// fill commits n events in transactions of 100.
func fill(tb testing.TB, db *database.DB, ob *outbox.Outbox, n int) {
	tb.Helper()
	ctx := context.Background()
	for i := 0; i < n; i += 100 {
		err := db.InTx(ctx, func(ctx context.Context) error {
			for j := i; j < min(i+100, n); j++ {
				if err := ob.Add(ctx, thingMade{N: j}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkRelayToRabbitMQ measures how fast the relay empties a
// PostgreSQL outbox into RabbitMQ with publisher confirms: one op is one
// event claimed, published, confirmed and deleted.
func BenchmarkRelayToRabbitMQ(b *testing.B) {
	db, ob := setup(b, testkit.Postgres(b))
	tr, _ := rabbit(b)
	relay := outbox.NewRelay(ob, tr, outbox.RelayOptions{Batch: 500})
	fill(b, db, ob, b.N)
	b.ResetTimer()
	start := time.Now()
	for {
		n, err := relay.Flush(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "events/s")
	if left, _ := ob.Pending(context.Background()); left != 0 {
		b.Fatalf("%d left", left)
	}
}

// BenchmarkEventLatency commits events at a steady 200 per second on
// PostgreSQL and measures, at the consumer on the other side of RabbitMQ,
// the time from the event's creation in the transaction to its handling.
// It reports the p50, p95 and p99 latencies. Run with -benchtime=1x: each
// run sends 2,000 events over 10 seconds.
func BenchmarkEventLatency(b *testing.B) {
	db, ob := setup(b, testkit.Postgres(b))
	tr, queue := rabbit(b)
	latency(b, db, ob, tr, queue)
}

// BenchmarkEventLatencyEmbedded is the same on SQLite and the in-process
// bus, the embedded mode.
func BenchmarkEventLatencyEmbedded(b *testing.B) {
	db, ob := setup(b, testkit.SQLite(b))
	bus, err := inproc.Open(context.Background(), b.TempDir()+"/bus.db")
	if err != nil {
		b.Fatal(err)
	}
	defer bus.Close()
	queue := "bench.events"
	if err := bus.Declare(context.Background(), eventbus.Subscription{Queue: queue, Topics: []string{"thing.made"}}); err != nil {
		b.Fatal(err)
	}
	latency(b, db, ob, bus, queue)
}

func latency(b *testing.B, db *database.DB, ob *outbox.Outbox, tr eventbus.Transport, queue string) {
	const rate, total = 200, 2000
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var lat []time.Duration
	done := make(chan struct{})
	r := eventbus.NewRouter(tr, queue)
	r.Handle("thing.made", func(ctx context.Context, env eventbus.Envelope) error {
		d := time.Since(env.OccurredAt)
		mu.Lock()
		defer mu.Unlock()
		lat = append(lat, d)
		if len(lat) == total*b.N {
			close(done)
		}
		return nil
	})
	go func() { _ = r.Run(ctx) }()
	relay := outbox.NewRelay(ob, tr, outbox.RelayOptions{})
	go func() { _ = relay.Run(ctx) }()

	b.ResetTimer()
	for range b.N {
		tick := time.NewTicker(time.Second / rate)
		for i := range total {
			<-tick.C
			err := db.InTx(ctx, func(ctx context.Context) error { return ob.Add(ctx, thingMade{N: i}) })
			if err != nil {
				b.Fatal(err)
			}
		}
		tick.Stop()
	}
	select {
	case <-done:
	case <-time.After(bustest.Wait):
		b.Fatalf("received %d of %d", len(lat), total*b.N)
	}
	b.StopTimer()
	mu.Lock()
	defer mu.Unlock()
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}
