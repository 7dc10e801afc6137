package e2e

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/web/shopper"
)

// Nothing is lost when RabbitMQ restarts in the middle of checkouts:
// shoppers keep buying and paying while the broker is away (those are
// synchronous calls), the events wait in the outboxes, and once the broker
// is back every order becomes paid, every payment and every unit of stock
// is accounted for, and analytics has seen every event.
func TestNothingLostWhenBrokerRestarts(t *testing.T) {
	dir := artifacts(t, "broker-restart")
	d := runDistributed(t, dir, newAccount("Ada Admin", "admin"), false, testkit.RabbitMQExclusive(t))
	s := distributedSite(d)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	transport := &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256}
	run := testkit.Suffix()
	// The shoppers buy until the test has seen enough purchases before, during
	// and after the outage; stock is ample so that it never runs out first.
	const stock, buyers, phase = 5000, 24, 48
	_, productID, variationID := listProduct(t, ctx, s.base, transport, run, stock)

	clients := make([]*shopper.Client, buyers)
	parallel(t, buyers, 8, func(i int) error {
		c, err := shopper.New(s.base, transport)
		if err != nil {
			return err
		}
		clients[i] = c
		return c.Register(ctx, fmt.Sprint("Buyer ", i), fmt.Sprintf("buyer-%d-%s@example.com", i, run), "buyer-pw-"+run)
	})

	var (
		mu        sync.Mutex
		orders    []*orderOf
		purchased atomic.Int64
		enough    atomic.Bool
		wg        sync.WaitGroup
		failures  = make(chan error, buyers)
	)
	buy := func(c *shopper.Client) error {
		if err := c.AddToCart(ctx, productID, variationID, 1); err != nil {
			return err
		}
		p, err := c.Checkout(ctx, shippingAddress)
		if err != nil {
			return err
		}
		id := p.OrderID()
		if id == "" {
			return fmt.Errorf("checkout ended on %s (%d)", p.Path, p.Status)
		}
		if p, err = c.Pay(ctx, id, paymentclient.CardSucceeds); err != nil {
			return err
		} else if p.Status != 200 {
			return fmt.Errorf("paying order %s answered %d", id, p.Status)
		}
		mu.Lock()
		orders = append(orders, &orderOf{c: c, id: id})
		mu.Unlock()
		purchased.Add(1)
		return nil
	}
	for _, c := range clients {
		wg.Go(func() {
			for !enough.Load() {
				if err := buy(c); err != nil {
					failures <- err
					return
				}
			}
		})
	}
	// failed reports the first purchase that failed, so the phases below do
	// not wait for purchases that can no longer come.
	failed := func() bool { return len(failures) > 0 }
	atLeast := func(n int64, what string) {
		waitUntil(t, ctx, func() bool { return failed() || purchased.Load() >= n }, what)
	}

	// Stop the broker once some purchases are through, keep it away until
	// another batch went through without it, then go on buying after it is
	// back. RestartRabbitMQ calls back once stop_app has returned, so every
	// purchase counted inside went through with the broker down.
	atLeast(phase, "purchases before the outage")
	var during int64
	testkit.RestartRabbitMQ(t, func() {
		at := purchased.Load()
		atLeast(at+phase, "purchases while the broker is down")
		during = purchased.Load() - at
	})
	atLeast(purchased.Load()+phase, "purchases after the broker is back")
	enough.Store(true)
	wg.Wait()
	close(failures)
	for err := range failures {
		t.Fatalf("a purchase failed: %v", err)
	}
	total := purchased.Load()
	if during < phase {
		t.Fatalf("only %d purchases went through while the broker was down, want at least %d", during, phase)
	}
	t.Logf("%d purchases, %d of them while the broker was down", total, during)
	if total > stock {
		t.Fatalf("%d purchases of %d units in stock", total, stock)
	}

	// Every order becomes paid (payment.success -> order.paid) once the
	// events flow again.
	for _, o := range orders {
		waitUntil(t, ctx, func() bool {
			st, err := o.c.OrderStatus(ctx, o.id)
			return err == nil && st == "paid"
		}, "order "+o.id+" paid")
	}
	var counts struct{ Paid, Payments, Sold, Reserved int64 }
	s.query(t, "order", &counts.Paid, `SELECT count(*) FROM orders WHERE status = 'paid'`)
	s.query(t, "payment", &counts.Payments, `SELECT count(*) FROM payments WHERE status = 'succeeded'`)
	var st struct{ Available, Reserved, Sold int64 }
	waitUntil(t, ctx, func() bool { // the warehouse commits on order.paid
		s.query(t, "warehouse", &st, `SELECT available, reserved, sold FROM stock WHERE variation_id = ?`, variationID)
		return st.Sold == total
	}, "the warehouse to commit every paid order")
	if counts.Paid != total || counts.Payments != total || st.Reserved != 0 || st.Available != stock-total {
		t.Fatalf("paid orders %d, payments %d, stock %+v; want %d paid and paid for, %d sold, %d available",
			counts.Paid, counts.Payments, st, total, total, stock-total)
	}
	s.auditClean(t)
	var logged struct{ Created, Paid int64 }
	waitUntil(t, ctx, func() bool {
		s.query(t, "analytics", &logged, `SELECT
			SUM(CASE WHEN type = 'order.created' THEN 1 ELSE 0 END) AS created,
			SUM(CASE WHEN type = 'order.paid' THEN 1 ELSE 0 END) AS paid FROM event_log`)
		return logged.Created == total && logged.Paid == total
	}, "analytics to have every order event")
}

type orderOf struct {
	c  *shopper.Client
	id string
}

// waitUntil polls cond until it holds, failing the test when ctx ends. It
// is for state that changes through events, which no callback announces.
func waitUntil(t *testing.T, ctx context.Context, cond func() bool, what string) {
	t.Helper()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("timed out waiting for %s", what)
		case <-time.After(50 * time.Millisecond):
		}
	}
}
