// Package adapters implements the order service's ports: the gorm store of
// checkouts and orders, and adapters over the product and warehouse
// clients.
package adapters

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/marketplace/marketplace/services/order/internal/app"
	"github.com/marketplace/marketplace/services/order/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/database"
)

// Checkout states as stored.
const (
	checkoutReserving = "reserving"
	checkoutDone      = "done"
)

// checkoutRow is the gorm model of the checkouts table.
type checkoutRow struct {
	ID          string `gorm:"primaryKey"`
	BuyerID     string
	BuyerRole   string
	RequestHash string
	State       string
	Failed      string    // JSON list of domain.ShopFailure
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt   time.Time `gorm:"autoUpdateTime:false"`
}

func (checkoutRow) TableName() string { return "checkouts" }

// orderRow is the gorm model of the orders table.
type orderRow struct {
	ID           string `gorm:"primaryKey"`
	CheckoutID   string
	BuyerID      string
	ShopID       string
	ShopName     string
	ShopOwnerID  string
	Status       string
	CancelReason string
	PaymentID    string
	Total        int64
	Currency     string
	FullName     string
	Address      string
	City         string
	PostalCode   string
	Country      string
	Version      int64
	ExpiresAt    *time.Time
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    time.Time `gorm:"autoUpdateTime:false"`
}

func (orderRow) TableName() string { return "orders" }

// lineRow is the gorm model of the order_lines table.
type lineRow struct {
	OrderID       string `gorm:"primaryKey"`
	VariationID   string `gorm:"primaryKey"`
	Position      int
	ProductID     string
	SKU           string `gorm:"column:sku"`
	ProductName   string
	VariationName string
	ThumbURL      string `gorm:"column:thumb_url"`
	Quantity      int64
	UnitPrice     int64
}

func (lineRow) TableName() string { return "order_lines" }

// stepRow is the gorm model of the order_steps table.
type stepRow struct {
	ID      string `gorm:"primaryKey"`
	OrderID string
	Status  string
	Note    string
	At      time.Time
}

func (stepRow) TableName() string { return "order_steps" }

var _ app.Store = (*Store)(nil)

// Store keeps checkouts and orders in the service's database. Every call
// uses db.Conn(ctx), so it joins the transaction in ctx when there is one.
type Store struct{ db *database.DB }

// NewStore returns the store over db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

// Checkout implements app.Store.
func (s *Store) Checkout(ctx context.Context, id string) (*domain.Checkout, error) {
	var row checkoutRow
	err := s.db.Conn(ctx).Where("id = ?", id).Take(&row).Error
	switch {
	case database.IsNotFound(err):
		return nil, domain.ErrCheckoutNotFound
	case err != nil:
		return nil, fmt.Errorf("load checkout %s: %w", id, err)
	}
	c := &domain.Checkout{
		ID: row.ID, BuyerID: row.BuyerID, BuyerRole: actor.Role(row.BuyerRole), RequestHash: row.RequestHash,
		Done: row.State == checkoutDone, CreatedAt: row.CreatedAt.UTC(), UpdatedAt: row.UpdatedAt.UTC(),
	}
	if err := json.Unmarshal([]byte(row.Failed), &c.Failed); err != nil {
		return nil, fmt.Errorf("load checkout %s: decode failures: %w", id, err)
	}
	return c, nil
}

func encodeFailures(f []domain.ShopFailure) (string, error) {
	if f == nil {
		f = []domain.ShopFailure{}
	}
	b, err := json.Marshal(f)
	if err != nil {
		return "", fmt.Errorf("encode checkout failures: %w", err)
	}
	return string(b), nil
}

