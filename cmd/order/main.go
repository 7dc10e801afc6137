// Command order runs the order service on its own (distributed mode).
// Settings come from the environment; see the README. Besides the common
// ones it reads PRODUCT_URL and WAREHOUSE_URL, the services it calls, and
// ORDER_HOLD, how long an unpaid order keeps its stock (a Go duration,
// 15m by default).
package main

import (
	"errors"
	"os"
	"strings"
	"time"

	"github.com/marketplace/marketplace/services/order"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

func main() {
	host.Main("order", ":8090", func(cfg *config.Set) func(host.Deps) (host.Service, error) {
		productURL := cfg.String("product-url", "PRODUCT_URL", "", "URL of the product service")
		warehouseURL := cfg.String("warehouse-url", "WAREHOUSE_URL", "", "URL of the warehouse service")
		hold := cfg.Duration("hold", "ORDER_HOLD", 15*time.Minute, "how long an unpaid order keeps its stock")
		return func(d host.Deps) (host.Service, error) {
			for name, u := range map[string]string{"PRODUCT_URL": *productURL, "WAREHOUSE_URL": *warehouseURL} {
				if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
					return nil, errors.New(name + " must be an http(s) URL")
				}
			}
			if *hold <= 0 {
				return nil, errors.New("ORDER_HOLD must be a positive duration")
			}
			// host.Main read and checked INTERNAL_TOKEN already.
			opt := httpclient.Options{Token: os.Getenv("INTERNAL_TOKEN")}
			return order.New(d, productclient.New(*productURL, opt), warehouseclient.New(*warehouseURL, opt), *hold)
		}
	})
}
