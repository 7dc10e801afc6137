package adapters

import (
	"context"
	"errors"

	"github.com/marketplace/marketplace/services/comment/internal/app"
	"github.com/marketplace/marketplace/services/comment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/productclient"
)

// Catalog asks the product service about products.
type Catalog struct{ c *productclient.Client }

var _ app.Catalog = (*Catalog)(nil)

// NewCatalog returns the catalog over the product service's client.
func NewCatalog(c *productclient.Client) *Catalog { return &Catalog{c: c} }

// Product implements app.Catalog.
func (c *Catalog) Product(ctx context.Context, id string) (app.Product, error) {
	p, err := c.c.Get(ctx, id)
	switch {
	case errors.Is(err, fault.NotFound):
		return app.Product{}, domain.ErrProductNotFound
	case err != nil:
		return app.Product{}, fault.Unavailablef("the product cannot be checked right now; please try again").WithCause(err)
	}
	if p.ID == "" {
		p.ID = id
	}
	return app.Product{ID: p.ID, ShopID: p.ShopID, OwnerID: p.OwnerID}, nil
}
