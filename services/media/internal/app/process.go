package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"runtime/debug"
	"time"

	"github.com/marketplace/marketplace/services/media/internal/domain"
	photo "github.com/marketplace/marketplace/services/media/internal/picture"
	"github.com/marketplace/marketplace/services/platform/background"
	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/picture"
)

// unusable is a problem with a photo that no retry can solve (a file that
// does not decode, an original that is gone); it says why, for the seller.
type unusable struct{ reason string }

func (u unusable) Error() string { return u.reason }

type outcome int

const (
	idle     outcome = iota // nothing to do
	finished                // the photo is ready or failed
	deferred                // a passing problem: tried again later
)

// Run is the processing worker: it makes the variants of uploaded photos,
// one at a time, until ctx ends. It wakes at once after an upload in this
// process and otherwise looks for work every PollEvery (uploads accepted
// by another process, claims of a worker that died). The queue is the
// images table, so nothing is lost across restarts.
func (a *App) Run(ctx context.Context) error {
	background.Every(ctx, PollEvery, a.wake, func(ctx context.Context) {
		if _, err := a.ProcessPending(ctx); err != nil && ctx.Err() == nil {
			a.log.Error("process photos", "err", err)
		}
	})
	return nil
}

// ProcessPending processes the photos waiting now, one after the other,
// and returns how many it finished (ready or failed). Photos whose
// processing hit a passing problem are left for a later try.
func (a *App) ProcessPending(ctx context.Context) (int, error) {
	n := 0
	for ctx.Err() == nil {
		o, err := a.processNext(ctx)
		if err != nil {
			return n, err
		}
		switch o {
		case idle:
			return n, nil
		case finished:
			n++
		}
	}
	return n, nil
}

// processNext claims one photo and processes it.
func (a *App) processNext(ctx context.Context) (outcome, error) {
	select {
	case a.slots <- struct{}{}:
	case <-ctx.Done():
		return idle, nil
	}
	defer func() { <-a.slots }()

	now := a.clock.Now()
	img, attempts, ok, err := a.store.Claim(ctx, now, now.Add(Lease))
	if err != nil || !ok {
		return idle, err
	}
	if attempts > MaxAttempts {
		return finished, a.fail(ctx, img.ID, "the photo could not be processed")
	}
	w, h, err := a.safeVariants(ctx, img.Hash)
	var bad unusable
	switch {
	case errors.As(err, &bad):
		a.log.Info("photo cannot be processed", "image", img.ID, "product", img.ProductID, "reason", bad.reason)
		return finished, a.fail(ctx, img.ID, bad.reason)
	case err != nil:
		retry := now.Add(time.Duration(attempts*attempts) * 5 * time.Second)
		if ctx.Err() != nil {
			retry = now // shutting down: the next start takes it at once
		} else {
			a.log.Warn("process photo; will retry", "image", img.ID, "attempt", attempts, "err", err)
		}
		if err := a.store.Release(context.WithoutCancel(ctx), img.ID, retry); err != nil {
			return deferred, err
		}
		return deferred, nil
	}
	if err := a.finish(ctx, img, w, h); err != nil {
		if ctx.Err() != nil {
			// shutting down: the variants are stored, the next start
			// finds them and finishes at once
			return deferred, a.store.Release(context.WithoutCancel(ctx), img.ID, now)
		}
		return finished, err
	}
	return finished, nil
}

// safeVariants makes the variants of a stored upload. Decoders work on
// untrusted bytes: a panic in one fails the photo instead of the process.
func (a *App) safeVariants(ctx context.Context, hash string) (w, h int, err error) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("panic while processing a photo", "hash", hash, "panic", p, "stack", string(debug.Stack()))
			err = unusable{"the photo could not be processed"}
		}
	}()
	return a.makeVariants(ctx, hash, func() (image.Image, error) { return a.decodeOriginal(ctx, hash) })
}

