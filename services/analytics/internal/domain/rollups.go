package domain

import (
	"cmp"
	"maps"
	"slices"
)

// PlatformDay is one day's platform figures.
type PlatformDay struct {
	GMV             int64 // totals of the orders paid that day
	Orders          int64 // orders placed
	NewUsers        int64
	DeletedUsers    int64
	NewShops        int64
	Cancellations   int64
	PaymentAttempts int64
	PaymentFailures int64
}

// ShopDay is one day's figures of a shop.
type ShopDay struct {
	Revenue       int64
	PaidOrders    int64
	Cancellations int64
	Reviews       int64
	RatingSum     int64
}

// ProductDay is one day's sales of a product.
type ProductDay struct {
	Units   int64
	Revenue int64
}

// ShopDayKey names a shop's day.
type ShopDayKey struct{ ShopID, Day string }

// ProductDayKey names a product's day.
type ProductDayKey struct{ ShopID, ProductID, Day string }

// Rollups are daily figures, or changes to them.
type Rollups struct {
	Platform map[string]PlatformDay
	Shop     map[ShopDayKey]ShopDay
	Product  map[ProductDayKey]ProductDay
}

func (p PlatformDay) plus(q PlatformDay, sign int64) PlatformDay {
	return PlatformDay{
		GMV: p.GMV + sign*q.GMV, Orders: p.Orders + sign*q.Orders, NewUsers: p.NewUsers + sign*q.NewUsers,
		DeletedUsers: p.DeletedUsers + sign*q.DeletedUsers, NewShops: p.NewShops + sign*q.NewShops,
		Cancellations: p.Cancellations + sign*q.Cancellations, PaymentAttempts: p.PaymentAttempts + sign*q.PaymentAttempts,
		PaymentFailures: p.PaymentFailures + sign*q.PaymentFailures,
	}
}

func (s ShopDay) plus(q ShopDay, sign int64) ShopDay {
	return ShopDay{
		Revenue: s.Revenue + sign*q.Revenue, PaidOrders: s.PaidOrders + sign*q.PaidOrders,
		Cancellations: s.Cancellations + sign*q.Cancellations, Reviews: s.Reviews + sign*q.Reviews,
		RatingSum: s.RatingSum + sign*q.RatingSum,
	}
}

func (p ProductDay) plus(q ProductDay, sign int64) ProductDay {
	return ProductDay{Units: p.Units + sign*q.Units, Revenue: p.Revenue + sign*q.Revenue}
}

func add[K comparable, V any](m *map[K]V, k K, v V, plus func(V, V, int64) V, sign int64) {
	if *m == nil {
		*m = map[K]V{}
	}
	(*m)[k] = plus((*m)[k], v, sign)
}

// Add adds o to r (sign 1) or subtracts it (sign -1).
func (r *Rollups) Add(o Rollups, sign int64) {
	for k, v := range o.Platform {
		add(&r.Platform, k, v, PlatformDay.plus, sign)
	}
	for k, v := range o.Shop {
		add(&r.Shop, k, v, ShopDay.plus, sign)
	}
	for k, v := range o.Product {
		add(&r.Product, k, v, ProductDay.plus, sign)
	}
}

// Change returns what moving an entity's contribution from old to new
// changes: new minus old.
func Change(old, new Rollups) Rollups {
	var r Rollups
	r.Add(new, 1)
	r.Add(old, -1)
	return r.Compact()
}

// Compact drops the entries that change nothing.
func (r Rollups) Compact() Rollups {
	maps.DeleteFunc(r.Platform, func(_ string, v PlatformDay) bool { return v == PlatformDay{} })
	maps.DeleteFunc(r.Shop, func(_ ShopDayKey, v ShopDay) bool { return v == ShopDay{} })
	maps.DeleteFunc(r.Product, func(_ ProductDayKey, v ProductDay) bool { return v == ProductDay{} })
	return r
}

// Empty reports whether r changes nothing.
func (r Rollups) Empty() bool {
	return len(r.Platform) == 0 && len(r.Shop) == 0 && len(r.Product) == 0
}

// Lowers reports whether some figure goes down: the store then removes
// the row if it fell back to all zeros, so that the tables hold the same
// rows however the events were grouped.
func (p PlatformDay) Lowers() bool {
	return p.GMV < 0 || p.Orders < 0 || p.NewUsers < 0 || p.DeletedUsers < 0 || p.NewShops < 0 ||
		p.Cancellations < 0 || p.PaymentAttempts < 0 || p.PaymentFailures < 0
}

