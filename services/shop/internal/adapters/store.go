// Package adapters implements the shop service's ports: the gorm store of
// shops.
package adapters

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/shop/internal/app"
	"github.com/marketplace/marketplace/services/shop/internal/domain"
)

// shopRow is the gorm model of the shops table.
type shopRow struct {
	ID          string `gorm:"primaryKey"`
	OwnerID     string
	Name        string
	NameKey     string
	Slug        string
	Description string
	Version     int64
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt   time.Time `gorm:"autoUpdateTime:false"`
	ClosedAt    *time.Time
}

func (shopRow) TableName() string { return "shops" }

func toRow(s *domain.Shop) shopRow {
	return shopRow{
		ID: s.ID(), OwnerID: s.OwnerID(), Name: s.Name(), NameKey: s.NameKey(), Slug: s.Slug(),
		Description: s.Description(), Version: s.Version(),
		CreatedAt: s.CreatedAt(), UpdatedAt: s.UpdatedAt(), ClosedAt: s.ClosedAt(),
	}
}

func (r shopRow) shop() *domain.Shop {
	return domain.RebuildShop(r.ID, r.OwnerID, r.Name, r.Slug, r.Description, r.Version, r.CreatedAt, r.UpdatedAt, r.ClosedAt)
}

// Store keeps shops in the service's database. Every call uses
// db.Conn(ctx), so it joins the transaction in ctx when there is one.
type Store struct {
	db *database.DB
	tx *database.DB // InTx takes the write lock first on SQLite
}

var _ app.Store = (*Store)(nil)

// NewStore returns the store over db.
func NewStore(db *database.DB) *Store { return &Store{db: db, tx: db} }

// AddShop implements app.Store.
func (s *Store) AddShop(ctx context.Context, sh *domain.Shop) error {
	row := toRow(sh)
	err := s.db.Conn(ctx).Create(&row).Error
	switch {
	case database.IsUniqueViolation(err):
		return fmt.Errorf("store shop %s: %w", sh.ID(), app.ErrUniqueRace)
	case err != nil:
		return fmt.Errorf("store shop %s: %w", sh.ID(), err)
	}
	return nil
}

// UpdateShop implements app.Store.
func (s *Store) UpdateShop(ctx context.Context, id string, fn func(*domain.Shop) error) (*domain.Shop, error) {
	var sh *domain.Shop
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		var row shopRow
		err := s.db.Conn(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&row).Error
		switch {
		case database.IsNotFound(err):
			return domain.ErrShopNotFound
		case err != nil:
			return fmt.Errorf("load shop %s: %w", id, err)
		}
		sh = row.shop()
		if err := fn(sh); err != nil {
			return err
		}
		next := toRow(sh)
		err = s.db.Conn(ctx).Model(&shopRow{}).Where("id = ?", id).Updates(map[string]any{
			"name": next.Name, "name_key": next.NameKey, "description": next.Description,
			"version": next.Version, "updated_at": next.UpdatedAt, "closed_at": next.ClosedAt,
		}).Error
		switch {
		case database.IsUniqueViolation(err):
			return fmt.Errorf("update shop %s: %w", id, app.ErrUniqueRace)
		case err != nil:
			return fmt.Errorf("update shop %s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sh, nil
}

// ShopByID implements app.Store.
func (s *Store) ShopByID(ctx context.Context, id string) (*domain.Shop, error) {
	return s.one(s.db.Conn(ctx).Where("id = ?", id))
}

// OpenShopBySlug implements app.Store.
func (s *Store) OpenShopBySlug(ctx context.Context, slug string) (*domain.Shop, error) {
	return s.one(s.db.Conn(ctx).Where("slug = ? AND closed_at IS NULL", slug))
}

// OpenShopByOwner implements app.Store.
func (s *Store) OpenShopByOwner(ctx context.Context, ownerID string) (*domain.Shop, error) {
	return s.one(s.db.Conn(ctx).Where("owner_id = ? AND closed_at IS NULL", ownerID))
}

func (s *Store) one(q *gorm.DB) (*domain.Shop, error) {
	var row shopRow
	err := q.Take(&row).Error
	switch {
	case database.IsNotFound(err):
		return nil, domain.ErrShopNotFound
	case err != nil:
		return nil, fmt.Errorf("load shop: %w", err)
	}
	return row.shop(), nil
}

// OpenShops implements app.Store.
func (s *Store) OpenShops(ctx context.Context, limit int) ([]*domain.Shop, error) {
	var rows []shopRow
	err := s.db.Conn(ctx).Where("closed_at IS NULL").Order("created_at DESC, id DESC").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list shops: %w", err)
	}
	out := make([]*domain.Shop, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.shop())
	}
	return out, nil
}

// NameTaken implements app.Store.
func (s *Store) NameTaken(ctx context.Context, nameKey, exceptID string) (bool, error) {
	var n int64
	err := s.db.Conn(ctx).Model(&shopRow{}).Where("name_key = ? AND closed_at IS NULL AND id <> ?", nameKey, exceptID).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("look up shop name: %w", err)
	}
	return n > 0, nil
}

// SlugsFrom implements app.Store. Slugs hold only a-z, 0-9 and hyphens,
// so base needs no escaping in the LIKE pattern.
func (s *Store) SlugsFrom(ctx context.Context, base string) ([]string, error) {
	var slugs []string
	err := s.db.Conn(ctx).Model(&shopRow{}).Where("slug = ? OR slug LIKE ?", base, base+"-%").Pluck("slug", &slugs).Error
	if err != nil {
		return nil, fmt.Errorf("look up slugs: %w", err)
	}
	return slugs, nil
}
