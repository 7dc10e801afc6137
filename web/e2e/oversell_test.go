package e2e

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/web/shopper"
)

// No oversell: 200 shoppers check out at the same moment, each wanting one
// of the same 50 units. Exactly 50 orders hold stock, stock never goes
// below zero (the database refuses it, and the end state shows none
// missing), and the stock audit is clean.
func TestNoOversellEmbedded(t *testing.T) {
	dir := artifacts(t, "oversell-embedded")
	data := t.TempDir()
	admin := newAccount("Ada Admin", "admin")
	createAdminEmbedded(t, data, admin)
	p, base := startMarketplace(t, dir, data, "--demo=false")
	noOversell(t, embeddedSite(t, p, base, data))
}

// The same with every service in its own process on PostgreSQL and
// RabbitMQ.
func TestNoOversellDistributed(t *testing.T) {
	dir := artifacts(t, "oversell-distributed")
	d := runDistributed(t, dir, newAccount("Ada Admin", "admin"), false, testkit.RabbitMQ(t))
	noOversell(t, distributedSite(d))
}

const (
	contenders = 200
	units      = 50
)

var shippingAddress = shopper.Address{FullName: "Test Shopper", Address: "1 Test Street", City: "Testville", PostalCode: "12345", Country: "Testland"}

func noOversell(t *testing.T, s *site) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	transport := &http.Transport{MaxIdleConns: 512, MaxIdleConnsPerHost: 512}
	run := testkit.Suffix()

	seller, productID, variationID := listProduct(t, ctx, s.base, transport, run, units)
	_ = seller

	// Every contender signs up, puts one unit in the cart and opens the
	// checkout form; then all of them send it at once.
	type contender struct {
		c    *shopper.Client
		form *shopper.Form
	}
	cs := make([]contender, contenders)
	parallel(t, contenders, 8, func(i int) error {
		c, err := shopper.New(s.base, transport)
		if err != nil {
			return err
		}
		if err := c.Register(ctx, fmt.Sprint("Contender ", i), fmt.Sprintf("contender-%d-%s@example.com", i, run), "contender-pw-"+run); err != nil {
			return err
		}
		if err := c.AddToCart(ctx, productID, variationID, 1); err != nil {
			return err
		}
		p, err := c.Get(ctx, "/checkout")
		if err != nil {
			return err
		}
		f, err := p.Form("/checkout")
		if err != nil {
			return err
		}
		cs[i] = contender{c: c, form: f}
		return nil
	})

	outcomes := make([]*shopper.Page, contenders)
	var ready, done sync.WaitGroup
	ready.Add(contenders)
	gate := make(chan struct{})
	errs := make(chan error, contenders)
	for i := range cs {
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-gate
			p, err := cs[i].c.SubmitCheckout(ctx, cs[i].form, shippingAddress)
			outcomes[i] = p
			errs <- err
		}()
	}
	ready.Wait()
	close(gate)
	done.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a checkout failed to complete: %v", err)
		}
	}
	ordered := 0
	for i, p := range outcomes {
		switch {
		case p.Status != 200:
			t.Fatalf("contender %d: checkout ended on %s with status %d", i, p.Path, p.Status)
		case p.OrderID() != "":
			ordered++
		}
	}
	if ordered != units {
		t.Fatalf("%d of %d checkouts got an order for %d units", ordered, contenders, units)
	}

	var orders struct{ N, Units int64 }
	s.query(t, "order", &orders, `SELECT count(*) AS n, COALESCE(SUM(l.quantity), 0) AS units
		FROM orders o JOIN order_lines l ON l.order_id = o.id
		WHERE l.variation_id = ? AND o.status = 'pending_payment'`, variationID)
	if orders.N != units || orders.Units != units {
		t.Fatalf("the order service holds %d orders for %d units, want %d and %d", orders.N, orders.Units, units, units)
	}
	var stock struct{ Available, Reserved, Sold int64 }
	s.query(t, "warehouse", &stock, `SELECT available, reserved, sold FROM stock WHERE variation_id = ?`, variationID)
	if stock.Available != 0 || stock.Reserved != units || stock.Sold != 0 {
		t.Fatalf("stock is available %d, reserved %d, sold %d; want 0, %d, 0", stock.Available, stock.Reserved, stock.Sold, units)
	}
	s.auditClean(t)
}

// listProduct has a new seller open a shop and list a product with one
// option of stock units; it returns the seller, the product and the option.
func listProduct(t *testing.T, ctx context.Context, base string, transport http.RoundTripper, run string, stock int) (*shopper.Client, string, string) {
	t.Helper()
	seller, err := shopper.New(base, transport)
	if err != nil {
		t.Fatal(err)
	}
	steps := []func() error{
		func() error { return seller.Register(ctx, "Sol Seller", "sol-"+run+"@example.com", "seller-pw-"+run) },
		func() error { return seller.OpenShop(ctx, "Sol's Store "+run, "Limited editions.") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	productID, err := seller.CreateProduct(ctx, "Limited Print "+run, "Fifty numbered prints.", "Decor")
	if err != nil {
		t.Fatal(err)
	}
	variationID, err := seller.AddVariation(ctx, productID, "PRINT-"+run, "Numbered", "40.00", stock)
	if err != nil {
		t.Fatal(err)
	}
	return seller, productID, variationID
}

// parallel runs fn(0..n-1) with at most width at once and fails the test
// on the first error.
func parallel(t *testing.T, n, width int, fn func(i int) error) {
	t.Helper()
	sem := make(chan struct{}, width)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs <- fn(i)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
