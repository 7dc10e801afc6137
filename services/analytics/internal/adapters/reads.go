package adapters

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/analytics/internal/app"
	"github.com/marketplace/marketplace/services/analytics/internal/domain"
)

// ShopsOf implements app.Reads.
func (s *Store) ShopsOf(ctx context.Context, ownerID string) ([]domain.Shop, error) {
	var rows []struct {
		ShopID               string
		Name                 *string
		CreatedAt, DeletedAt *time.Time
	}
	err := s.db.Conn(ctx).Raw(`SELECT o.shop_id, s.name, s.created_at, s.deleted_at
		FROM owner_shops o LEFT JOIN shops s ON s.shop_id = o.shop_id
		WHERE o.owner_id = ? ORDER BY o.shop_id`, ownerID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read the shops of %s: %w", ownerID, err)
	}
	out := make([]domain.Shop, len(rows))
	for i, r := range rows {
		out[i] = domain.Shop{ID: r.ShopID, OwnerID: ownerID, CreatedAt: fromNull(r.CreatedAt), DeletedAt: fromNull(r.DeletedAt)}
		if r.Name != nil {
			out[i].Name = *r.Name
		}
	}
	return out, nil
}

// ShopNames implements app.Reads.
func (s *Store) ShopNames(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ ShopID, Name string }
	if err := s.db.Conn(ctx).Raw(`SELECT shop_id, name FROM shops WHERE shop_id IN ?`, ids).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("read shop names: %w", err)
	}
	for _, r := range rows {
		out[r.ShopID] = r.Name
	}
	return out, nil
}

// Currency implements app.Reads.
func (s *Store) Currency(ctx context.Context, shopID string) (string, error) {
	var c []string
	db := s.db.Conn(ctx)
	var err error
	if shopID == "" {
		err = db.Raw(`SELECT COALESCE(MIN(currency), '') FROM shop_currencies`).Scan(&c).Error
	} else {
		err = db.Raw(`SELECT COALESCE(MIN(currency), '') FROM shop_currencies WHERE shop_id = ?`, shopID).Scan(&c).Error
	}
	if err != nil {
		return "", fmt.Errorf("read the currency of shop %q: %w", shopID, err)
	}
	if len(c) == 0 {
		return "", nil
	}
	return c[0], nil
}

type platformDayRow struct {
	Day                                             string
	GMV                                             int64 `gorm:"column:gmv"`
	Orders, NewUsers, DeletedUsers, NewShops        int64
	Cancellations, PaymentAttempts, PaymentFailures int64
}

func (r platformDayRow) figures() domain.PlatformDay {
	return domain.PlatformDay{
		GMV: r.GMV, Orders: r.Orders, NewUsers: r.NewUsers, DeletedUsers: r.DeletedUsers, NewShops: r.NewShops,
		Cancellations: r.Cancellations, PaymentAttempts: r.PaymentAttempts, PaymentFailures: r.PaymentFailures,
	}
}

// PlatformDays implements app.Reads.
func (s *Store) PlatformDays(ctx context.Context, from, to string) (map[string]domain.PlatformDay, error) {
	var rows []platformDayRow
	err := s.db.Conn(ctx).Raw(`SELECT day, gmv, orders, new_users, deleted_users, new_shops, cancellations, payment_attempts, payment_failures
		FROM platform_daily WHERE day >= ? AND day <= ?`, from, to).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read the platform's figures from %s to %s: %w", from, to, err)
	}
	out := make(map[string]domain.PlatformDay, len(rows))
	for _, r := range rows {
		out[r.Day] = r.figures()
	}
	return out, nil
}

// PlatformTotals implements app.Reads.
func (s *Store) PlatformTotals(ctx context.Context) (domain.PlatformDay, error) {
	var rows []platformDayRow
	err := s.db.Conn(ctx).Raw(`SELECT '' AS day, COALESCE(SUM(gmv), 0) AS gmv, COALESCE(SUM(orders), 0) AS orders,
		COALESCE(SUM(new_users), 0) AS new_users, COALESCE(SUM(deleted_users), 0) AS deleted_users,
		COALESCE(SUM(new_shops), 0) AS new_shops, COALESCE(SUM(cancellations), 0) AS cancellations,
		COALESCE(SUM(payment_attempts), 0) AS payment_attempts, COALESCE(SUM(payment_failures), 0) AS payment_failures
		FROM platform_daily`).Scan(&rows).Error
	if err == nil && len(rows) == 0 {
		err = errors.New("no row")
	}
	if err != nil {
		return domain.PlatformDay{}, fmt.Errorf("read the platform's totals: %w", err)
	}
	return rows[0].figures(), nil
}

