package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/marketplace/marketplace/services/media/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/picture"
)

// ErrTooLarge refuses an upload over mediaclient.MaxUploadBytes.
var ErrTooLarge = picture.ErrTooLarge

// Upload accepts a photo of a product for its owner: body is the file as
// sent, size its declared length (-1 when unknown). The file is checked
// without decoding it (size, format from its first bytes, dimensions from
// its header), stored once per content, and the photo comes back in state
// processing; the worker makes its variants.
func (a *App) Upload(ctx context.Context, act actor.Actor, productID, alt string, body io.Reader, size int64) (domain.Image, error) {
	if act.Anonymous() {
		return domain.Image{}, domain.CanUpload(act, domain.Product{})
	}
	p, err := a.productFor(ctx, productID)
	if err != nil {
		return domain.Image{}, err
	}
	if err := domain.CanUpload(act, p); err != nil {
		return domain.Image{}, err
	}
	alt, err = domain.NormalizeAlt(alt, p.Name)
	if err != nil {
		return domain.Image{}, err
	}
	data, err := picture.ReadUpload(body, size)
	if err != nil {
		return domain.Image{}, err
	}
	if _, err := picture.Inspect(data); err != nil {
		return domain.Image{}, picture.Invalid(err)
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	if err := a.storeOriginal(ctx, hash, data); err != nil {
		return domain.Image{}, err
	}

	var img domain.Image
	for range 5 {
		err = a.tx.InTx(ctx, func(ctx context.Context) error {
			pos, err := a.store.NextPosition(ctx, p.ID)
			if err != nil {
				return err
			}
			img = domain.NewImage(id.New(), p, hash, pos, alt, a.clock.Now())
			return a.store.AddImage(ctx, img)
		})
		if !errors.Is(err, ErrPositionTaken) {
			break
		}
	}
	if err != nil {
		return domain.Image{}, fmt.Errorf("store image of product %s: %w", p.ID, err)
	}
	// A removal of the last other photo of the same file may have deleted
	// the original between storing it and recording this photo.
	if err := a.storeOriginal(ctx, hash, data); err != nil {
		return domain.Image{}, err
	}
	a.nudge()
	return img, nil
}

// storeOriginal keeps the uploaded bytes under their hash, once.
func (a *App) storeOriginal(ctx context.Context, hash string, data []byte) error {
	key := domain.OriginalKey(hash)
	ok, err := a.blobs.Exists(ctx, key)
	if err == nil && !ok {
		err = a.blobs.Put(ctx, key, bytes.NewReader(data))
	}
	if err != nil {
		return fmt.Errorf("store original %s: %w", hash, err)
	}
	return nil
}
