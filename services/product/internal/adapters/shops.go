package adapters

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/internal/domain"
	"github.com/marketplace/marketplace/services/shop/shopclient"
)

// ShopDirectory asks the shop service about shops (app.ShopDirectory).
type ShopDirectory struct{ c *shopclient.Client }

// NewShopDirectory returns the directory over c.
func NewShopDirectory(c *shopclient.Client) *ShopDirectory { return &ShopDirectory{c: c} }

// ShopOf returns the open shop of a user as the shop service knows it.
// The acting user in ctx travels with the call.
func (d *ShopDirectory) ShopOf(ctx context.Context, ownerID string) (domain.Shop, error) {
	s, err := d.c.ByOwner(ctx, ownerID)
	if errors.Is(err, fault.NotFound) {
		return domain.Shop{}, domain.ErrShopNotFound
	}
	if err != nil {
		return domain.Shop{}, fmt.Errorf("ask the shop service for the shop of user %s: %w", ownerID, err)
	}
	return domain.Shop{ID: s.ID, OwnerID: s.OwnerID, Name: s.Name, Slug: s.Slug}, nil
}
