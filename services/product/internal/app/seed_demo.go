package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// SeedDemo adds the demo dataset's categories, shops and products (with
// their fixed ids) and announces each product with product.created. It
// runs once per database: a second call does nothing, so a demo product
// that a seller deleted does not come back at the next start.
func (a *App) SeedDemo(ctx context.Context) error {
	now := a.clock.Now()
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		first, err := a.store.MarkSeeded(ctx, "demo", now)
		if err != nil || !first {
			return err
		}
		cats := map[string]domain.Category{}
		for i, dc := range demo.Categories {
			c := domain.Category{ID: dc.ID, ParentID: cats[dc.Parent].ID, Slug: dc.Slug, Name: dc.Name, Position: i}
			if err := a.store.AddCategory(ctx, c); err != nil {
				return err
			}
			cats[dc.Slug] = c
		}
		// The shops go into the projection directly, so seeding does not
		// wait for the shop service's events; those refresh them later.
		for _, ds := range demo.Shops {
			s := domain.Shop{ID: ds.ID, OwnerID: ds.OwnerID, Name: ds.Name, Slug: ds.Slug}
			if err := a.store.AddShop(ctx, s); err != nil {
				return err
			}
		}
		for _, dp := range demo.Products {
			if err := a.seedProduct(ctx, dp, cats, now); err != nil {
				return fmt.Errorf("demo product %q: %w", dp.Name, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("seed demo catalog: %w", err)
	}
	return nil
}

func (a *App) seedProduct(ctx context.Context, dp demo.Product, cats map[string]domain.Category, now time.Time) error {
	if ok, err := a.store.ProductExists(ctx, dp.ID); err != nil || ok {
		return err
	}
	shop, err := a.store.Shop(ctx, dp.ShopID)
	if errors.Is(err, domain.ErrShopNotFound) || shop.Closed {
		return nil // the shop is gone, and its products with it
	}
	if err != nil {
		return err
	}
	cat, ok := cats[dp.Category]
	if !ok {
		return fmt.Errorf("no category %q", dp.Category)
	}
	at := now.Add(-dp.Age)
	p, err := domain.NewProduct(dp.ID, shop, cat, domain.ProductInput{
		CategoryID: cat.ID, Name: dp.Name, Description: dp.Description,
	}, demo.Currency, at)
	if err != nil {
		return err
	}
	for _, dv := range dp.Variations {
		v, err := domain.NewVariation(dv.ID, domain.VariationInput{SKU: dv.SKU, Name: dv.Name, Price: dv.Price})
		if err != nil {
			return err
		}
		p.Variations = append(p.Variations, v) // part of version 1, not a change
	}
	if err := a.store.AddProduct(ctx, p); err != nil {
		return err
	}
	return a.events.Add(ctx, created(p))
}
