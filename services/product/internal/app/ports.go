// Package app holds the product service's use cases.
package app

import (
	"context"

	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// Store keeps categories and products.
type Store interface {
	Categories(ctx context.Context) ([]domain.Category, error)
	CategoryBySlug(ctx context.Context, slug string) (domain.Category, error)
	CreateCategory(ctx context.Context, c domain.Category) error
	// List returns a page of products without their variations, newest
	// first, and how many match in all.
	List(ctx context.Context, q domain.ListQuery) ([]domain.Product, int64, error)
	// Get returns a product with its variations, or fault.NotFound.
	Get(ctx context.Context, id string) (domain.Product, error)
	Create(ctx context.Context, p domain.Product) error
	CountProducts(ctx context.Context) (int64, error)
}
