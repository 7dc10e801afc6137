// Command product runs the product service on its own (distributed mode).
// Settings come from the environment; see the README. Besides the common
// ones it reads SHOP_URL, the shop service it asks about a seller's shop
// when the shop's events have not arrived yet.
package main

import (
	"errors"
	"os"
	"strings"

	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/product"
	"github.com/marketplace/marketplace/services/shop/shopclient"
)

func main() {
	host.Main("product", ":8082", func(cfg *config.Set) func(host.Deps) (host.Service, error) {
		shopURL := cfg.String("shop-url", "SHOP_URL", "", "base URL of the shop service")
		return func(d host.Deps) (host.Service, error) {
			if !strings.HasPrefix(*shopURL, "http://") && !strings.HasPrefix(*shopURL, "https://") {
				return nil, errors.New("SHOP_URL must be an http(s) URL")
			}
			// host.Main read and checked INTERNAL_TOKEN already.
			shops := shopclient.New(*shopURL, httpclient.Options{Token: os.Getenv("INTERNAL_TOKEN")})
			return product.New(d, shops)
		}
	})
}
