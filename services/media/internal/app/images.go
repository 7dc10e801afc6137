package app

import (
	"context"
	"errors"

	"github.com/marketplace/marketplace/services/media/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
)

// List returns a product's photos by position: every one for those who
// manage them, the ready ones for everybody else. An unknown product has
// none.
func (a *App) List(ctx context.Context, act actor.Actor, productID string) ([]domain.Image, error) {
	p, err := a.store.Product(ctx, productID)
	switch {
	case errors.Is(err, ErrNoProduct):
		return []domain.Image{}, nil
	case err != nil:
		return nil, err
	}
	imgs, err := a.store.ProductImages(ctx, productID)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Image, 0, len(imgs))
	for _, img := range imgs {
		if domain.Visible(act, p, img) {
			out = append(out, img)
		}
	}
	return out, nil
}

// Get returns one photo, if act may see it.
func (a *App) Get(ctx context.Context, act actor.Actor, imageID string) (domain.Image, error) {
	img, p, err := a.imageWithProduct(ctx, imageID)
	if err != nil {
		return domain.Image{}, err
	}
	if !domain.Visible(act, p, img) {
		return domain.Image{}, domain.ErrImageNotFound
	}
	return img, nil
}

// Delete removes a photo for the product's owner (or an admin) and
// announces it; its files go once no other photo uses them.
func (a *App) Delete(ctx context.Context, act actor.Actor, imageID string) error {
	var img domain.Image
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		var (
			p   domain.Product
			err error
		)
		img, p, err = a.imageWithProduct(ctx, imageID)
		if err != nil {
			return err
		}
		if !act.Anonymous() && !domain.Visible(act, p, img) {
			return domain.ErrImageNotFound
		}
		if err := domain.CanRemove(act, p); err != nil {
			return err
		}
		deleted, err := a.store.DeleteImage(ctx, img.ID)
		if err != nil {
			return err
		}
		if !deleted {
			return domain.ErrImageNotFound
		}
		return a.events.Add(ctx, deletedEvent(img, a.clock.Now()))
	})
	if err != nil {
		return err
	}
	a.dropUnusedFiles(img.Hash)
	return nil
}

// imageWithProduct loads a photo and what is known of its product.
func (a *App) imageWithProduct(ctx context.Context, imageID string) (domain.Image, domain.Product, error) {
	img, err := a.store.Image(ctx, imageID)
	if err != nil {
		return domain.Image{}, domain.Product{}, err
	}
	p, err := a.store.Product(ctx, img.ProductID)
	if errors.Is(err, ErrNoProduct) {
		// Not expected (an upload records the product first); nobody
		// owns such a photo, so only admins may manage it.
		return img, domain.Product{ID: img.ProductID, ShopID: img.ShopID}, nil
	}
	if err != nil {
		return domain.Image{}, domain.Product{}, err
	}
	return img, p, nil
}
