// Command cart runs the cart service on its own (distributed mode).
// Settings come from the environment; see the README. Besides the common
// ones it reads PRODUCT_URL (variations whose events have not arrived
// yet), WAREHOUSE_URL (stock no event has reported yet) and ORDER_URL
// (checkouts).
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/marketplace/marketplace/services/cart"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

func main() {
	host.Main("cart", ":8089", func(cfg *config.Set) func(host.Deps) (host.Service, error) {
		productURL := cfg.String("product-url", "PRODUCT_URL", "", "URL of the product service")
		warehouseURL := cfg.String("warehouse-url", "WAREHOUSE_URL", "", "URL of the warehouse service")
		orderURL := cfg.String("order-url", "ORDER_URL", "", "URL of the order service")
		return func(d host.Deps) (host.Service, error) {
			for env, u := range map[string]string{"PRODUCT_URL": *productURL, "WAREHOUSE_URL": *warehouseURL, "ORDER_URL": *orderURL} {
				if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
					return nil, fmt.Errorf("%s must be an http(s) URL", env)
				}
			}
			// host.Main read and checked INTERNAL_TOKEN already.
			opt := httpclient.Options{Token: os.Getenv("INTERNAL_TOKEN")}
			return cart.New(d, productclient.New(*productURL, opt), warehouseclient.New(*warehouseURL, opt), orderclient.New(*orderURL, opt))
		}
	})
}
