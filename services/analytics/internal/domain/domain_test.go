package domain

import (
	"reflect"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// permutations returns every order of xs.
func permutations[T any](xs []T) [][]T {
	if len(xs) <= 1 {
		return [][]T{append([]T(nil), xs...)}
	}
	var out [][]T
	for i := range xs {
		rest := append(append([]T(nil), xs[:i]...), xs[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]T{xs[i]}, p...))
		}
	}
	return out
}

// fold merges facts in order, each twice.
func fold[T interface{ Merge(T) T }](facts []T) T {
	var acc T
	for _, f := range facts {
		acc = acc.Merge(f).Merge(f)
	}
	return acc
}

// checkOrderFree fails unless every order of facts (each applied twice)
// merges into want.
func checkOrderFree[T interface{ Merge(T) T }](t *testing.T, facts []T, want T) {
	t.Helper()
	for _, p := range permutations(facts) {
		if got := fold(p); !reflect.DeepEqual(got, want) {
			t.Fatalf("facts %+v merged into %+v, want %+v", p, got, want)
		}
	}
}

func TestMergesIgnoreOrderAndRepeats(t *testing.T) {
	t.Run("order", func(t *testing.T) {
		base := Order{ID: "o", ShopID: "s", OwnerID: "w", Currency: "EUR", Total: 900}
		created, paid, cancelled := base, base, base
		created.CreatedAt = t0
		paid.PaidAt = t0.Add(time.Hour)
		cancelled.CancelledAt = t0.Add(2 * time.Hour)
		want := base
		want.CreatedAt, want.PaidAt, want.CancelledAt = t0, t0.Add(time.Hour), t0.Add(2*time.Hour)
		checkOrderFree(t, []Order{created, paid, cancelled, {ID: "o"}}, want)
	})
	t.Run("shop", func(t *testing.T) {
		created := Shop{ID: "s", OwnerID: "w", Name: "Old", NameVersion: 1, CreatedAt: t0}
		renamed := Shop{ID: "s", OwnerID: "w", Name: "New", NameVersion: 2}
		deleted := Shop{ID: "s", OwnerID: "w", DeletedAt: t0.Add(time.Hour)}
		checkOrderFree(t, []Shop{created, renamed, deleted},
			Shop{ID: "s", OwnerID: "w", Name: "New", NameVersion: 2, CreatedAt: t0, DeletedAt: t0.Add(time.Hour)})
	})
	t.Run("review", func(t *testing.T) {
		created := Review{ID: "c", ShopID: "s", ProductID: "p", Rating: 4, Version: 1, CreatedAt: t0}
		edited := Review{ID: "c", ShopID: "s", ProductID: "p", Rating: 2, Version: 2}
		hidden := Review{ID: "c", ShopID: "s", ProductID: "p", Rating: 2, Version: 3, Hidden: true}
		checkOrderFree(t, []Review{created, edited, hidden},
			Review{ID: "c", ShopID: "s", ProductID: "p", Rating: 2, Version: 3, Hidden: true, CreatedAt: t0})
		deleted := Review{ID: "c", ShopID: "s", ProductID: "p", Rating: 4, Version: 2, Deleted: true}
		checkOrderFree(t, []Review{created, deleted},
			Review{ID: "c", ShopID: "s", ProductID: "p", Rating: 4, Version: 2, Deleted: true, CreatedAt: t0})
	})
	t.Run("attempt", func(t *testing.T) {
		failed := Attempt{ID: "a", OrderID: "o", Outcome: OutcomeFailed, At: t0}
		succeeded := Attempt{ID: "a", OrderID: "o", Outcome: OutcomeSucceeded, At: t0}
		checkOrderFree(t, []Attempt{failed, succeeded}, succeeded)
	})
	t.Run("user", func(t *testing.T) {
		checkOrderFree(t, []User{{ID: "u", CreatedAt: t0}, {ID: "u", DeletedAt: t0.Add(time.Hour)}},
			User{ID: "u", CreatedAt: t0, DeletedAt: t0.Add(time.Hour)})
	})
	t.Run("product name", func(t *testing.T) {
		checkOrderFree(t, []ProductName{{"p", "Old", "order-1"}, {"p", "New", "order-2"}}, ProductName{"p", "New", "order-2"})
	})
}

