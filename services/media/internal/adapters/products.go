package adapters

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/media/internal/app"
	"github.com/marketplace/marketplace/services/media/internal/domain"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/productclient"
)

// Products asks the product service about a product, for the moments
// before its product.created event has arrived.
type Products struct{ c *productclient.Client }

var _ app.Products = Products{}

// NewProducts returns the adapter over c.
func NewProducts(c *productclient.Client) Products { return Products{c: c} }

// Get implements app.Products.
func (p Products) Get(ctx context.Context, id string) (domain.Product, error) {
	pr, err := p.c.Get(ctx, id)
	switch {
	case errors.Is(err, fault.NotFound), errors.Is(err, fault.Invalid):
		return domain.Product{}, domain.ErrProductNotFound
	case err != nil:
		return domain.Product{}, fmt.Errorf("ask the product service about product %s: %w", id, err)
	case pr.OwnerID == "" || pr.ShopID == "":
		return domain.Product{}, fmt.Errorf("the product service did not say whose product %s is", id)
	}
	return domain.Product{ID: pr.ID, ShopID: pr.ShopID, OwnerID: pr.OwnerID, Name: pr.Name}, nil
}
