package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/marketplace/marketplace/services/media/internal/domain"
)

// DemoPhoto is a photo of the demo dataset: drawn by code, then stored
// and processed like an upload.
type DemoPhoto struct {
	ID      string         // fixed, so that seeding again finds it
	Product domain.Product // whose photo it is (id, shop, owner, name)
	Draw    func() image.Image
}

// SeedPhotos adds the demo photos that are missing: each is drawn, stored
// as an original, made into its variants and recorded as ready with its
// product_image.uploaded event, so the demo is complete when the service
// starts. Photos already there (by id) are left alone, and so are photos
// of products deleted since; drawing runs on every core.
func (a *App) SeedPhotos(ctx context.Context, photos []DemoPhoto) error {
	var todo []DemoPhoto
	for _, ph := range photos {
		_, err := a.store.Image(ctx, ph.ID)
		switch {
		case err == nil:
			continue
		case !errors.Is(err, domain.ErrImageNotFound):
			return err
		}
		ph.Product.Version, ph.Product.UpdatedAt = 0, a.clock.Now()
		if err := a.store.AddProductIfMissing(ctx, ph.Product); err != nil {
			return err
		}
		if p, err := a.store.Product(ctx, ph.Product.ID); err != nil || p.Deleted {
			if err != nil {
				return err
			}
			continue // deleted since: its photos stay deleted
		}
		todo = append(todo, ph)
	}
	if len(todo) == 0 {
		return nil
	}

	type made struct {
		hash string
		w, h int
	}
	done := make([]made, len(todo))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, ph := range todo {
		g.Go(func() error {
			img := ph.Draw()
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92}); err != nil {
				return fmt.Errorf("encode demo photo %s: %w", ph.ID, err)
			}
			sum := sha256.Sum256(buf.Bytes())
			hash := hex.EncodeToString(sum[:])
			if err := a.storeOriginal(gctx, hash, buf.Bytes()); err != nil {
				return err
			}
			w, h, err := a.makeVariants(gctx, hash, func() (image.Image, error) { return img, nil })
			if err != nil {
				return fmt.Errorf("demo photo %s: %w", ph.ID, err)
			}
			done[i] = made{hash, w, h}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}

	// One after the other, in the dataset's order, so positions follow it.
	for i, ph := range todo {
		err := a.tx.InTx(ctx, func(ctx context.Context) error {
			if _, err := a.store.Image(ctx, ph.ID); err == nil {
				return nil // another process seeded it meanwhile
			}
			p, err := a.store.Product(ctx, ph.Product.ID)
			if err != nil || p.Deleted {
				return err
			}
			pos, err := a.store.NextPosition(ctx, p.ID)
			if err != nil {
				return err
			}
			now := a.clock.Now()
			alt, _ := domain.NormalizeAlt("", p.Name)
			img := domain.NewImage(ph.ID, p, done[i].hash, pos, alt, now)
			img.MarkReady(done[i].w, done[i].h, now)
			if err := a.store.AddImage(ctx, img); err != nil {
				return err
			}
			return a.events.Add(ctx, uploadedEvent(img, now))
		})
		if err != nil {
			return fmt.Errorf("seed demo photo %s: %w", ph.ID, err)
		}
	}
	return nil
}
