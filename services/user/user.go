// Package user is the user service: accounts with roles (shopper, seller,
// admin), password hashes and sign-in sessions. New wires it from the
// host's dependencies; cmd/user and the all-in-one binary call it.
package user

import (
	"context"
	"errors"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/user/internal/adapters"
	"github.com/marketplace/marketplace/services/user/internal/app"
	"github.com/marketplace/marketplace/services/user/internal/ports"
	"github.com/marketplace/marketplace/services/user/userclient"
)

// Service is the user service, ready to serve.
type Service struct {
	app  *app.App
	http *ports.HTTP
}

var (
	_ host.Service    = (*Service)(nil)
	_ host.Subscriber = (*Service)(nil)
	_ host.Seeder     = (*Service)(nil)
	_ host.Runner     = (*Service)(nil)
)

// New builds the service from d.
func New(d host.Deps) (*Service, error) {
	if d.DB == nil || d.Outbox == nil {
		return nil, errors.New("user service: a database and an outbox are required")
	}
	a, err := app.New(app.Deps{
		Store:  adapters.NewStore(d.DB),
		Tx:     d.DB,
		Events: d.Outbox,
		Clock:  d.Clock,
		Hasher: app.NewHasher(0, nil),
		Logger: d.Logger,
	})
	if err != nil {
		return nil, err
	}
	return &Service{app: a, http: ports.NewHTTP(a)}, nil
}

// Run is the worker that forgets expired and revoked sessions and
// sign-in records left quiet for a day (see app.Housekeeping).
func (s *Service) Run(ctx context.Context) error { return s.app.Run(ctx) }

// Housekeeping runs one round of the worker now.
func (s *Service) Housekeeping(ctx context.Context) (app.Forgotten, error) {
	return s.app.Housekeeping(ctx)
}

// Routes registers the JSON API on g (mounted at /v1).
func (s *Service) Routes(g *echo.Group) { s.http.Routes(g) }

// Subscribe registers the consumers of the user queue: shop.created makes
// the owner a seller, shop.deleted a shopper again (admins keep their
// role).
func (s *Service) Subscribe(r *eventbus.Router) { ports.Subscribe(r, s.app) }

// Seed creates the demo accounts (services/demo: the sellers and the
// shoppers, with demo.Password and their fixed ids) that do not exist yet,
// publishing user.created for each. It is idempotent.
func (s *Service) Seed(ctx context.Context) error {
	var users []app.DemoUser
	for _, u := range append(append([]demo.User{}, demo.Sellers...), demo.Shoppers...) {
		users = append(users, app.DemoUser{ID: u.ID, Name: u.Name, Email: u.Email, Role: actor.Role(u.Role)})
	}
	return s.app.SeedDemo(ctx, users, demo.Password)
}

// CreateUser opens an account with any role, for the operator's command
// line (the first admin, say). It applies the same rules as registration
// and publishes user.created.
func (s *Service) CreateUser(ctx context.Context, name, email, password string, role actor.Role) (userclient.User, error) {
	u, err := s.app.CreateUser(ctx, name, email, password, role)
	if err != nil {
		return userclient.User{}, err
	}
	return ports.User(u), nil
}
