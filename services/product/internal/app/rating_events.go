package app

import (
	"context"

	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// RatingChanged keeps a product's review average from a comment event,
// unless a newer one was kept already. A product that is gone is skipped.
func (a *App) RatingChanged(ctx context.Context, productID string, r domain.Rating) error {
	return a.store.SaveRating(ctx, productID, r)
}
