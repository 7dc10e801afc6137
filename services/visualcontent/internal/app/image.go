package app

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/picture"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
)

// ErrTooLarge refuses an upload over visualcontentclient.MaxUploadBytes.
var ErrTooLarge = picture.ErrTooLarge

// SetImage accepts a banner's image for an admin: body is the file as
// sent, size its declared length (-1 when unknown). The file is checked
// without decoding it (size, format from its first bytes, dimensions from
// its header) and stored; the banner becomes pending with a new image
// version and visual_content.admin_uploaded announces the upload, in one
// transaction. The service's consumer then makes the sizes. An upload
// that replaces another removes the other's file once accepted; the sizes
// on show stay until the new ones are ready.
func (a *App) SetImage(ctx context.Context, act actor.Actor, bannerID string, body io.Reader, size int64) (domain.Banner, error) {
	if err := domain.CanManage(act); err != nil {
		return domain.Banner{}, err
	}
	// Refuse early what is refused anyway, before reading 10 MiB.
	b, err := a.store.Banner(ctx, bannerID)
	if err != nil {
		return domain.Banner{}, err
	}
	if b.Status == domain.Deleting {
		return domain.Banner{}, domain.ErrBeingDeleted
	}
	data, err := picture.ReadUpload(body, size)
	if err != nil {
		return domain.Banner{}, err
	}
	if _, err := picture.Inspect(data); err != nil {
		return domain.Banner{}, picture.Invalid(err)
	}
	key := domain.OriginalKey(bannerID, id.New())
	if err := a.blobs.Put(ctx, key, bytes.NewReader(data)); err != nil {
		return domain.Banner{}, fmt.Errorf("store upload of banner %s: %w", bannerID, err)
	}

	var replaced string
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		now := a.clock.Now()
		var err error
		b, err = a.store.Update(ctx, bannerID, func(b *domain.Banner) (bool, error) {
			var err error
			replaced, err = b.AcceptImage(key, now)
			return err == nil, err
		})
		if err != nil {
			return err
		}
		return a.events.Add(ctx, adminUploadedEvent(b, act.UserID, now))
	})
	if err != nil {
		a.removeFiles(key)
		return domain.Banner{}, err
	}
	if replaced != "" && replaced != key {
		a.removeFiles(replaced)
	}
	return b, nil
}