// ShopDays implements app.Reads.
func (s *Store) ShopDays(ctx context.Context, shopID, from, to string) (map[string]domain.ShopDay, error) {
	var rows []struct {
		Day                                                    string
		Revenue, PaidOrders, Cancellations, Reviews, RatingSum int64
	}
	err := s.db.Conn(ctx).Raw(`SELECT day, revenue, paid_orders, cancellations, reviews, rating_sum
		FROM shop_daily WHERE shop_id = ? AND day >= ? AND day <= ?`, shopID, from, to).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read the figures of shop %s from %s to %s: %w", shopID, from, to, err)
	}
	out := make(map[string]domain.ShopDay, len(rows))
	for _, r := range rows {
		out[r.Day] = domain.ShopDay{Revenue: r.Revenue, PaidOrders: r.PaidOrders, Cancellations: r.Cancellations, Reviews: r.Reviews, RatingSum: r.RatingSum}
	}
	return out, nil
}

// TopProducts implements app.Reads.
func (s *Store) TopProducts(ctx context.Context, shopID, from, to string, n int) ([]app.TopProduct, error) {
	var rows []struct {
		ProductID      string
		Name           *string
		Units, Revenue int64
	}
	err := s.db.Conn(ctx).Raw(`SELECT t.product_id, n.name, t.units, t.revenue FROM (
			SELECT product_id, SUM(units) AS units, SUM(revenue) AS revenue FROM product_daily
			WHERE shop_id = ? AND day >= ? AND day <= ? GROUP BY product_id
			ORDER BY revenue DESC, product_id LIMIT ?
		) t LEFT JOIN product_names n ON n.product_id = t.product_id
		ORDER BY t.revenue DESC, t.product_id`, shopID, from, to, n).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read the top products of shop %s: %w", shopID, err)
	}
	out := make([]app.TopProduct, len(rows))
	for i, r := range rows {
		out[i] = app.TopProduct{ProductID: r.ProductID, Units: r.Units, Revenue: r.Revenue}
		if r.Name != nil {
			out[i].Name = *r.Name
		}
	}
	return out, nil
}

// TopShops implements app.Reads.
func (s *Store) TopShops(ctx context.Context, from, to string, n int) ([]app.TopShop, error) {
	var rows []struct {
		ShopID          string
		Name            *string
		Orders, Revenue int64
	}
	err := s.db.Conn(ctx).Raw(`SELECT t.shop_id, s.name, t.orders, t.revenue FROM (
			SELECT shop_id, SUM(paid_orders) AS orders, SUM(revenue) AS revenue FROM shop_daily
			WHERE day >= ? AND day <= ? GROUP BY shop_id HAVING SUM(paid_orders) > 0
			ORDER BY revenue DESC, shop_id LIMIT ?
		) t LEFT JOIN shops s ON s.shop_id = t.shop_id
		ORDER BY t.revenue DESC, t.shop_id`, from, to, n).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read the top shops: %w", err)
	}
	out := make([]app.TopShop, len(rows))
	for i, r := range rows {
		out[i] = app.TopShop{ShopID: r.ShopID, Orders: r.Orders, Revenue: r.Revenue}
		if r.Name != nil {
			out[i].Name = *r.Name
		}
	}
	return out, nil
}

// Funnel implements app.Reads.
func (s *Store) Funnel(ctx context.Context, shopID, from, to string) (int64, int64, error) {
	var counts []struct{ Updated, CheckedOut int64 }
	err := s.db.Conn(ctx).Raw(`SELECT
		(SELECT COUNT(DISTINCT cart_id) FROM cart_activity WHERE shop_id = ? AND day >= ? AND day <= ?) AS updated,
		(SELECT COUNT(DISTINCT cart_id) FROM cart_checkouts WHERE shop_id = ? AND day >= ? AND day <= ?) AS checked_out`,
		shopID, from, to, shopID, from, to).Scan(&counts).Error
	if err == nil && len(counts) == 0 {
		err = errors.New("no row")
	}
	if err != nil {
		return 0, 0, fmt.Errorf("count the carts of shop %s: %w", shopID, err)
	}
	return counts[0].Updated, counts[0].CheckedOut, nil
}
