// Package adapters keeps the catalog in the service's database with gorm.
package adapters

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/internal/domain"
)

type categoryRow struct {
	ID       string `gorm:"primaryKey"`
	ParentID *string
	Slug     string
	Name     string
	Position int
}

func (categoryRow) TableName() string { return "categories" }

type productRow struct {
	ID           string `gorm:"primaryKey"`
	ShopID       string
	ShopName     string
	CategoryID   string
	CategoryName string `gorm:"->;-:migration"` // read from the join only
	Name         string
	Description  string
	Currency     string
	PriceFrom    int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (productRow) TableName() string { return "products" }

type variationRow struct {
	ID        string `gorm:"primaryKey"`
	ProductID string
	ShopID    string
	SKU       string `gorm:"column:sku"`
	Name      string
	Price     int64
	Position  int
}

func (variationRow) TableName() string { return "variations" }

// Store is the gorm implementation of app.Store.
type Store struct{ db *database.DB }

// NewStore returns a store on db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

// Categories returns all categories, parents before children.
func (s *Store) Categories(ctx context.Context) ([]domain.Category, error) {
	var rows []categoryRow
	if err := s.db.Conn(ctx).Order("position, name").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	out := make([]domain.Category, 0, len(rows))
	for _, r := range rows {
		out = append(out, toCategory(r))
	}
	return out, nil
}

func toCategory(r categoryRow) domain.Category {
	c := domain.Category{ID: r.ID, Slug: r.Slug, Name: r.Name, Position: r.Position}
	if r.ParentID != nil {
		c.ParentID = *r.ParentID
	}
	return c
}

// CategoryBySlug returns one category or fault.NotFound.
func (s *Store) CategoryBySlug(ctx context.Context, slug string) (domain.Category, error) {
	var r categoryRow
	err := s.db.Conn(ctx).Where("slug = ?", slug).Take(&r).Error
	if database.IsNotFound(err) {
		return domain.Category{}, fault.NotFoundf("there is no category %q", slug)
	}
	if err != nil {
		return domain.Category{}, fmt.Errorf("get category %s: %w", slug, err)
	}
	return toCategory(r), nil
}

// CreateCategory stores a category.
func (s *Store) CreateCategory(ctx context.Context, c domain.Category) error {
	r := categoryRow{ID: c.ID, Slug: c.Slug, Name: c.Name, Position: c.Position}
	if c.ParentID != "" {
		r.ParentID = &c.ParentID
	}
	if err := s.db.Conn(ctx).Create(&r).Error; err != nil {
		return fmt.Errorf("create category %s: %w", c.Slug, err)
	}
	return nil
}

func (s *Store) products(ctx context.Context) *gorm.DB {
	return s.db.Conn(ctx).Table("products").
		Select("products.*, categories.name AS category_name").
		Joins("JOIN categories ON categories.id = products.category_id")
}

// filter applies the query's category and words to a products query.
// Each word must appear in the name, description or shop name; LIKE
// patterns are escaped so a "%" in the search is just a character.
func filter(tx *gorm.DB, q domain.ListQuery) *gorm.DB {
	if len(q.CategoryIDs) > 0 {
		tx = tx.Where("products.category_id IN ?", q.CategoryIDs)
	}
	for _, w := range q.Words() {
		pat := "%" + likeEscaper.Replace(w) + "%"
		tx = tx.Where(`(lower(products.name) LIKE ? ESCAPE '\' OR lower(products.description) LIKE ? ESCAPE '\' OR lower(products.shop_name) LIKE ? ESCAPE '\')`, pat, pat, pat)
	}
	return tx
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)

// List returns a page of products, newest first.
func (s *Store) List(ctx context.Context, q domain.ListQuery) ([]domain.Product, int64, error) {
	var total int64
	if err := filter(s.db.Conn(ctx).Model(&productRow{}), q).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count products: %w", err)
	}
	query := filter(s.products(ctx), q).Order("products.created_at DESC, products.id DESC").
		Limit(q.PerPage).Offset((q.Page - 1) * q.PerPage)
	var rows []productRow
	if err := query.Find(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("list products: %w", err)
	}
	out := make([]domain.Product, 0, len(rows))
	for _, r := range rows {
		out = append(out, toProduct(r, nil))
	}
	return out, total, nil
}

// Get returns one product with its variations.
func (s *Store) Get(ctx context.Context, id string) (domain.Product, error) {
	var r productRow
	err := s.products(ctx).Where("products.id = ?", id).Take(&r).Error
	if database.IsNotFound(err) {
		return domain.Product{}, fault.NotFoundf("there is no product %q", id)
	}
	if err != nil {
		return domain.Product{}, fmt.Errorf("get product %s: %w", id, err)
	}
	var vs []variationRow
	if err := s.db.Conn(ctx).Where("product_id = ?", id).Order("position").Find(&vs).Error; err != nil {
		return domain.Product{}, fmt.Errorf("get variations of %s: %w", id, err)
	}
	return toProduct(r, vs), nil
}

func toProduct(r productRow, vs []variationRow) domain.Product {
	p := domain.Product{
		ID: r.ID, ShopID: r.ShopID, ShopName: r.ShopName, CategoryID: r.CategoryID, CategoryName: r.CategoryName,
		Name: r.Name, Description: r.Description, Currency: r.Currency, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
	for _, v := range vs {
		p.Variations = append(p.Variations, domain.Variation{ID: v.ID, SKU: v.SKU, Name: v.Name, Price: v.Price})
	}
	if len(vs) == 0 && r.PriceFrom > 0 {
		// A listing row: keep the lowest price for the card.
		p.Variations = []domain.Variation{{Price: r.PriceFrom}}
	}
	return p
}

// Create stores a product and its variations.
func (s *Store) Create(ctx context.Context, p domain.Product) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		row := productRow{
			ID: p.ID, ShopID: p.ShopID, ShopName: p.ShopName, CategoryID: p.CategoryID, Name: p.Name,
			Description: p.Description, Currency: p.Currency, PriceFrom: p.PriceFrom(), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
		}
		if err := s.db.Conn(ctx).Omit("CategoryName").Create(&row).Error; err != nil {
			return fmt.Errorf("create product %s: %w", p.ID, err)
		}
		if len(p.Variations) == 0 {
			return nil
		}
		vs := make([]variationRow, 0, len(p.Variations))
		for i, v := range p.Variations {
			vs = append(vs, variationRow{ID: v.ID, ProductID: p.ID, ShopID: p.ShopID, SKU: v.SKU, Name: v.Name, Price: v.Price, Position: i})
		}
		if err := s.db.Conn(ctx).Create(&vs).Error; err != nil {
			if database.IsUniqueViolation(err) {
				return fault.Conflictf("a variation SKU is already used in this shop")
			}
			return fmt.Errorf("create variations of %s: %w", p.ID, err)
		}
		return nil
	})
}

// CountProducts counts all products.
func (s *Store) CountProducts(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.Conn(ctx).Model(&productRow{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count products: %w", err)
	}
	return n, nil
}
