package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/marketplace/marketplace/services/shop/internal/domain"
	"github.com/marketplace/marketplace/services/shop/shopevents"
)

// DemoShop is a shop of the demo dataset, with its fixed id, owner and
// slug.
type DemoShop struct {
	ID, OwnerID, Name, Slug, Description string
}

// errLeftOut marks a demo shop that cannot be seeded because real data is
// in its way.
var errLeftOut = errors.New("left out")

// SeedDemo opens the demo shops that do not exist yet, each with its
// shop.created event; the first is the oldest. A shop whose owner has
// another open shop, or whose name or slug is taken, is left out (and
// logged). Running it again changes nothing.
func (a *App) SeedDemo(ctx context.Context, shops []DemoShop, log *slog.Logger) error {
	now := a.clock.Now()
	for i, ds := range shops {
		// Stagger the times so that "newest first" lists them in a stable
		// order.
		at := now.Add(-time.Duration(len(shops)-i) * time.Hour)
		err := a.inTxRetrying(ctx, func(ctx context.Context) error { return a.seedShop(ctx, ds, at) })
		switch {
		case errors.Is(err, errLeftOut):
			log.Warn("demo shop left out", "shop", ds.Name, "reason", err)
		case err != nil:
			return fmt.Errorf("seed shop %s: %w", ds.Name, err)
		}
	}
	return nil
}

func (a *App) seedShop(ctx context.Context, ds DemoShop, at time.Time) error {
	switch _, err := a.store.ShopByID(ctx, ds.ID); {
	case err == nil:
		return nil // seeded before, and maybe changed or closed since: leave it
	case !errors.Is(err, domain.ErrShopNotFound):
		return err
	}
	p, err := domain.NewProfile(ds.Name, ds.Description)
	if err != nil {
		return err
	}
	switch _, err := a.store.OpenShopByOwner(ctx, ds.OwnerID); {
	case err == nil:
		return fmt.Errorf("%w: the owner has another shop", errLeftOut)
	case !errors.Is(err, domain.ErrShopNotFound):
		return err
	}
	switch taken, err := a.store.NameTaken(ctx, domain.NameKey(p.Name()), ""); {
	case err != nil:
		return err
	case taken:
		return fmt.Errorf("%w: another shop has the name", errLeftOut)
	}
	switch used, err := a.store.SlugsFrom(ctx, ds.Slug); {
	case err != nil:
		return err
	case slices.Contains(used, ds.Slug):
		return fmt.Errorf("%w: another shop has the slug %s", errLeftOut, ds.Slug)
	}
	s, err := domain.NewShop(ds.ID, ds.OwnerID, ds.Slug, p, at)
	if err != nil {
		return err
	}
	if err := a.store.AddShop(ctx, s); err != nil {
		return err
	}
	return a.events.Add(ctx, shopevents.ShopCreated{Shop: payload(s), CreatedAt: s.CreatedAt()})
}
