// Command loadgen measures the buying path end to end through the web
// frontend, as shoppers without JavaScript would use it: each simulated
// shopper adds a unit to the cart, checks out, pays with the sandbox's good
// card, and waits until the order page says paid. It reports checkouts per
// second, request latencies, the time from pay to paid, and (given the
// services' metrics URLs) how many SQL statements a purchase costs.
//
//	loadgen --base http://localhost:8080 --shoppers 64 --duration 30s \
//	        --metrics user=http://127.0.0.1:8081,order=http://127.0.0.1:8090,...
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/web/shopper"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

type sample struct {
	checkout, pay, confirm time.Duration
	probe                  bool // timed pay-to-paid finely
}

func run() error {
	base := flag.String("base", "http://localhost:8080", "the web frontend")
	shoppers := flag.Int("shoppers", 32, "simulated shoppers buying at once")
	duration := flag.Duration("duration", 30*time.Second, "how long to buy")
	metrics := flag.String("metrics", "", "comma-separated name=url of services whose /metrics count SQL statements")
	products := flag.Int("products", 16, "products the shoppers choose from (one hot product would measure one row lock)")
	pay := flag.Bool("pay", true, "pay each order and wait until it is paid (false: checkouts only)")
	probes := flag.Int("probes", 4, "shoppers that poll their order every 25 ms to time pay-to-paid precisely; the others poll every second, as the order page does")
	flag.Parse()

	ctx := context.Background()
	transport := &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, IdleConnTimeout: 90 * time.Second}
	run := strings.ToLower(id.New()[24:])

	// A seller with one product of plenty of stock.
	seller, err := shopper.New(*base, transport)
	if err != nil {
		return err
	}
	if err := seller.Register(ctx, "Load Seller", "seller-"+run+"@load.test", "load-password-"+run); err != nil {
		return err
	}
	if err := seller.OpenShop(ctx, "Load Shop "+run, "A shop for load runs."); err != nil {
		return err
	}
	type item struct{ product, variation string }
	catalog := make([]item, *products)
	for i := range catalog {
		productID, err := seller.CreateProduct(ctx, fmt.Sprintf("Load Mug %d %s", i, run), "Bought again and again.", "Kitchen")
		if err != nil {
			return err
		}
		variationID, err := seller.AddVariation(ctx, productID, fmt.Sprintf("LOAD-%d-%s", i, run), "Standard", "12.50", 1000000)
		if err != nil {
			return err
		}
		catalog[i] = item{productID, variationID}
	}

	// Shoppers sign up (argon2id makes this the slow part of the set-up).
	clients := make([]*shopper.Client, *shoppers)
	var wg sync.WaitGroup
	errs := make(chan error, *shoppers)
	sem := make(chan struct{}, 8)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := shopper.New(*base, transport)
			if err == nil {
				err = c.Register(ctx, "Shopper "+strconv.Itoa(i), fmt.Sprintf("shopper-%d-%s@load.test", i, run), "load-password-"+run)
			}
			clients[i] = c
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return fmt.Errorf("sign up shoppers: %w", err)
		}
	}
	fmt.Printf("set up: 1 seller, %d products, %d shoppers\n", len(catalog), *shoppers)

	before, err := statements(*metrics)
	if err != nil {
		return err
	}
	var (
		mu      sync.Mutex
		samples []sample
		failed  atomic.Int64
	)
	deadline := time.Now().Add(*duration)
	start := time.Now()
	addr := shopper.Address{FullName: "Load Shopper", Address: "1 Test Street", City: "Testville", PostalCode: "12345", Country: "Testland"}
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			poll := time.Second
			if i < *probes {
				poll = 25 * time.Millisecond
			}
			for k := i; time.Now().Before(deadline); k++ {
				it := catalog[k%len(catalog)]
				s, err := purchase(ctx, c, it.product, it.variation, addr, poll, *pay)
				if err != nil {
					failed.Add(1)
					fmt.Fprintln(os.Stderr, "purchase:", err)
					continue
				}
				s.probe = i < *probes
				mu.Lock()
				samples = append(samples, s)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	after, err := statements(*metrics)
	if err != nil {
		return err
	}

	n := len(samples)
	fmt.Printf("%d purchases in %.1fs: %.1f checkouts/s; %d failed\n", n, elapsed.Seconds(), float64(n)/elapsed.Seconds(), failed.Load())
	if n == 0 {
		return errors.New("no purchase completed")
	}
	report := func(name string, only func(sample) bool, get func(sample) time.Duration) {
		var ds []time.Duration
		for _, s := range samples {
			if only(s) {
				ds = append(ds, get(s))
			}
		}
		if len(ds) == 0 {
			return
		}
		slices.Sort(ds)
		m := len(ds)
		p := func(q float64) string { return ds[int(q*float64(m-1))].Round(100 * time.Microsecond).String() }
		fmt.Printf("  %-22s p50 %-9s p95 %-9s p99 %-9s max %-7s (%d)\n", name, p(0.5), p(0.95), p(0.99), ds[m-1].Round(time.Millisecond), m)
	}
	all := func(sample) bool { return true }
	report("checkout (POST)", all, func(s sample) time.Duration { return s.checkout })
	report("pay (POST)", all, func(s sample) time.Duration { return s.pay })
	report("pay to paid (probes)", func(s sample) bool { return s.probe }, func(s sample) time.Duration { return s.confirm })
	if before != nil {
		var total int64
		names := make([]string, 0, len(after))
		for name := range after {
			names = append(names, name)
		}
		slices.Sort(names)
		fmt.Printf("SQL statements per purchase (add to cart, checkout, pay, and the events they cause):\n")
		for _, name := range names {
			d := after[name] - before[name]
			total += d
			fmt.Printf("  %-10s %6.1f\n", name, float64(d)/float64(n))
		}
		fmt.Printf("  %-10s %6.1f\n", "all", float64(total)/float64(n))
	}
	return nil
}