func TestContributions(t *testing.T) {
	day := Day(t0)
	lines := []Line{{ProductID: "p1", Name: "Mug", Quantity: 2, Total: 1000}, {ProductID: "p2", Quantity: 1, Total: 300}}
	tests := []struct {
		name string
		got  Rollups
		want Rollups
	}{
		{"order placed", Order{ID: "o", ShopID: "s", Total: 1300, CreatedAt: t0}.Contribution(lines),
			Rollups{Platform: map[string]PlatformDay{day: {Orders: 1}}}},
		{"order paid, its creation not known yet", Order{ID: "o", ShopID: "s", Total: 1300, PaidAt: t0}.Contribution(lines),
			Rollups{
				Platform: map[string]PlatformDay{day: {GMV: 1300}},
				Shop:     map[ShopDayKey]ShopDay{{"s", day}: {Revenue: 1300, PaidOrders: 1}},
				Product: map[ProductDayKey]ProductDay{
					{"s", "p1", day}: {Units: 2, Revenue: 1000}, {"s", "p2", day}: {Units: 1, Revenue: 300},
				},
			}},
		{"order cancelled", Order{ID: "o", ShopID: "s", Total: 1300, CancelledAt: t0}.Contribution(lines),
			Rollups{
				Platform: map[string]PlatformDay{day: {Cancellations: 1}},
				Shop:     map[ShopDayKey]ShopDay{{"s", day}: {Cancellations: 1}},
			}},
		{"shop", Shop{ID: "s", CreatedAt: t0}.Contribution(), Rollups{Platform: map[string]PlatformDay{day: {NewShops: 1}}}},
		{"shop renamed only", Shop{ID: "s", Name: "x", NameVersion: 2}.Contribution(), Rollups{}},
		{"user deleted", User{ID: "u", CreatedAt: t0, DeletedAt: t0}.Contribution(),
			Rollups{Platform: map[string]PlatformDay{day: {NewUsers: 1, DeletedUsers: 1}}}},
		{"deletion of a user never created", User{ID: "u", DeletedAt: t0}.Contribution(), Rollups{}},
		{"review", Review{ID: "c", ShopID: "s", Rating: 4, CreatedAt: t0}.Contribution(),
			Rollups{Shop: map[ShopDayKey]ShopDay{{"s", day}: {Reviews: 1, RatingSum: 4}}}},
		{"hidden review", Review{ID: "c", ShopID: "s", Rating: 4, Hidden: true, CreatedAt: t0}.Contribution(), Rollups{}},
		{"deleted review", Review{ID: "c", ShopID: "s", Rating: 4, Deleted: true, CreatedAt: t0}.Contribution(), Rollups{}},
		{"review edited before its creation arrived", Review{ID: "c", ShopID: "s", Rating: 4}.Contribution(), Rollups{}},
		{"failed attempt", Attempt{ID: "a", Outcome: OutcomeFailed, At: t0}.Contribution(),
			Rollups{Platform: map[string]PlatformDay{day: {PaymentAttempts: 1, PaymentFailures: 1}}}},
		{"placeholder attempt", Attempt{ID: "a"}.Contribution(), Rollups{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Fatalf("got %+v, want %+v", tc.got, tc.want)
			}
		})
	}
}

func TestChangeMovesFigures(t *testing.T) {
	day := Day(t0)
	old := Review{ID: "c", ShopID: "s", Rating: 4, CreatedAt: t0}
	edited := old
	edited.Rating = 2
	c := Change(old.Contribution(), edited.Contribution())
	if want := (Rollups{Shop: map[ShopDayKey]ShopDay{{"s", day}: {RatingSum: -2}}}); !reflect.DeepEqual(c, want) {
		t.Fatalf("edit: %+v", c)
	}
	if c.Shop[ShopDayKey{"s", day}].Lowers() != true {
		t.Fatal("a lower rating sum does not lower")
	}
	if same := Change(old.Contribution(), old.Contribution()); !same.Empty() {
		t.Fatalf("no change: %+v", same)
	}
}

func TestPeriod(t *testing.T) {
	for _, days := range []int{0, 1, 8, 31, 91, -7} {
		if _, err := NewPeriod(t0, days); err == nil {
			t.Fatalf("%d days accepted", days)
		}
	}
	p, err := NewPeriod(time.Date(2026, 3, 2, 23, 59, 0, 0, time.UTC), 7)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"}; !reflect.DeepEqual(p.Days, want) {
		t.Fatalf("days %v", p.Days)
	}
	// A time in another zone is placed on its UTC day.
	p = LastDays(time.Date(2026, 3, 2, 1, 0, 0, 0, time.FixedZone("x", 3*3600)), 1)
	if p.From() != "2026-03-01" || p.To() != "2026-03-01" {
		t.Fatalf("days %v", p.Days)
	}
}
