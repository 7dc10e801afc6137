package app

import (
	"context"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
)

// Create saves a new banner's settings as an active draft, for an admin.
func (a *App) Create(ctx context.Context, act actor.Actor, in domain.Input) (domain.Banner, error) {
	if err := domain.CanManage(act); err != nil {
		return domain.Banner{}, err
	}
	s, err := domain.NewSettings(in)
	if err != nil {
		return domain.Banner{}, err
	}
	b := domain.NewBanner(id.New(), s, a.clock.Now())
	if err := a.store.Add(ctx, b); err != nil {
		return domain.Banner{}, err
	}
	return b, nil
}

// Update replaces a banner's settings and, when active is not nil, turns
// it on or off, for an admin. A new placement for a banner with an image
// has its sizes made again: the banner is pending and
// visual_content.admin_uploaded announces the same upload once more.
func (a *App) Update(ctx context.Context, act actor.Actor, bannerID string, in domain.Input, active *bool) (domain.Banner, error) {
	if err := domain.CanManage(act); err != nil {
		return domain.Banner{}, err
	}
	s, err := domain.NewSettings(in)
	if err != nil {
		return domain.Banner{}, err
	}
	var b domain.Banner
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		now := a.clock.Now()
		var (
			reprocess bool
			err       error
		)
		b, err = a.store.Update(ctx, bannerID, func(b *domain.Banner) (bool, error) {
			var err error
			reprocess, err = b.Edit(s, active, now)
			return err == nil, err
		})
		if err != nil || !reprocess {
			return err
		}
		return a.events.Add(ctx, adminUploadedEvent(b, act.UserID, now))
	})
	if err != nil {
		return domain.Banner{}, err
	}
	return b, nil
}

// Get returns one banner, for an admin.
func (a *App) Get(ctx context.Context, act actor.Actor, bannerID string) (domain.Banner, error) {
	if err := domain.CanManage(act); err != nil {
		return domain.Banner{}, err
	}
	return a.store.Banner(ctx, bannerID)
}

// List returns every banner in every state, for an admin.
func (a *App) List(ctx context.Context, act actor.Actor) ([]domain.Banner, error) {
	if err := domain.CanManage(act); err != nil {
		return nil, err
	}
	return a.store.List(ctx)
}

// Showing returns what the home page shows now; an admin may ask about
// another moment (at, when not zero) to preview a schedule, anybody
// else's at is ignored.
func (a *App) Showing(ctx context.Context, act actor.Actor, at time.Time) ([]domain.Banner, error) {
	if at.IsZero() || !act.IsAdmin() {
		at = a.clock.Now()
	}
	return a.store.Showing(ctx, at.UTC())
}

// Reorder sets the order of a placement's banners, for an admin: ids
// first to last, exactly the placement's banners, each once (those being
// deleted may be named or not; they keep their place until they go).
// Positions become 0, 1, 2...
func (a *App) Reorder(ctx context.Context, act actor.Actor, placement string, ids []string) error {
	if err := domain.CanManage(act); err != nil {
		return err
	}
	p := domain.Placement(placement)
	if !p.Valid() {
		return fault.Fields(map[string]string{"placement": fmt.Sprintf("the placement must be %s or %s", domain.Hero, domain.Slider)})
	}
	if len(ids) > domain.MaxPosition+1 {
		return fault.Fields(map[string]string{"ids": fmt.Sprintf("at most %d banners can be ordered", domain.MaxPosition+1)})
	}
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		now := a.clock.Now()
		return a.store.UpdatePlacement(ctx, p, func(banners []*domain.Banner) ([]*domain.Banner, error) {
			order, err := domain.Order(banners, ids)
			if err != nil {
				return nil, err
			}
			var changed []*domain.Banner
			for i, b := range order {
				if b.Reposition(i, now) {
					changed = append(changed, b)
				}
			}
			return changed, nil
		})
	})
}
