// Command shop runs the shop service on its own, the distributed mode.
// Settings come from the environment; see the README.
package main

import (
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/shop"
)

func main() {
	host.Main("shop", ":8083", func(*config.Set) func(host.Deps) (host.Service, error) {
		return func(d host.Deps) (host.Service, error) { return shop.New(d) }
	})
}
