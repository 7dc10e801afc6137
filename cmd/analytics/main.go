// Command analytics runs the analytics service on its own (distributed
// mode). Settings come from the environment; see the README.
package main

import (
	"github.com/marketplace/marketplace/services/analytics"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
)

func main() {
	host.Main("analytics", ":8088", func(*config.Set) func(host.Deps) (host.Service, error) {
		return func(d host.Deps) (host.Service, error) { return analytics.New(d) }
	})
}
