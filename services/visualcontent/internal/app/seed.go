package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"

	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
)

// DemoSeed names the demo banners in the record of what was seeded.
const DemoSeed = "demo-banners"

// DemoBanner is a banner of the demo dataset: its image is drawn by code,
// then stored and processed like an upload.
type DemoBanner struct {
	ID    string // fixed, so that seeding again finds it
	Input domain.Input
	Draw  func() image.Image
}

// SeedBanners adds the demo banners once per database: each is drawn,
// stored as an upload and accepted with its visual_content.admin_uploaded
// event, so the service's consumer makes the sizes as for an admin's
// upload. Seeding again changes nothing, even after an admin deleted a
// demo banner.
func (a *App) SeedBanners(ctx context.Context, banners []DemoBanner) error {
	if done, err := a.store.Seeded(ctx, DemoSeed); err != nil || done {
		return err
	}
	type drawn struct {
		DemoBanner
		settings domain.Settings
		key      string
	}
	todo := make([]drawn, 0, len(banners))
	var keys []string
	for _, db := range banners {
		s, err := domain.NewSettings(db.Input)
		if err != nil {
			return fmt.Errorf("demo banner %s: %w", db.ID, err)
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, db.Draw(), &jpeg.Options{Quality: 92}); err != nil {
			return fmt.Errorf("encode demo banner %s: %w", db.ID, err)
		}
		key := domain.OriginalKey(db.ID, id.New())
		if err := a.blobs.Put(ctx, key, &buf); err != nil {
			a.removeFiles(keys...)
			return fmt.Errorf("store demo banner %s: %w", db.ID, err)
		}
		keys = append(keys, key)
		todo = append(todo, drawn{DemoBanner: db, settings: s, key: key})
	}
	used := map[string]bool{}
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		now := a.clock.Now()
		if fresh, err := a.store.MarkSeeded(ctx, DemoSeed, now); err != nil || !fresh {
			return err // another process seeded meanwhile
		}
		for _, d := range todo {
			_, err := a.store.Banner(ctx, d.ID)
			switch {
			case err == nil:
				continue
			case !errors.Is(err, domain.ErrBannerNotFound):
				return err
			}
			b := domain.NewBanner(d.ID, d.settings, now)
			if _, err := b.AcceptImage(d.key, now); err != nil {
				return err
			}
			if err := a.store.Add(ctx, b); err != nil {
				return err
			}
			if err := a.events.Add(ctx, adminUploadedEvent(b, "", now)); err != nil {
				return err
			}
			used[d.key] = true
		}
		return nil
	})
	var spare []string
	for _, k := range keys {
		if err != nil || !used[k] {
			spare = append(spare, k)
		}
	}
	a.removeFiles(spare...)
	if err != nil {
		return fmt.Errorf("seed demo banners: %w", err)
	}
	return nil
}
