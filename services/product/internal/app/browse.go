package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// Categories returns the category tree, parents first.
func (a *App) Categories(ctx context.Context) ([]domain.Category, error) {
	return a.store.Categories(ctx)
}

// Product returns one product, or domain.ErrProductNotFound.
func (a *App) Product(ctx context.Context, id string) (*domain.Product, error) {
	return a.store.Product(ctx, id)
}

// List returns a page of products and how many match in all, with the
// query as it was applied (defaults filled in). An unknown category is
// invalid input, not an empty page, so a typo in a link is visible. Only
// products with a variation are listed, except that the owner of the shop
// in ShopID sees all of that shop's products.
func (a *App) List(ctx context.Context, q domain.ListQuery) ([]domain.Summary, int64, domain.ListQuery, error) {
	if err := q.Normalize(); err != nil {
		return nil, 0, q, err
	}
	if q.Category != "" {
		cats, err := a.store.Categories(ctx)
		if err != nil {
			return nil, 0, q, err
		}
		q.CategoryIDs = domain.Subtree(cats, q.Category)
		if len(q.CategoryIDs) == 0 {
			return nil, 0, q, fault.Fields(map[string]string{"category": fmt.Sprintf("there is no category %q", q.Category)})
		}
	}
	if who := actor.From(ctx); q.ShopID != "" && !who.Anonymous() {
		s, err := a.store.Shop(ctx, q.ShopID)
		switch {
		case err == nil:
			q.Unlisted = s.OwnerID == who.UserID
		case !errors.Is(err, domain.ErrShopNotFound):
			return nil, 0, q, err
		}
	}
	if q.MatchesNothing() {
		return []domain.Summary{}, 0, q, nil
	}
	items, total, err := a.store.List(ctx, q)
	return items, total, q, err
}

// MaxVariationLookup bounds one Variations call.
const MaxVariationLookup = 200

// Variations looks up variations by id, with what a cart or an order line
// needs of their product; anyone may ask.
func (a *App) Variations(ctx context.Context, ids []string) ([]domain.VariationInfo, error) {
	if len(ids) > MaxVariationLookup {
		return nil, fault.Fields(map[string]string{"id": "at most 200 variations at once"})
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return a.store.Variations(ctx, ids)
}
