package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentevents"
)

// Delete accepts a banner's deletion for an admin: the banner is marked
// deleting (no longer shown, no longer editable) and
// visual_content.admin_deleted announces it, in one transaction; the
// service's consumer removes it. Deleting a banner that is already being
// deleted, or is gone, changes nothing.
func (a *App) Delete(ctx context.Context, act actor.Actor, bannerID string) error {
	if err := domain.CanManage(act); err != nil {
		return err
	}
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		now := a.clock.Now()
		var accepted bool
		b, err := a.store.Update(ctx, bannerID, func(b *domain.Banner) (bool, error) {
			accepted = b.MarkDeleting(now)
			return accepted, nil
		})
		if errors.Is(err, domain.ErrBannerNotFound) || err == nil && !accepted {
			return nil
		}
		if err != nil {
			return err
		}
		return a.events.Add(ctx, visualcontentevents.BannerAdminDeleted{
			BannerID: b.ID, DeletedBy: act.UserID, Version: b.Version, At: now,
		})
	})
}

// RemoveBanner carries out an accepted deletion (the consumer of
// visual_content.admin_deleted, in its inbox transaction): the banner's
// files go first, so that a failure leaves the banner to be tried again
// rather than files nobody knows of, then the banner, announced with
// visual_content.deleted. A banner that is gone or not being deleted is
// left as it is.
func (a *App) RemoveBanner(ctx context.Context, bannerID string) error {
	b, err := a.store.Banner(ctx, bannerID)
	if errors.Is(err, domain.ErrBannerNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if b.Status != domain.Deleting {
		a.log.Warn("deletion of a banner that is not being deleted; ignored", "banner", b.ID, "status", b.Status)
		return nil
	}
	for _, k := range b.Keys() {
		if err := a.blobs.Delete(ctx, k); err != nil {
			return fmt.Errorf("delete file %s of banner %s: %w", k, b.ID, err)
		}
	}
	deleted, err := a.store.Delete(ctx, b.ID)
	if err != nil || !deleted {
		return err
	}
	return a.events.Add(ctx, visualcontentevents.BannerDeleted{BannerID: b.ID, Version: b.Version + 1, At: a.clock.Now()})
}