// Lowers reports whether some figure goes down.
func (s ShopDay) Lowers() bool {
	return s.Revenue < 0 || s.PaidOrders < 0 || s.Cancellations < 0 || s.Reviews < 0 || s.RatingSum < 0
}

// Lowers reports whether some figure goes down.
func (p ProductDay) Lowers() bool { return p.Units < 0 || p.Revenue < 0 }

// SortedShopKeys returns the keys in a stable order (writers take row locks
// in this order, so they never deadlock on each other).
func SortedShopKeys(m map[ShopDayKey]ShopDay) []ShopDayKey {
	return slices.SortedFunc(maps.Keys(m), func(a, b ShopDayKey) int {
		return cmp.Or(cmp.Compare(a.ShopID, b.ShopID), cmp.Compare(a.Day, b.Day))
	})
}

// SortedProductKeys returns the keys in a stable order.
func SortedProductKeys(m map[ProductDayKey]ProductDay) []ProductDayKey {
	return slices.SortedFunc(maps.Keys(m), func(a, b ProductDayKey) int {
		return cmp.Or(cmp.Compare(a.ShopID, b.ShopID), cmp.Compare(a.Day, b.Day), cmp.Compare(a.ProductID, b.ProductID))
	})
}

// Contribution is what an order adds to the daily figures: placed on the
// day it was created, revenue (for the shop, each of its products, and the
// platform's GMV) on the day it was paid, a cancellation on the day it was
// cancelled. A paid order that is cancelled later keeps its revenue on the
// day it was paid (the figures are of orders paid that day) and counts as
// a cancellation as well.
func (o Order) Contribution(lines []Line) Rollups {
	var r Rollups
	if !o.CreatedAt.IsZero() {
		add(&r.Platform, Day(o.CreatedAt), PlatformDay{Orders: 1}, PlatformDay.plus, 1)
	}
	if !o.PaidAt.IsZero() {
		day := Day(o.PaidAt)
		add(&r.Platform, day, PlatformDay{GMV: o.Total}, PlatformDay.plus, 1)
		if o.ShopID != "" {
			add(&r.Shop, ShopDayKey{o.ShopID, day}, ShopDay{Revenue: o.Total, PaidOrders: 1}, ShopDay.plus, 1)
			for _, l := range lines {
				if l.ProductID != "" {
					add(&r.Product, ProductDayKey{o.ShopID, l.ProductID, day}, ProductDay{Units: l.Quantity, Revenue: l.Total}, ProductDay.plus, 1)
				}
			}
		}
	}
	if !o.CancelledAt.IsZero() {
		day := Day(o.CancelledAt)
		add(&r.Platform, day, PlatformDay{Cancellations: 1}, PlatformDay.plus, 1)
		if o.ShopID != "" {
			add(&r.Shop, ShopDayKey{o.ShopID, day}, ShopDay{Cancellations: 1}, ShopDay.plus, 1)
		}
	}
	return r
}

// Contribution is a new shop on the day it was created.
func (s Shop) Contribution() Rollups {
	var r Rollups
	if !s.CreatedAt.IsZero() {
		add(&r.Platform, Day(s.CreatedAt), PlatformDay{NewShops: 1}, PlatformDay.plus, 1)
	}
	return r
}

// Contribution is a signup on the day the account was created, and a
// deletion on the day it was deleted (only of accounts whose creation is
// known, so that users_total never counts a deletion of an account it
// never counted).
func (u User) Contribution() Rollups {
	var r Rollups
	if !u.CreatedAt.IsZero() {
		add(&r.Platform, Day(u.CreatedAt), PlatformDay{NewUsers: 1}, PlatformDay.plus, 1)
		if !u.DeletedAt.IsZero() {
			add(&r.Platform, Day(u.DeletedAt), PlatformDay{DeletedUsers: 1}, PlatformDay.plus, 1)
		}
	}
	return r
}

// Contribution is a visible review's rating on the day it was written.
func (r Review) Contribution() Rollups {
	var out Rollups
	if r.Visible() {
		add(&out.Shop, ShopDayKey{r.ShopID, Day(r.CreatedAt)}, ShopDay{Reviews: 1, RatingSum: int64(r.Rating)}, ShopDay.plus, 1)
	}
	return out
}

// Contribution is a payment attempt (and maybe a failure) on its day.
func (a Attempt) Contribution() Rollups {
	var r Rollups
	if a.Outcome != OutcomeUnknown && !a.At.IsZero() {
		d := PlatformDay{PaymentAttempts: 1}
		if a.Outcome == OutcomeFailed {
			d.PaymentFailures = 1
		}
		add(&r.Platform, Day(a.At), d, PlatformDay.plus, 1)
	}
	return r
}
