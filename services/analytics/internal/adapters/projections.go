package adapters

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/marketplace/marketplace/services/analytics/internal/domain"
)

// insertSet inserts rows (each of len(cols) values) into a set table,
// leaving the members already there alone. Rows are sorted and deduplicated
// first: writers then lock in one order.
func (s *Store) insertSet(ctx context.Context, name string, cols []string, rows [][]string) error {
	slices.SortFunc(rows, func(a, b []string) int { return slices.Compare(a, b) })
	rows = slices.CompactFunc(rows, func(a, b []string) bool { return slices.Equal(a, b) })
	db := s.db.Conn(ctx)
	head := `INSERT INTO ` + name + ` (` + strings.Join(cols, ", ") + `) VALUES `
	return chunks(rows, chunkRows, func(rows [][]string) error {
		args := make([]any, 0, len(rows)*len(cols))
		for _, r := range rows {
			for _, v := range r {
				args = append(args, v)
			}
		}
		if err := db.Exec(head+valuesList(len(rows), len(cols))+` ON CONFLICT DO NOTHING`, args...).Error; err != nil {
			return fmt.Errorf("add to %s: %w", name, err)
		}
		return nil
	})
}

// AddOwnerShops implements app.Store.
func (s *Store) AddOwnerShops(ctx context.Context, links []domain.OwnerShop) error {
	rows := make([][]string, len(links))
	for i, l := range links {
		rows[i] = []string{l.OwnerID, l.ShopID}
	}
	return s.insertSet(ctx, "owner_shops", []string{"owner_id", "shop_id"}, rows)
}

// AddShopCurrencies implements app.Store.
func (s *Store) AddShopCurrencies(ctx context.Context, cs []domain.ShopCurrency) error {
	rows := make([][]string, len(cs))
	for i, c := range cs {
		rows[i] = []string{c.ShopID, c.Currency}
	}
	return s.insertSet(ctx, "shop_currencies", []string{"shop_id", "currency"}, rows)
}

// AddCartDays implements app.Store.
func (s *Store) AddCartDays(ctx context.Context, activity, checkouts []domain.CartDay) error {
	for _, set := range []struct {
		name string
		days []domain.CartDay
	}{{"cart_activity", activity}, {"cart_checkouts", checkouts}} {
		if len(set.days) == 0 {
			continue
		}
		rows := make([][]string, len(set.days))
		for i, d := range set.days {
			rows[i] = []string{d.ShopID, d.Day, d.CartID}
		}
		if err := s.insertSet(ctx, set.name, []string{"shop_id", "day", "cart_id"}, rows); err != nil {
			return err
		}
	}
	return nil
}

// MergeProductNames implements app.Store. The merge is in the statement:
// a name replaces the stored one only if it comes from a greater order id
// (or the same order and a greater name), which is what
// domain.ProductName.Merge decides, whatever the order of arrival.
func (s *Store) MergeProductNames(ctx context.Context, names []domain.ProductName) error {
	folded := map[string]domain.ProductName{}
	for _, n := range names {
		folded[n.ProductID] = folded[n.ProductID].Merge(n)
	}
	ids := slices.Sorted(maps.Keys(folded))
	db := s.db.Conn(ctx)
	return chunks(ids, chunkRows, func(ids []string) error {
		args := make([]any, 0, len(ids)*3)
		for _, id := range ids {
			n := folded[id]
			args = append(args, n.ProductID, n.Name, n.OrderID)
		}
		err := db.Exec(`INSERT INTO product_names (product_id, name, order_id) VALUES `+valuesList(len(ids), 3)+`
			ON CONFLICT (product_id) DO UPDATE SET name = excluded.name, order_id = excluded.order_id
			WHERE excluded.order_id > product_names.order_id
			   OR (excluded.order_id = product_names.order_id AND excluded.name > product_names.name)`, args...).Error
		if err != nil {
			return fmt.Errorf("merge product names: %w", err)
		}
		return nil
	})
}

