// Package adapters implements the cart service's ports: the gorm store of
// carts, checkouts and projections, and the clients of the product,
// warehouse and order services.
package adapters

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/marketplace/marketplace/services/cart/internal/app"
	"github.com/marketplace/marketplace/services/cart/internal/domain"
	"github.com/marketplace/marketplace/services/platform/database"
)

var _ app.Store = (*Store)(nil)

// Store keeps the cart service's data. Every call uses db.Conn(ctx), so it
// joins the transaction in ctx when there is one. Upserts decide with
// their conflict clauses, in one statement on both engines, so events
// applied in any order leave the newest state.
type Store struct{ db *database.DB }

// NewStore returns the store over db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

// offerColumns and offerJoins read what is known of a variation (alias v).
const offerColumns = `v.variation_id AS o_variation_id, v.product_id AS o_product_id, v.shop_id AS o_shop_id,
	v.product_name AS o_product_name, v.variation_name AS o_variation_name, v.sku AS o_sku, v.price AS o_price,
	v.currency AS o_currency, v.thumb_url AS o_thumb_url, v.gone AS o_gone, v.looked_up_at AS o_looked_up_at,
	p.deleted AS o_product_deleted, s.name AS o_shop_name, s.deleted AS o_shop_deleted, a.available AS o_available`

const offerJoins = `
	LEFT JOIN products p ON p.product_id = v.product_id
	LEFT JOIN shops s ON s.shop_id = v.shop_id
	LEFT JOIN availability a ON a.variation_id = v.variation_id`

// offerRow is a variation as offerColumns read it; every column may be
// NULL (outer joins).
type offerRow struct {
	OVariationID    *string    `gorm:"column:o_variation_id"`
	OProductID      *string    `gorm:"column:o_product_id"`
	OShopID         *string    `gorm:"column:o_shop_id"`
	OProductName    *string    `gorm:"column:o_product_name"`
	OVariationName  *string    `gorm:"column:o_variation_name"`
	OSKU            *string    `gorm:"column:o_sku"`
	OPrice          *int64     `gorm:"column:o_price"`
	OCurrency       *string    `gorm:"column:o_currency"`
	OThumbURL       *string    `gorm:"column:o_thumb_url"`
	OGone           *bool      `gorm:"column:o_gone"`
	OLookedUpAt     *time.Time `gorm:"column:o_looked_up_at"`
	OProductDeleted *bool      `gorm:"column:o_product_deleted"`
	OShopName       *string    `gorm:"column:o_shop_name"`
	OShopDeleted    *bool      `gorm:"column:o_shop_deleted"`
	OAvailable      *int64     `gorm:"column:o_available"`
}