// CreateCheckout implements app.Store: three statements however many
// orders and lines.
func (s *Store) CreateCheckout(ctx context.Context, c *domain.Checkout, orders []*domain.Order) error {
	failed, err := encodeFailures(c.Failed)
	if err != nil {
		return err
	}
	db := s.db.Conn(ctx)
	err = db.Create(&checkoutRow{
		ID: c.ID, BuyerID: c.BuyerID, BuyerRole: string(c.BuyerRole), RequestHash: c.RequestHash,
		State: checkoutReserving, Failed: failed, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
	}).Error
	switch {
	case database.IsUniqueViolation(err):
		return domain.ErrCheckoutExists
	case err != nil:
		return fmt.Errorf("store checkout %s: %w", c.ID, err)
	}
	if len(orders) == 0 {
		return nil
	}
	rows := make([]orderRow, len(orders))
	var lines []lineRow
	for i, o := range orders {
		rows[i] = toOrderRow(o)
		for p, l := range o.Lines {
			lines = append(lines, lineRow{
				OrderID: o.ID, VariationID: l.VariationID, Position: p, ProductID: l.ProductID, SKU: l.SKU,
				ProductName: l.ProductName, VariationName: l.VariationName, ThumbURL: l.ThumbURL,
				Quantity: l.Quantity, UnitPrice: l.UnitPrice,
			})
		}
	}
	if err := db.Create(&rows).Error; err != nil {
		return fmt.Errorf("store the orders of checkout %s: %w", c.ID, err)
	}
	if err := db.Create(&lines).Error; err != nil {
		return fmt.Errorf("store the order lines of checkout %s: %w", c.ID, err)
	}
	return nil
}

func toOrderRow(o *domain.Order) orderRow {
	r := orderRow{
		ID: o.ID, CheckoutID: o.CheckoutID, BuyerID: o.BuyerID, ShopID: o.ShopID, ShopName: o.ShopName,
		ShopOwnerID: o.ShopOwnerID, Status: string(o.Status), CancelReason: o.CancelReason, PaymentID: o.PaymentID,
		Total: o.Total(), Currency: o.Currency,
		FullName: o.Address.FullName, Address: o.Address.Address, City: o.Address.City,
		PostalCode: o.Address.PostalCode, Country: o.Address.Country,
		Version: o.Version, CreatedAt: o.CreatedAt.UTC(), UpdatedAt: o.UpdatedAt.UTC(),
	}
	if !o.ExpiresAt.IsZero() {
		e := o.ExpiresAt.UTC()
		r.ExpiresAt = &e
	}
	return r
}

// CheckoutOrders implements app.Store.
func (s *Store) CheckoutOrders(ctx context.Context, checkoutID string) ([]*domain.Order, error) {
	db := s.db.Conn(ctx)
	var rows []orderRow
	if err := db.Where("checkout_id = ?", checkoutID).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load the orders of checkout %s: %w", checkoutID, err)
	}
	return s.assemble(db, rows)
}

// FinishCheckout implements app.Store. Claiming the checkout comes first:
// on PostgreSQL a concurrent request waits on its row and then finds it
// settled; SQLite runs write transactions one at a time.
func (s *Store) FinishCheckout(ctx context.Context, c *domain.Checkout, placed, failed []*domain.Order) (bool, error) {
	enc, err := encodeFailures(c.Failed)
	if err != nil {
		return false, err
	}
	db := s.db.Conn(ctx)
	res := db.Model(&checkoutRow{}).Where("id = ? AND state = ?", c.ID, checkoutReserving).
		Updates(map[string]any{"state": checkoutDone, "failed": enc, "updated_at": c.UpdatedAt.UTC()})
	switch {
	case res.Error != nil:
		return false, fmt.Errorf("settle checkout %s: %w", c.ID, res.Error)
	case res.RowsAffected == 0:
		return false, nil
	}
	// Orders placed together share their state, version and times: one
	// update per distinct set, which is one.
	type placing struct {
		version            int64
		expires, updatedAt time.Time
	}
	groups := map[placing][]string{}
	var keys []placing
	var steps []stepRow
	for _, o := range placed {
		k := placing{o.Version, o.ExpiresAt.UTC(), o.UpdatedAt.UTC()}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], o.ID)
		steps = append(steps, newSteps(o, 0)...)
	}
	for _, k := range keys {
		err := db.Model(&orderRow{}).Where("id IN ? AND status = ?", groups[k], string(domain.StatusReserving)).
			Updates(map[string]any{
				"status": string(domain.StatusPendingPayment), "version": k.version,
				"expires_at": k.expires, "updated_at": k.updatedAt,
			}).Error
		if err != nil {
			return false, fmt.Errorf("place the orders of checkout %s: %w", c.ID, err)
		}
	}
	if len(failed) > 0 {
		ids := make([]string, len(failed))
		for i, o := range failed {
			ids[i] = o.ID
		}
		err := db.Model(&orderRow{}).Where("id IN ? AND status = ?", ids, string(domain.StatusReserving)).
			Updates(map[string]any{"status": string(domain.StatusFailed), "updated_at": c.UpdatedAt.UTC()}).Error
		if err != nil {
			return false, fmt.Errorf("mark the failed orders of checkout %s: %w", c.ID, err)
		}
	}
	if len(steps) > 0 {
		if err := db.Create(&steps).Error; err != nil {
			return false, fmt.Errorf("store the timeline of checkout %s: %w", c.ID, err)
		}
	}
	return true, nil
}

