package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/eventbus/inproc"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/user"
)

// migrate brings every database in the data folder to the newest schema.
func migrate(ctx context.Context, args []string, out io.Writer) error {
	cfg := config.New("marketplace migrate")
	common := commonFlags(cfg)
	if err := parse(cfg, args, out); err != nil {
		return err
	}
	if err := os.MkdirAll(*common.data, 0o750); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	for _, s := range services {
		db, err := host.OpenDB(ctx, s.name, dbURL(*common.data, s.name))
		if err != nil {
			return err
		}
		db.Close()
		fmt.Fprintf(out, "%s: up to date\n", s.name)
	}
	bus, err := inproc.Open(ctx, filepath.Join(*common.data, "bus.db"))
	if err != nil {
		return err
	}
	bus.Close()
	fmt.Fprintln(out, "event bus: up to date")
	return nil
}

// seed adds the demo data to every service that has some; it changes
// nothing in a service that already has data.
func seed(ctx context.Context, args []string, out io.Writer) error {
	cfg := config.New("marketplace seed")
	common := commonFlags(cfg)
	if err := parse(cfg, args, out); err != nil {
		return err
	}
	for _, s := range services {
		err := withService(ctx, *common.data, s, func(svc host.Service) error {
			seeder, ok := svc.(host.Seeder)
			if !ok {
				return nil
			}
			if err := seeder.Seed(ctx); err != nil {
				return fmt.Errorf("seed %s: %w", s.name, err)
			}
			fmt.Fprintf(out, "%s: demo data present\n", s.name)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// withService builds one service on its database in the data folder, for
// a command that acts on it directly. Events it writes wait in the
// service's outbox until the marketplace next runs.
func withService(ctx context.Context, dataDir string, s service, fn func(host.Service) error) error {
	deps, err := host.NewDeps(ctx, host.Config{Name: s.name, DatabaseURL: dbURL(dataDir, s.name)})
	if err != nil {
		return err
	}
	defer deps.DB.Close()
	sec, err := loadSecrets(dataDir)
	if err != nil {
		return err
	}
	svc, err := s.build(deps, wiring{urls: map[string]string{}, dataDir: dataDir, secrets: sec})
	if err != nil {
		return err
	}
	return fn(svc)
}

// userCreate adds an account with any role, e.g. the first admin.
func userCreate(ctx context.Context, args []string, out io.Writer) error {
	cfg := config.New("marketplace user create")
	common := commonFlags(cfg)
	email := cfg.String("email", "", "", "email address")
	password := cfg.String("password", "", "", "password (at least 8 characters)")
	name := cfg.String("name", "", "", "display name")
	role := cfg.String("role", "", "shopper", "shopper, seller or admin")
	if err := parse(cfg, args, out); err != nil {
		return err
	}
	cfg.Check(!actor.Role(*role).Valid(), "--role must be shopper, seller or admin")
	if err := cfg.Err(); err != nil {
		return err
	}
	if err := os.MkdirAll(*common.data, 0o750); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	for _, s := range services {
		if s.name != "user" {
			continue
		}
		return withService(ctx, *common.data, s, func(svc host.Service) error {
			u, err := svc.(*user.Service).CreateUser(ctx, *name, *email, *password, actor.Role(*role))
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "created %s %s <%s> (id %s)\n", u.Role, u.Name, u.Email, u.ID)
			return nil
		})
	}
	return nil
}
