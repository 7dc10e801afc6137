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
	const stock, buyers, rounds = 600, 24, 20
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
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range rounds {
				if err := buy(c); err != nil {
					failures <- err
					return
				}
			}
		}()
	}

	// Restart the broker once a fifth of the purchases are through, and keep
	// it away until another batch of purchases went through without it.
	total := int64(buyers * rounds)
	waitUntil(t, ctx, func() bool { return purchased.Load() >= total/5 }, "a fifth of the purchases")
	testkit.RestartRabbitMQ(t, func() {
		at := purchased.Load()
		waitUntil(t, ctx, func() bool { return purchased.Load() >= at+int64(buyers) || purchased.Load() == total }, "purchases while the broker is down")
		if during := purchased.Load() - at; during < int64(buyers) {
			t.Fatalf("only %d purchases went through while the broker was down; the test needs more load", during)
		} else {
			t.Logf("%d purchases went through while the broker was down", during)
		}
	})
	wg.Wait()
	close(failures)
	for err := range failures {
		t.Fatalf("a purchase failed: %v", err)
	}
	if n := purchased.Load(); n != total {
		t.Fatalf("%d purchases, want %d", n, total)
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
