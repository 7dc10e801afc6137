// Package app holds the shop service's use cases, one per file. It
// declares what it needs from the outside here; the adapters provide it
// and shop.go wires them by hand.
package app

import (
	"context"
	"errors"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/shop/internal/domain"
)

// ErrUniqueRace says an insert or update lost a race on a unique index
// (owner, name or slug) against a transaction that committed meanwhile;
// running the use case again sees that shop and answers precisely.
var ErrUniqueRace = errors.New("a unique index refused the change")

// Store keeps shops. Its methods run in the transaction in ctx, if any.
type Store interface {
	// AddShop stores a new shop; ErrUniqueRace when a unique index fires.
	AddShop(ctx context.Context, s *domain.Shop) error
	// UpdateShop loads the shop with id (open or closed), locked against
	// concurrent changes, lets fn change it and stores it;
	// domain.ErrShopNotFound when there is none, ErrUniqueRace when a
	// unique index fires.
	UpdateShop(ctx context.Context, id string, fn func(*domain.Shop) error) (*domain.Shop, error)
	// ShopByID returns a shop, open or closed, or domain.ErrShopNotFound.
	ShopByID(ctx context.Context, id string) (*domain.Shop, error)
	// OpenShopBySlug returns the open shop with slug or
	// domain.ErrShopNotFound.
	OpenShopBySlug(ctx context.Context, slug string) (*domain.Shop, error)
	// OpenShopByOwner returns the user's open shop or
	// domain.ErrShopNotFound.
	OpenShopByOwner(ctx context.Context, ownerID string) (*domain.Shop, error)
	// OpenShops returns up to limit open shops, newest first.
	OpenShops(ctx context.Context, limit int) ([]*domain.Shop, error)
	// NameTaken reports whether an open shop other than exceptID has the
	// name key.
	NameTaken(ctx context.Context, nameKey, exceptID string) (bool, error)
	// SlugsFrom returns the slugs in use, by any shop ever, that are base
	// or base followed by a hyphen and more.
	SlugsFrom(ctx context.Context, base string) ([]string, error)
}

// Transactor runs fn in one database transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Events records outgoing events in the transaction in ctx (the outbox).
type Events interface {
	Add(ctx context.Context, events ...eventbus.Payload) error
}