// newSteps are the timeline steps of o from index from on, as rows.
func newSteps(o *domain.Order, from int) []stepRow {
	var out []stepRow
	for _, st := range o.Timeline[from:] {
		out = append(out, stepRow{ID: st.ID, OrderID: o.ID, Status: st.Status, Note: st.Note, At: st.At.UTC()})
	}
	return out
}

// InterruptedCheckouts implements app.Store.
func (s *Store) InterruptedCheckouts(ctx context.Context, before time.Time, limit int) ([]string, error) {
	var ids []string
	err := s.db.Conn(ctx).Model(&checkoutRow{}).Where("state = ? AND created_at < ?", checkoutReserving, before.UTC()).
		Order("created_at").Limit(limit).Pluck("id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("find interrupted checkouts: %w", err)
	}
	return ids, nil
}

// Order implements app.Store.
func (s *Store) Order(ctx context.Context, id string) (*domain.Order, error) {
	return s.loadOrder(s.db.Conn(ctx), id)
}

func (s *Store) loadOrder(q *gorm.DB, id string) (*domain.Order, error) {
	var row orderRow
	err := q.Where("id = ?", id).Take(&row).Error
	switch {
	case database.IsNotFound(err):
		return nil, domain.ErrOrderNotFound
	case err != nil:
		return nil, fmt.Errorf("load order %s: %w", id, err)
	}
	orders, err := s.assemble(q.Session(&gorm.Session{NewDB: true}), []orderRow{row})
	if err != nil {
		return nil, err
	}
	return orders[0], nil
}

