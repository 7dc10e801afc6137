// Package commentevents holds the events the comment service publishes.
//
// Besides comment.created, which the architecture names, the service
// publishes comment.updated and comment.deleted: every review change moves
// the product's average rating, and the product service keeps that average
// (for sorting by rating) from these events.
package commentevents

import "time"

// ProductRating is a product's rating after a change, over its visible
// reviews. Version grows with every change of the product's reviews, so a
// consumer keeps the newest even when events arrive out of order.
type ProductRating struct {
	Average float64 `json:"average"` // 0 when Count is 0
	Count   int64   `json:"count"`
	Version int64   `json:"version"`
}

// Review is a review as events carry it.
type Review struct {
	CommentID string        `json:"comment_id"`
	ProductID string        `json:"product_id"`
	ShopID    string        `json:"shop_id"`
	UserID    string        `json:"user_id"`
	Rating    int           `json:"rating"` // 1-5
	Product   ProductRating `json:"product_rating"`
}

// CommentCreated announces a new review.
type CommentCreated struct {
	Review
	CreatedAt time.Time `json:"created_at"`
}

// EventName is the routing key.
func (CommentCreated) EventName() string { return "comment.created" }

// EventVersion is the payload's schema version.
func (CommentCreated) EventVersion() int { return 1 }

// CommentUpdated announces an edited review, or one an admin hid or showed
// again (Hidden).
type CommentUpdated struct {
	Review
	Hidden    bool      `json:"hidden"`
	UpdatedAt time.Time `json:"updated_at"`
}

// EventName is the routing key.
func (CommentUpdated) EventName() string { return "comment.updated" }

// EventVersion is the payload's schema version.
func (CommentUpdated) EventVersion() int { return 1 }

// CommentDeleted announces a deleted review.
type CommentDeleted struct {
	Review
	DeletedAt time.Time `json:"deleted_at"`
}

// EventName is the routing key.
func (CommentDeleted) EventName() string { return "comment.deleted" }

// EventVersion is the payload's schema version.
func (CommentDeleted) EventVersion() int { return 1 }
