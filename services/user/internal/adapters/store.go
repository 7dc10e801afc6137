// Package adapters implements the user service's ports: the gorm store of
// accounts, sessions, shop links and sign-in throttling records.
package adapters

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/user/internal/app"
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

// shopLinkRow is the gorm model of the user_shops table.
type shopLinkRow struct {
	ShopID  string `gorm:"primaryKey"`
	UserID  string
	Version int64
	Open    bool
}

func (shopLinkRow) TableName() string { return "user_shops" }

// throttleRow is the gorm model of the login_throttle table.
type throttleRow struct {
	Email       string `gorm:"primaryKey"`
	Failures    int
	LockedUntil *time.Time
	UpdatedAt   time.Time `gorm:"autoUpdateTime:false"`
}

func (throttleRow) TableName() string { return "login_throttle" }

var _ app.Store = (*Store)(nil)

// Store keeps accounts and sessions in the service's database. Every call
// uses db.Conn(ctx), so it joins the transaction in ctx when there is one.
type Store struct {
	db *database.DB
	tx *database.DB // InTx takes the write lock first on SQLite
}

// NewStore returns the store over db.
func NewStore(db *database.DB) *Store { return &Store{db: db, tx: db} }

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
	return s.loadUser(s.db.Conn(ctx), cond, arg)
}

