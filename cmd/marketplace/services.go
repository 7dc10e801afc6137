package main

import (
	"github.com/marketplace/marketplace/services/analytics"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/product"
	"github.com/marketplace/marketplace/services/user"
)

// service is one business service the all-in-one binary runs.
type service struct {
	name  string
	build func(host.Deps) (host.Service, error)
}

// services lists every service, in start order. A new service is added
// here, in its own cmd/<service>, and in docker-compose.yml.
var services = []service{
	{"user", func(d host.Deps) (host.Service, error) { return user.New(d) }},
	{"product", func(d host.Deps) (host.Service, error) { return product.New(d) }},
	{"analytics", func(d host.Deps) (host.Service, error) { return analytics.New(d) }},
}
