// Package adapters implements the visual content service's ports: the
// gorm store of banners.
package adapters

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/visualcontent/internal/app"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
)

// bannerRow is the gorm model of the banners table.
type bannerRow struct {
	ID           string `gorm:"primaryKey"`
	Placement    string
	Title        string
	LinkURL      string `gorm:"column:link_url"`
	Alt          string
	Position     int
	StartsAt     *time.Time
	EndsAt       *time.Time
	Active       bool
	Status       string
	Error        string
	OriginalKey  string
	ImageVersion int64
	Images       string // JSON: [{"w":..,"h":..,"key":..}]
	Version      int64
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt    time.Time `gorm:"autoUpdateTime:false"`
}

func (bannerRow) TableName() string { return "banners" }

// imageJSON is how one size is kept in the images column.
type imageJSON struct {
	W   int    `json:"w"`
	H   int    `json:"h"`
	Key string `json:"key"`
}

// columns are every column but the id, for updates.
var columns = []string{
	"placement", "title", "link_url", "alt", "position", "starts_at", "ends_at", "active", "status", "error",
	"original_key", "image_version", "images", "version", "created_at", "updated_at",
}

func toRow(b domain.Banner) (bannerRow, error) {
	imgs := make([]imageJSON, len(b.Images))
	for i, img := range b.Images {
		imgs[i] = imageJSON{W: img.Width, H: img.Height, Key: img.Key}
	}
	raw, err := json.Marshal(imgs)
	if err != nil {
		return bannerRow{}, fmt.Errorf("encode images of banner %s: %w", b.ID, err)
	}
	return bannerRow{
		ID: b.ID, Placement: string(b.Placement), Title: b.Title, LinkURL: b.LinkURL, Alt: b.Alt, Position: b.Position,
		StartsAt: utc(b.StartsAt), EndsAt: utc(b.EndsAt), Active: b.Active, Status: string(b.Status), Error: b.Error,
		OriginalKey: b.OriginalKey, ImageVersion: b.ImageVersion, Images: string(raw), Version: b.Version,
		CreatedAt: b.CreatedAt.UTC(), UpdatedAt: b.UpdatedAt.UTC(),
	}, nil
}

func (r bannerRow) banner() (domain.Banner, error) {
	var imgs []imageJSON
	if r.Images != "" {
		if err := json.Unmarshal([]byte(r.Images), &imgs); err != nil {
			return domain.Banner{}, fmt.Errorf("decode images of banner %s: %w", r.ID, err)
		}
	}
	var out []domain.Image
	for _, img := range imgs {
		out = append(out, domain.Image{Width: img.W, Height: img.H, Key: img.Key})
	}
	return domain.Banner{
		ID: r.ID,
		Settings: domain.Settings{
			Placement: domain.Placement(r.Placement), Title: r.Title, LinkURL: r.LinkURL, Alt: r.Alt,
			Position: r.Position, StartsAt: utc(r.StartsAt), EndsAt: utc(r.EndsAt),
		},
		Active: r.Active, Status: domain.Status(r.Status), Error: r.Error,
		OriginalKey: r.OriginalKey, ImageVersion: r.ImageVersion, Images: out, Version: r.Version,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}, nil
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := t.UTC()
	return &v
}

func banners(rows []bannerRow) ([]domain.Banner, error) {
	out := make([]domain.Banner, 0, len(rows))
	for _, r := range rows {
		b, err := r.banner()
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// order is how banners are listed: by placement, position, then the
// oldest first (the id, a UUIDv7, settles ties of the same instant).
const order = "placement, position, created_at, id"

// Store keeps banners in the service's database. Every call uses
// db.Conn(ctx), so it joins the transaction in ctx when there is one.
type Store struct{ db *database.DB }

var _ app.Store = (*Store)(nil)

// NewStore returns the store over db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

// Add implements app.Store.
func (s *Store) Add(ctx context.Context, b domain.Banner) error {
	row, err := toRow(b)
	if err != nil {
		return err
	}
	if err := s.db.Conn(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("store banner %s: %w", b.ID, err)
	}
	return nil
}

// Banner implements app.Store.
func (s *Store) Banner(ctx context.Context, id string) (domain.Banner, error) {
	var r bannerRow
	err := s.db.Conn(ctx).Where("id = ?", id).Take(&r).Error
	switch {
	case database.IsNotFound(err):
		return domain.Banner{}, domain.ErrBannerNotFound
	case err != nil:
		return domain.Banner{}, fmt.Errorf("load banner %s: %w", id, err)
	}
	return r.banner()
}

// Update implements app.Store.
func (s *Store) Update(ctx context.Context, id string, fn func(*domain.Banner) (bool, error)) (domain.Banner, error) {
	var b domain.Banner
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		var r bannerRow
		err := s.db.Conn(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&r).Error
		switch {
		case database.IsNotFound(err):
			return domain.ErrBannerNotFound
		case err != nil:
			return fmt.Errorf("load banner %s: %w", id, err)
		}
		if b, err = r.banner(); err != nil {
			return err
		}
		changed, err := fn(&b)
		if err != nil || !changed {
			return err
		}
		return s.save(ctx, b)
	})
	return b, err
}

