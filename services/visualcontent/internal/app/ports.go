// Package app holds the visual content service's use cases: creating,
// editing, ordering and listing banners, accepting an image, processing it
// (the service's own consumer of visual_content.admin_uploaded), deleting
// (the consumer of visual_content.admin_deleted), serving files and
// seeding the demo banners. It declares what it needs (this file); the
// adapters provide it and visualcontent.go wires them by hand.
package app

import (
	"context"
	"time"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
)

// Store keeps banners. Its methods run in the transaction in ctx, if any.
type Store interface {
	// Add stores a new banner.
	Add(ctx context.Context, b domain.Banner) error
	// Banner returns a banner or domain.ErrBannerNotFound.
	Banner(ctx context.Context, id string) (domain.Banner, error)
	// Update loads a banner, locked against concurrent changes, lets fn
	// change it and stores the result when fn returns true; it returns the
	// banner as it ends up, or domain.ErrBannerNotFound. It runs in a
	// transaction (joining the one in ctx).
	Update(ctx context.Context, id string, fn func(*domain.Banner) (bool, error)) (domain.Banner, error)
	// UpdatePlacement is Update for every banner of a placement: fn gets
	// them all and returns those it changed, to be stored.
	UpdatePlacement(ctx context.Context, p domain.Placement, fn func([]*domain.Banner) ([]*domain.Banner, error)) error
	// Delete removes a banner; false when there was none.
	Delete(ctx context.Context, id string) (bool, error)
	// List returns every banner by placement, position, creation.
	List(ctx context.Context) ([]domain.Banner, error)
	// Showing returns the banners shown at the moment at (ready, active,
	// in their window) by placement, position, creation, in one query.
	Showing(ctx context.Context, at time.Time) ([]domain.Banner, error)
	// Seeded reports whether the demo data named name was seeded.
	Seeded(ctx context.Context, name string) (bool, error)
	// MarkSeeded records that the demo data named name was seeded; false
	// when it was already.
	MarkSeeded(ctx context.Context, name string, at time.Time) (bool, error)
}

// Transactor runs fn in one database transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Events records outgoing events in the transaction in ctx (the outbox).
type Events interface {
	Add(ctx context.Context, events ...eventbus.Payload) error
}
