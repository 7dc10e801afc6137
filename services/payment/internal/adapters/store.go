// Package adapters implements the payment service's ports: the gorm store
// of payments and attempts, and the order service seen through its client.
package adapters

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"github.com/marketplace/marketplace/services/payment/internal/app"
	"github.com/marketplace/marketplace/services/payment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/database"
)

// paymentRow is the gorm model of the payments table.
type paymentRow struct {
	ID           string `gorm:"primaryKey"`
	OrderID      string
	BuyerID      string
	ShopID       string
	Status       string
	Amount       int64
	Currency     string
	ChargeID     string
	OrderVersion int64
	PaidAt       *time.Time
	RefundedAt   *time.Time
	CancelledAt  *time.Time
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    time.Time `gorm:"autoUpdateTime:false"`
}

func (paymentRow) TableName() string { return "payments" }

// attemptRow is the gorm model of the payment_attempts table.
type attemptRow struct {
	ID             string `gorm:"primaryKey"`
	PaymentID      string
	BuyerID        string
	IdempotencyKey string
	RequestHash    string
	Status         string
	Reason         string
	Message        string
	CardLast4      string `gorm:"column:card_last4"`
	ChargeID       string
	CreatedAt      time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt      time.Time `gorm:"autoUpdateTime:false"`
}

func (attemptRow) TableName() string { return "payment_attempts" }

var _ app.Store = (*Store)(nil)

// Store keeps payments in the service's database. Every call uses
// db.Conn(ctx), so it joins the transaction in ctx when there is one.
type Store struct{ db *database.DB }

// NewStore returns the store over db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

func toPaymentRow(p *domain.Payment) paymentRow {
	r := p.Record()
	return paymentRow{
		ID: r.ID, OrderID: r.OrderID, BuyerID: r.BuyerID, ShopID: r.ShopID, Status: string(r.Status),
		Amount: r.Amount, Currency: r.Currency, ChargeID: r.ChargeID, OrderVersion: r.OrderVersion,
		PaidAt: r.PaidAt, RefundedAt: r.RefundedAt, CancelledAt: r.CancelledAt,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
}

func fromPaymentRow(r paymentRow) *domain.Payment {
	return domain.RebuildPayment(domain.PaymentRecord{
		ID: r.ID, OrderID: r.OrderID, BuyerID: r.BuyerID, ShopID: r.ShopID, Status: domain.Status(r.Status),
		Amount: r.Amount, Currency: r.Currency, ChargeID: r.ChargeID, OrderVersion: r.OrderVersion,
		PaidAt: r.PaidAt, RefundedAt: r.RefundedAt, CancelledAt: r.CancelledAt,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	})
}

func toAttemptRow(a *domain.Attempt) attemptRow {
	r := a.Record()
	return attemptRow{
		ID: r.ID, PaymentID: r.PaymentID, BuyerID: r.BuyerID, IdempotencyKey: r.Key, RequestHash: r.RequestHash,
		Status: string(r.Status), Reason: r.Reason, Message: r.Message, CardLast4: r.Last4, ChargeID: r.ChargeID,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
}

func fromAttemptRow(r attemptRow) *domain.Attempt {
	return domain.RebuildAttempt(domain.AttemptRecord{
		ID: r.ID, PaymentID: r.PaymentID, BuyerID: r.BuyerID, Key: r.IdempotencyKey, RequestHash: r.RequestHash,
		Status: domain.AttemptStatus(r.Status), Reason: r.Reason, Message: r.Message, Last4: r.CardLast4,
		ChargeID: r.ChargeID, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	})
}

// Payment implements app.Store.
func (s *Store) Payment(ctx context.Context, orderID string) (*domain.Payment, error) {
	return s.payment(ctx, orderID, false)
}

// LockPayment implements app.Store.
func (s *Store) LockPayment(ctx context.Context, orderID string) (*domain.Payment, error) {
	return s.payment(ctx, orderID, true)
}

func (s *Store) payment(ctx context.Context, orderID string, lock bool) (*domain.Payment, error) {
	q := s.db.Conn(ctx)
	if lock && s.db.Dialect() == database.Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var row paymentRow
	err := q.Where("order_id = ?", orderID).Take(&row).Error
	switch {
	case database.IsNotFound(err):
		return nil, domain.ErrPaymentNotFound
	case err != nil:
		return nil, fmt.Errorf("load payment of order %s: %w", orderID, err)
	}
	return fromPaymentRow(row), nil
}

// InsertPayment implements app.Store.
func (s *Store) InsertPayment(ctx context.Context, p *domain.Payment) (bool, error) {
	row := toPaymentRow(p)
	res := s.db.Conn(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "order_id"}}, DoNothing: true}).Create(&row)
	if res.Error != nil {
		return false, fmt.Errorf("store payment of order %s: %w", p.OrderID(), res.Error)
	}
	return res.RowsAffected == 1, nil
}

// SavePayment implements app.Store.
func (s *Store) SavePayment(ctx context.Context, p *domain.Payment) error {
	r := toPaymentRow(p)
	err := s.db.Conn(ctx).Model(&paymentRow{}).Where("id = ?", r.ID).Updates(map[string]any{
		"status": r.Status, "charge_id": r.ChargeID, "order_version": r.OrderVersion,
		"paid_at": r.PaidAt, "refunded_at": r.RefundedAt, "cancelled_at": r.CancelledAt, "updated_at": r.UpdatedAt,
	}).Error
	if err != nil {
		return fmt.Errorf("update payment %s: %w", r.ID, err)
	}
	return nil
}

// AttemptByKey implements app.Store.
func (s *Store) AttemptByKey(ctx context.Context, buyerID, key string) (*domain.Attempt, bool, error) {
	var row attemptRow
	err := s.db.Conn(ctx).Where("buyer_id = ? AND idempotency_key = ?", buyerID, key).Take(&row).Error
	switch {
	case database.IsNotFound(err):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("look up idempotency key: %w", err)
	}
	return fromAttemptRow(row), true, nil
}

// ClaimAttempt implements app.Store.
func (s *Store) ClaimAttempt(ctx context.Context, a *domain.Attempt) (bool, error) {
	row := toAttemptRow(a)
	res := s.db.Conn(ctx).Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "buyer_id"}, {Name: "idempotency_key"}}, DoNothing: true,
	}).Create(&row)
	if res.Error != nil {
		return false, fmt.Errorf("store attempt %s: %w", row.ID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// SaveAttempt implements app.Store.
func (s *Store) SaveAttempt(ctx context.Context, a *domain.Attempt) error {
	r := toAttemptRow(a)
	err := s.db.Conn(ctx).Model(&attemptRow{}).Where("id = ?", r.ID).Updates(map[string]any{
		"status": r.Status, "reason": r.Reason, "message": r.Message, "charge_id": r.ChargeID, "updated_at": r.UpdatedAt,
	}).Error
	if err != nil {
		return fmt.Errorf("update attempt %s: %w", r.ID, err)
	}
	return nil
}

// Attempts implements app.Store. UUIDv7 ids break ties of equal times in
// the order they were made.
func (s *Store) Attempts(ctx context.Context, paymentID string) ([]*domain.Attempt, error) {
	var rows []attemptRow
	err := s.db.Conn(ctx).Where("payment_id = ?", paymentID).Order("created_at DESC, id DESC").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list attempts of payment %s: %w", paymentID, err)
	}
	out := make([]*domain.Attempt, 0, len(rows))
	for _, r := range rows {
		out = append(out, fromAttemptRow(r))
	}
	return out, nil
}
