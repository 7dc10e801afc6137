// Command warehouse runs the warehouse service on its own (distributed
// mode). Settings come from the environment; see the README. Besides the
// common ones it reads PRODUCT_URL, the product service it asks about a
// product whose events have not arrived yet.
package main

import (
	"errors"
	"os"
	"strings"

	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/warehouse"
)

func main() {
	host.Main("warehouse", ":8084", func(cfg *config.Set) func(host.Deps) (host.Service, error) {
		productURL := cfg.String("product-url", "PRODUCT_URL", "", "URL of the product service")
		return func(d host.Deps) (host.Service, error) {
			if !strings.HasPrefix(*productURL, "http://") && !strings.HasPrefix(*productURL, "https://") {
				return nil, errors.New("PRODUCT_URL must be an http(s) URL")
			}
			// host.Main read and checked INTERNAL_TOKEN already.
			products := productclient.New(*productURL, httpclient.Options{Token: os.Getenv("INTERNAL_TOKEN")})
			return warehouse.New(d, products)
		}
	})
}
