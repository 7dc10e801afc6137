package ports

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/visualcontent/internal/app"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentevents"
)

// Consumers applies the service's own announcements.
type Consumers struct{ app *app.App }

// NewConsumers returns the consumers over a.
func NewConsumers(a *app.App) *Consumers { return &Consumers{app: a} }

// Subscribe registers the handlers on r.
//
// visual_content.admin_uploaded decodes and resizes an image, which takes
// a while: it runs outside the inbox transaction (which on SQLite would
// hold the database's write lock all along) and is idempotent by the
// banner's image version and state instead. visual_content.admin_deleted
// is quick and runs in the inbox transaction.
func (c *Consumers) Subscribe(r *eventbus.Router) {
	eventbus.OnIdempotent(r, func(ctx context.Context, _ eventbus.Envelope, e visualcontentevents.BannerAdminUploaded) error {
		if e.BannerID == "" || e.Version <= 0 || e.OriginalKey == "" {
			return eventbus.Permanent(fmt.Errorf("visual_content.admin_uploaded for %q without its banner, version or file", e.BannerID))
		}
		return c.app.ProcessUpload(ctx, e.BannerID, e.Version, e.OriginalKey)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, e visualcontentevents.BannerAdminDeleted) error {
		if e.BannerID == "" {
			return eventbus.Permanent(errors.New("visual_content.admin_deleted without a banner id"))
		}
		return c.app.RemoveBanner(ctx, e.BannerID)
	})
}
