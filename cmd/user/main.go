// Command user runs the user service on its own, the distributed mode.
package main

import (
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/user"
)

func main() {
	host.Main("user", ":8081", func(*config.Set) func(host.Deps) (host.Service, error) {
		return func(d host.Deps) (host.Service, error) { return user.New(d) }
	})
}
