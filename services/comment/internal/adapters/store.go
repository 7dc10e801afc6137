// Package adapters implements the comment service's ports: the gorm store
// of reviews and ratings, and the product service behind app.Catalog.
package adapters

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/marketplace/marketplace/services/comment/internal/app"
	"github.com/marketplace/marketplace/services/comment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
)

// reviewRow is the gorm model of the reviews table.
type reviewRow struct {
	ID         string `gorm:"primaryKey"`
	ProductID  string
	ShopID     string
	UserID     string
	AuthorName string
	Rating     int
	Body       string
	Hidden     bool
	Verified   bool
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt  time.Time `gorm:"autoUpdateTime:false"`
}

func (reviewRow) TableName() string { return "reviews" }

func toRow(r *domain.Review) reviewRow {
	return reviewRow{
		ID: r.ID(), ProductID: r.ProductID(), ShopID: r.ShopID(), UserID: r.UserID(), AuthorName: r.AuthorName(),
		Rating: r.Rating(), Body: r.Body(), Hidden: r.Hidden(), Verified: r.Verified(),
		CreatedAt: r.CreatedAt(), UpdatedAt: r.UpdatedAt(),
	}
}

func (row reviewRow) review() *domain.Review {
	return domain.RebuildReview(row.ID, row.ProductID, row.ShopID, row.UserID, row.AuthorName, row.Rating, row.Body,
		row.Hidden, row.Verified, row.CreatedAt, row.UpdatedAt)
}

// ratingRow is the gorm model of the product_ratings table.
type ratingRow struct {
	ProductID   string `gorm:"primaryKey"`
	ReviewCount int64
	RatingSum   int64
	Version     int64
	UpdatedAt   time.Time `gorm:"autoUpdateTime:false"`
}

func (ratingRow) TableName() string { return "product_ratings" }

func (row ratingRow) rating() domain.Rating {
	return domain.RebuildRating(row.ProductID, row.ReviewCount, row.RatingSum, row.Version)
}

// Store keeps reviews and ratings in the service's database. Every call
// uses db.Conn(ctx), so it joins the transaction in ctx when there is one.
type Store struct {
	db    *database.DB
	clock clock.Clock
}

var _ app.Store = (*Store)(nil)

// NewStore returns the store over db; clk stamps rating changes.
func NewStore(db *database.DB, clk clock.Clock) *Store {
	if clk == nil {
		clk = clock.System{}
	}
	return &Store{db: db, clock: clk}
}

// LockRating implements app.Store. On PostgreSQL the row lock is FOR
// UPDATE; SQLite transactions hold the whole database's write lock from
// their start, which serialises them anyway.
func (s *Store) LockRating(ctx context.Context, productID string) (domain.Rating, error) {
	conn := s.db.Conn(ctx)
	err := conn.Exec(`INSERT INTO product_ratings (product_id, review_count, rating_sum, version, updated_at)
		VALUES (?, 0, 0, 0, ?) ON CONFLICT (product_id) DO NOTHING`, productID, s.clock.Now()).Error
	if err != nil {
		return domain.Rating{}, fmt.Errorf("create rating of product %s: %w", productID, err)
	}
	q := conn.Where("product_id = ?", productID)
	if s.db.Dialect() == database.Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var row ratingRow
	if err := q.Take(&row).Error; err != nil {
		return domain.Rating{}, fmt.Errorf("lock rating of product %s: %w", productID, err)
	}
	return row.rating(), nil
}

// SaveRating implements app.Store.
func (s *Store) SaveRating(ctx context.Context, r domain.Rating) error {
	err := s.db.Conn(ctx).Model(&ratingRow{}).Where("product_id = ?", r.ProductID()).Updates(map[string]any{
		"review_count": r.Count(), "rating_sum": r.Sum(), "version": r.Version(), "updated_at": s.clock.Now(),
	}).Error
	if err != nil {
		return fmt.Errorf("save rating of product %s: %w", r.ProductID(), err)
	}
	return nil
}

// DeleteRating implements app.Store.
func (s *Store) DeleteRating(ctx context.Context, productID string) error {
	if err := s.db.Conn(ctx).Where("product_id = ?", productID).Delete(&ratingRow{}).Error; err != nil {
		return fmt.Errorf("delete rating of product %s: %w", productID, err)
	}
	return nil
}

// Ratings implements app.Store.
func (s *Store) Ratings(ctx context.Context, productIDs []string) ([]domain.Rating, error) {
	var rows []ratingRow
	if err := s.db.Conn(ctx).Where("product_id IN ?", productIDs).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read ratings: %w", err)
	}
	out := make([]domain.Rating, len(rows))
	for i, row := range rows {
		out[i] = row.rating()
	}
	return out, nil
}

// ShopRating implements app.Store.
func (s *Store) ShopRating(ctx context.Context, shopID string) (int64, int64, error) {
	var res struct{ N, Total int64 }
	err := s.db.Conn(ctx).Model(&reviewRow{}).Select("count(*) AS n, coalesce(sum(rating), 0) AS total").
		Where("shop_id = ? AND hidden = ?", shopID, false).Scan(&res).Error
	if err != nil {
		return 0, 0, fmt.Errorf("rating of shop %s: %w", shopID, err)
	}
	return res.N, res.Total, nil
}

