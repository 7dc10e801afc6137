package adapters

import (
	"context"
	"errors"

	"github.com/marketplace/marketplace/services/order/internal/app"
	"github.com/marketplace/marketplace/services/order/internal/domain"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

var (
	_ app.Catalog   = (*Catalog)(nil)
	_ app.Warehouse = (*Warehouse)(nil)
)

// Catalog is the product service as the order service sees it.
type Catalog struct{ c *productclient.Client }

// NewCatalog wraps the product service's client.
func NewCatalog(c *productclient.Client) *Catalog { return &Catalog{c: c} }

// Variations implements app.Catalog with one call.
func (c *Catalog) Variations(ctx context.Context, ids []string) (map[string]domain.Variation, error) {
	found, err := c.c.Variations(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]domain.Variation, len(found))
	for id, v := range found {
		out[id] = domain.Variation{
			ID: v.VariationID, SKU: v.SKU, Name: v.Name, Price: v.Price.Amount, Currency: v.Price.Currency,
			ProductID: v.ProductID, ProductName: v.ProductName, ShopID: v.ShopID, ShopName: v.ShopName,
			OwnerID: v.OwnerID, ThumbURL: v.ThumbURL,
		}
	}
	return out, nil
}

// Warehouse is the warehouse service as the order service sees it.
type Warehouse struct{ c *warehouseclient.Client }

// NewWarehouse wraps the warehouse service's client.
func NewWarehouse(c *warehouseclient.Client) *Warehouse { return &Warehouse{c: c} }

// Reserve implements app.Warehouse. The warehouse's refusals for good
// (conflict: not enough stock; invalid, not found, forbidden) become
// *app.Refused; anything else may pass and is returned as it is.
func (w *Warehouse) Reserve(ctx context.Context, orderID string, lines []domain.Line) error {
	req := warehouseclient.ReserveRequest{OrderID: orderID, Lines: make([]warehouseclient.Line, len(lines))}
	for i, l := range lines {
		req.Lines[i] = warehouseclient.Line{VariationID: l.VariationID, Quantity: l.Quantity}
	}
	_, err := w.c.Reserve(ctx, req)
	if err == nil {
		return nil
	}
	for _, final := range []*fault.Error{fault.Conflict, fault.Invalid, fault.NotFound, fault.Forbidden} {
		if errors.Is(err, final) {
			fe, _ := fault.As(err)
			refused := &app.Refused{Message: fe.Message}
			if final == fault.Conflict {
				refused.Lines = fe.Fields // variation id -> "only 2 left"
			}
			return refused
		}
	}
	return err
}

// Release implements app.Warehouse.
func (w *Warehouse) Release(ctx context.Context, orderID string) error {
	_, err := w.c.Release(ctx, orderID)
	return err
}
