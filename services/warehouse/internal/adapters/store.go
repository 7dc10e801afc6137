// Package adapters implements the warehouse's ports: the gorm store of
// stock, ledger, reservations and known products, and the catalog over the
// product service's client.
package adapters

import (
	"context"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

type stockRow struct {
	VariationID string `gorm:"primaryKey"`
	ProductID   string
	ShopID      string
	OwnerID     string
	Available   int64
	Reserved    int64
	Sold        int64
	Retired     bool
	Version     int64
	UpdatedAt   time.Time `gorm:"autoUpdateTime:false"`
}

func (stockRow) TableName() string { return "stock" }

func (r stockRow) domain() domain.Stock {
	return domain.Stock{
		VariationID: r.VariationID, ProductID: r.ProductID, ShopID: r.ShopID, OwnerID: r.OwnerID,
		Available: r.Available, Reserved: r.Reserved, Sold: r.Sold, Retired: r.Retired,
		Version: r.Version, UpdatedAt: r.UpdatedAt.UTC(),
	}
}

type movementRow struct {
	ID             string `gorm:"primaryKey"`
	VariationID    string
	Kind           string
	DeltaAvailable int64
	DeltaReserved  int64
	DeltaSold      int64
	Reason         string
	Reference      string
	ActorID        string
	At             time.Time
}

func (movementRow) TableName() string { return "stock_movements" }

type productRow struct {
	ProductID string `gorm:"primaryKey"`
	ShopID    string
	OwnerID   string
	Version   int64
	Deleted   bool
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
}

func (productRow) TableName() string { return "products" }

type reservationRow struct {
	OrderID   string `gorm:"primaryKey"`
	State     string
	ActorID   string
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
}

func (reservationRow) TableName() string { return "reservations" }

type lineRow struct {
	OrderID     string `gorm:"primaryKey"`
	VariationID string `gorm:"primaryKey"`
	Quantity    int64
	Position    int
}

func (lineRow) TableName() string { return "reservation_lines" }

// Store keeps the warehouse's tables. Every call uses db.Conn(ctx), so it
// joins the transaction in ctx when there is one.
type Store struct{ db *database.DB }

// NewStore returns the store over db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

// Stock implements app.Store.
func (s *Store) Stock(ctx context.Context, variationID string) (domain.Stock, error) {
	var row stockRow
	err := s.db.Conn(ctx).Where("variation_id = ?", variationID).Take(&row).Error
	switch {
	case database.IsNotFound(err):
		return domain.Stock{}, domain.ErrUnknownVariation
	case err != nil:
		return domain.Stock{}, fmt.Errorf("load stock of %s: %w", variationID, err)
	}
	return row.domain(), nil
}

// Stocks implements app.Store.
func (s *Store) Stocks(ctx context.Context, variationIDs []string) (map[string]domain.Stock, error) {
	var rows []stockRow
	if err := s.db.Conn(ctx).Where("variation_id IN ?", variationIDs).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load stock of %d variations: %w", len(variationIDs), err)
	}
	out := make(map[string]domain.Stock, len(rows))
	for _, r := range rows {
		out[r.VariationID] = r.domain()
	}
	return out, nil
}

// ProductStock implements app.Store.
func (s *Store) ProductStock(ctx context.Context, productID string) ([]domain.Stock, error) {
	var rows []stockRow
	if err := s.db.Conn(ctx).Where("product_id = ?", productID).Order("variation_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load stock of product %s: %w", productID, err)
	}
	out := make([]domain.Stock, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.domain())
	}
	return out, nil
}

