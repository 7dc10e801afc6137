package main

import (
	"path/filepath"
	"time"

	"github.com/marketplace/marketplace/services/analytics"
	"github.com/marketplace/marketplace/services/cart"
	"github.com/marketplace/marketplace/services/comment"
	"github.com/marketplace/marketplace/services/media"
	"github.com/marketplace/marketplace/services/order"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/payment"
	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/product"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/shop"
	"github.com/marketplace/marketplace/services/shop/shopclient"
	"github.com/marketplace/marketplace/services/user"
	"github.com/marketplace/marketplace/services/visualcontent"
	"github.com/marketplace/marketplace/services/warehouse"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

// wiring is what a service may need besides its own database: where the
// services it calls listen, and the data folder.
type wiring struct {
	urls    map[string]string // service name -> base URL, of those opened before
	client  httpclient.Options
	dataDir string
	secrets secrets
	hold    time.Duration // how long an unpaid order keeps its stock
}

// service is one business service the all-in-one binary runs.
type service struct {
	name  string
	build func(host.Deps, wiring) (host.Service, error)
}

// services lists every service in start order: a service comes after the
// services it calls. A new service is added here, in its own
// cmd/<service>, and in docker-compose.yml.
var services = []service{
	{name: "user", build: func(d host.Deps, _ wiring) (host.Service, error) { return user.New(d) }},
	{name: "shop", build: func(d host.Deps, _ wiring) (host.Service, error) { return shop.New(d) }},
	{name: "product", build: func(d host.Deps, w wiring) (host.Service, error) {
		return product.New(d, shopclient.New(w.urls["shop"], w.client))
	}},
	{name: "warehouse", build: func(d host.Deps, w wiring) (host.Service, error) {
		return warehouse.New(d, productclient.New(w.urls["product"], w.client))
	}},
	{name: "media", build: func(d host.Deps, w wiring) (host.Service, error) {
		store, err := blobstore.NewDir(filepath.Join(w.dataDir, "media"))
		if err != nil {
			return nil, err
		}
		return media.New(d, store, productclient.New(w.urls["product"], w.client))
	}},
	{name: "comment", build: func(d host.Deps, w wiring) (host.Service, error) {
		return comment.New(d, productclient.New(w.urls["product"], w.client))
	}},
	{name: "order", build: func(d host.Deps, w wiring) (host.Service, error) {
		return order.New(d, productclient.New(w.urls["product"], w.client), warehouseclient.New(w.urls["warehouse"], w.client), w.hold)
	}},
	{name: "payment", build: func(d host.Deps, w wiring) (host.Service, error) {
		return payment.New(d, orderclient.New(w.urls["order"], w.client), nil, payment.WithRequestHashKey([]byte(w.secrets.PaymentHashKey)))
	}},
	{name: "cart", build: func(d host.Deps, w wiring) (host.Service, error) {
		return cart.New(d, productclient.New(w.urls["product"], w.client), warehouseclient.New(w.urls["warehouse"], w.client),
			orderclient.New(w.urls["order"], w.client))
	}},
	{name: "analytics", build: func(d host.Deps, _ wiring) (host.Service, error) { return analytics.New(d) }},
	{name: "visualcontent", build: func(d host.Deps, w wiring) (host.Service, error) {
		store, err := blobstore.NewDir(filepath.Join(w.dataDir, "banners"))
		if err != nil {
			return nil, err
		}
		return visualcontent.New(d, store)
	}},
}
