package app

import (
	"context"

	"github.com/marketplace/marketplace/services/analytics/internal/domain"
)

// DayCount is one day's value.
type DayCount struct {
	Day   string
	Count int64
}

// Summary is the platform's headline numbers.
type Summary struct {
	UsersTotal int64
	Signups    []DayCount
}

// summaryDays is how many days of signups the summary shows.
const summaryDays = 30

// PlatformSummary returns the admin dashboard's headline numbers: the
// accounts there are and the last 30 days' signups; admins only.
func (a *Analytics) PlatformSummary(ctx context.Context) (Summary, error) {
	if err := requireAdmin(ctx); err != nil {
		return Summary{}, err
	}
	all, err := a.store.PlatformTotals(ctx)
	if err != nil {
		return Summary{}, err
	}
	p := domain.LastDays(a.now(), summaryDays)
	byDay, err := a.store.PlatformDays(ctx, p.From(), p.To())
	if err != nil {
		return Summary{}, err
	}
	s := Summary{UsersTotal: all.NewUsers - all.DeletedUsers}
	for _, day := range p.Days {
		s.Signups = append(s.Signups, DayCount{Day: day, Count: byDay[day].NewUsers})
	}
	return s, nil
}
