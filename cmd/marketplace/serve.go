package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/errgroup"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/comment/commentclient"
	"github.com/marketplace/marketplace/services/media/mediaclient"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/eventbus/inproc"
	"github.com/marketplace/marketplace/services/platform/host"
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

// dataFlags are the settings every command shares.
type dataFlags struct {
	data     *string
	logLevel *string
}

func commonFlags(cfg *config.Set) dataFlags {
	return dataFlags{
		data:     cfg.String("data", "MARKETPLACE_DATA", "./data", "folder for the databases and generated secrets"),
		logLevel: cfg.String("log-level", "LOG_LEVEL", "info", "log level: debug, info, warn, error"),
	}
}

func parse(cfg *config.Set, args []string, out io.Writer) error {
	err := cfg.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		cfg.Usage(out)
	}
	return err
}

func dbURL(dataDir, name string) string { return "sqlite:" + filepath.Join(dataDir, name+".db") }

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := config.New("marketplace serve")
	addr := cfg.String("addr", "MARKETPLACE_ADDR", "localhost:8080", "address of the web frontend")
	demo := cfg.Bool("demo", "MARKETPLACE_DEMO", true, "seed demo data into an empty data folder")
	logFormat := cfg.String("log-format", "LOG_FORMAT", "text", "log format: text or json")
	hold := cfg.Duration("order-hold", "ORDER_HOLD", 15*time.Minute, "how long an unpaid order keeps its stock before it expires")
	common := commonFlags(cfg)
	internal := map[string]*string{}
	for _, s := range services {
		internal[s.name] = cfg.String(s.name+"-addr", "MARKETPLACE_"+strings.ToUpper(s.name)+"_ADDR", "127.0.0.1:0",
			"internal listen address of the "+s.name+" service (port 0: any free port)")
	}
	if err := parse(cfg, args, stdout); err != nil {
		return err
	}
	log, err := logging.New(stderr, *logFormat, *common.logLevel)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*common.data, 0o750); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	sec, err := loadSecrets(*common.data)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	bus, err := inproc.Open(ctx, filepath.Join(*common.data, "bus.db"))
	if err != nil {
		return err
	}
	defer bus.Close()

	if *demo {
		fmt.Fprintln(stdout, "Preparing the marketplace (the first start seeds the demo data and draws its photos: a few seconds)...")
	}
	addrs := map[string]string{}
	for name, a := range internal {
		addrs[name] = *a
	}
	hosts, urls, err := openServices(ctx, openOptions{
		dataDir: *common.data, bus: bus, log: log, secrets: sec, hold: *hold, addrs: addrs,
		demo: func(string) bool { return *demo },
	})
	if err != nil {
		return err
	}
	opt := httpclient.Options{Token: sec.InternalToken}

	hashKey, err := web.DecodeKey("session hash key", sec.SessionHashKey)
	if err != nil {
		return err
	}
	blockKey, err := web.DecodeKey("session block key", sec.SessionBlockKey)
	if err != nil {
		return err
	}
	front, err := web.New(web.Config{
		Clients: web.Clients{
			User:          userclient.New(urls["user"], opt),
			Shop:          shopclient.New(urls["shop"], opt),
			Product:       productclient.New(urls["product"], opt),
			Warehouse:     warehouseclient.New(urls["warehouse"], opt),
			Media:         mediaclient.New(urls["media"], opt),
			Comment:       commentclient.New(urls["comment"], opt),
			Analytics:     analyticsclient.New(urls["analytics"], opt),
			Cart:          cartclient.New(urls["cart"], opt),
			Order:         orderclient.New(urls["order"], opt),
			Payment:       paymentclient.New(urls["payment"], opt),
			VisualContent: visualcontentclient.New(urls["visualcontent"], opt),
			Ops:           opsClients(urls, opt),
		},
		HashKey: hashKey, BlockKey: blockKey, Logger: log, Registry: prometheus.NewRegistry(),
	})
	if err != nil {
		return err
	}
	ln, err := httpserver.Listen(*addr)
	if err != nil {
		return err
	}

	// Shut down from the outside in: the frontend first, so the pages it is
	// still serving can call the services, then the services.
	webCtx, stopWeb := context.WithCancel(ctx)
	defer stopWeb()
	hostsCtx, stopHosts := context.WithCancel(context.WithoutCancel(ctx))
	defer stopHosts()
	var g errgroup.Group
	for _, h := range hosts {
		g.Go(func() error {
			err := h.Run(hostsCtx)
			if err != nil {
				stopWeb() // a failed service takes the whole process down
			}
			return err
		})
	}
	g.Go(func() error {
		err := httpserver.Serve(webCtx, front, ln, 5*time.Second)
		httpclient.CloseIdleConnections()
		stopHosts()
		return err
	})
	fmt.Fprintf(stdout, "Marketplace is running at http://%s (data in %s). Press Ctrl+C to stop.\n", ln.Addr(), *common.data)
	err = g.Wait()
	slog.New(log.Handler()).Info("marketplace stopped")
	return err
}

// openOptions say how openServices opens the services.
type openOptions struct {
	dataDir string
	bus     *inproc.Bus
	log     *slog.Logger
	secrets secrets
	hold    time.Duration
	addrs   map[string]string // internal listen address per service ("" for 127.0.0.1:0)
	demo    func(service string) bool
	clock   clock.Clock // nil for the system clock
}

// openServices opens every service, in order, on its SQLite file in the
// data folder and the in-process bus, and returns them with their URLs.
// All are opened before any runs: each declares its queue when it opens,
// so no event is published before its consumers' queues exist.
func openServices(ctx context.Context, o openOptions) ([]*host.Host, map[string]string, error) {
	hosts := make([]*host.Host, 0, len(services))
	urls := map[string]string{}
	wire := wiring{urls: urls, client: httpclient.Options{Token: o.secrets.InternalToken}, dataDir: o.dataDir, secrets: o.secrets, hold: o.hold}
	for _, s := range services {
		addr := o.addrs[s.name]
		if addr == "" {
			addr = "127.0.0.1:0"
		}
		h, err := host.Open(ctx, host.Config{
			Name: s.name, DatabaseURL: dbURL(o.dataDir, s.name), Addr: addr,
			Token: o.secrets.InternalToken, Transport: o.bus, Logger: o.log, Demo: o.demo(s.name), Grace: 5 * time.Second,
			Clock: o.clock, // a service with bigger requests says so itself (host.BodyLimiter)
		}, func(d host.Deps) (host.Service, error) { return s.build(d, wire) })
		if err != nil {
			for _, open := range hosts {
				open.Close()
			}
			return nil, nil, err
		}
		hosts = append(hosts, h)
		urls[s.name] = h.URL()
		o.log.Info("service listening", "service", s.name, "url", h.URL())
	}
	return hosts, urls, nil
}

// opsClients reach every service, in start order, for the admin area's
// dead letters: every service consumes events.
func opsClients(urls map[string]string, opt httpclient.Options) []*opsclient.Client {
	out := make([]*opsclient.Client, 0, len(services))
	for _, s := range services {
		out = append(out, opsclient.New(s.name, urls[s.name], opt))
	}
	return out
}
