package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/comment/internal/domain"
)

// ForgetUser deletes every review of a deleted user, updating the
// ratings and announcing comment.deleted for each. It runs in the
// consumer's transaction; a user with no reviews (or one never heard of)
// changes nothing.
func (a *App) ForgetUser(ctx context.Context, userID string) error {
	if userID == "" {
		return nil
	}
	refs, err := a.store.ReviewRefs(ctx, userID, "")
	if err != nil {
		return fmt.Errorf("forget user %s: %w", userID, err)
	}
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		// refs are in product order, so the rating locks are always taken
		// in one order and two such deletions cannot deadlock.
		for _, ref := range refs {
			rt, err := a.store.LockRating(ctx, ref.ProductID)
			if err != nil {
				return err
			}
			r, err := a.store.ReviewByID(ctx, ref.ID)
			if errors.Is(err, domain.ErrReviewNotFound) {
				continue // deleted meanwhile
			}
			if err != nil {
				return err
			}
			if err := a.remove(ctx, r, &rt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("forget user %s: %w", userID, err)
	}
	return nil
}

// ForgetProduct deletes the reviews of a deleted product and its rating.
// Each deletion is announced (comment.deleted) like any other, so that a
// consumer counting reviews (per shop, per user) stays right without
// having to follow product.deleted as well. It runs in the consumer's
// transaction; an unknown product changes nothing.
func (a *App) ForgetProduct(ctx context.Context, productID string) error {
	if productID == "" {
		return nil
	}
	err := a.tx.InTx(ctx, func(ctx context.Context) error {
		rt, err := a.store.LockRating(ctx, productID)
		if err != nil {
			return err
		}
		refs, err := a.store.ReviewRefs(ctx, "", productID)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			r, err := a.store.ReviewByID(ctx, ref.ID)
			if err != nil {
				return err
			}
			if err := a.remove(ctx, r, &rt); err != nil {
				return err
			}
		}
		return a.store.DeleteRating(ctx, productID)
	})
	if err != nil {
		return fmt.Errorf("forget product %s: %w", productID, err)
	}
	return nil
}
