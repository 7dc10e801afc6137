package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/media/internal/domain"
	"github.com/marketplace/marketplace/services/media/mediaevents"
)

// ProductChanged applies a product.created or product.updated: the
// product's shop, owner and name, unless the stored facts are newer (a late
// event) or the product was deleted. It runs in the consumer's transaction.
func (a *App) ProductChanged(ctx context.Context, p domain.Product) error {
	old, err := a.store.Product(ctx, p.ID)
	known := err == nil
	if err != nil && !errors.Is(err, ErrNoProduct) {
		return err
	}
	p.UpdatedAt = a.clock.Now()
	if err := a.store.PutProduct(ctx, p); err != nil {
		return err
	}
	// A product that moved to another shop (not something the product
	// service does today) takes its photos along.
	if known && p.Supersedes(old) && old.ShopID != p.ShopID {
		return a.store.SetImagesShop(ctx, p.ID, p.ShopID)
	}
	return nil
}

// ProductDeleted applies a product.deleted: the product is remembered as
// deleted (so no late event brings it back and no upload is accepted), its
// photos are removed, each announced with product_image.deleted, and their
// files go once the transaction has committed and no other photo uses them.
// It runs in the consumer's transaction.
func (a *App) ProductDeleted(ctx context.Context, p domain.Product) error {
	now := a.clock.Now()
	p.Deleted, p.UpdatedAt = true, now
	if err := a.store.PutProduct(ctx, p); err != nil {
		return err
	}
	imgs, err := a.store.ProductImages(ctx, p.ID)
	if err != nil {
		return err
	}
	var hashes []string
	for _, img := range imgs {
		if _, err := a.store.DeleteImage(ctx, img.ID); err != nil {
			return err
		}
		if err := a.events.Add(ctx, deletedEvent(img, now)); err != nil {
			return fmt.Errorf("announce deletion of image %s: %w", img.ID, err)
		}
		hashes = append(hashes, img.Hash)
	}
	if len(hashes) > 0 {
		a.afterCommit(ctx, func() { a.dropUnusedFiles(hashes...) })
	}
	return nil
}

// productFor returns what is known of a product that is not deleted,
// asking the product service when no event has told about it yet (an
// upload right after the product was created) and remembering the answer.
func (a *App) productFor(ctx context.Context, id string) (domain.Product, error) {
	p, err := a.store.Product(ctx, id)
	if errors.Is(err, ErrNoProduct) && a.products != nil {
		var fetched domain.Product
		fetched, err = a.products.Get(ctx, id)
		if err != nil {
			return domain.Product{}, err
		}
		// Version 0: whatever an event says later wins.
		fetched.Version, fetched.Deleted, fetched.UpdatedAt = 0, false, a.clock.Now()
		if err := a.store.AddProductIfMissing(ctx, fetched); err != nil {
			return domain.Product{}, err
		}
		// An event may have landed meanwhile; the stored facts win.
		p, err = a.store.Product(ctx, id)
	}
	switch {
	case errors.Is(err, ErrNoProduct):
		return domain.Product{}, domain.ErrProductNotFound
	case err != nil:
		return domain.Product{}, err
	case p.Deleted:
		return domain.Product{}, domain.ErrProductNotFound
	}
	return p, nil
}

// afterCommit runs f after the transaction in ctx commits, or now when
// there is none.
func (a *App) afterCommit(ctx context.Context, f func()) {
	if !a.tx.AfterCommit(ctx, f) {
		f()
	}
}

// dropUnusedFiles removes the stored files (original and variants) of
// each hash that no photo uses any more. It runs after the deleting
// transaction committed, on a context of its own (the request's may be
// over, and its transaction is).
func (a *App) dropUnusedFiles(hashes ...string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	seen := map[string]bool{}
	for _, h := range hashes {
		if seen[h] {
			continue
		}
		seen[h] = true
		n, err := a.store.CountHash(ctx, h)
		if err != nil {
			a.log.Warn("count photos of a file; its files stay", "hash", h, "err", err)
			continue
		}
		if n > 0 {
			continue
		}
		keys := []string{domain.OriginalKey(h)}
		for _, v := range domain.Variants {
			keys = append(keys, v.Key(h))
		}
		for _, k := range keys {
			if err := a.blobs.Delete(ctx, k); err != nil {
				a.log.Warn("delete unused file", "key", k, "err", err)
			}
		}
	}
}

func uploadedEvent(img domain.Image, at time.Time) mediaevents.ProductImageUploaded {
	return mediaevents.ProductImageUploaded{
		ImageID: img.ID, ProductID: img.ProductID, ShopID: img.ShopID, Position: img.Position, Alt: img.Alt,
		ThumbURL: img.URL(domain.Thumb), MediumURL: img.URL(domain.Medium), LargeURL: img.URL(domain.Large),
		Width: img.Width, Height: img.Height, At: at,
	}
}

func deletedEvent(img domain.Image, at time.Time) mediaevents.ProductImageDeleted {
	return mediaevents.ProductImageDeleted{ImageID: img.ID, ProductID: img.ProductID, ShopID: img.ShopID, At: at}
}
