// Command payment runs the payment service on its own, the distributed
// mode. Settings come from the environment; see the README. Besides the
// host's settings it needs ORDER_URL, the order service it asks about an
// order paid for before order.created arrived, and takes PAYMENT_HASH_KEY
// (at least 32 characters), the secret that keys the hash of payment
// requests; without it the internal token serves as that secret.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/payment"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
)

func main() {
	host.Main("payment", ":8087", func(cfg *config.Set) func(host.Deps) (host.Service, error) {
		orderURL := cfg.String("order-url", "ORDER_URL", "", "base URL of the order service")
		hashKey := cfg.Secret("PAYMENT_HASH_KEY", 32, false)
		return func(d host.Deps) (host.Service, error) {
			if !strings.HasPrefix(*orderURL, "http://") && !strings.HasPrefix(*orderURL, "https://") {
				return nil, fmt.Errorf("ORDER_URL must be an http(s) URL, got %q", *orderURL)
			}
			// host.Main has read and checked INTERNAL_TOKEN already; the
			// client presents the same token to the order service.
			token := strings.TrimSpace(os.Getenv("INTERNAL_TOKEN"))
			if hashKey == "" {
				// Every instance knows the internal token and the database
				// does not: good enough to key the request hash.
				hashKey = "payment-request-hash:" + token
			}
			opt := httpclient.Options{Token: token}
			return payment.New(d, orderclient.New(*orderURL, opt), nil, payment.WithRequestHashKey([]byte(hashKey)))
		}
	})
}
