package app

import (
	"context"
	"fmt"
)

// OrderPaid records what a buyer bought (the consumer of order.paid): their
// reviews of those products, now and later, carry the verified-buyer mark.
// Applying it again changes nothing.
func (a *App) OrderPaid(ctx context.Context, buyerID string, productIDs []string) error {
	if buyerID == "" || len(productIDs) == 0 {
		return nil
	}
	if err := a.store.RecordPurchases(ctx, buyerID, productIDs, a.clock.Now()); err != nil {
		return fmt.Errorf("record purchases of %s: %w", buyerID, err)
	}
	return nil
}
