// Package app holds the media service's use cases: upload, list, remove,
// the processing worker, the product facts kept from events, file serving
// and the demo photos. It declares what it needs (this file); the adapters
// provide it and media.go wires them by hand.
package app

import (
	"context"
	"errors"
	"time"

	"github.com/marketplace/marketplace/services/media/internal/domain"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// ErrNoProduct says the store holds nothing about a product.
var ErrNoProduct = errors.New("product unknown")

// ErrPositionTaken says another photo of the product took the position
// (two uploads at once); the caller picks the next one again.
var ErrPositionTaken = errors.New("image position taken")

// Store keeps product facts and photos. Its methods run in the transaction
// in ctx, if any.
type Store interface {
	// Product returns what is known of a product, or ErrNoProduct.
	Product(ctx context.Context, id string) (domain.Product, error)
	// PutProduct inserts a product's facts, or replaces the stored ones
	// when p supersedes them (domain.Product.Supersedes), in one atomic
	// statement so that concurrent events cannot undo a newer version.
	PutProduct(ctx context.Context, p domain.Product) error
	// AddProductIfMissing inserts a product's facts unless a row exists.
	AddProductIfMissing(ctx context.Context, p domain.Product) error
	// SetImagesShop moves a product's photos to another shop.
	SetImagesShop(ctx context.Context, productID, shopID string) error

	// AddImage stores a new photo; ErrPositionTaken when another photo of
	// the product has its position.
	AddImage(ctx context.Context, img domain.Image) error
	// NextPosition is the position after the product's last photo.
	NextPosition(ctx context.Context, productID string) (int, error)
	// Image returns a photo or domain.ErrImageNotFound.
	Image(ctx context.Context, id string) (domain.Image, error)
	// ProductImages returns a product's photos by position.
	ProductImages(ctx context.Context, productID string) ([]domain.Image, error)
	// SaveImage writes a photo's state (status, error, size) and clears
	// its claim.
	SaveImage(ctx context.Context, img domain.Image) error
	// DeleteImage removes a photo; false when there was none.
	DeleteImage(ctx context.Context, id string) (bool, error)
	// CountHash counts the photos of the file with hash.
	CountHash(ctx context.Context, hash string) (int64, error)

	// Claim takes the oldest photo waiting to be processed whose claim is
	// free (never taken, or run out before now), holds it until until and
	// counts the attempt. false when there is none.
	Claim(ctx context.Context, now, until time.Time) (domain.Image, int, bool, error)
	// Release frees a claim early so that the photo is tried again at
	// retryAt.
	Release(ctx context.Context, id string, retryAt time.Time) error
}

// Products asks the product service about a product the events have not
// told about yet. It returns domain.ErrProductNotFound when there is none.
type Products interface {
	Get(ctx context.Context, id string) (domain.Product, error)
}

// Transactor runs fn in one database transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// AfterCommit runs f once the transaction in ctx has committed;
	// false when ctx has no transaction.
	AfterCommit(ctx context.Context, f func()) bool
}

// Events records outgoing events in the transaction in ctx (the outbox).
type Events interface {
	Add(ctx context.Context, events ...eventbus.Payload) error
}
