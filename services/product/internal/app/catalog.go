package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/outbox"
	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// Catalog answers questions about categories and products.
type Catalog struct {
	db     *database.DB
	store  Store
	outbox *outbox.Outbox
}

// NewCatalog returns the catalog use cases.
func NewCatalog(db *database.DB, store Store, ob *outbox.Outbox) *Catalog {
	return &Catalog{db: db, store: store, outbox: ob}
}

// Categories returns the category tree, parents first.
func (c *Catalog) Categories(ctx context.Context) ([]domain.Category, error) {
	return c.store.Categories(ctx)
}

// List returns a page of products, optionally in a category and its
// subcategories (by slug). An unknown category is reported as invalid
// input, not as an empty page, so a typo in a link is visible.
func (c *Catalog) List(ctx context.Context, categorySlug string, q domain.ListQuery) ([]domain.Product, int64, error) {
	if err := q.Normalize(); err != nil {
		return nil, 0, err
	}
	if categorySlug != "" {
		cats, err := c.store.Categories(ctx)
		if err != nil {
			return nil, 0, err
		}
		q.CategoryIDs = subtree(cats, categorySlug)
		if len(q.CategoryIDs) == 0 {
			return nil, 0, fault.Fields(map[string]string{"category": fmt.Sprintf("there is no category %q", categorySlug)})
		}
	}
	return c.store.List(ctx, q)
}

// subtree returns the ids of the category with slug and of all its
// descendants.
func subtree(cats []domain.Category, slug string) []string {
	var root string
	children := map[string][]string{}
	for _, c := range cats {
		if c.Slug == slug {
			root = c.ID
		}
		children[c.ParentID] = append(children[c.ParentID], c.ID)
	}
	if root == "" {
		return nil
	}
	out := []string{root}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out
}

// Get returns one product, or fault.NotFound.
func (c *Catalog) Get(ctx context.Context, id string) (domain.Product, error) {
	return c.store.Get(ctx, id)
}
