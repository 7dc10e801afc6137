// Package adapters keeps the catalog in the service's database with gorm
// and asks the shop service about shops the events have not announced yet.
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
	ID       string  `gorm:"column:id;primaryKey"`
	ParentID *string `gorm:"column:parent_id"`
	Slug     string  `gorm:"column:slug"`
	Name     string  `gorm:"column:name"`
	Position int     `gorm:"column:position"`
}

func (categoryRow) TableName() string { return "categories" }

type shopRow struct {
	ID      string `gorm:"column:id;primaryKey"`
	OwnerID string `gorm:"column:owner_id"`
	Name    string `gorm:"column:name"`
	Slug    string `gorm:"column:slug"`
	Version int64  `gorm:"column:version"`
	Closed  bool   `gorm:"column:closed"`
}

func (shopRow) TableName() string { return "shops" }

type productRow struct {
	ID             string    `gorm:"column:id;primaryKey"`
	ShopID         string    `gorm:"column:shop_id"`
	OwnerID        string    `gorm:"column:owner_id"`
	ShopName       string    `gorm:"column:shop_name"`
	ShopSlug       string    `gorm:"column:shop_slug"`
	CategoryID     string    `gorm:"column:category_id"`
	Name           string    `gorm:"column:name"`
	Description    string    `gorm:"column:description"`
	Currency       string    `gorm:"column:currency"`
	PriceFrom      int64     `gorm:"column:price_from"`
	VariationCount int       `gorm:"column:variation_count"`
	RatingAverage  float64   `gorm:"column:rating_average"`
	RatingCount    int64     `gorm:"column:rating_count"`
	RatingVersion  int64     `gorm:"column:rating_version"`
	Version        int64     `gorm:"column:version"`
	CreatedAt      time.Time `gorm:"column:created_at;autoCreateTime:false"`
	UpdatedAt      time.Time `gorm:"column:updated_at;autoUpdateTime:false"`
}

func (productRow) TableName() string { return "products" }

// productView is a product row with its category's name and slug. (gorm
// does not fill an embedded productRow from a raw query.)
type productView struct {
	ID            string    `gorm:"column:id"`
	ShopID        string    `gorm:"column:shop_id"`
	OwnerID       string    `gorm:"column:owner_id"`
	ShopName      string    `gorm:"column:shop_name"`
	ShopSlug      string    `gorm:"column:shop_slug"`
	CategoryID    string    `gorm:"column:category_id"`
	CategoryName  string    `gorm:"column:category_name"`
	CategorySlug  string    `gorm:"column:category_slug"`
	Name          string    `gorm:"column:name"`
	Description   string    `gorm:"column:description"`
	Currency      string    `gorm:"column:currency"`
	RatingAverage float64   `gorm:"column:rating_average"`
	RatingCount   int64     `gorm:"column:rating_count"`
	RatingVersion int64     `gorm:"column:rating_version"`
	Version       int64     `gorm:"column:version"`
	CreatedAt     time.Time `gorm:"column:created_at"`
	UpdatedAt     time.Time `gorm:"column:updated_at"`
}

type variationRow struct {
	ID        string `gorm:"column:id;primaryKey"`
	ProductID string `gorm:"column:product_id"`
	ShopID    string `gorm:"column:shop_id"`
	SKU       string `gorm:"column:sku"`
	Name      string `gorm:"column:name"`
	Price     int64  `gorm:"column:price"`
	Position  int    `gorm:"column:position"`
}

func (variationRow) TableName() string { return "variations" }

type imageRow struct {
	ID        string `gorm:"column:id"`
	ProductID string `gorm:"column:product_id"`
	Position  int    `gorm:"column:position"`
	Alt       string `gorm:"column:alt"`
	ThumbURL  string `gorm:"column:thumb_url"`
	MediumURL string `gorm:"column:medium_url"`
	LargeURL  string `gorm:"column:large_url"`
}

// Store is the gorm implementation of app.Store.
type Store struct{ db *database.DB }

// NewStore returns a store on db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

func (s *Store) conn(ctx context.Context) *gorm.DB { return s.db.Conn(ctx) }

