package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"runtime/debug"

	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/picture"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
	banner "github.com/marketplace/marketplace/services/visualcontent/internal/picture"
)

// unusable is a problem with an image that no retry can solve (a file
// that does not decode, an upload that is gone); it says why, for the
// admin.
type unusable struct{ reason string }

func (u unusable) Error() string { return u.reason }

// ProcessUpload makes the sizes of the image accepted for a banner at
// imageVersion (the consumer of visual_content.admin_uploaded), then marks
// the banner ready and announces it with visual_content.uploaded, or marks
// it failed, saying why, when the file cannot be used.
//
// It runs outside any transaction, so the decoding and resizing hold no
// database lock: it is idempotent by the banner's state instead of the
// inbox. An announcement of an image the banner no longer waits for (an
// older upload, one finished already, a banner deleted meanwhile or never
// known) changes nothing, and when two deliveries race, the conditional
// update at the end lets one win.
func (a *App) ProcessUpload(ctx context.Context, bannerID string, imageVersion int64, originalKey string) error {
	b, err := a.store.Banner(ctx, bannerID)
	if errors.Is(err, domain.ErrBannerNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !b.Awaits(imageVersion) || b.OriginalKey != originalKey {
		return nil
	}
	imgs, err := a.safeSizes(ctx, b)
	var bad unusable
	switch {
	case errors.As(err, &bad):
		a.log.Info("banner image cannot be processed", "banner", b.ID, "reason", bad.reason)
		return a.fail(ctx, b.ID, imageVersion, bad.reason)
	case err != nil:
		return fmt.Errorf("make the sizes of banner %s: %w", b.ID, err)
	}
	return a.finish(ctx, b.ID, imageVersion, imgs)
}

// safeSizes makes the sizes of b's image, one image at a time in this
// process. Decoders work on untrusted bytes: a panic in one fails the
// image instead of the consumer.
func (a *App) safeSizes(ctx context.Context, b domain.Banner) (imgs []domain.Image, err error) {
	select {
	case a.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-a.slots }()
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("panic while processing a banner image", "banner", b.ID, "panic", p, "stack", string(debug.Stack()))
			imgs, err = nil, unusable{"the image could not be processed"}
		}
	}()
	src, err := a.decodeOriginal(ctx, b.OriginalKey)
	if err != nil {
		return nil, err
	}
	return a.storeSizes(ctx, b.ID, b.ImageVersion, domain.SizesOf(b.Placement), src)
}

// decodeOriginal reads and decodes a stored upload.
func (a *App) decodeOriginal(ctx context.Context, key string) (image.Image, error) {
	blob, err := a.blobs.Open(ctx, key)
	if errors.Is(err, blobstore.ErrNotFound) {
		return nil, unusable{"the uploaded file is missing; upload it again"}
	}
	if err != nil {
		return nil, err
	}
	defer blob.Close()
	data, err := io.ReadAll(blob)
	if err != nil {
		return nil, fmt.Errorf("read upload %s: %w", key, err)
	}
	img, err := picture.Decode(data)
	if err != nil {
		return nil, unusable{picture.Reason(err)}
	}
	return img, nil
}

// storeSizes makes src into sizes and stores each as a JPEG under its
// versioned key.
func (a *App) storeSizes(ctx context.Context, bannerID string, imageVersion int64, sizes []domain.Size, src image.Image) ([]domain.Image, error) {
	dims := make([][2]int, len(sizes))
	for i, s := range sizes {
		dims[i] = [2]int{s.Width, s.Height}
	}
	made := banner.Fill(src, dims)
	out := make([]domain.Image, len(sizes))
	var buf bytes.Buffer
	for i, s := range sizes {
		buf.Reset()
		if err := picture.EncodeJPEG(&buf, made[i], banner.Quality); err != nil {
			return nil, err
		}
		key := s.Key(bannerID, imageVersion)
		if err := a.blobs.Put(ctx, key, &buf); err != nil {
			return nil, fmt.Errorf("store %dx%d of banner %s: %w", s.Width, s.Height, bannerID, err)
		}
		out[i] = domain.Image{Width: made[i].Rect.Dx(), Height: made[i].Rect.Dy(), Key: key}
	}
	return out, nil
}

// finish marks the banner ready with imgs and announces it, in one
// transaction, unless it stopped waiting for them meanwhile. The sizes it
// showed before go once that has committed; imgs go instead when the
// banner moved on to another image or is gone.
func (a *App) finish(ctx context.Context, bannerID string, imageVersion int64, imgs []domain.Image) error {
	var (
		replaced []domain.Image
		ready    bool
		orphaned bool
	)
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		now := a.clock.Now()
		b, err := a.store.Update(ctx, bannerID, func(b *domain.Banner) (bool, error) {
			replaced, ready = b.MarkReady(imageVersion, imgs, now)
			// Sizes of an image the banner no longer has are nobody's;
			// those of its current one (a racing delivery finished first,
			// or a deletion will remove them) are left alone.
			orphaned = !ready && b.ImageVersion != imageVersion
			return ready, nil
		})
		if errors.Is(err, domain.ErrBannerNotFound) {
			orphaned = true
			return nil
		}
		if err != nil || !ready {
			return err
		}
		return a.events.Add(ctx, uploadedEvent(b, now))
	})
	if err != nil {
		return fmt.Errorf("finish banner %s: %w", bannerID, err)
	}
	switch {
	case ready:
		a.removeFiles(unused(replaced, imgs)...)
	case orphaned:
		a.removeFiles(imageKeys(imgs)...)
	}
	return nil
}

// fail marks the banner failed with a short reason; nothing is announced.
// The sizes of an earlier image go with it.
func (a *App) fail(ctx context.Context, bannerID string, imageVersion int64, reason string) error {
	var (
		replaced []domain.Image
		failed   bool
	)
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		_, err := a.store.Update(ctx, bannerID, func(b *domain.Banner) (bool, error) {
			replaced, failed = b.MarkFailed(imageVersion, reason, a.clock.Now())
			return failed, nil
		})
		if errors.Is(err, domain.ErrBannerNotFound) {
			return nil
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("fail banner %s: %w", bannerID, err)
	}
	if failed {
		a.removeFiles(imageKeys(replaced)...)
	}
	return nil
}

// unused returns the keys of old that current does not use.
func unused(old, current []domain.Image) []string {
	keep := map[string]bool{}
	for _, img := range current {
		keep[img.Key] = true
	}
	var out []string
	for _, img := range old {
		if !keep[img.Key] {
			out = append(out, img.Key)
		}
	}
	return out
}