// purchase is one shopper's add to cart, checkout, payment and wait for
// the order to be paid.
func purchase(ctx context.Context, c *shopper.Client, productID, variationID string, addr shopper.Address, poll time.Duration, pay bool) (sample, error) {
	var s sample
	if err := c.AddToCart(ctx, productID, variationID, 1); err != nil {
		return s, err
	}
	p, err := c.Get(ctx, "/checkout")
	if err != nil {
		return s, err
	}
	f, err := p.Form("/checkout")
	if err != nil {
		return s, err
	}
	t0 := time.Now()
	p, err = c.SubmitCheckout(ctx, f, addr)
	s.checkout = time.Since(t0)
	if err != nil {
		return s, err
	}
	orderID := p.OrderID()
	if orderID == "" {
		return s, fmt.Errorf("checkout ended on %s (status %d)", p.Path, p.Status)
	}
	if !pay {
		return s, nil
	}
	t1 := time.Now()
	if _, err := c.Pay(ctx, orderID, paymentclient.CardSucceeds, p); err != nil {
		return s, err
	}
	s.pay = time.Since(t1)
	for {
		st, err := c.OrderStatus(ctx, orderID)
		if err != nil {
			return s, err
		}
		if st == "paid" {
			s.confirm = time.Since(t1)
			return s, nil
		}
		if time.Since(t1) > 30*time.Second {
			return s, fmt.Errorf("order %s still %s 30s after paying", orderID, st)
		}
		time.Sleep(poll) // polling the status fragment, as the order page does
	}
}

// statements reads marketplace_sql_statements_total of each service.
func statements(list string) (map[string]int64, error) {
	if list == "" {
		return nil, nil
	}
	out := map[string]int64{}
	for _, kv := range strings.Split(list, ",") {
		name, u, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("--metrics: want name=url, got %q", kv)
		}
		resp, err := http.Get(strings.TrimRight(u, "/") + "/metrics")
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "marketplace_sql_statements_total "); ok {
				f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
				out[name] = int64(f)
			}
		}
	}
	return out, nil
}
