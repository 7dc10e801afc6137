// Command product runs the product service on its own (distributed mode).
// Settings come from the environment; see the README.
package main

import (
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/product"
)

func main() {
	host.Main("product", ":8082", func(*config.Set) func(host.Deps) (host.Service, error) {
		return func(d host.Deps) (host.Service, error) { return product.New(d) }
	})
}