func (s *Store) loadUser(q *gorm.DB, cond string, arg string) (*domain.User, error) {
	var row userRow
	err := q.Where(cond, arg).Take(&row).Error
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

// UpdateUser implements app.Store.
func (s *Store) UpdateUser(ctx context.Context, id string, fn func(*domain.User) error) (*domain.User, error) {
	var u *domain.User
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		var err error
		u, err = s.loadUser(s.db.Conn(ctx).Clauses(clause.Locking{Strength: "UPDATE"}), "id = ?", id)
		if err != nil {
			return err
		}
		if err := fn(u); err != nil {
			return err
		}
		err = s.db.Conn(ctx).Model(&userRow{}).Where("id = ?", id).Updates(map[string]any{
			"name": u.Name(), "password_hash": u.PasswordHash(), "role": string(u.Role()), "updated_at": u.UpdatedAt(),
		}).Error
		if err != nil {
			return fmt.Errorf("update user %s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// DeleteUser implements app.Store.
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	return s.tx.InTx(ctx, func(ctx context.Context) error {
		db := s.db.Conn(ctx)
		// The foreign keys would cascade; deleting explicitly does not
		// depend on SQLite's foreign_keys pragma.
		if err := db.Where("user_id = ?", id).Delete(&sessionRow{}).Error; err != nil {
			return fmt.Errorf("delete sessions of user %s: %w", id, err)
		}
		if err := db.Where("user_id = ?", id).Delete(&shopLinkRow{}).Error; err != nil {
			return fmt.Errorf("delete shop links of user %s: %w", id, err)
		}
		res := db.Where("id = ?", id).Delete(&userRow{})
		switch {
		case res.Error != nil:
			return fmt.Errorf("delete user %s: %w", id, res.Error)
		case res.RowsAffected == 0:
			return domain.ErrUserNotFound
		}
		return nil
	})
}

// RevokeUserSessions implements app.Store.
func (s *Store) RevokeUserSessions(ctx context.Context, userID, keepTokenHash string, at time.Time) error {
	q := s.db.Conn(ctx).Model(&sessionRow{}).Where("user_id = ? AND revoked_at IS NULL", userID)
	if keepTokenHash != "" {
		q = q.Where("token_hash <> ?", keepTokenHash)
	}
	if err := q.Update("revoked_at", at.UTC()).Error; err != nil {
		return fmt.Errorf("revoke sessions of user %s: %w", userID, err)
	}
	return nil
}

// RecordShop implements app.Store. One statement on both engines: the
// conflict clause keeps the highest version, so events applied in any
// order leave the newest state.
func (s *Store) RecordShop(ctx context.Context, l app.ShopLink) (bool, error) {
	res := s.db.Conn(ctx).Exec(`INSERT INTO user_shops (shop_id, user_id, version, open) VALUES (?, ?, ?, ?)
		ON CONFLICT (shop_id) DO UPDATE SET user_id = excluded.user_id, version = excluded.version, open = excluded.open
		WHERE user_shops.version < excluded.version`, l.ShopID, l.UserID, l.Version, l.Open)
	if res.Error != nil {
		return false, fmt.Errorf("record shop %s: %w", l.ShopID, res.Error)
	}
	return res.RowsAffected > 0, nil
}

// OwnsOpenShop implements app.Store.
func (s *Store) OwnsOpenShop(ctx context.Context, userID string) (bool, error) {
	var n int64
	err := s.db.Conn(ctx).Model(&shopLinkRow{}).Where("user_id = ? AND open = ?", userID, true).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("count open shops of user %s: %w", userID, err)
	}
	return n > 0, nil
}

// UpdateLoginThrottle implements app.Store.
func (s *Store) UpdateLoginThrottle(ctx context.Context, email string, now time.Time, fn func(*domain.LoginThrottle)) error {
	return s.tx.InTx(ctx, func(ctx context.Context) error {
		db := s.db.Conn(ctx)
		// Make sure the row exists, so that the locking read below
		// serializes concurrent attempts on PostgreSQL (SQLite serializes
		// every write transaction anyway).
		err := db.Exec(`INSERT INTO login_throttle (email, failures, locked_until, updated_at) VALUES (?, 0, NULL, ?)
			ON CONFLICT (email) DO NOTHING`, email, now.UTC()).Error
		if err != nil {
			return fmt.Errorf("start sign-in record: %w", err)
		}
		var row throttleRow
		if err := db.Clauses(clause.Locking{Strength: "UPDATE"}).Where("email = ?", email).Take(&row).Error; err != nil {
			return fmt.Errorf("load sign-in record: %w", err)
		}
		var until time.Time
		if row.LockedUntil != nil {
			until = row.LockedUntil.UTC()
		}
		t := domain.RebuildLoginThrottle(row.Failures, until)
		fn(t)
		row.Failures = t.Failures()
		row.LockedUntil = nil
		if lu := t.LockedUntil(); !lu.IsZero() {
			row.LockedUntil = &lu
		}
		row.UpdatedAt = now.UTC()
		err = db.Model(&throttleRow{}).Where("email = ?", email).Updates(map[string]any{
			"failures": row.Failures, "locked_until": row.LockedUntil, "updated_at": row.UpdatedAt,
		}).Error
		if err != nil {
			return fmt.Errorf("store sign-in record: %w", err)
		}
		return nil
	})
}

// DeleteStaleSessions implements app.Store.
func (s *Store) DeleteStaleSessions(ctx context.Context, cutoff time.Time) (int64, error) {
	res := s.db.Conn(ctx).Exec(`DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?`, cutoff.UTC(), cutoff.UTC())
	if res.Error != nil {
		return 0, fmt.Errorf("delete sessions ended before %s: %w", cutoff.Format(time.RFC3339), res.Error)
	}
	return res.RowsAffected, nil
}

// DeleteQuietLoginThrottles implements app.Store.
func (s *Store) DeleteQuietLoginThrottles(ctx context.Context, cutoff, now time.Time) (int64, error) {
	res := s.db.Conn(ctx).Exec(`DELETE FROM login_throttle WHERE updated_at < ? AND (locked_until IS NULL OR locked_until < ?)`,
		cutoff.UTC(), now.UTC())
	if res.Error != nil {
		return 0, fmt.Errorf("delete sign-in records quiet since %s: %w", cutoff.Format(time.RFC3339), res.Error)
	}
	return res.RowsAffected, nil
}

// ResetLoginThrottle implements app.Store.
func (s *Store) ResetLoginThrottle(ctx context.Context, email string) error {
	if err := s.db.Conn(ctx).Where("email = ?", email).Delete(&throttleRow{}).Error; err != nil {
		return fmt.Errorf("reset sign-in record: %w", err)
	}
	return nil
}
