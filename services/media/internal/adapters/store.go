// Package adapters implements the media service's ports: the gorm store of
// product facts and photos, and the product service seen through its
// client.
package adapters

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/marketplace/marketplace/services/media/internal/app"
	"github.com/marketplace/marketplace/services/media/internal/domain"
	"github.com/marketplace/marketplace/services/platform/database"
)

// productRow is the gorm model of the products table.
type productRow struct {
	ProductID string `gorm:"primaryKey"`
	ShopID    string
	OwnerID   string
	Name      string
	Version   int64
	Deleted   bool
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
}

func (productRow) TableName() string { return "products" }

// imageRow is the gorm model of the images table.
type imageRow struct {
	ID         string `gorm:"primaryKey"`
	ProductID  string
	ShopID     string
	Hash       string
	Status     string
	Error      string
	Position   int
	Alt        string
	Width      int
	Height     int
	ThumbURL   string `gorm:"column:thumb_url"`
	MediumURL  string `gorm:"column:medium_url"`
	LargeURL   string `gorm:"column:large_url"`
	Attempts   int
	LeaseUntil *time.Time
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt  time.Time `gorm:"autoUpdateTime:false"`
}

func (imageRow) TableName() string { return "images" }

func toImageRow(i domain.Image) imageRow {
	return imageRow{
		ID: i.ID, ProductID: i.ProductID, ShopID: i.ShopID, Hash: i.Hash, Status: string(i.Status), Error: i.Error,
		Position: i.Position, Alt: i.Alt, Width: i.Width, Height: i.Height,
		ThumbURL: i.URL(domain.Thumb), MediumURL: i.URL(domain.Medium), LargeURL: i.URL(domain.Large),
		CreatedAt: i.CreatedAt.UTC(), UpdatedAt: i.UpdatedAt.UTC(),
	}
}

