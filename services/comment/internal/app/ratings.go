package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/marketplace/marketplace/services/comment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Ratings returns the ratings of several products (public). Products
// without visible reviews are left out.
func (a *App) Ratings(ctx context.Context, productIDs []string) ([]domain.Rating, error) {
	ids := slices.DeleteFunc(slices.Clone(productIDs), func(s string) bool { return s == "" })
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) > domain.MaxRatingsPerRequest {
		return nil, fault.Fields(map[string]string{"product_id": fmt.Sprintf("ask for at most %d products at once", domain.MaxRatingsPerRequest)})
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rs, err := a.store.Ratings(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read ratings: %w", err)
	}
	return slices.DeleteFunc(rs, func(r domain.Rating) bool { return r.Count() == 0 }), nil
}
