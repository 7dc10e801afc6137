// Package app holds the comment service's use cases, one per file. It
// declares what it needs from the outside here; the adapters provide it and
// comment.go wires them by hand.
package app

import (
	"context"
	"time"

	"github.com/marketplace/marketplace/services/comment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// Store keeps reviews and ratings. Its methods run in the transaction in
// ctx, if any.
type Store interface {
	// LockRating returns the product's rating, creating an empty one when
	// there is none, and locks it until the transaction ends. Every change
	// of a product's reviews takes this lock first, so the changes of one
	// product are serial and always take locks in the same order.
	LockRating(ctx context.Context, productID string) (domain.Rating, error)
	// SaveRating writes a rating back.
	SaveRating(ctx context.Context, r domain.Rating) error
	// DeleteRating removes a product's rating.
	DeleteRating(ctx context.Context, productID string) error
	// Ratings returns the ratings of the given products that exist.
	Ratings(ctx context.Context, productIDs []string) ([]domain.Rating, error)
	// ShopRating returns the count and sum of the visible reviews of a
	// shop's products.
	ShopRating(ctx context.Context, shopID string) (count, sum int64, err error)

	// AddReview stores a new review; domain.ErrAlreadyReviewed when the
	// user has one of the product (decided by the unique index).
	AddReview(ctx context.Context, r *domain.Review) error
	// AddReviewIfAbsent stores a review unless one with its id, or of its
	// user and product, exists; it reports whether it stored it.
	AddReviewIfAbsent(ctx context.Context, r *domain.Review) (bool, error)
	// SaveReview writes an edited review back.
	SaveReview(ctx context.Context, r *domain.Review) error
	// DeleteReview removes a review.
	DeleteReview(ctx context.Context, id string) error
	// ReviewByID returns a review or domain.ErrReviewNotFound.
	ReviewByID(ctx context.Context, id string) (*domain.Review, error)
	// ReviewByAuthor returns userID's review of a product or
	// domain.ErrReviewNotFound.
	ReviewByAuthor(ctx context.Context, productID, userID string) (*domain.Review, error)
	// ReviewsOf returns a page of reviews, newest first, and how many
	// match in all.
	ReviewsOf(ctx context.Context, q ReviewQuery) ([]*domain.Review, int64, error)
	// RecordPurchases notes that a user bought the products (once each)
	// and marks their reviews of them verified.
	RecordPurchases(ctx context.Context, userID string, productIDs []string, at time.Time) error
	// Purchased reports whether a user bought a product.
	Purchased(ctx context.Context, userID, productID string) (bool, error)
	// ReviewRefs returns the id and product of every review of a user or
	// of a product (one of the two is set), ordered by product then id.
	ReviewRefs(ctx context.Context, userID, productID string) ([]ReviewRef, error)
}

// ReviewQuery selects reviews of one product or of one shop (exactly one
// is set), as viewer may see them.
type ReviewQuery struct {
	ProductID string
	ShopID    string
	Viewer    actor.Actor // admins see hidden reviews; others only their own hidden ones
	Offset    int
	Limit     int
}

// ReviewRef names a review and its product.
type ReviewRef struct {
	ID        string
	ProductID string
}

// Transactor runs fn in one database transaction carried by ctx; a nested
// call joins the outer transaction.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Events records outgoing events in the transaction in ctx (the outbox).
type Events interface {
	Add(ctx context.Context, events ...eventbus.Payload) error
}

// Product is what the comment service needs to know of a product.
type Product struct {
	ID      string
	ShopID  string
	OwnerID string // the shop owner's user id
}

// Catalog looks products up in the product service.
type Catalog interface {
	// Product returns a product or domain.ErrProductNotFound.
	Product(ctx context.Context, id string) (Product, error)
}