func (r imageRow) image() domain.Image {
	return domain.Image{
		ID: r.ID, ProductID: r.ProductID, ShopID: r.ShopID, Hash: r.Hash, Status: domain.Status(r.Status), Error: r.Error,
		Position: r.Position, Alt: r.Alt, Width: r.Width, Height: r.Height,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

// Store keeps product facts and photos in the service's database. Every
// call uses db.Conn(ctx), so it joins the transaction in ctx when there is
// one.
type Store struct{ db *database.DB }

var _ app.Store = (*Store)(nil)

// NewStore returns the store over db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

// Product implements app.Store.
func (s *Store) Product(ctx context.Context, id string) (domain.Product, error) {
	var r productRow
	err := s.db.Conn(ctx).Where("product_id = ?", id).Take(&r).Error
	switch {
	case database.IsNotFound(err):
		return domain.Product{}, app.ErrNoProduct
	case err != nil:
		return domain.Product{}, fmt.Errorf("load product %s: %w", id, err)
	}
	return domain.Product{
		ID: r.ProductID, ShopID: r.ShopID, OwnerID: r.OwnerID, Name: r.Name,
		Version: r.Version, Deleted: r.Deleted, UpdatedAt: r.UpdatedAt.UTC(),
	}, nil
}

func toProductRow(p domain.Product) productRow {
	return productRow{
		ProductID: p.ID, ShopID: p.ShopID, OwnerID: p.OwnerID, Name: p.Name,
		Version: p.Version, Deleted: p.Deleted, UpdatedAt: p.UpdatedAt.UTC(),
	}
}

// PutProduct implements app.Store: the condition of domain.Product's
// Supersedes, decided by the database in the same statement.
func (s *Store) PutProduct(ctx context.Context, p domain.Product) error {
	row := toProductRow(p)
	err := s.db.Conn(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "product_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"shop_id", "owner_id", "name", "version", "deleted", "updated_at"}),
		Where: clause.Where{Exprs: []clause.Expression{clause.Expr{
			SQL: "NOT products.deleted AND (excluded.deleted OR excluded.version > products.version)",
		}}},
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("store product %s: %w", p.ID, err)
	}
	return nil
}

// AddProductIfMissing implements app.Store.
func (s *Store) AddProductIfMissing(ctx context.Context, p domain.Product) error {
	row := toProductRow(p)
	if err := s.db.Conn(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return fmt.Errorf("store product %s: %w", p.ID, err)
	}
	return nil
}

// SetImagesShop implements app.Store.
func (s *Store) SetImagesShop(ctx context.Context, productID, shopID string) error {
	err := s.db.Conn(ctx).Model(&imageRow{}).Where("product_id = ?", productID).Update("shop_id", shopID).Error
	if err != nil {
		return fmt.Errorf("move images of product %s: %w", productID, err)
	}
	return nil
}

// AddImage implements app.Store.
func (s *Store) AddImage(ctx context.Context, img domain.Image) error {
	row := toImageRow(img)
	err := s.db.Conn(ctx).Create(&row).Error
	switch {
	case database.IsUniqueViolation(err):
		return fmt.Errorf("%w: %w", app.ErrPositionTaken, err)
	case err != nil:
		return fmt.Errorf("store image %s: %w", img.ID, err)
	}
	return nil
}

// NextPosition implements app.Store.
func (s *Store) NextPosition(ctx context.Context, productID string) (int, error) {
	var next int
	err := s.db.Conn(ctx).Model(&imageRow{}).Where("product_id = ?", productID).
		Select("COALESCE(MAX(position), -1) + 1").Scan(&next).Error
	if err != nil {
		return 0, fmt.Errorf("next image position of product %s: %w", productID, err)
	}
	return next, nil
}

// Image implements app.Store.
func (s *Store) Image(ctx context.Context, id string) (domain.Image, error) {
	var r imageRow
	err := s.db.Conn(ctx).Where("id = ?", id).Take(&r).Error
	switch {
	case database.IsNotFound(err):
		return domain.Image{}, domain.ErrImageNotFound
	case err != nil:
		return domain.Image{}, fmt.Errorf("load image %s: %w", id, err)
	}
	return r.image(), nil
}

// ProductImages implements app.Store.
func (s *Store) ProductImages(ctx context.Context, productID string) ([]domain.Image, error) {
	var rows []imageRow
	if err := s.db.Conn(ctx).Where("product_id = ?", productID).Order("position, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load images of product %s: %w", productID, err)
	}
	out := make([]domain.Image, len(rows))
	for i, r := range rows {
		out[i] = r.image()
	}
	return out, nil
}

// SaveImage implements app.Store.
func (s *Store) SaveImage(ctx context.Context, img domain.Image) error {
	r := toImageRow(img)
	err := s.db.Conn(ctx).Model(&imageRow{}).Where("id = ?", img.ID).Updates(map[string]any{
		"status": r.Status, "error": r.Error, "width": r.Width, "height": r.Height,
		"thumb_url": r.ThumbURL, "medium_url": r.MediumURL, "large_url": r.LargeURL,
		"alt": r.Alt, "updated_at": r.UpdatedAt, "lease_until": nil,
	}).Error
	if err != nil {
		return fmt.Errorf("save image %s: %w", img.ID, err)
	}
	return nil
}

// DeleteImage implements app.Store.
func (s *Store) DeleteImage(ctx context.Context, id string) (bool, error) {
	res := s.db.Conn(ctx).Where("id = ?", id).Delete(&imageRow{})
	if res.Error != nil {
		return false, fmt.Errorf("delete image %s: %w", id, res.Error)
	}
	return res.RowsAffected > 0, nil
}

// CountHash implements app.Store.
func (s *Store) CountHash(ctx context.Context, hash string) (int64, error) {
	var n int64
	if err := s.db.Conn(ctx).Model(&imageRow{}).Where("hash = ?", hash).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count images of file %s: %w", hash, err)
	}
	return n, nil
}

// Claim implements app.Store. The claim is a conditional update of the
// candidate, so of several workers racing for one photo exactly one wins;
// the others look at the next candidate.
func (s *Store) Claim(ctx context.Context, now, until time.Time) (domain.Image, int, bool, error) {
	now, until = now.UTC(), until.UTC()
	free := "status = ? AND (lease_until IS NULL OR lease_until < ?)"
	for range 10 {
		var r imageRow
		err := s.db.Conn(ctx).Where(free, string(domain.Processing), now).Order("created_at, id").Take(&r).Error
		if database.IsNotFound(err) {
			return domain.Image{}, 0, false, nil
		}
		if err != nil {
			return domain.Image{}, 0, false, fmt.Errorf("find image to process: %w", err)
		}
		res := s.db.Conn(ctx).Model(&imageRow{}).Where("id = ? AND "+free, r.ID, string(domain.Processing), now).
			Updates(map[string]any{"lease_until": until, "attempts": gorm.Expr("attempts + 1")})
		if res.Error != nil {
			return domain.Image{}, 0, false, fmt.Errorf("claim image %s: %w", r.ID, res.Error)
		}
		if res.RowsAffected == 1 {
			return r.image(), r.Attempts + 1, true, nil
		}
	}
	return domain.Image{}, 0, false, nil // busy: the next poll tries again
}

// Release implements app.Store.
func (s *Store) Release(ctx context.Context, id string, retryAt time.Time) error {
	err := s.db.Conn(ctx).Model(&imageRow{}).Where("id = ? AND status = ?", id, string(domain.Processing)).
		Update("lease_until", retryAt.UTC()).Error
	if err != nil {
		return fmt.Errorf("release image %s: %w", id, err)
	}
	return nil
}