// AddReview implements app.Store.
func (s *Store) AddReview(ctx context.Context, r *domain.Review) error {
	row := toRow(r)
	err := s.db.Conn(ctx).Create(&row).Error
	switch {
	case database.IsUniqueViolation(err):
		// The id is a fresh UUIDv7, so the index that fired is the one on
		// product and user.
		return domain.ErrAlreadyReviewed.WithCause(err)
	case err != nil:
		return fmt.Errorf("store review %s: %w", r.ID(), err)
	}
	return nil
}

// AddReviewIfAbsent implements app.Store.
func (s *Store) AddReviewIfAbsent(ctx context.Context, r *domain.Review) (bool, error) {
	row := toRow(r)
	res := s.db.Conn(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	if res.Error != nil {
		return false, fmt.Errorf("store review %s: %w", r.ID(), res.Error)
	}
	return res.RowsAffected == 1, nil
}

// SaveReview implements app.Store. Only what an edit or moderation can
// change is written.
func (s *Store) SaveReview(ctx context.Context, r *domain.Review) error {
	err := s.db.Conn(ctx).Model(&reviewRow{}).Where("id = ?", r.ID()).Updates(map[string]any{
		"author_name": r.AuthorName(), "rating": r.Rating(), "body": r.Body(), "hidden": r.Hidden(), "updated_at": r.UpdatedAt(),
	}).Error
	if err != nil {
		return fmt.Errorf("save review %s: %w", r.ID(), err)
	}
	return nil
}

// DeleteReview implements app.Store.
func (s *Store) DeleteReview(ctx context.Context, id string) error {
	if err := s.db.Conn(ctx).Where("id = ?", id).Delete(&reviewRow{}).Error; err != nil {
		return fmt.Errorf("delete review %s: %w", id, err)
	}
	return nil
}

// ReviewByID implements app.Store.
func (s *Store) ReviewByID(ctx context.Context, id string) (*domain.Review, error) {
	return s.reviewWhere(ctx, s.db.Conn(ctx).Where("id = ?", id))
}

// ReviewByAuthor implements app.Store.
func (s *Store) ReviewByAuthor(ctx context.Context, productID, userID string) (*domain.Review, error) {
	return s.reviewWhere(ctx, s.db.Conn(ctx).Where("product_id = ? AND user_id = ?", productID, userID))
}

func (s *Store) reviewWhere(_ context.Context, q *gorm.DB) (*domain.Review, error) {
	var row reviewRow
	err := q.Take(&row).Error
	switch {
	case database.IsNotFound(err):
		return nil, domain.ErrReviewNotFound
	case err != nil:
		return nil, fmt.Errorf("load review: %w", err)
	}
	return row.review(), nil
}

// ReviewsOf implements app.Store.
func (s *Store) ReviewsOf(ctx context.Context, q app.ReviewQuery) ([]*domain.Review, int64, error) {
	scope := func(db *gorm.DB) *gorm.DB {
		db = db.Model(&reviewRow{})
		if q.ProductID != "" {
			db = db.Where("product_id = ?", q.ProductID)
		} else {
			db = db.Where("shop_id = ?", q.ShopID)
		}
		switch {
		case q.Viewer.IsAdmin():
		case q.Viewer.Anonymous():
			db = db.Where("hidden = ?", false)
		default:
			db = db.Where("(hidden = ? OR user_id = ?)", false, q.Viewer.UserID)
		}
		return db
	}
	conn := s.db.Conn(ctx)
	var total int64
	if err := conn.Scopes(scope).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count reviews: %w", err)
	}
	var rows []reviewRow
	err := conn.Scopes(scope).Order("created_at DESC, id DESC").Offset(q.Offset).Limit(q.Limit).Find(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list reviews: %w", err)
	}
	out := make([]*domain.Review, len(rows))
	for i, row := range rows {
		out[i] = row.review()
	}
	return out, total, nil
}

// ReviewRefs implements app.Store.
func (s *Store) ReviewRefs(ctx context.Context, userID, productID string) ([]app.ReviewRef, error) {
	q := s.db.Conn(ctx).Model(&reviewRow{}).Select("id, product_id")
	if userID != "" {
		q = q.Where("user_id = ?", userID)
	} else {
		q = q.Where("product_id = ?", productID)
	}
	var refs []app.ReviewRef
	if err := q.Order("product_id, id").Scan(&refs).Error; err != nil {
		return nil, fmt.Errorf("find reviews: %w", err)
	}
	return refs, nil
}

// RecordPurchases implements app.Store.
func (s *Store) RecordPurchases(ctx context.Context, userID string, productIDs []string, at time.Time) error {
	conn := s.db.Conn(ctx)
	for _, pid := range productIDs {
		if err := conn.Exec(`INSERT INTO purchases (user_id, product_id, paid_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id, product_id) DO NOTHING`, userID, pid, at.UTC()).Error; err != nil {
			return fmt.Errorf("record purchase of %s: %w", pid, err)
		}
	}
	if err := conn.Exec(`UPDATE reviews SET verified = TRUE WHERE user_id = ? AND product_id IN ? AND NOT verified`,
		userID, productIDs).Error; err != nil {
		return fmt.Errorf("mark reviews verified: %w", err)
	}
	return nil
}

// Purchased implements app.Store.
func (s *Store) Purchased(ctx context.Context, userID, productID string) (bool, error) {
	var n int64
	err := s.db.Conn(ctx).Raw(`SELECT count(*) FROM purchases WHERE user_id = ? AND product_id = ?`, userID, productID).Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("look up purchase: %w", err)
	}
	return n > 0, nil
}
