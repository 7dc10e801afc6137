package app

import (
	"context"

	"github.com/marketplace/marketplace/services/analytics/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// PlatformDashboard is the whole platform's numbers over a period.
type PlatformDashboard struct {
	Days               int
	Currency           string
	GMV, Orders        []DayValue
	NewUsers, NewShops []DayValue
	Cancellations      []DayValue
	PaymentFailures    []DayValue
	TotalGMV           int64
	TotalOrders        int64
	TotalNewUsers      int64
	TotalNewShops      int64
	TotalCancelled     int64
	PaymentAttempts    int64
	PaymentFailed      int64
	PaymentFailureRate float64
	UsersTotal         int64
	TopShops           []TopShop
}

func requireAdmin(ctx context.Context) error {
	if !actor.From(ctx).IsAdmin() {
		return fault.Forbiddenf("only administrators can see platform analytics")
	}
	return nil
}

// PlatformDashboard returns the platform's numbers over the last days
// days; admins only.
func (a *Analytics) PlatformDashboard(ctx context.Context, days int) (PlatformDashboard, error) {
	if err := requireAdmin(ctx); err != nil {
		return PlatformDashboard{}, err
	}
	p, err := domain.NewPeriod(a.now(), days)
	if err != nil {
		return PlatformDashboard{}, err
	}
	d := PlatformDashboard{Days: days}
	if d.Currency, err = a.store.Currency(ctx, ""); err != nil {
		return PlatformDashboard{}, err
	}
	if d.Currency == "" {
		d.Currency = DefaultCurrency
	}
	byDay, err := a.store.PlatformDays(ctx, p.From(), p.To())
	if err != nil {
		return PlatformDashboard{}, err
	}
	for _, day := range p.Days {
		v := byDay[day]
		d.GMV = append(d.GMV, DayValue{day, v.GMV})
		d.Orders = append(d.Orders, DayValue{day, v.Orders})
		d.NewUsers = append(d.NewUsers, DayValue{day, v.NewUsers})
		d.NewShops = append(d.NewShops, DayValue{day, v.NewShops})
		d.Cancellations = append(d.Cancellations, DayValue{day, v.Cancellations})
		d.PaymentFailures = append(d.PaymentFailures, DayValue{day, v.PaymentFailures})
		d.TotalGMV += v.GMV
		d.TotalOrders += v.Orders
		d.TotalNewUsers += v.NewUsers
		d.TotalNewShops += v.NewShops
		d.TotalCancelled += v.Cancellations
		d.PaymentAttempts += v.PaymentAttempts
		d.PaymentFailed += v.PaymentFailures
	}
	d.PaymentFailureRate = ratio(d.PaymentFailed, d.PaymentAttempts)
	all, err := a.store.PlatformTotals(ctx)
	if err != nil {
		return PlatformDashboard{}, err
	}
	d.UsersTotal = all.NewUsers - all.DeletedUsers
	if d.TopShops, err = a.store.TopShops(ctx, p.From(), p.To(), topN); err != nil {
		return PlatformDashboard{}, err
	}
	return d, nil
}
