package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// MaxAvailabilityIDs bounds one availability question.
const MaxAvailabilityIDs = 200

// Availability returns how many of each variation can be sold now; unknown
// and retired variations are 0. Anyone may ask.
func (a *App) Availability(ctx context.Context, variationIDs []string) (map[string]int64, error) {
	if len(variationIDs) > MaxAvailabilityIDs {
		return nil, fault.Fields(map[string]string{"variation_id": fmt.Sprintf("at most %d variation ids at once", MaxAvailabilityIDs)})
	}
	out := make(map[string]int64, len(variationIDs))
	if len(variationIDs) == 0 {
		return out, nil
	}
	rows, err := a.store.Stocks(ctx, variationIDs)
	if err != nil {
		return nil, fmt.Errorf("availability: %w", err)
	}
	for _, id := range variationIDs {
		out[id] = rows[id].Sellable() // the zero Stock of an unknown id is 0
	}
	return out, nil
}