// Categories returns all categories, parents before children.
func (s *Store) Categories(ctx context.Context) ([]domain.Category, error) {
	var rows []categoryRow
	if err := s.conn(ctx).Order("position, name").Find(&rows).Error; err != nil {
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

// Category returns one category or fault.NotFound.
func (s *Store) Category(ctx context.Context, id string) (domain.Category, error) {
	var rows []categoryRow
	if err := s.conn(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return domain.Category{}, fmt.Errorf("get category %s: %w", id, err)
	}
	if len(rows) == 0 {
		return domain.Category{}, fault.NotFoundf("there is no category %q", id)
	}
	return toCategory(rows[0]), nil
}

// AddCategory stores c unless its id or slug is taken.
func (s *Store) AddCategory(ctx context.Context, c domain.Category) error {
	var parent *string
	if c.ParentID != "" {
		parent = &c.ParentID
	}
	err := s.conn(ctx).Exec(`INSERT INTO categories (id, parent_id, slug, name, position) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, c.ID, parent, c.Slug, c.Name, c.Position).Error
	if err != nil {
		return fmt.Errorf("add category %s: %w", c.Slug, err)
	}
	return nil
}

// Shop returns a known shop, open or closed.
func (s *Store) Shop(ctx context.Context, id string) (domain.Shop, error) {
	return s.shop(ctx, "id = ?", id)
}

// OpenShopOf returns the open shop of a user; should two be open for a
// moment (events out of order), the newer one.
func (s *Store) OpenShopOf(ctx context.Context, ownerID string) (domain.Shop, error) {
	return s.shop(ctx, "owner_id = ? AND NOT closed", ownerID)
}

func (s *Store) shop(ctx context.Context, where string, arg string) (domain.Shop, error) {
	var rows []shopRow
	if err := s.conn(ctx).Where(where, arg).Order("id DESC").Limit(1).Find(&rows).Error; err != nil {
		return domain.Shop{}, fmt.Errorf("get shop (%s %s): %w", where, arg, err)
	}
	if len(rows) == 0 {
		return domain.Shop{}, domain.ErrShopNotFound
	}
	r := rows[0]
	return domain.Shop{ID: r.ID, OwnerID: r.OwnerID, Name: r.Name, Slug: r.Slug, Version: r.Version, Closed: r.Closed}, nil
}

// AddShop stores sh unless the shop is known.
func (s *Store) AddShop(ctx context.Context, sh domain.Shop) error {
	err := s.conn(ctx).Exec(`INSERT INTO shops (id, owner_id, name, slug, version, closed) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`, sh.ID, sh.OwnerID, sh.Name, sh.Slug, sh.Version, sh.Closed).Error
	if err != nil {
		return fmt.Errorf("add shop %s: %w", sh.ID, err)
	}
	return nil
}

// SaveShop stores sh when its version is higher than the one kept. The
// conditional upsert decides in one statement, so concurrent events race
// safely; closed stays closed.
func (s *Store) SaveShop(ctx context.Context, sh domain.Shop) (bool, error) {
	res := s.conn(ctx).Exec(`INSERT INTO shops (id, owner_id, name, slug, version, closed) VALUES (?, ?, ?, ?, ?, FALSE)
		ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, name = excluded.name, slug = excluded.slug, version = excluded.version
		WHERE shops.version < excluded.version`, sh.ID, sh.OwnerID, sh.Name, sh.Slug, sh.Version)
	if res.Error != nil {
		return false, fmt.Errorf("save shop %s: %w", sh.ID, res.Error)
	}
	return res.RowsAffected > 0, nil
}

// CloseShop marks a shop closed, keeping the highest version seen.
func (s *Store) CloseShop(ctx context.Context, id, ownerID string, version int64) error {
	err := s.conn(ctx).Exec(`INSERT INTO shops (id, owner_id, name, slug, version, closed) VALUES (?, ?, '', '', ?, TRUE)
		ON CONFLICT (id) DO UPDATE SET closed = TRUE,
			version = CASE WHEN excluded.version > shops.version THEN excluded.version ELSE shops.version END`,
		id, ownerID, version).Error
	if err != nil {
		return fmt.Errorf("close shop %s: %w", id, err)
	}
	return nil
}

// RelabelShop copies the shop's name and slug onto its products.
func (s *Store) RelabelShop(ctx context.Context, sh domain.Shop) error {
	err := s.conn(ctx).Exec(`UPDATE products SET shop_name = ?, shop_slug = ?
		WHERE shop_id = ? AND (shop_name <> ? OR shop_slug <> ?)`, sh.Name, sh.Slug, sh.ID, sh.Name, sh.Slug).Error
	if err != nil {
		return fmt.Errorf("relabel products of shop %s: %w", sh.ID, err)
	}
	return nil
}

// ShopProductIDs lists a shop's product ids.
func (s *Store) ShopProductIDs(ctx context.Context, shopID string) ([]string, error) {
	var ids []string
	if err := s.conn(ctx).Model(&productRow{}).Where("shop_id = ?", shopID).Order("id").Pluck("id", &ids).Error; err != nil {
		return nil, fmt.Errorf("list products of shop %s: %w", shopID, err)
	}
	return ids, nil
}

const productColumns = `p.id, p.shop_id, p.owner_id, p.shop_name, p.shop_slug, p.category_id, p.name, p.description,
	p.currency, p.rating_average, p.rating_count, p.rating_version, p.version,
	p.created_at, p.updated_at, c.name AS category_name, c.slug AS category_slug`

// Product returns a product with its variations, images and rating.
func (s *Store) Product(ctx context.Context, id string) (*domain.Product, error) {
	return s.product(ctx, id, false)
}

// LockProduct is Product, with the product locked until the transaction
// ends: its row FOR UPDATE on PostgreSQL; on SQLite every transaction holds
// the database's write lock from its start (database.DB.InTx).
func (s *Store) LockProduct(ctx context.Context, id string) (*domain.Product, error) {
	return s.product(ctx, id, true)
}

func (s *Store) product(ctx context.Context, id string, lock bool) (*domain.Product, error) {
	q := `SELECT ` + productColumns + ` FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = ?`
	if lock && s.db.Dialect() == database.Postgres {
		q += ` FOR UPDATE OF p`
	}
	var rows []productView
	if err := s.conn(ctx).Raw(q, id).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("get product %s: %w", id, err)
	}
	if len(rows) == 0 {
		return nil, domain.ErrProductNotFound
	}
	var vs []variationRow
	if err := s.conn(ctx).Where("product_id = ?", id).Order("position, id").Find(&vs).Error; err != nil {
		return nil, fmt.Errorf("get variations of product %s: %w", id, err)
	}
	imgs, err := s.images(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	r := rows[0]
	p := &domain.Product{
		ID: r.ID, ShopID: r.ShopID, OwnerID: r.OwnerID, ShopName: r.ShopName, ShopSlug: r.ShopSlug,
		CategoryID: r.CategoryID, CategoryName: r.CategoryName, CategorySlug: r.CategorySlug,
		Name: r.Name, Description: r.Description, Currency: r.Currency,
		Variations: make([]domain.Variation, 0, len(vs)), Images: imgs[id],
		Rating:  domain.Rating{Average: r.RatingAverage, Count: r.RatingCount, Version: r.RatingVersion},
		Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	for _, v := range vs {
		p.Variations = append(p.Variations, domain.Variation{ID: v.ID, SKU: v.SKU, Name: v.Name, Price: v.Price})
	}
	return p, nil
}

// images returns the live photos of products, in order, by product id.
func (s *Store) images(ctx context.Context, productIDs []string) (map[string][]domain.Image, error) {
	out := map[string][]domain.Image{}
	if len(productIDs) == 0 {
		return out, nil
	}
	var rows []imageRow
	err := s.conn(ctx).Table("product_images").
		Select("id, product_id, position, alt, thumb_url, medium_url, large_url").
		Where("product_id IN ? AND NOT deleted", productIDs).Order("product_id, position, id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("get product images: %w", err)
	}
	for _, r := range rows {
		out[r.ProductID] = append(out[r.ProductID], domain.Image{
			ID: r.ID, Position: r.Position, Alt: r.Alt, ThumbURL: r.ThumbURL, MediumURL: r.MediumURL, LargeURL: r.LargeURL,
		})
	}
	return out, nil
}

// ProductExists reports whether there is a product with id.
func (s *Store) ProductExists(ctx context.Context, id string) (bool, error) {
	var n int64
	if err := s.conn(ctx).Model(&productRow{}).Where("id = ?", id).Limit(1).Count(&n).Error; err != nil {
		return false, fmt.Errorf("look up product %s: %w", id, err)
	}
	return n > 0, nil
}

func rowOf(p *domain.Product) productRow {
	return productRow{
		ID: p.ID, ShopID: p.ShopID, OwnerID: p.OwnerID, ShopName: p.ShopName, ShopSlug: p.ShopSlug,
		CategoryID: p.CategoryID, Name: p.Name, Description: p.Description, Currency: p.Currency,
		PriceFrom: p.PriceFrom(), VariationCount: len(p.Variations),
		RatingAverage: p.Rating.Average, RatingCount: p.Rating.Count, RatingVersion: p.Rating.Version,
		Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
	}
}

func variationRowOf(p *domain.Product, i int) variationRow {
	v := p.Variations[i]
	return variationRow{ID: v.ID, ProductID: p.ID, ShopID: p.ShopID, SKU: v.SKU, Name: v.Name, Price: v.Price, Position: i}
}

// skuError turns the unique index on (shop_id, sku) into the domain's
// answer; the variation ids are fresh, so it is the only one that can fire.
func skuError(err error, what string) error {
	if database.IsUniqueViolation(err) {
		return domain.ErrSKUTaken
	}
	return fmt.Errorf("%s: %w", what, err)
}

// AddProduct stores a new product and its variations.
func (s *Store) AddProduct(ctx context.Context, p *domain.Product) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		row := rowOf(p)
		if err := s.conn(ctx).Create(&row).Error; err != nil {
			return fmt.Errorf("add product %s: %w", p.ID, err)
		}
		if len(p.Variations) == 0 {
			return nil
		}
		vs := make([]variationRow, 0, len(p.Variations))
		for i := range p.Variations {
			vs = append(vs, variationRowOf(p, i))
		}
		if err := s.conn(ctx).Create(&vs).Error; err != nil {
			return skuError(err, "add variations of product "+p.ID)
		}
		return nil
	})
}

// SaveProduct stores the product's own fields and brings its variation
// rows in line with p.Variations: removed ones first (their SKUs become
// free), then changed ones, then new ones.
func (s *Store) SaveProduct(ctx context.Context, p *domain.Product) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		r := rowOf(p)
		err := s.conn(ctx).Exec(`UPDATE products SET category_id = ?, name = ?, description = ?, price_from = ?,
			variation_count = ?, version = ?, updated_at = ? WHERE id = ?`,
			r.CategoryID, r.Name, r.Description, r.PriceFrom, r.VariationCount, r.Version, r.UpdatedAt, r.ID).Error
		if err != nil {
			return fmt.Errorf("save product %s: %w", p.ID, err)
		}
		var old []variationRow
		if err := s.conn(ctx).Where("product_id = ?", p.ID).Find(&old).Error; err != nil {
			return fmt.Errorf("save product %s: %w", p.ID, err)
		}
		want := map[string]variationRow{}
		for i := range p.Variations {
			want[p.Variations[i].ID] = variationRowOf(p, i)
		}
		have := map[string]variationRow{}
		var gone []string
		for _, o := range old {
			have[o.ID] = o
			if _, ok := want[o.ID]; !ok {
				gone = append(gone, o.ID)
			}
		}
		if len(gone) > 0 {
			if err := s.conn(ctx).Where("id IN ?", gone).Delete(&variationRow{}).Error; err != nil {
				return fmt.Errorf("remove variations of product %s: %w", p.ID, err)
			}
		}
		var added []variationRow
		for i := range p.Variations {
			w := want[p.Variations[i].ID]
			o, ok := have[w.ID]
			switch {
			case !ok:
				added = append(added, w)
			case o != w:
				err := s.conn(ctx).Exec(`UPDATE variations SET sku = ?, name = ?, price = ?, position = ? WHERE id = ?`,
					w.SKU, w.Name, w.Price, w.Position, w.ID).Error
				if err != nil {
					return skuError(err, "change variation "+w.ID)
				}
			}
		}
		if len(added) > 0 {
			if err := s.conn(ctx).Create(&added).Error; err != nil {
				return skuError(err, "add variation to product "+p.ID)
			}
		}
		return nil
	})
}

// DeleteProduct removes a product, its variations and its photos.
func (s *Store) DeleteProduct(ctx context.Context, id string) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		for _, table := range []string{"variations", "product_images"} {
			if err := s.conn(ctx).Exec("DELETE FROM "+table+" WHERE product_id = ?", id).Error; err != nil {
				return fmt.Errorf("delete product %s: %w", id, err)
			}
		}
		if err := s.conn(ctx).Exec("DELETE FROM products WHERE id = ?", id).Error; err != nil {
			return fmt.Errorf("delete product %s: %w", id, err)
		}
		return nil
	})
}

// summaryRow is a listing row.
type summaryRow struct {
	ID             string    `gorm:"column:id"`
	ShopID         string    `gorm:"column:shop_id"`
	ShopName       string    `gorm:"column:shop_name"`
	ShopSlug       string    `gorm:"column:shop_slug"`
	CategoryID     string    `gorm:"column:category_id"`
	CategoryName   string    `gorm:"column:category_name"`
	Name           string    `gorm:"column:name"`
	Currency       string    `gorm:"column:currency"`
	PriceFrom      int64     `gorm:"column:price_from"`
	VariationCount int       `gorm:"column:variation_count"`
	RatingAverage  float64   `gorm:"column:rating_average"`
	RatingCount    int64     `gorm:"column:rating_count"`
	CreatedAt      time.Time `gorm:"column:created_at"`
}

const summaryColumns = `p.id, p.shop_id, p.shop_name, p.shop_slug, p.category_id, c.name AS category_name, p.name,
	p.currency, p.price_from, p.variation_count, p.rating_average, p.rating_count, p.created_at`

// orders are the ORDER BY clauses of the sorts; each ends with the id so
// pages never overlap, and each matches an index of the migration.
var orders = map[domain.Sort]string{
	domain.SortNewest:    "p.created_at DESC, p.id DESC",
	domain.SortPriceAsc:  "p.price_from ASC, p.id ASC",
	domain.SortPriceDesc: "p.price_from DESC, p.id DESC",
	domain.SortRating:    "p.rating_average DESC, p.rating_count DESC, p.id DESC",
}

// filter applies the query's conditions to a query on "products p".
func (s *Store) filter(tx *gorm.DB, q domain.ListQuery) *gorm.DB {
	if !q.Unlisted {
		// A literal, not a parameter, so the partial indexes apply.
		tx = tx.Where("p.variation_count > 0")
	}
	if len(q.CategoryIDs) > 0 {
		tx = tx.Where("p.category_id IN ?", q.CategoryIDs)
	}
	if q.ShopID != "" {
		tx = tx.Where("p.shop_id = ?", q.ShopID)
	}
	words := q.Words()
	if len(words) == 0 {
		return tx
	}
	if s.db.Dialect() == database.Postgres {
		return tx.Where("p.search @@ to_tsquery('simple', ?)", TSQuery(words))
	}
	for _, w := range words {
		pat := "%" + likeEscaper.Replace(w) + "%"
		tx = tx.Where(`(lower(p.name) LIKE ? ESCAPE '\' OR lower(p.description) LIKE ? ESCAPE '\' OR lower(p.shop_name) LIKE ? ESCAPE '\')`, pat, pat, pat)
	}
	return tx
}

// TSQuery makes a PostgreSQL text query in which every word must match
// the start of a word of the text. The words come from
// domain.ListQuery.Words, so they hold only letters and digits: none of
// the query syntax (& | ! ( ) : * ' \) can get in.
func TSQuery(words []string) string {
	parts := make([]string, 0, len(words))
	for _, w := range words {
		parts = append(parts, w+":*")
	}
	return strings.Join(parts, " & ")
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)

// List returns a page of summaries and how many products match in all.
func (s *Store) List(ctx context.Context, q domain.ListQuery) ([]domain.Summary, int64, error) {
	order, ok := orders[q.Sort]
	if !ok {
		return nil, 0, fmt.Errorf("list products: unknown sort %q", q.Sort)
	}
	var total int64
	if err := s.filter(s.conn(ctx).Table("products p"), q).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count products: %w", err)
	}
	out := []domain.Summary{}
	if total <= int64(q.Offset()) {
		return out, total, nil
	}
	var rows []summaryRow
	err := s.filter(s.conn(ctx).Table("products p"), q).Select(summaryColumns).
		Joins("JOIN categories c ON c.id = p.category_id").
		Order(order).Limit(q.PerPage).Offset(q.Offset()).Scan(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list products: %w", err)
	}
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	imgs, err := s.images(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	for _, r := range rows {
		sum := domain.Summary{
			ID: r.ID, ShopID: r.ShopID, ShopName: r.ShopName, ShopSlug: r.ShopSlug,
			CategoryID: r.CategoryID, CategoryName: r.CategoryName, Name: r.Name, Currency: r.Currency,
			PriceFrom: r.PriceFrom, Variations: r.VariationCount,
			Rating: domain.Rating{Average: r.RatingAverage, Count: r.RatingCount}, CreatedAt: r.CreatedAt.UTC(),
		}
		if list := imgs[r.ID]; len(list) > 0 {
			first := list[0]
			sum.Image = &first
		}
		out = append(out, sum)
	}
	return out, total, nil
}

// SaveImage stores or updates a photo unless it was deleted.
func (s *Store) SaveImage(ctx context.Context, productID string, img domain.Image) error {
	err := s.conn(ctx).Exec(`INSERT INTO product_images (id, product_id, position, alt, thumb_url, medium_url, large_url, deleted)
		VALUES (?, ?, ?, ?, ?, ?, ?, FALSE)
		ON CONFLICT (id) DO UPDATE SET position = excluded.position, alt = excluded.alt, thumb_url = excluded.thumb_url,
			medium_url = excluded.medium_url, large_url = excluded.large_url
		WHERE NOT product_images.deleted`,
		img.ID, productID, img.Position, img.Alt, img.ThumbURL, img.MediumURL, img.LargeURL).Error
	if err != nil {
		return fmt.Errorf("save image %s of product %s: %w", img.ID, productID, err)
	}
	return nil
}

// DeleteImage marks a photo deleted, leaving a tombstone.
func (s *Store) DeleteImage(ctx context.Context, productID, imageID string) error {
	err := s.conn(ctx).Exec(`INSERT INTO product_images (id, product_id, position, alt, thumb_url, medium_url, large_url, deleted)
		VALUES (?, ?, 0, '', '', '', '', TRUE)
		ON CONFLICT (id) DO UPDATE SET deleted = TRUE`, imageID, productID).Error
	if err != nil {
		return fmt.Errorf("delete image %s of product %s: %w", imageID, productID, err)
	}
	return nil
}

// SaveRating stores a newer rating; the condition on the version makes
// an older report that arrives late change nothing.
func (s *Store) SaveRating(ctx context.Context, productID string, r domain.Rating) error {
	err := s.conn(ctx).Exec(`UPDATE products SET rating_average = ?, rating_count = ?, rating_version = ?
		WHERE id = ? AND rating_version < ?`, r.Average, r.Count, r.Version, productID, r.Version).Error
	if err != nil {
		return fmt.Errorf("save rating of product %s: %w", productID, err)
	}
	return nil
}

// MarkSeeded records a seed; the first caller wins, even concurrently.
func (s *Store) MarkSeeded(ctx context.Context, name string, at time.Time) (bool, error) {
	res := s.conn(ctx).Exec(`INSERT INTO seeds (name, seeded_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, at)
	if res.Error != nil {
		return false, fmt.Errorf("mark seed %s: %w", name, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// Variations looks up variations with their products in one query.
func (s *Store) Variations(ctx context.Context, ids []string) ([]domain.VariationInfo, error) {
	var rows []struct {
		VariationID, SKU, Name    string
		Price                     int64
		Currency                  string
		ProductID, ProductName    string
		ShopID, ShopName, OwnerID string
		ThumbURL                  *string
		ProductVersion            int64
	}
	err := s.conn(ctx).Raw(`SELECT v.id AS variation_id, v.sku, v.name, v.price, p.currency,
			p.id AS product_id, p.name AS product_name, p.shop_id, p.shop_name, p.owner_id, p.version AS product_version,
			(SELECT i.thumb_url FROM product_images i WHERE i.product_id = p.id AND NOT i.deleted
				ORDER BY i.position, i.id LIMIT 1) AS thumb_url
		FROM variations v JOIN products p ON p.id = v.product_id
		WHERE v.id IN ?`, ids).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("look up %d variations: %w", len(ids), err)
	}
	out := make([]domain.VariationInfo, 0, len(rows))
	for _, r := range rows {
		vi := domain.VariationInfo{
			VariationID: r.VariationID, SKU: r.SKU, Name: r.Name, Price: r.Price, Currency: r.Currency,
			ProductID: r.ProductID, ProductName: r.ProductName, ShopID: r.ShopID, ShopName: r.ShopName,
			OwnerID: r.OwnerID, ProductVersion: r.ProductVersion,
		}
		if r.ThumbURL != nil {
			vi.ThumbURL = *r.ThumbURL
		}
		out = append(out, vi)
	}
	return out, nil
}
