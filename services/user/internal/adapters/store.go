// Package adapters implements the user service's ports: the gorm store of
// accounts and sessions.
package adapters

import (
	"context"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/user/internal/domain"
)

// userRow is the gorm model of the users table.
type userRow struct {
	ID           string `gorm:"primaryKey"`
	Name         string
	Email        string
	PasswordHash string
	Role         string
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    time.Time `gorm:"autoUpdateTime:false"`
}

func (userRow) TableName() string { return "users" }

// sessionRow is the gorm model of the sessions table.
type sessionRow struct {
	ID        string `gorm:"primaryKey"`
	TokenHash string
	UserID    string
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
	ExpiresAt time.Time
	RevokedAt *time.Time
	IP        string `gorm:"column:ip"`
}

func (sessionRow) TableName() string { return "sessions" }

// Store keeps accounts and sessions in the service's database. Every call
// uses db.Conn(ctx), so it joins the transaction in ctx when there is one.
type Store struct{ db *database.DB }

// NewStore returns the store over db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

// AddUser implements app.Store.
func (s *Store) AddUser(ctx context.Context, u *domain.User) error {
	row := userRow{
		ID: u.ID(), Name: u.Name(), Email: u.Email(), PasswordHash: u.PasswordHash(), Role: string(u.Role()),
		CreatedAt: u.CreatedAt(), UpdatedAt: u.UpdatedAt(),
	}
	err := s.db.Conn(ctx).Create(&row).Error
	switch {
	case database.IsUniqueViolation(err):
		// The id is a fresh UUIDv7, so the unique index that fired is the
		// email's.
		return domain.ErrEmailTaken.WithCause(err)
	case err != nil:
		return fmt.Errorf("store user %s: %w", u.ID(), err)
	}
	return nil
}

// UserByID implements app.Store.
func (s *Store) UserByID(ctx context.Context, id string) (*domain.User, error) {
	return s.userWhere(ctx, "id = ?", id)
}

// UserByEmail implements app.Store.
func (s *Store) UserByEmail(ctx context.Context, email string) (*domain.User, error) {
	return s.userWhere(ctx, "email = ?", email)
}

func (s *Store) userWhere(ctx context.Context, cond string, arg string) (*domain.User, error) {
	var row userRow
	err := s.db.Conn(ctx).Where(cond, arg).Take(&row).Error
	switch {
	case database.IsNotFound(err):
		return nil, domain.ErrUserNotFound
	case err != nil:
		return nil, fmt.Errorf("load user: %w", err)
	}
	return domain.RebuildUser(row.ID, row.Name, row.Email, row.PasswordHash, actor.Role(row.Role), row.CreatedAt, row.UpdatedAt), nil
}

// AddSession implements app.Store.
func (s *Store) AddSession(ctx context.Context, ss *domain.Session) error {
	row := sessionRow{
		ID: ss.ID(), TokenHash: ss.TokenHash(), UserID: ss.UserID(),
		CreatedAt: ss.CreatedAt(), ExpiresAt: ss.ExpiresAt(), RevokedAt: ss.RevokedAt(), IP: ss.IP(),
	}
	if err := s.db.Conn(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("store session %s: %w", ss.ID(), err)
	}
	return nil
}

// SessionByTokenHash implements app.Store.
func (s *Store) SessionByTokenHash(ctx context.Context, tokenHash string) (*domain.Session, error) {
	var row sessionRow
	err := s.db.Conn(ctx).Where("token_hash = ?", tokenHash).Take(&row).Error
	switch {
	case database.IsNotFound(err):
		return nil, domain.ErrSessionNotFound
	case err != nil:
		return nil, fmt.Errorf("load session: %w", err)
	}
	return domain.RebuildSession(row.ID, row.TokenHash, row.UserID, row.IP, row.CreatedAt, row.ExpiresAt, row.RevokedAt), nil
}

// RevokeSession implements app.Store.
func (s *Store) RevokeSession(ctx context.Context, tokenHash string, at time.Time) error {
	err := s.db.Conn(ctx).Model(&sessionRow{}).
		Where("token_hash = ? AND revoked_at IS NULL", tokenHash).
		Update("revoked_at", at.UTC()).Error
	if err != nil {
		return fmt.Errorf("revoke session: %w", err)
	}
	return nil
}
