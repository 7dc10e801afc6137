package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/marketplace/marketplace/services/media/internal/domain"
	"github.com/marketplace/marketplace/services/media/mediaclient"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/picture"
)

// ErrTooLarge refuses an upload over mediaclient.MaxUploadBytes.
var ErrTooLarge = &fault.Error{Category: fault.CategoryTooLarge, Message: "the file is larger than 10 MiB"}

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
	data, err := readUpload(body, size)
	if err != nil {
		return domain.Image{}, err
	}
	if _, err := picture.Inspect(data); err != nil {
		return domain.Image{}, invalidImage(err)
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

// readUpload reads at most MaxUploadBytes, refusing more before reading
// when the size is declared.
func readUpload(body io.Reader, size int64) ([]byte, error) {
	if size > mediaclient.MaxUploadBytes {
		return nil, ErrTooLarge
	}
	var buf bytes.Buffer
	if size > 0 {
		buf.Grow(int(size) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(body, mediaclient.MaxUploadBytes+1))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge), errors.Is(err, fault.TooLarge):
		return nil, ErrTooLarge
	case err != nil:
		return nil, fault.Invalidf("the upload could not be read").WithCause(err)
	case buf.Len() > mediaclient.MaxUploadBytes:
		return nil, ErrTooLarge
	case buf.Len() == 0:
		return nil, fault.Fields(map[string]string{"image": "the file is empty"})
	}
	return buf.Bytes(), nil
}

// invalidImage turns a problem with a file into the error for the uploader.
func invalidImage(err error) error {
	for _, known := range picture.Known {
		if errors.Is(err, known) {
			return fault.Fields(map[string]string{"image": known.Error()}).WithCause(err)
		}
	}
	return fault.Fields(map[string]string{"image": "the file cannot be read as an image"}).WithCause(err)
}