// ApplyRollups implements app.Store.
func (s *Store) ApplyRollups(ctx context.Context, r domain.Rollups) error {
	db := s.db.Conn(ctx)
	if len(r.Platform) > 0 {
		days := slices.Sorted(maps.Keys(r.Platform))
		err := chunks(days, chunkRows, func(days []string) error {
			args := make([]any, 0, len(days)*9)
			for _, d := range days {
				v := r.Platform[d]
				args = append(args, d, v.GMV, v.Orders, v.NewUsers, v.DeletedUsers, v.NewShops, v.Cancellations, v.PaymentAttempts, v.PaymentFailures)
			}
			return db.Exec(`INSERT INTO platform_daily (day, gmv, orders, new_users, deleted_users, new_shops, cancellations, payment_attempts, payment_failures)
				VALUES `+valuesList(len(days), 9)+` ON CONFLICT (day) DO UPDATE SET
				gmv = platform_daily.gmv + excluded.gmv, orders = platform_daily.orders + excluded.orders,
				new_users = platform_daily.new_users + excluded.new_users, deleted_users = platform_daily.deleted_users + excluded.deleted_users,
				new_shops = platform_daily.new_shops + excluded.new_shops, cancellations = platform_daily.cancellations + excluded.cancellations,
				payment_attempts = platform_daily.payment_attempts + excluded.payment_attempts,
				payment_failures = platform_daily.payment_failures + excluded.payment_failures`, args...).Error
		})
		if err != nil {
			return fmt.Errorf("add to the platform's daily figures: %w", err)
		}
	}
	if len(r.Shop) > 0 {
		keys := domain.SortedShopKeys(r.Shop)
		err := chunks(keys, chunkRows, func(keys []domain.ShopDayKey) error {
			args := make([]any, 0, len(keys)*7)
			for _, k := range keys {
				v := r.Shop[k]
				args = append(args, k.ShopID, k.Day, v.Revenue, v.PaidOrders, v.Cancellations, v.Reviews, v.RatingSum)
			}
			return db.Exec(`INSERT INTO shop_daily (shop_id, day, revenue, paid_orders, cancellations, reviews, rating_sum)
				VALUES `+valuesList(len(keys), 7)+` ON CONFLICT (shop_id, day) DO UPDATE SET
				revenue = shop_daily.revenue + excluded.revenue, paid_orders = shop_daily.paid_orders + excluded.paid_orders,
				cancellations = shop_daily.cancellations + excluded.cancellations, reviews = shop_daily.reviews + excluded.reviews,
				rating_sum = shop_daily.rating_sum + excluded.rating_sum`, args...).Error
		})
		if err != nil {
			return fmt.Errorf("add to the shops' daily figures: %w", err)
		}
	}
	if len(r.Product) > 0 {
		keys := domain.SortedProductKeys(r.Product)
		err := chunks(keys, chunkRows, func(keys []domain.ProductDayKey) error {
			args := make([]any, 0, len(keys)*5)
			for _, k := range keys {
				v := r.Product[k]
				args = append(args, k.ShopID, k.Day, k.ProductID, v.Units, v.Revenue)
			}
			return db.Exec(`INSERT INTO product_daily (shop_id, day, product_id, units, revenue)
				VALUES `+valuesList(len(keys), 5)+` ON CONFLICT (shop_id, day, product_id) DO UPDATE SET
				units = product_daily.units + excluded.units, revenue = product_daily.revenue + excluded.revenue`, args...).Error
		})
		if err != nil {
			return fmt.Errorf("add to the products' daily figures: %w", err)
		}
	}
	return s.pruneZeros(ctx, r)
}

// pruneZeros removes the daily rows that r lowered and whose figures are
// all zero now, so that the tables hold the same rows whichever way the
// events were grouped into transactions. Figures only go down when a
// review is hidden or deleted, or an earlier time of an event turns up:
// rare, so a statement per row is fine.
func (s *Store) pruneZeros(ctx context.Context, r domain.Rollups) error {
	db := s.db.Conn(ctx)
	var err error
	for d, v := range r.Platform {
		if err == nil && v.Lowers() {
			err = db.Exec(`DELETE FROM platform_daily WHERE day = ? AND gmv = 0 AND orders = 0 AND new_users = 0 AND deleted_users = 0
				AND new_shops = 0 AND cancellations = 0 AND payment_attempts = 0 AND payment_failures = 0`, d).Error
		}
	}
	for k, v := range r.Shop {
		if err == nil && v.Lowers() {
			err = db.Exec(`DELETE FROM shop_daily WHERE shop_id = ? AND day = ?
				AND revenue = 0 AND paid_orders = 0 AND cancellations = 0 AND reviews = 0 AND rating_sum = 0`, k.ShopID, k.Day).Error
		}
	}
	for k, v := range r.Product {
		if err == nil && v.Lowers() {
			err = db.Exec(`DELETE FROM product_daily WHERE shop_id = ? AND day = ? AND product_id = ? AND units = 0 AND revenue = 0`,
				k.ShopID, k.Day, k.ProductID).Error
		}
	}
	if err != nil {
		return fmt.Errorf("remove empty daily figures: %w", err)
	}
	return nil
}
