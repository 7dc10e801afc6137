package adapters

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/marketplace/marketplace/services/cart/internal/app"
	"github.com/marketplace/marketplace/services/cart/internal/domain"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

// maxLookup is how many variations the product service describes in one
// call.
const maxLookup = 200

// Catalog asks the product service about variations.
type Catalog struct{ c *productclient.Client }

// NewCatalog returns the catalog over the product service's client.
func NewCatalog(c *productclient.Client) *Catalog { return &Catalog{c: c} }

// Variations implements app.Catalog.
func (c *Catalog) Variations(ctx context.Context, ids []string) (map[string]app.LookedUp, error) {
	out := make(map[string]app.LookedUp, len(ids))
	for start := 0; start < len(ids); start += maxLookup {
		got, err := c.c.Variations(ctx, ids[start:min(start+maxLookup, len(ids))])
		if err != nil {
			return nil, err
		}
		for id, v := range got {
			out[id] = app.LookedUp{ProductVersion: v.ProductVersion, Offer: domain.Offer{
				VariationID: v.VariationID, ProductID: v.ProductID, ShopID: v.ShopID, ShopName: v.ShopName,
				ProductName: v.ProductName, VariationName: v.Name, SKU: v.SKU, ThumbURL: v.ThumbURL,
				Price: domain.Money{Amount: v.Price.Amount, Currency: v.Price.Currency},
			}}
		}
	}
	return out, nil
}

// Stock asks the warehouse about available stock.
type Stock struct{ c *warehouseclient.Client }

// NewStock returns the stock over the warehouse's client.
func NewStock(c *warehouseclient.Client) *Stock { return &Stock{c: c} }

// Availability implements app.Stock.
func (s *Stock) Availability(ctx context.Context, ids []string) (map[string]int64, error) {
	return s.c.Availability(ctx, ids)
}

// Orders places orders in the order service.
type Orders struct{ c *orderclient.Client }

// NewOrders returns the orders over the order service's client.
func NewOrders(c *orderclient.Client) *Orders { return &Orders{c: c} }

// Checkout implements app.Orders. The acting user in ctx travels with the
// call.
func (o *Orders) Checkout(ctx context.Context, r app.OrderRequest) (app.OrderResult, error) {
	req := orderclient.CheckoutRequest{CheckoutID: r.CheckoutID, Address: orderclient.Address{
		FullName: r.Address.FullName, Address: r.Address.Address, City: r.Address.City,
		PostalCode: r.Address.PostalCode, Country: r.Address.Country,
	}}
	for _, l := range r.Lines {
		req.Lines = append(req.Lines, orderclient.CheckoutLine{VariationID: l.VariationID, Quantity: l.Quantity, ExpectedPrice: l.ExpectedPrice})
	}
	res, err := o.c.Checkout(ctx, req)
	if err != nil {
		return app.OrderResult{}, err
	}
	if res.Orders == nil {
		res.Orders = []orderclient.Order{}
	}
	if res.Failed == nil {
		res.Failed = []orderclient.ShopFailure{}
	}
	wire, err := json.Marshal(res)
	if err != nil {
		return app.OrderResult{}, fmt.Errorf("encode checkout result: %w", err)
	}
	out := app.OrderResult{Wire: wire}
	for _, ord := range res.Orders {
		p := app.PlacedOrder{ID: ord.ID, ShopID: ord.ShopID, Currency: ord.Total.Currency}
		for _, l := range ord.Lines {
			p.Lines = append(p.Lines, app.PlacedLine{VariationID: l.VariationID, ProductID: l.ProductID,
				Quantity: l.Quantity, UnitPrice: l.UnitPrice.Amount})
		}
		out.Orders = append(out.Orders, p)
	}
	return out, nil
}