// UpdateOrder implements app.Store.
func (s *Store) UpdateOrder(ctx context.Context, id string, fn func(*domain.Order) error) (*domain.Order, error) {
	var o *domain.Order
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		db := s.db.Conn(ctx)
		var err error
		o, err = s.loadOrder(db.Clauses(clause.Locking{Strength: "UPDATE"}), id)
		if err != nil {
			return err
		}
		version, steps := o.Version, len(o.Timeline)
		if err := fn(o); err != nil {
			return err
		}
		if o.Version != version {
			row := toOrderRow(o)
			res := db.Model(&orderRow{}).Where("id = ? AND version = ?", id, version).Updates(map[string]any{
				"status": row.Status, "cancel_reason": row.CancelReason, "payment_id": row.PaymentID,
				"version": row.Version, "expires_at": row.ExpiresAt, "updated_at": row.UpdatedAt,
			})
			switch {
			case res.Error != nil:
				return fmt.Errorf("update order %s: %w", id, res.Error)
			case res.RowsAffected != 1:
				return fmt.Errorf("update order %s: changed concurrently", id)
			}
		}
		if added := newSteps(o, steps); len(added) > 0 {
			if err := db.Create(&added).Error; err != nil {
				return fmt.Errorf("store the timeline of order %s: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Orders implements app.Store.
func (s *Store) Orders(ctx context.Context, q app.OrderQuery) ([]*domain.Order, int64, error) {
	db := s.db.Conn(ctx)
	where := func() *gorm.DB {
		w := db.Model(&orderRow{})
		if q.BuyerID != "" {
			w = w.Where("buyer_id = ?", q.BuyerID)
		}
		if q.ShopOwnerID != "" {
			w = w.Where("shop_owner_id = ?", q.ShopOwnerID)
		}
		if q.Status != "" {
			return w.Where("status = ?", string(q.Status))
		}
		visible := make([]string, len(domain.VisibleStatuses))
		for i, st := range domain.VisibleStatuses {
			visible[i] = string(st)
		}
		return w.Where("status IN ?", visible)
	}
	var total int64
	if err := where().Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count orders: %w", err)
	}
	if total <= int64((q.Page-1)*q.PerPage) {
		return []*domain.Order{}, total, nil
	}
	var rows []orderRow
	err := where().Order("created_at DESC, id DESC").Limit(q.PerPage).Offset((q.Page - 1) * q.PerPage).Find(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list orders: %w", err)
	}
	orders, err := s.assemble(db, rows)
	if err != nil {
		return nil, 0, err
	}
	return orders, total, nil
}

// DueOrders implements app.Store.
func (s *Store) DueOrders(ctx context.Context, now time.Time, limit int) ([]string, error) {
	var ids []string
	err := s.db.Conn(ctx).Model(&orderRow{}).
		Where("status = ? AND expires_at <= ?", string(domain.StatusPendingPayment), now.UTC()).
		Order("expires_at, id").Limit(limit).Pluck("id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("find due orders: %w", err)
	}
	return ids, nil
}

// assemble turns order rows into orders with their lines and timelines:
// two statements for any number of orders, in the rows' order.
func (s *Store) assemble(db *gorm.DB, rows []orderRow) ([]*domain.Order, error) {
	if len(rows) == 0 {
		return []*domain.Order{}, nil
	}
	ids := make([]string, len(rows))
	byID := make(map[string]*domain.Order, len(rows))
	out := make([]*domain.Order, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
		o := &domain.Order{
			ID: r.ID, CheckoutID: r.CheckoutID, BuyerID: r.BuyerID, ShopID: r.ShopID, ShopName: r.ShopName,
			ShopOwnerID: r.ShopOwnerID, Status: domain.Status(r.Status), CancelReason: r.CancelReason,
			PaymentID: r.PaymentID, Currency: r.Currency,
			Address: domain.Address{
				FullName: r.FullName, Address: r.Address, City: r.City, PostalCode: r.PostalCode, Country: r.Country,
			},
			Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
			Lines: []domain.Line{}, Timeline: []domain.Step{},
		}
		if r.ExpiresAt != nil {
			o.ExpiresAt = r.ExpiresAt.UTC()
		}
		byID[r.ID] = o
		out[i] = o
	}
	fresh := db.Session(&gorm.Session{NewDB: true})
	var lines []lineRow
	if err := fresh.Where("order_id IN ?", ids).Order("order_id, position").Find(&lines).Error; err != nil {
		return nil, fmt.Errorf("load order lines: %w", err)
	}
	for _, l := range lines {
		o := byID[l.OrderID]
		o.Lines = append(o.Lines, domain.Line{
			VariationID: l.VariationID, ProductID: l.ProductID, SKU: l.SKU, ProductName: l.ProductName,
			VariationName: l.VariationName, ThumbURL: l.ThumbURL, Quantity: l.Quantity, UnitPrice: l.UnitPrice,
		})
	}
	var steps []stepRow
	if err := fresh.Where("order_id IN ?", ids).Order("order_id, at, id").Find(&steps).Error; err != nil {
		return nil, fmt.Errorf("load order timelines: %w", err)
	}
	for _, st := range steps {
		o := byID[st.OrderID]
		o.Timeline = append(o.Timeline, domain.Step{ID: st.ID, Status: st.Status, Note: st.Note, At: st.At.UTC()})
	}
	return out, nil
}
