package app

import (
	"cmp"
	"context"
	"slices"

	"github.com/marketplace/marketplace/services/analytics/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// DefaultCurrency is the dashboards' currency before any order names one
// (the platform prices everything in euros today).
const DefaultCurrency = "EUR"

// topN is how many best sellers a dashboard lists.
const topN = 5

// DayRating is one day's reviews.
type DayRating struct {
	Day     string
	Count   int64
	Average float64
}

// DayValue is one day's value of a series.
type DayValue struct {
	Day   string
	Value int64
}

// SellerDashboard is a shop's numbers over a period.
type SellerDashboard struct {
	ShopID, ShopName, Currency string
	Days                       int
	Revenue, PaidOrders        []DayValue
	Cancellations              []DayValue
	Ratings                    []DayRating
	TotalRevenue               int64
	TotalPaidOrders            int64
	AverageOrderValue          int64
	TotalCancelled             int64
	AverageRating              float64
	TopProducts                []TopProduct
	CartsUpdated, CheckedOut   int64
}

// SellerDashboard returns the numbers of the acting user's shop over the
// last days days. The shop is the one the events say the user owns; no
// shop id is taken from the caller.
func (a *Analytics) SellerDashboard(ctx context.Context, days int) (SellerDashboard, error) {
	who := actor.From(ctx)
	if who.Anonymous() {
		return SellerDashboard{}, fault.Unauthenticatedf("sign in to see your shop's numbers")
	}
	p, err := domain.NewPeriod(a.now(), days)
	if err != nil {
		return SellerDashboard{}, err
	}
	shop, err := a.shopOf(ctx, who.UserID)
	if err != nil {
		return SellerDashboard{}, err
	}
	d := SellerDashboard{ShopID: shop.ID, ShopName: shop.Name, Days: days}
	if d.Currency, err = a.store.Currency(ctx, shop.ID); err != nil {
		return SellerDashboard{}, err
	}
	if d.Currency == "" {
		d.Currency = DefaultCurrency
	}
	byDay, err := a.store.ShopDays(ctx, shop.ID, p.From(), p.To())
	if err != nil {
		return SellerDashboard{}, err
	}
	var reviews, ratingSum int64
	for _, day := range p.Days {
		v := byDay[day]
		d.Revenue = append(d.Revenue, DayValue{day, v.Revenue})
		d.PaidOrders = append(d.PaidOrders, DayValue{day, v.PaidOrders})
		d.Cancellations = append(d.Cancellations, DayValue{day, v.Cancellations})
		d.Ratings = append(d.Ratings, DayRating{Day: day, Count: v.Reviews, Average: ratio(v.RatingSum, v.Reviews)})
		d.TotalRevenue += v.Revenue
		d.TotalPaidOrders += v.PaidOrders
		d.TotalCancelled += v.Cancellations
		reviews += v.Reviews
		ratingSum += v.RatingSum
	}
	if d.TotalPaidOrders > 0 {
		d.AverageOrderValue = d.TotalRevenue / d.TotalPaidOrders
	}
	d.AverageRating = ratio(ratingSum, reviews)
	if d.TopProducts, err = a.store.TopProducts(ctx, shop.ID, p.From(), p.To(), topN); err != nil {
		return SellerDashboard{}, err
	}
	if d.CartsUpdated, d.CheckedOut, err = a.store.Funnel(ctx, shop.ID, p.From(), p.To()); err != nil {
		return SellerDashboard{}, err
	}
	return d, nil
}

// shopOf picks the user's shop: an open one before a closed one, then the
// one created last (a user has one shop at a time).
func (a *Analytics) shopOf(ctx context.Context, userID string) (domain.Shop, error) {
	shops, err := a.store.ShopsOf(ctx, userID)
	if err != nil {
		return domain.Shop{}, err
	}
	if len(shops) == 0 {
		return domain.Shop{}, fault.NotFoundf("you have no shop yet")
	}
	return slices.MaxFunc(shops, func(x, y domain.Shop) int {
		return cmp.Or(
			cmp.Compare(boolInt(x.DeletedAt.IsZero()), boolInt(y.DeletedAt.IsZero())),
			x.CreatedAt.Compare(y.CreatedAt),
			cmp.Compare(x.ID, y.ID),
		)
	}), nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ratio is n/d, 0 when d is 0.
func ratio(n, d int64) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}