func (r offerRow) offer() (domain.Offer, bool) {
	if r.OVariationID == nil {
		return domain.Offer{}, false
	}
	o := domain.Offer{
		VariationID: *r.OVariationID, ProductID: str(r.OProductID), ShopID: str(r.OShopID),
		ShopName: str(r.OShopName), ProductName: str(r.OProductName), VariationName: str(r.OVariationName),
		SKU: str(r.OSKU), ThumbURL: str(r.OThumbURL),
		Price: domain.Money{Amount: num(r.OPrice), Currency: str(r.OCurrency)},
		Gone:  flag(r.OGone) || flag(r.OProductDeleted) || flag(r.OShopDeleted),
	}
	if r.OAvailable != nil {
		o.Available, o.AvailableKnown = *r.OAvailable, true
	}
	if r.OLookedUpAt != nil {
		o.LookedUpAt = r.OLookedUpAt.UTC()
	}
	return o, true
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func num(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func flag(p *bool) bool { return p != nil && *p }

// Offers implements app.Store.
func (s *Store) Offers(ctx context.Context, variationIDs []string) (map[string]domain.Offer, error) {
	out := map[string]domain.Offer{}
	if len(variationIDs) == 0 {
		return out, nil
	}
	var rows []offerRow
	err := s.db.Conn(ctx).Raw(`SELECT `+offerColumns+` FROM variations v`+offerJoins+` WHERE v.variation_id IN ?`, variationIDs).
		Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("load variations: %w", err)
	}
	for _, r := range rows {
		if o, ok := r.offer(); ok {
			out[o.VariationID] = o
		}
	}
	return out, nil
}

// SaveLookup implements app.Store.
func (s *Store) SaveLookup(ctx context.Context, vs []app.LookedUp, at time.Time) error {
	if len(vs) == 0 {
		return nil
	}
	db := s.db.Conn(ctx)
	var pids, sids []string
	for _, v := range vs {
		pids, sids = append(pids, v.ProductID), append(sids, v.ShopID)
	}
	var deleted []string
	err := db.Raw(`SELECT product_id FROM products WHERE deleted AND product_id IN ?
		UNION SELECT shop_id FROM shops WHERE deleted AND shop_id IN ?`, pids, sids).Scan(&deleted).Error
	if err != nil {
		return fmt.Errorf("look for deleted products: %w", err)
	}
	tomb := map[string]bool{}
	for _, id := range deleted {
		tomb[id] = true
	}
	at = at.UTC()
	for _, v := range vs {
		if tomb[v.ProductID] || tomb[v.ShopID] {
			continue
		}
		err := db.Exec(`INSERT INTO variations (variation_id, product_id, shop_id, product_name, variation_name, sku, price,
				currency, thumb_url, product_version, gone, looked_up_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)
			ON CONFLICT (variation_id) DO UPDATE SET product_name = excluded.product_name,
				variation_name = excluded.variation_name, sku = excluded.sku, price = excluded.price,
				currency = excluded.currency, product_version = excluded.product_version, gone = FALSE,
				updated_at = excluded.updated_at
			WHERE variations.product_version < excluded.product_version`,
			v.VariationID, v.ProductID, v.ShopID, v.ProductName, v.VariationName, v.SKU, v.Price.Amount,
			v.Price.Currency, v.ThumbURL, v.ProductVersion, at, at).Error
		if err != nil {
			return fmt.Errorf("store variation %s: %w", v.VariationID, err)
		}
		// The picture is the product service's latest whatever the
		// versions say: events carry none.
		err = db.Exec(`UPDATE variations SET thumb_url = ?, looked_up_at = ? WHERE variation_id = ?`,
			v.ThumbURL, at, v.VariationID).Error
		if err != nil {
			return fmt.Errorf("store thumbnail of %s: %w", v.VariationID, err)
		}
		if v.ShopName == "" {
			continue
		}
		err = db.Exec(`INSERT INTO shops (shop_id, name, version, deleted, updated_at) VALUES (?, ?, 0, FALSE, ?)
			ON CONFLICT (shop_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
			WHERE shops.version = 0 AND NOT shops.deleted`, v.ShopID, v.ShopName, at).Error
		if err != nil {
			return fmt.Errorf("store shop %s: %w", v.ShopID, err)
		}
	}
	return nil
}

// SaveAvailability implements app.Store.
func (s *Store) SaveAvailability(ctx context.Context, available map[string]int64, at time.Time) error {
	if len(available) == 0 {
		return nil
	}
	args := make([]any, 0, 3*len(available))
	for vid, n := range available {
		args = append(args, vid, n, at.UTC())
	}
	err := s.db.Conn(ctx).Exec(`INSERT INTO availability (variation_id, available, version, updated_at) VALUES `+
		values(len(available), "(?, ?, 0, ?)")+` ON CONFLICT (variation_id) DO NOTHING`, args...).Error
	if err != nil {
		return fmt.Errorf("store availability: %w", err)
	}
	return nil
}

func values(n int, tuple string) string {
	return strings.TrimSuffix(strings.Repeat(tuple+", ", n), ", ")
}

// ApplyProduct implements app.Store.
func (s *Store) ApplyProduct(ctx context.Context, p app.ProductState, at time.Time) (bool, error) {
	db := s.db.Conn(ctx)
	at = at.UTC()
	res := db.Exec(`INSERT INTO products (product_id, shop_id, version, deleted, updated_at) VALUES (?, ?, ?, FALSE, ?)
		ON CONFLICT (product_id) DO UPDATE SET shop_id = excluded.shop_id, version = excluded.version,
			updated_at = excluded.updated_at
		WHERE products.version < excluded.version AND NOT products.deleted`, p.ProductID, p.ShopID, p.Version, at)
	if res.Error != nil {
		return false, fmt.Errorf("store product %s: %w", p.ProductID, res.Error)
	}
	if res.RowsAffected == 0 {
		return false, nil // as new or newer stored, or deleted
	}
	ids := make([]string, 0, len(p.Variations))
	if len(p.Variations) > 0 {
		args := make([]any, 0, 11*len(p.Variations))
		for _, v := range p.Variations {
			ids = append(ids, v.VariationID)
			args = append(args, v.VariationID, p.ProductID, p.ShopID, p.Name, v.Name, v.SKU, v.Price, p.Currency, p.Version, at)
		}
		err := db.Exec(`INSERT INTO variations (variation_id, product_id, shop_id, product_name, variation_name, sku, price,
				currency, product_version, gone, updated_at)
			VALUES `+values(len(p.Variations), "(?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)")+`
			ON CONFLICT (variation_id) DO UPDATE SET product_name = excluded.product_name,
				variation_name = excluded.variation_name, sku = excluded.sku, price = excluded.price,
				currency = excluded.currency, product_version = excluded.product_version, gone = FALSE,
				updated_at = excluded.updated_at
			WHERE variations.product_version <= excluded.product_version`, args...).Error
		if err != nil {
			return false, fmt.Errorf("store variations of product %s: %w", p.ProductID, err)
		}
	}
	retire := `UPDATE variations SET gone = TRUE, product_version = ?, updated_at = ?
		WHERE product_id = ? AND product_version <= ? AND NOT gone`
	args := []any{p.Version, at, p.ProductID, p.Version}
	if len(ids) > 0 {
		retire += ` AND variation_id NOT IN ?`
		args = append(args, ids)
	}
	q := db.Exec(retire, args...)
	if q.Error != nil {
		return false, fmt.Errorf("retire variations of product %s: %w", p.ProductID, q.Error)
	}
	return true, nil
}

// DeleteProduct implements app.Store.
func (s *Store) DeleteProduct(ctx context.Context, productID, shopID string, version int64, at time.Time) error {
	db := s.db.Conn(ctx)
	err := db.Exec(`INSERT INTO products (product_id, shop_id, version, deleted, updated_at) VALUES (?, ?, ?, TRUE, ?)
		ON CONFLICT (product_id) DO UPDATE SET deleted = TRUE, updated_at = excluded.updated_at,
			version = CASE WHEN excluded.version > products.version THEN excluded.version ELSE products.version END`,
		productID, shopID, version, at.UTC()).Error
	if err != nil {
		return fmt.Errorf("mark product %s deleted: %w", productID, err)
	}
	err = db.Exec(`UPDATE variations SET gone = TRUE, updated_at = ? WHERE product_id = ? AND NOT gone`, at.UTC(), productID).Error
	if err != nil {
		return fmt.Errorf("retire variations of product %s: %w", productID, err)
	}
	return nil
}

// ApplyShop implements app.Store.
func (s *Store) ApplyShop(ctx context.Context, shopID, name string, version int64, at time.Time) error {
	err := s.db.Conn(ctx).Exec(`INSERT INTO shops (shop_id, name, version, deleted, updated_at) VALUES (?, ?, ?, FALSE, ?)
		ON CONFLICT (shop_id) DO UPDATE SET name = excluded.name, version = excluded.version, updated_at = excluded.updated_at
		WHERE shops.version < excluded.version AND NOT shops.deleted`, shopID, name, version, at.UTC()).Error
	if err != nil {
		return fmt.Errorf("store shop %s: %w", shopID, err)
	}
	return nil
}

// DeleteShop implements app.Store.
func (s *Store) DeleteShop(ctx context.Context, shopID string, version int64, at time.Time) error {
	err := s.db.Conn(ctx).Exec(`INSERT INTO shops (shop_id, name, version, deleted, updated_at) VALUES (?, '', ?, TRUE, ?)
		ON CONFLICT (shop_id) DO UPDATE SET deleted = TRUE, updated_at = excluded.updated_at,
			version = CASE WHEN excluded.version > shops.version THEN excluded.version ELSE shops.version END`,
		shopID, version, at.UTC()).Error
	if err != nil {
		return fmt.Errorf("mark shop %s deleted: %w", shopID, err)
	}
	return nil
}

// ApplyStock implements app.Store.
func (s *Store) ApplyStock(ctx context.Context, variationID string, available, version int64, at time.Time) error {
	err := s.db.Conn(ctx).Exec(`INSERT INTO availability (variation_id, available, version, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (variation_id) DO UPDATE SET available = excluded.available, version = excluded.version,
			updated_at = excluded.updated_at
		WHERE availability.version < excluded.version`, variationID, available, version, at.UTC()).Error
	if err != nil {
		return fmt.Errorf("store stock of %s: %w", variationID, err)
	}
	return nil
}

// cartRow is one line of a cart with its offer, as cartQuery reads it; the
// line's columns are NULL for a cart without lines.
type cartRow struct {
	ID            string
	OwnerID       *string
	Version       int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
	LVariationID  *string    `gorm:"column:l_variation_id"`
	LProductID    *string    `gorm:"column:l_product_id"`
	LShopID       *string    `gorm:"column:l_shop_id"`
	LQuantity     *int64     `gorm:"column:l_quantity"`
	LAddedPrice   *int64     `gorm:"column:l_added_price"`
	LAddedCurency *string    `gorm:"column:l_added_currency"`
	LPosition     *int64     `gorm:"column:l_position"`
	LAddedAt      *time.Time `gorm:"column:l_added_at"`
	Offer         offerRow   `gorm:"embedded"`
}

const cartQuery = `SELECT c.id, c.owner_id, c.version, c.created_at, c.updated_at,
	i.variation_id AS l_variation_id, i.product_id AS l_product_id, i.shop_id AS l_shop_id, i.quantity AS l_quantity,
	i.added_price AS l_added_price, i.added_currency AS l_added_currency, i.position AS l_position, i.added_at AS l_added_at,
	` + offerColumns + `
	FROM carts c
	LEFT JOIN cart_items i ON i.cart_id = c.id
	LEFT JOIN variations v ON v.variation_id = i.variation_id` + offerJoins + `
	WHERE %s
	ORDER BY c.id, i.position`

// carts reads the carts that cond selects, with their lines and offers
// (one statement), locked when lock is set.
func (s *Store) carts(ctx context.Context, lock bool, cond string, args ...any) ([]*domain.Cart, map[string]domain.Offer, error) {
	q := fmt.Sprintf(cartQuery, cond)
	if lock && s.db.Dialect() == database.Postgres {
		q += " FOR UPDATE OF c" // SQLite transactions hold the whole database
	}
	var rows []cartRow
	if err := s.db.Conn(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("load carts: %w", err)
	}
	offers := map[string]domain.Offer{}
	var out []*domain.Cart
	for i := 0; i < len(rows); {
		r := rows[i]
		var lines []domain.Line
		for ; i < len(rows) && rows[i].ID == r.ID; i++ {
			l := rows[i]
			if l.LVariationID == nil {
				continue
			}
			lines = append(lines, domain.Line{
				VariationID: *l.LVariationID, ProductID: str(l.LProductID), ShopID: str(l.LShopID), Quantity: num(l.LQuantity),
				AddedPrice: domain.Money{Amount: num(l.LAddedPrice), Currency: str(l.LAddedCurency)},
				Position:   num(l.LPosition), AddedAt: utc(l.LAddedAt),
			})
			if o, ok := l.Offer.offer(); ok {
				offers[o.VariationID] = o
			}
		}
		out = append(out, domain.RebuildCart(r.ID, str(r.OwnerID), r.Version, lines, r.CreatedAt.UTC(), r.UpdatedAt.UTC()))
	}
	return out, offers, nil
}

func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func (s *Store) oneCart(ctx context.Context, lock bool, cond string, arg string) (*domain.Cart, map[string]domain.Offer, error) {
	cs, offers, err := s.carts(ctx, lock, cond, arg)
	if err != nil {
		return nil, nil, err
	}
	if len(cs) == 0 {
		return nil, nil, domain.ErrCartNotFound
	}
	return cs[0], offers, nil
}

// Cart implements app.Store.
func (s *Store) Cart(ctx context.Context, id string, lock bool) (*domain.Cart, map[string]domain.Offer, error) {
	return s.oneCart(ctx, lock, "c.id = ?", id)
}

// CartOf implements app.Store.
func (s *Store) CartOf(ctx context.Context, ownerID string, lock bool) (*domain.Cart, map[string]domain.Offer, error) {
	return s.oneCart(ctx, lock, "c.owner_id = ?", ownerID)
}

// CartsWith implements app.Store.
func (s *Store) CartsWith(ctx context.Context, productID, shopID string) ([]*domain.Cart, map[string]domain.Offer, error) {
	if productID != "" {
		return s.carts(ctx, true, "c.id IN (SELECT cart_id FROM cart_items WHERE product_id = ?)", productID)
	}
	return s.carts(ctx, true, "c.id IN (SELECT cart_id FROM cart_items WHERE shop_id = ?)", shopID)
}

// AddCart implements app.Store.
func (s *Store) AddCart(ctx context.Context, c *domain.Cart) (bool, error) {
	var owner *string
	if !c.IsGuest() {
		o := c.OwnerID()
		owner = &o
	}
	res := s.db.Conn(ctx).Exec(`INSERT INTO carts (id, owner_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (owner_id) DO NOTHING`, c.ID(), owner, c.Version(), c.CreatedAt().UTC(), c.UpdatedAt().UTC())
	if res.Error != nil {
		return false, fmt.Errorf("store cart %s: %w", c.ID(), res.Error)
	}
	return res.RowsAffected == 1, nil
}

// SaveCart implements app.Store: the cart's version (checked against the
// loaded one), then only the lines that changed.
func (s *Store) SaveCart(ctx context.Context, c *domain.Cart, loadedVersion int64, before []domain.Line) error {
	db := s.db.Conn(ctx)
	res := db.Exec(`UPDATE carts SET version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		c.Version(), c.UpdatedAt().UTC(), c.ID(), loadedVersion)
	switch {
	case res.Error != nil:
		return fmt.Errorf("store cart %s: %w", c.ID(), res.Error)
	case res.RowsAffected == 0:
		return app.ErrStaleCart
	}
	was := make(map[string]domain.Line, len(before))
	for _, l := range before {
		was[l.VariationID] = l
	}
	var changed []domain.Line
	for _, l := range c.Lines() {
		if old, ok := was[l.VariationID]; !ok || old != l {
			changed = append(changed, l)
		}
		delete(was, l.VariationID)
	}
	if len(was) > 0 {
		gone := make([]string, 0, len(was))
		for vid := range was {
			gone = append(gone, vid)
		}
		if err := db.Exec(`DELETE FROM cart_items WHERE cart_id = ? AND variation_id IN ?`, c.ID(), gone).Error; err != nil {
			return fmt.Errorf("remove lines of cart %s: %w", c.ID(), err)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	args := make([]any, 0, 9*len(changed))
	for _, l := range changed {
		args = append(args, c.ID(), l.VariationID, l.ProductID, l.ShopID, l.Quantity, l.AddedPrice.Amount,
			l.AddedPrice.Currency, l.Position, l.AddedAt.UTC())
	}
	err := db.Exec(`INSERT INTO cart_items (cart_id, variation_id, product_id, shop_id, quantity, added_price,
			added_currency, position, added_at)
		VALUES `+values(len(changed), "(?, ?, ?, ?, ?, ?, ?, ?, ?)")+`
		ON CONFLICT (cart_id, variation_id) DO UPDATE SET quantity = excluded.quantity,
			added_price = excluded.added_price, added_currency = excluded.added_currency`, args...).Error
	if err != nil {
		return fmt.Errorf("store lines of cart %s: %w", c.ID(), err)
	}
	return nil
}

// LockCarts implements app.Store.
func (s *Store) LockCarts(ctx context.Context, cartID, ownerID string) error {
	if s.db.Dialect() != database.Postgres {
		return nil // SQLite transactions hold the whole database
	}
	err := s.db.Conn(ctx).Exec(`SELECT id FROM carts WHERE id = ? OR owner_id = ? ORDER BY id FOR UPDATE`, cartID, ownerID).Error
	if err != nil {
		return fmt.Errorf("lock cart %s and the cart of user %s: %w", cartID, ownerID, err)
	}
	return nil
}

// IdleGuestCarts implements app.Store.
func (s *Store) IdleGuestCarts(ctx context.Context, cutoff time.Time, limit int) ([]string, error) {
	var ids []string
	err := s.db.Conn(ctx).Raw(`SELECT id FROM carts WHERE owner_id IS NULL AND updated_at < ? ORDER BY updated_at, id LIMIT ?`,
		cutoff.UTC(), limit).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("find guest carts idle since %s: %w", cutoff.Format(time.RFC3339), err)
	}
	return ids, nil
}

// DeleteCart implements app.Store.
func (s *Store) DeleteCart(ctx context.Context, id string) error {
	db := s.db.Conn(ctx)
	if err := db.Exec(`DELETE FROM cart_items WHERE cart_id = ?`, id).Error; err != nil {
		return fmt.Errorf("delete lines of cart %s: %w", id, err)
	}
	if err := db.Exec(`DELETE FROM carts WHERE id = ?`, id).Error; err != nil {
		return fmt.Errorf("delete cart %s: %w", id, err)
	}
	return nil
}

type checkoutRow struct {
	ID, UserID, CartID, RequestHash, Result string
	CreatedAt                               time.Time
}

// Checkout implements app.Store.
func (s *Store) Checkout(ctx context.Context, id string) (app.CheckoutRecord, bool, error) {
	var rows []checkoutRow
	err := s.db.Conn(ctx).Raw(`SELECT id, user_id, cart_id, request_hash, result, created_at FROM checkouts WHERE id = ?`, id).
		Scan(&rows).Error
	if err != nil {
		return app.CheckoutRecord{}, false, fmt.Errorf("load checkout %s: %w", id, err)
	}
	if len(rows) == 0 {
		return app.CheckoutRecord{}, false, nil
	}
	r := rows[0]
	return app.CheckoutRecord{ID: r.ID, UserID: r.UserID, CartID: r.CartID, RequestHash: r.RequestHash,
		Result: []byte(r.Result), CreatedAt: r.CreatedAt.UTC()}, true, nil
}

// AddCheckout implements app.Store.
func (s *Store) AddCheckout(ctx context.Context, r app.CheckoutRecord) (bool, error) {
	res := s.db.Conn(ctx).Exec(`INSERT INTO checkouts (id, user_id, cart_id, request_hash, result, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		r.ID, r.UserID, r.CartID, r.RequestHash, string(r.Result), r.CreatedAt.UTC())
	if res.Error != nil {
		return false, fmt.Errorf("record checkout %s: %w", r.ID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// ForgetUser implements app.Store.
func (s *Store) ForgetUser(ctx context.Context, userID string, at time.Time) error {
	db := s.db.Conn(ctx)
	if err := db.Exec(`DELETE FROM checkouts WHERE user_id = ?`, userID).Error; err != nil {
		return fmt.Errorf("delete checkouts of user %s: %w", userID, err)
	}
	err := db.Exec(`INSERT INTO deleted_users (user_id, deleted_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING`,
		userID, at.UTC()).Error
	if err != nil {
		return fmt.Errorf("remember deleted user %s: %w", userID, err)
	}
	return nil
}

// UserDeleted implements app.Store.
func (s *Store) UserDeleted(ctx context.Context, userID string) (bool, error) {
	var n int64
	if err := s.db.Conn(ctx).Raw(`SELECT count(*) FROM deleted_users WHERE user_id = ?`, userID).Scan(&n).Error; err != nil {
		return false, fmt.Errorf("look up deleted user %s: %w", userID, err)
	}
	return n > 0, nil
}