func (s *Store) save(ctx context.Context, b domain.Banner) error {
	row, err := toRow(b)
	if err != nil {
		return err
	}
	if err := s.db.Conn(ctx).Model(&bannerRow{}).Where("id = ?", b.ID).Select(columns).Updates(&row).Error; err != nil {
		return fmt.Errorf("update banner %s: %w", b.ID, err)
	}
	return nil
}

// UpdatePlacement implements app.Store. The rows are locked in one order
// (by id), so two reorderings cannot deadlock.
func (s *Store) UpdatePlacement(ctx context.Context, p domain.Placement, fn func([]*domain.Banner) ([]*domain.Banner, error)) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		var rows []bannerRow
		err := s.db.Conn(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).
			Where("placement = ?", string(p)).Order("id").Find(&rows).Error
		if err != nil {
			return fmt.Errorf("load %s banners: %w", p, err)
		}
		bs, err := banners(rows)
		if err != nil {
			return err
		}
		ptrs := make([]*domain.Banner, len(bs))
		for i := range bs {
			ptrs[i] = &bs[i]
		}
		changed, err := fn(ptrs)
		if err != nil {
			return err
		}
		for _, b := range changed {
			if err := s.save(ctx, *b); err != nil {
				return err
			}
		}
		return nil
	})
}

// Delete implements app.Store.
func (s *Store) Delete(ctx context.Context, id string) (bool, error) {
	res := s.db.Conn(ctx).Where("id = ?", id).Delete(&bannerRow{})
	if res.Error != nil {
		return false, fmt.Errorf("delete banner %s: %w", id, res.Error)
	}
	return res.RowsAffected > 0, nil
}

// List implements app.Store.
func (s *Store) List(ctx context.Context) ([]domain.Banner, error) {
	var rows []bannerRow
	if err := s.db.Conn(ctx).Order(order).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list banners: %w", err)
	}
	return banners(rows)
}

// Showing implements app.Store: one query that the partial index
// banners_showing serves (its condition is written here as in the
// index, literals included, for SQLite's planner to match it).
func (s *Store) Showing(ctx context.Context, at time.Time) ([]domain.Banner, error) {
	var rows []bannerRow
	err := s.db.Conn(ctx).
		Where("status = 'ready' AND active = TRUE").
		Where("(starts_at IS NULL OR starts_at <= ?) AND (ends_at IS NULL OR ends_at > ?)", at.UTC(), at.UTC()).
		Order(order).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list banners on show: %w", err)
	}
	return banners(rows)
}

// seedRow is the gorm model of the demo_seeds table.
type seedRow struct {
	Name     string `gorm:"primaryKey"`
	SeededAt time.Time
}

func (seedRow) TableName() string { return "demo_seeds" }

// Seeded implements app.Store.
func (s *Store) Seeded(ctx context.Context, name string) (bool, error) {
	var n int64
	if err := s.db.Conn(ctx).Model(&seedRow{}).Where("name = ?", name).Count(&n).Error; err != nil {
		return false, fmt.Errorf("look up seed %s: %w", name, err)
	}
	return n > 0, nil
}

// MarkSeeded implements app.Store.
func (s *Store) MarkSeeded(ctx context.Context, name string, at time.Time) (bool, error) {
	res := s.db.Conn(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&seedRow{Name: name, SeededAt: at.UTC()})
	if res.Error != nil {
		return false, fmt.Errorf("record seed %s: %w", name, res.Error)
	}
	return res.RowsAffected == 1, nil
}
