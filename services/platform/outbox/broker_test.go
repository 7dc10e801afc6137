package outbox_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/eventbus/bustest"
	"github.com/marketplace/marketplace/services/platform/eventbus/rabbitmq"
	"github.com/marketplace/marketplace/services/platform/inbox"
	"github.com/marketplace/marketplace/services/platform/outbox"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

// Killing RabbitMQ for a while loses no event: whatever committed while it
// was away is delivered, once each, after it returns. PostgreSQL outbox,
// real broker, consumer with an inbox.
func TestCommittedEventsSurviveBrokerOutage(t *testing.T) {
	amqpURL := testkit.RabbitMQExclusive(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	db, ob := setup(t, testkit.Postgres(t))
	consumerDB := testkit.OpenDB(t, testkit.Postgres(t))
	if err := consumerDB.Conn(ctx).Exec(`CREATE TABLE seen (n INTEGER PRIMARY KEY)`).Error; err != nil {
		t.Fatal(err)
	}

	sfx := testkit.Suffix()
	tr := rabbitmq.New(rabbitmq.Config{URL: amqpURL, Exchange: "test.events." + sfx, DeadExchange: "test.dead." + sfx, Name: t.Name()})
	defer tr.Close()
	queue := bustest.Queue("outage")
	t.Cleanup(func() {
		_ = tr.DeleteQueue(context.Background(), queue)
		_ = tr.DeleteExchanges(context.Background())
	})

	const total = 300
	var mu sync.Mutex
	got := 0
	all := make(chan struct{})
	in := inbox.New(consumerDB, queue, nil)
	r := eventbus.NewRouter(tr, queue, eventbus.WithMiddleware(in.Middleware))
	eventbus.On(r, func(ctx context.Context, env eventbus.Envelope, ev thingMade) error {
		// The primary key makes a double application fail the test loudly.
		if err := consumerDB.Conn(ctx).Exec(`INSERT INTO seen (n) VALUES (?)`, ev.N).Error; err != nil {
			return err
		}
		consumerDB.AfterCommit(ctx, func() {
			mu.Lock()
			defer mu.Unlock()
			if got++; got == total {
				close(all)
			}
		})
		return nil
	})
	if err := tr.Declare(ctx, r.Subscription()); err != nil {
		t.Fatal(err)
	}
	rctx, stopRouter := context.WithCancel(ctx)
	routerDone := make(chan error, 1)
	go func() { routerDone <- r.Run(rctx) }()
	relay := outbox.NewRelay(ob, tr, outbox.RelayOptions{Batch: 50})
	relayDone := make(chan error, 1)
	go func() { relayDone <- relay.Run(rctx) }()

	commit := func(from, to int) {
		for i := from; i < to; i++ {
			if err := makeThing(ctx, db, ob, i, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	commit(0, total/3)
	testkit.RestartRabbitMQ(t, func() {
		commit(total/3, 2*total/3) // the business goes on while the broker is away
	})
	commit(2*total/3, total)

	select {
	case <-all:
	case <-ctx.Done():
		mu.Lock()
		defer mu.Unlock()
		t.Fatalf("consumer applied %d of %d committed events", got, total)
	}
	stopRouter()
	<-routerDone
	<-relayDone
	var n int64
	if err := consumerDB.Conn(context.Background()).Raw(`SELECT count(*) FROM seen`).Scan(&n).Error; err != nil || n != total {
		t.Fatalf("consumer table has %d rows (err %v), want %d", n, err, total)
	}
	if left, _ := ob.Pending(context.Background()); left != 0 {
		t.Fatalf("%d events left in the outbox", left)
	}
}
