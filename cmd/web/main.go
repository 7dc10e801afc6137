// Command web runs the web frontend on its own (distributed mode): it
// serves the pages and calls the services over HTTP. Settings come from the
// environment; see the README.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/comment/commentclient"
	"github.com/marketplace/marketplace/services/media/mediaclient"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/platform/logging"
	"github.com/marketplace/marketplace/services/platform/opsclient"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/shop/shopclient"
	"github.com/marketplace/marketplace/services/user/userclient"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
	"github.com/marketplace/marketplace/web"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string) error {
	cfg := config.New("web")
	addr := cfg.String("addr", "ADDR", ":8080", "address to listen on")
	urls := map[string]*string{}
	for _, svc := range []string{"user", "shop", "product", "warehouse", "media", "comment", "analytics", "cart", "order", "payment", "visualcontent"} {
		env := strings.ToUpper(svc) + "_URL"
		urls[env] = cfg.String(svc+"-url", env, "", "base URL of the "+svc+" service")
	}
	secure := cfg.Bool("cookie-secure", "COOKIE_SECURE", false, "mark cookies Secure (serve over HTTPS)")
	proxies := cfg.String("trusted-proxies", "TRUSTED_PROXIES", "", "comma-separated CIDRs of proxies whose X-Forwarded-For is trusted")
	logFormat := cfg.String("log-format", "LOG_FORMAT", "json", "log format: json or text")
	profiling := cfg.Bool("pprof", "PPROF", false, "serve Go's profiler at /debug/pprof/")
	logLevel := cfg.String("log-level", "LOG_LEVEL", "info", "log level")
	token := cfg.Secret("INTERNAL_TOKEN", 16, true)
	hashKey := cfg.Secret("SESSION_HASH_KEY", 32, true)
	blockKey := cfg.Secret("SESSION_BLOCK_KEY", 32, true)
	if err := cfg.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			cfg.Usage(os.Stdout)
		}
		return err
	}
	for name, u := range urls {
		cfg.Check(!strings.HasPrefix(*u, "http://") && !strings.HasPrefix(*u, "https://"), "%s must be an http(s) URL", name)
	}
	if err := cfg.Err(); err != nil {
		return err
	}
	hk, err := web.DecodeKey("SESSION_HASH_KEY", hashKey)
	if err != nil {
		return err
	}
	bk, err := web.DecodeKey("SESSION_BLOCK_KEY", blockKey)
	if err != nil {
		return err
	}
	log, err := logging.New(os.Stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	var trusted []string
	if *proxies != "" {
		trusted = strings.Split(*proxies, ",")
	}
	opt := httpclient.Options{Token: token}
	e, err := web.New(web.Config{
		Clients: web.Clients{
			User:          userclient.New(*urls["USER_URL"], opt),
			Shop:          shopclient.New(*urls["SHOP_URL"], opt),
			Product:       productclient.New(*urls["PRODUCT_URL"], opt),
			Warehouse:     warehouseclient.New(*urls["WAREHOUSE_URL"], opt),
			Media:         mediaclient.New(*urls["MEDIA_URL"], opt),
			Comment:       commentclient.New(*urls["COMMENT_URL"], opt),
			Analytics:     analyticsclient.New(*urls["ANALYTICS_URL"], opt),
			Cart:          cartclient.New(*urls["CART_URL"], opt),
			Order:         orderclient.New(*urls["ORDER_URL"], opt),
			Payment:       paymentclient.New(*urls["PAYMENT_URL"], opt),
			VisualContent: visualcontentclient.New(*urls["VISUALCONTENT_URL"], opt),
			Ops:           opsClients(urls, opt),
		},
		HashKey: hk, BlockKey: bk[:32], SecureCookies: *secure, TrustedProxies: trusted,
		Logger: log, Registry: prometheus.NewRegistry(), Profiling: *profiling,
	})
	if err != nil {
		return err
	}
	ln, err := httpserver.Listen(*addr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	log.Info("web started", "addr", ln.Addr().String())
	return httpserver.Serve(ctx, e, ln, 8*time.Second)
}

// opsClients reach every service for the admin area's dead letters.
func opsClients(urls map[string]*string, opt httpclient.Options) []*opsclient.Client {
	var out []*opsclient.Client
	for env, u := range urls {
		name := strings.ToLower(strings.TrimSuffix(env, "_URL"))
		out = append(out, opsclient.New(name, *u, opt))
	}
	slices.SortFunc(out, func(a, b *opsclient.Client) int { return strings.Compare(a.Name(), b.Name()) })
	return out
}
