package adapters

import (
	"context"

	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/warehouse/internal/app"
)

// Catalog asks the product service about products.
type Catalog struct{ c *productclient.Client }

// NewCatalog returns the catalog over the product service's client.
func NewCatalog(c *productclient.Client) *Catalog { return &Catalog{c: c} }

// Product implements app.Catalog.
func (c *Catalog) Product(ctx context.Context, productID string) (app.CatalogProduct, error) {
	p, err := c.c.Get(ctx, productID)
	if err != nil {
		return app.CatalogProduct{}, err
	}
	out := app.CatalogProduct{ProductID: p.ID, ShopID: p.ShopID, OwnerID: p.OwnerID, VariationIDs: make([]string, 0, len(p.Variations))}
	for _, v := range p.Variations {
		out.VariationIDs = append(out.VariationIDs, v.ID)
	}
	return out, nil
}
