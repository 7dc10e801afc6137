package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentevents"
)

// App runs the use cases.
type App struct {
	store  Store
	tx     Transactor
	events Events
	blobs  blobstore.Store
	clock  clock.Clock
	log    *slog.Logger
	// slots bounds how many images are decoded at once in this process
	// (each can take a hundred megabytes), whoever asks.
	slots chan struct{}
}

// Deps are what the use cases are built from.
type Deps struct {
	Store  Store
	Tx     Transactor
	Events Events
	Blobs  blobstore.Store
	Clock  clock.Clock
	Logger *slog.Logger
}

// New returns the use cases over d.
func New(d Deps) (*App, error) {
	if d.Store == nil || d.Tx == nil || d.Events == nil || d.Blobs == nil {
		return nil, errors.New("visualcontent app: store, transactor, events and blob store are required")
	}
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	return &App{
		store: d.Store, tx: d.Tx, events: d.Events, blobs: d.Blobs, clock: d.Clock, log: d.Logger,
		slots: make(chan struct{}, 1),
	}, nil
}

// removeFiles deletes blobs on a context of its own (the request's may be
// over); a failure leaves a file behind, which is logged, not fatal.
func (a *App) removeFiles(keys ...string) {
	if len(keys) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, k := range keys {
		if err := a.blobs.Delete(ctx, k); err != nil {
			a.log.Warn("delete banner file", "key", k, "err", err)
		}
	}
}

func imageKeys(imgs []domain.Image) []string {
	keys := make([]string, len(imgs))
	for i, img := range imgs {
		keys[i] = img.Key
	}
	return keys
}

func eventBanner(b domain.Banner) visualcontentevents.Banner {
	return visualcontentevents.Banner{
		BannerID: b.ID, Placement: string(b.Placement), Title: b.Title, LinkURL: b.LinkURL, Alt: b.Alt,
		Position: b.Position, StartsAt: b.StartsAt, EndsAt: b.EndsAt, Active: b.Active, Version: b.Version,
	}
}

func adminUploadedEvent(b domain.Banner, by string, at time.Time) visualcontentevents.BannerAdminUploaded {
	// The image's version, which the consumer compares: later edits of
	// the settings move Version on, not the image.
	e := visualcontentevents.BannerAdminUploaded{Banner: eventBanner(b), OriginalKey: b.OriginalKey, UploadedBy: by, At: at}
	e.Version = b.ImageVersion
	return e
}

func uploadedEvent(b domain.Banner, at time.Time) visualcontentevents.BannerUploaded {
	imgs := make([]visualcontentevents.Image, len(b.Images))
	for i, img := range b.Images {
		imgs[i] = visualcontentevents.Image{Width: img.Width, Height: img.Height, URL: img.URL()}
	}
	return visualcontentevents.BannerUploaded{Banner: eventBanner(b), Images: imgs, At: at}
}
