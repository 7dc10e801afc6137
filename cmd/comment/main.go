// Command comment runs the comment service (product reviews) on its own,
// the distributed mode. Settings come from the environment; see the
// README. Besides the host's settings it needs PRODUCT_URL, the product
// service it asks about the products being reviewed.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/marketplace/marketplace/services/comment"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/product/productclient"
)

func main() {
	host.Main("comment", ":8086", func(cfg *config.Set) func(host.Deps) (host.Service, error) {
		productURL := cfg.String("product-url", "PRODUCT_URL", "", "base URL of the product service")
		return func(d host.Deps) (host.Service, error) {
			if !strings.HasPrefix(*productURL, "http://") && !strings.HasPrefix(*productURL, "https://") {
				return nil, fmt.Errorf("PRODUCT_URL must be an http(s) URL, got %q", *productURL)
			}
			// host.Main has read and checked INTERNAL_TOKEN already; the
			// client presents the same token to the product service.
			opt := httpclient.Options{Token: strings.TrimSpace(os.Getenv("INTERNAL_TOKEN"))}
			return comment.New(d, productclient.New(*productURL, opt))
		}
	})
}
