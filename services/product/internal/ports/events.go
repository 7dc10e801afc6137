package ports

import (
	"context"
	"errors"

	"github.com/marketplace/marketplace/services/comment/commentevents"
	"github.com/marketplace/marketplace/services/media/mediaevents"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/product/internal/app"
	"github.com/marketplace/marketplace/services/product/internal/domain"
	"github.com/marketplace/marketplace/services/shop/shopevents"
)

// errIncomplete dead-letters an event that lacks the ids it is about:
// retrying cannot fix it.
var errIncomplete = eventbus.Permanent(errors.New("event lacks the ids it is about"))

// Subscribe registers the event handlers. The router wraps each in the
// inbox transaction, so a redelivered event is skipped and a handler's
// writes and events commit with the inbox record.
func Subscribe(r *eventbus.Router, a *app.App) {
	shopChanged := func(ctx context.Context, s shopevents.Shop) error {
		if s.ShopID == "" || s.OwnerID == "" {
			return errIncomplete
		}
		return a.ShopChanged(ctx, domain.Shop{ID: s.ShopID, OwnerID: s.OwnerID, Name: s.Name, Slug: s.Slug, Version: s.Version})
	}
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev shopevents.ShopCreated) error {
		return shopChanged(ctx, ev.Shop)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev shopevents.ShopUpdated) error {
		return shopChanged(ctx, ev.Shop)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev shopevents.ShopDeleted) error {
		if ev.ShopID == "" {
			return errIncomplete
		}
		return a.ShopDeleted(ctx, ev.ShopID, ev.OwnerID, ev.Version)
	})

	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev mediaevents.ProductImageUploaded) error {
		if ev.ProductID == "" || ev.ImageID == "" {
			return errIncomplete
		}
		return a.ImageUploaded(ctx, ev.ProductID, domain.Image{
			ID: ev.ImageID, Position: ev.Position, Alt: ev.Alt,
			ThumbURL: ev.ThumbURL, MediumURL: ev.MediumURL, LargeURL: ev.LargeURL,
		})
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev mediaevents.ProductImageDeleted) error {
		if ev.ProductID == "" || ev.ImageID == "" {
			return errIncomplete
		}
		return a.ImageDeleted(ctx, ev.ProductID, ev.ImageID)
	})

	rating := func(ctx context.Context, rv commentevents.Review) error {
		if rv.ProductID == "" {
			return errIncomplete
		}
		p := rv.Product
		return a.RatingChanged(ctx, rv.ProductID, domain.Rating{Average: p.Average, Count: p.Count, Version: p.Version})
	}
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev commentevents.CommentCreated) error {
		return rating(ctx, ev.Review)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev commentevents.CommentUpdated) error {
		return rating(ctx, ev.Review)
	})
	eventbus.On(r, func(ctx context.Context, _ eventbus.Envelope, ev commentevents.CommentDeleted) error {
		return rating(ctx, ev.Review)
	})
}