// InsertStock implements app.Store.
func (s *Store) InsertStock(ctx context.Context, st domain.Stock) (bool, error) {
	res := s.db.Conn(ctx).Exec(`INSERT INTO stock
		(variation_id, product_id, shop_id, owner_id, available, reserved, sold, retired, version, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (variation_id) DO NOTHING`,
		st.VariationID, st.ProductID, st.ShopID, st.OwnerID, st.Available, st.Reserved, st.Sold, st.Retired,
		st.Version, st.UpdatedAt.UTC())
	if res.Error != nil {
		return false, fmt.Errorf("insert stock of %s: %w", st.VariationID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// Move implements app.Store: one conditional UPDATE. Each count must stay
// at or above zero, which for a decrease by n reads "count >= n"; for an
// increase the condition holds trivially.
func (s *Store) Move(ctx context.Context, variationID string, d domain.Delta, live bool, at time.Time) (bool, error) {
	q := `UPDATE stock SET available = available + ?, reserved = reserved + ?, sold = sold + ?,
		version = version + 1, updated_at = ?
		WHERE variation_id = ? AND available >= ? AND reserved >= ? AND sold >= ?`
	if live {
		q += ` AND NOT retired`
	}
	res := s.db.Conn(ctx).Exec(q, d.Available, d.Reserved, d.Sold, at.UTC(),
		variationID, -d.Available, -d.Reserved, -d.Sold)
	if res.Error != nil {
		return false, fmt.Errorf("move stock of %s: %w", variationID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// SetAvailable implements app.Store.
func (s *Store) SetAvailable(ctx context.Context, variationID string, n, version int64, at time.Time) (bool, error) {
	res := s.db.Conn(ctx).Exec(`UPDATE stock SET available = ?, version = version + 1, updated_at = ?
		WHERE variation_id = ? AND version = ? AND NOT retired`, n, at.UTC(), variationID, version)
	if res.Error != nil {
		return false, fmt.Errorf("set stock of %s: %w", variationID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// AddMovement implements app.Store.
func (s *Store) AddMovement(ctx context.Context, m domain.Movement) error {
	row := movementRow{
		ID: m.ID, VariationID: m.VariationID, Kind: m.Kind,
		DeltaAvailable: m.Delta.Available, DeltaReserved: m.Delta.Reserved, DeltaSold: m.Delta.Sold,
		Reason: m.Reason, Reference: m.Reference, ActorID: m.ActorID, At: m.At.UTC(),
	}
	if err := s.db.Conn(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("record %s movement of %s: %w", m.Kind, m.VariationID, err)
	}
	return nil
}

// Movements implements app.Store.
func (s *Store) Movements(ctx context.Context, variationID string, limit int) ([]domain.Movement, error) {
	var rows []movementRow
	err := s.db.Conn(ctx).Where("variation_id = ?", variationID).Order("at DESC, id DESC").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("load movements of %s: %w", variationID, err)
	}
	out := make([]domain.Movement, 0, len(rows))
	for _, r := range rows {
		out = append(out, domain.Movement{
			ID: r.ID, VariationID: r.VariationID, Kind: r.Kind,
			Delta:  domain.Delta{Available: r.DeltaAvailable, Reserved: r.DeltaReserved, Sold: r.DeltaSold},
			Reason: r.Reason, Reference: r.Reference, ActorID: r.ActorID, At: r.At.UTC(),
		})
	}
	return out, nil
}

// HasMovements implements app.Store.
func (s *Store) HasMovements(ctx context.Context, variationID string) (bool, error) {
	var n int64
	err := s.db.Conn(ctx).Raw(`SELECT COUNT(*) FROM (SELECT 1 FROM stock_movements WHERE variation_id = ? LIMIT 1) AS m`,
		variationID).Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("look up movements of %s: %w", variationID, err)
	}
	return n > 0, nil
}

// InsertReservation implements app.Store.
func (s *Store) InsertReservation(ctx context.Context, r domain.Reservation) (bool, error) {
	res := s.db.Conn(ctx).Exec(`INSERT INTO reservations (order_id, state, actor_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING`,
		r.OrderID, r.State, r.ActorID, r.CreatedAt.UTC(), r.UpdatedAt.UTC())
	if res.Error != nil {
		return false, fmt.Errorf("insert reservation of order %s: %w", r.OrderID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// AddReservationLines implements app.Store.
func (s *Store) AddReservationLines(ctx context.Context, orderID string, lines []domain.Line) error {
	rows := make([]lineRow, 0, len(lines))
	for i, l := range lines {
		rows = append(rows, lineRow{OrderID: orderID, VariationID: l.VariationID, Quantity: l.Quantity, Position: i})
	}
	if err := s.db.Conn(ctx).Create(&rows).Error; err != nil {
		return fmt.Errorf("store lines of order %s: %w", orderID, err)
	}
	return nil
}

// Reservation implements app.Store.
func (s *Store) Reservation(ctx context.Context, orderID string) (domain.Reservation, error) {
	var row reservationRow
	err := s.db.Conn(ctx).Where("order_id = ?", orderID).Take(&row).Error
	switch {
	case database.IsNotFound(err):
		return domain.Reservation{}, fault.NotFoundf("no reservation for order %s", orderID)
	case err != nil:
		return domain.Reservation{}, fmt.Errorf("load reservation of order %s: %w", orderID, err)
	}
	var lines []lineRow
	if err := s.db.Conn(ctx).Where("order_id = ?", orderID).Order("position").Find(&lines).Error; err != nil {
		return domain.Reservation{}, fmt.Errorf("load lines of order %s: %w", orderID, err)
	}
	r := domain.Reservation{
		OrderID: row.OrderID, State: row.State, ActorID: row.ActorID,
		CreatedAt: row.CreatedAt.UTC(), UpdatedAt: row.UpdatedAt.UTC(), Lines: make([]domain.Line, 0, len(lines)),
	}
	for _, l := range lines {
		r.Lines = append(r.Lines, domain.Line{VariationID: l.VariationID, Quantity: l.Quantity})
	}
	return r, nil
}

// SetReservationState implements app.Store.
func (s *Store) SetReservationState(ctx context.Context, orderID, from, to string, at time.Time) (bool, error) {
	res := s.db.Conn(ctx).Exec(`UPDATE reservations SET state = ?, updated_at = ? WHERE order_id = ? AND state = ?`,
		to, at.UTC(), orderID, from)
	if res.Error != nil {
		return false, fmt.Errorf("set reservation of order %s %s: %w", orderID, to, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// Product implements app.Store.
func (s *Store) Product(ctx context.Context, productID string) (domain.ProductInfo, bool, error) {
	var row productRow
	err := s.db.Conn(ctx).Where("product_id = ?", productID).Take(&row).Error
	switch {
	case database.IsNotFound(err):
		return domain.ProductInfo{}, false, nil
	case err != nil:
		return domain.ProductInfo{}, false, fmt.Errorf("load product %s: %w", productID, err)
	}
	return domain.ProductInfo{
		ProductID: row.ProductID, ShopID: row.ShopID, OwnerID: row.OwnerID,
		Version: row.Version, Deleted: row.Deleted, UpdatedAt: row.UpdatedAt.UTC(),
	}, true, nil
}

// SaveProduct implements app.Store.
func (s *Store) SaveProduct(ctx context.Context, p domain.ProductInfo) error {
	err := s.db.Conn(ctx).Exec(`INSERT INTO products (product_id, shop_id, owner_id, version, deleted, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (product_id) DO UPDATE SET shop_id = excluded.shop_id, owner_id = excluded.owner_id,
			version = excluded.version, deleted = excluded.deleted, updated_at = excluded.updated_at`,
		p.ProductID, p.ShopID, p.OwnerID, p.Version, p.Deleted, p.UpdatedAt.UTC()).Error
	if err != nil {
		return fmt.Errorf("save product %s: %w", p.ProductID, err)
	}
	return nil
}

// LockProduct implements app.Store.
func (s *Store) LockProduct(ctx context.Context, productID string) error {
	if s.db.Dialect() != database.Postgres {
		return nil // SQLite runs one writing transaction at a time
	}
	var ids []string
	err := s.db.Conn(ctx).Raw(`SELECT variation_id FROM stock WHERE product_id = ? ORDER BY variation_id FOR UPDATE`,
		productID).Scan(&ids).Error
	if err != nil {
		return fmt.Errorf("lock stock of product %s: %w", productID, err)
	}
	return nil
}

// SetOwner implements app.Store.
func (s *Store) SetOwner(ctx context.Context, productID, shopID, ownerID string, at time.Time) error {
	err := s.db.Conn(ctx).Exec(`UPDATE stock SET shop_id = ?, owner_id = ?, updated_at = ?
		WHERE product_id = ? AND (shop_id <> ? OR owner_id <> ?)`,
		shopID, ownerID, at.UTC(), productID, shopID, ownerID).Error
	if err != nil {
		return fmt.Errorf("record owner of product %s: %w", productID, err)
	}
	return nil
}

// SetRetired implements app.Store.
func (s *Store) SetRetired(ctx context.Context, productID string, ids []string, except, retired bool, at time.Time) error {
	q := `UPDATE stock SET retired = ?, updated_at = ? WHERE product_id = ? AND retired <> ?`
	args := []any{retired, at.UTC(), productID, retired}
	switch {
	case except && len(ids) > 0:
		q += ` AND variation_id NOT IN ?`
		args = append(args, ids)
	case !except && len(ids) == 0:
		return nil
	case !except:
		q += ` AND variation_id IN ?`
		args = append(args, ids)
	}
	if err := s.db.Conn(ctx).Exec(q, args...).Error; err != nil {
		return fmt.Errorf("retire stock of product %s: %w", productID, err)
	}
	return nil
}

// RetireVariations implements app.Store.
func (s *Store) RetireVariations(ctx context.Context, ids []string, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.db.Conn(ctx).Exec(`UPDATE stock SET retired = ?, updated_at = ? WHERE variation_id IN ? AND NOT retired`,
		true, at.UTC(), ids).Error
	if err != nil {
		return fmt.Errorf("retire %d variations: %w", len(ids), err)
	}
	return nil
}

// auditQuery finds the rows whose counts differ from the sums of their
// ledger, or whose reserved and sold differ from their held and committed
// reservation lines. It is one statement, so it reads one consistent
// snapshot on either engine.
const auditQuery = `
SELECT s.variation_id, s.available, s.reserved, s.sold,
       COALESCE(m.da, 0) AS ledger_available, COALESCE(m.dr, 0) AS ledger_reserved, COALESCE(m.ds, 0) AS ledger_sold,
       COALESCE(h.held, 0) AS held_quantity, COALESCE(h.committed, 0) AS committed_qty
FROM stock s
LEFT JOIN (
    SELECT variation_id,
           CAST(SUM(delta_available) AS BIGINT) AS da,
           CAST(SUM(delta_reserved) AS BIGINT) AS dr,
           CAST(SUM(delta_sold) AS BIGINT) AS ds
    FROM stock_movements GROUP BY variation_id
) m ON m.variation_id = s.variation_id
LEFT JOIN (
    SELECT l.variation_id,
           CAST(SUM(CASE WHEN r.state = 'held' THEN l.quantity ELSE 0 END) AS BIGINT) AS held,
           CAST(SUM(CASE WHEN r.state = 'committed' THEN l.quantity ELSE 0 END) AS BIGINT) AS committed
    FROM reservation_lines l JOIN reservations r ON r.order_id = l.order_id
    GROUP BY l.variation_id
) h ON h.variation_id = s.variation_id
WHERE s.available <> COALESCE(m.da, 0) OR s.reserved <> COALESCE(m.dr, 0) OR s.sold <> COALESCE(m.ds, 0)
   OR s.reserved <> COALESCE(h.held, 0) OR s.sold <> COALESCE(h.committed, 0)
ORDER BY s.variation_id`

// Audit implements app.Store.
func (s *Store) Audit(ctx context.Context) ([]domain.AuditRow, int64, error) {
	var rows []struct {
		VariationID                            string
		Available, Reserved, Sold              int64
		LedgerAvailable, LedgerReserved        int64
		LedgerSold, HeldQuantity, CommittedQty int64
	}
	if err := s.db.Conn(ctx).Raw(auditQuery).Scan(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("audit query: %w", err)
	}
	var checked int64
	if err := s.db.Conn(ctx).Table("stock").Count(&checked).Error; err != nil {
		return nil, 0, fmt.Errorf("count stock rows: %w", err)
	}
	out := make([]domain.AuditRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, domain.AuditRow{
			VariationID: r.VariationID, Available: r.Available, Reserved: r.Reserved, Sold: r.Sold,
			LedgerAvailable: r.LedgerAvailable, LedgerReserved: r.LedgerReserved, LedgerSold: r.LedgerSold,
			HeldQuantity: r.HeldQuantity, CommittedQty: r.CommittedQty,
		})
	}
	return out, checked, nil
}
