package app

import (
	"context"

	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// ImageUploaded adds a photo to a product's image list (or updates it).
// A photo of a product that is gone is ignored, and so is a photo that was
// already deleted: its deletion may overtake its upload.
func (a *App) ImageUploaded(ctx context.Context, productID string, img domain.Image) error {
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		ok, err := a.store.ProductExists(ctx, productID)
		if err != nil || !ok {
			return err
		}
		return a.store.SaveImage(ctx, productID, img)
	})
}

// ImageDeleted removes a photo from a product's image list, remembering
// the deletion in case the upload arrives later.
func (a *App) ImageDeleted(ctx context.Context, productID, imageID string) error {
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		ok, err := a.store.ProductExists(ctx, productID)
		if err != nil || !ok {
			return err
		}
		return a.store.DeleteImage(ctx, productID, imageID)
	})
}
