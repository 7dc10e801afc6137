// Package app holds the product service's use cases, one per file. It
// declares what it needs from the outside here; the adapters provide it and
// product.go wires them by hand.
package app

import (
	"context"
	"time"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// Store keeps the catalog. Its methods run in the transaction in ctx, if
// any.
type Store interface {
	// Categories returns the category tree, parents before children.
	Categories(ctx context.Context) ([]domain.Category, error)
	// Category returns one category or a fault.NotFound.
	Category(ctx context.Context, id string) (domain.Category, error)
	// AddCategory stores c unless a category with its id or slug exists.
	AddCategory(ctx context.Context, c domain.Category) error

	// Shop returns a shop, open or closed, or domain.ErrShopNotFound.
	Shop(ctx context.Context, id string) (domain.Shop, error)
	// OpenShopOf returns the open shop of a user, or domain.ErrShopNotFound.
	OpenShopOf(ctx context.Context, ownerID string) (domain.Shop, error)
	// AddShop stores s unless the shop is known already.
	AddShop(ctx context.Context, s domain.Shop) error
	// SaveShop stores s when it is newer (a higher Version) than what is
	// kept, and reports whether it did. It never reopens a closed shop.
	SaveShop(ctx context.Context, s domain.Shop) (bool, error)
	// CloseShop marks a shop closed for good, known or not.
	CloseShop(ctx context.Context, id, ownerID string, version int64) error
	// RelabelShop copies the shop's name and slug onto its products.
	RelabelShop(ctx context.Context, s domain.Shop) error
	// ShopProductIDs lists the ids of all products of a shop.
	ShopProductIDs(ctx context.Context, shopID string) ([]string, error)

	// Product returns a product with its variations, images and rating, or
	// domain.ErrProductNotFound.
	Product(ctx context.Context, id string) (*domain.Product, error)
	// LockProduct is Product, locking the product until the transaction
	// in ctx ends so that concurrent changes apply one after the other.
	LockProduct(ctx context.Context, id string) (*domain.Product, error)
	// ProductExists reports whether there is a product with id.
	ProductExists(ctx context.Context, id string) (bool, error)
	// AddProduct stores a new product with its variations;
	// domain.ErrSKUTaken when a SKU is used elsewhere in the shop.
	AddProduct(ctx context.Context, p *domain.Product) error
	// SaveProduct stores the product's fields and variations (adding,
	// changing and removing rows as needed); domain.ErrSKUTaken as above.
	SaveProduct(ctx context.Context, p *domain.Product) error
	// DeleteProduct removes a product with its variations and images.
	DeleteProduct(ctx context.Context, id string) error
	// List returns a page of product summaries and how many match in all.
	List(ctx context.Context, q domain.ListQuery) ([]domain.Summary, int64, error)
	// Variations looks up variations by id with their products; unknown
	// ids are left out.
	Variations(ctx context.Context, ids []string) ([]domain.VariationInfo, error)

	// SaveImage stores or updates a product photo, unless it was deleted.
	SaveImage(ctx context.Context, productID string, img domain.Image) error
	// DeleteImage removes a product photo for good, even one not seen yet.
	DeleteImage(ctx context.Context, productID, imageID string) error
	// SaveRating stores a product's rating when it is newer (a higher
	// Version) than the one kept; unknown products are skipped.
	SaveRating(ctx context.Context, productID string, r domain.Rating) error

	// MarkSeeded records that the named seed ran and reports whether this
	// is the first time.
	MarkSeeded(ctx context.Context, name string, at time.Time) (bool, error)
}

// ShopDirectory asks the shop service about a shop that no event has
// announced here yet.
type ShopDirectory interface {
	// ShopOf returns the open shop of a user (Version 0), or
	// domain.ErrShopNotFound.
	ShopOf(ctx context.Context, ownerID string) (domain.Shop, error)
}

// Transactor runs fn in one database transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Events records outgoing events in the transaction in ctx (the outbox).
type Events interface {
	Add(ctx context.Context, events ...eventbus.Payload) error
}