// decodeOriginal reads and decodes the stored upload.
func (a *App) decodeOriginal(ctx context.Context, hash string) (image.Image, error) {
	b, err := a.blobs.Open(ctx, domain.OriginalKey(hash))
	if errors.Is(err, blobstore.ErrNotFound) {
		return nil, unusable{"the original file is missing"}
	}
	if err != nil {
		return nil, err
	}
	defer b.Close()
	data, err := io.ReadAll(b)
	if err != nil {
		return nil, fmt.Errorf("read original %s: %w", hash, err)
	}
	img, err := picture.Decode(data)
	if err != nil {
		return nil, unusable{picture.Reason(err)}
	}
	return img, nil
}

// makeVariants stores the three variants of the file with hash and returns
// the size of the large one. Variants are content-addressed: when they
// exist already (the same file was uploaded before), they are reused and
// nothing is decoded. load supplies the pixels otherwise.
func (a *App) makeVariants(ctx context.Context, hash string, load func() (image.Image, error)) (int, int, error) {
	if w, h, ok, err := a.existingVariants(ctx, hash); err != nil || ok {
		return w, h, err
	}
	img, err := load()
	if err != nil {
		return 0, 0, err
	}
	set := photo.Variants(img)
	img = nil // the decoded source is the largest thing held: let it go
	var buf bytes.Buffer
	// Large last: existingVariants looks for all three.
	for _, v := range []struct {
		variant domain.Variant
		img     image.Image
	}{{domain.Thumb, set.Thumb}, {domain.Medium, set.Medium}, {domain.Large, set.Large}} {
		buf.Reset()
		if err := picture.EncodeJPEG(&buf, v.img, photo.Quality); err != nil {
			return 0, 0, err
		}
		if err := a.blobs.Put(ctx, v.variant.Key(hash), &buf); err != nil {
			return 0, 0, fmt.Errorf("store %s variant of %s: %w", v.variant, hash, err)
		}
	}
	return set.Large.Rect.Dx(), set.Large.Rect.Dy(), nil
}

// existingVariants reports whether all three variants of hash are stored,
// with the large one's size read from its header.
func (a *App) existingVariants(ctx context.Context, hash string) (int, int, bool, error) {
	for _, v := range domain.Variants {
		ok, err := a.blobs.Exists(ctx, v.Key(hash))
		if err != nil || !ok {
			return 0, 0, false, err
		}
	}
	b, err := a.blobs.Open(ctx, domain.Large.Key(hash))
	if errors.Is(err, blobstore.ErrNotFound) {
		return 0, 0, false, nil
	}
	if err != nil {
		return 0, 0, false, err
	}
	defer b.Close()
	cfg, err := jpeg.DecodeConfig(b)
	if err != nil {
		return 0, 0, false, nil // damaged: make them again
	}
	return cfg.Width, cfg.Height, true, nil
}

// finish marks the photo ready and announces it, in one transaction. A
// photo removed meanwhile is not announced, and its new files go unless
// another photo uses them.
func (a *App) finish(ctx context.Context, claimed domain.Image, w, h int) error {
	gone := false
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		img, err := a.store.Image(ctx, claimed.ID)
		if errors.Is(err, domain.ErrImageNotFound) {
			gone = true
			return nil
		}
		if err != nil {
			return err
		}
		now := a.clock.Now()
		if !img.MarkReady(w, h, now) {
			return nil
		}
		if err := a.store.SaveImage(ctx, img); err != nil {
			return err
		}
		return a.events.Add(ctx, uploadedEvent(img, now))
	})
	if err != nil {
		return fmt.Errorf("finish image %s: %w", claimed.ID, err)
	}
	if gone {
		a.dropUnusedFiles(claimed.Hash)
	}
	return nil
}

// fail marks the photo failed with a short reason; nothing is announced.
func (a *App) fail(ctx context.Context, imageID, reason string) error {
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		img, err := a.store.Image(ctx, imageID)
		if errors.Is(err, domain.ErrImageNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if !img.MarkFailed(reason, a.clock.Now()) {
			return nil
		}
		return a.store.SaveImage(ctx, img)
	})
	if err != nil {
		return fmt.Errorf("fail image %s: %w", imageID, err)
	}
	return nil
}
