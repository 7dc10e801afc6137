// Package domain holds the comment service's entities and rules: product
// reviews, who may write, edit, delete, hide and see them, and the
// product's rating over its visible reviews. It does no I/O.
package domain

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Limits and defaults of a review.
const (
	MinRating            = 1
	MaxRating            = 5
	MaxBodyRunes         = 2000
	MaxAuthorNameRunes   = 100
	DefaultAuthorName    = "A shopper"
	ReviewsPerPage       = 20
	MaxRatingsPerRequest = 200
)

// Errors in the domain's terms.
var (
	// ErrReviewNotFound says there is no review with that id (or no review
	// of the acting user for that product).
	ErrReviewNotFound = fault.NotFoundf("no such review")
	// ErrProductNotFound says the product to review does not exist.
	ErrProductNotFound = fault.NotFoundf("no such product")
	// ErrAlreadyReviewed says the user has a review of the product already.
	ErrAlreadyReviewed = fault.Conflictf("you have already reviewed this product — edit your review instead")
	// ErrOwnProduct says a seller tried to review their own shop's product.
	ErrOwnProduct = fault.Forbiddenf("you cannot review a product of your own shop")
)

// Input is a checked rating, body and author name. Only NewInput makes
// one, so holding an Input means the rules were checked.
type Input struct {
	rating     int
	body       string
	authorName string // "" means "keep the current one" when editing
}

// NewInput checks what a user wrote and reports every problem at once as
// a fault.Fields error keyed like the request JSON (rating, body,
// author_name). The body and the name are trimmed; an empty name is kept
// empty here (see NewReview and Review.Edit for what it then means).
func NewInput(rating int, body, authorName string) (Input, error) {
	problems := map[string]string{}
	if rating < MinRating || rating > MaxRating {
		problems["rating"] = fmt.Sprintf("choose a rating from %d to %d stars", MinRating, MaxRating)
	}
	body = strings.TrimSpace(body)
	switch {
	case !utf8.ValidString(body):
		problems["body"] = "the review contains characters that are not valid text"
	case utf8.RuneCountInString(body) > MaxBodyRunes:
		problems["body"] = fmt.Sprintf("the review must be at most %d characters", MaxBodyRunes)
	}
	authorName = strings.TrimSpace(authorName)
	switch {
	case !utf8.ValidString(authorName):
		problems["author_name"] = "the author name contains characters that are not valid text"
	case utf8.RuneCountInString(authorName) > MaxAuthorNameRunes:
		problems["author_name"] = fmt.Sprintf("the author name must be at most %d characters", MaxAuthorNameRunes)
	case strings.IndexFunc(authorName, unicode.IsControl) >= 0:
		problems["author_name"] = "the author name must not contain control characters"
	}
	if len(problems) > 0 {
		return Input{}, fault.Fields(problems)
	}
	return Input{rating: rating, body: body, authorName: authorName}, nil
}

// Rating is the checked star rating.
func (in Input) Rating() int { return in.rating }

// Body is the trimmed text.
func (in Input) Body() string { return in.body }

// AuthorName is the trimmed display name, "" when none was given.
func (in Input) AuthorName() string { return in.authorName }

// Review is one user's review of a product.
type Review struct {
	id         string
	productID  string
	shopID     string
	userID     string
	authorName string
	rating     int
	body       string
	hidden     bool
	verified   bool
	createdAt  time.Time
	updatedAt  time.Time
}

// NewReview makes userID's review of productID (of shop shopID) from a
// checked input. Without an author name it is DefaultAuthorName.
func NewReview(id, productID, shopID, userID string, in Input, now time.Time) (*Review, error) {
	switch {
	case id == "" || productID == "" || userID == "":
		return nil, errors.New("new review: empty id, product or user")
	case in.rating == 0:
		return nil, errors.New("new review: input was not checked")
	}
	name := in.authorName
	if name == "" {
		name = DefaultAuthorName
	}
	now = now.UTC()
	return &Review{
		id: id, productID: productID, shopID: shopID, userID: userID, authorName: name,
		rating: in.rating, body: in.body, createdAt: now, updatedAt: now,
	}, nil
}

// RebuildReview restores a stored review without re-checking the rules.
func RebuildReview(id, productID, shopID, userID, authorName string, rating int, body string, hidden, verified bool, createdAt, updatedAt time.Time) *Review {
	return &Review{
		id: id, productID: productID, shopID: shopID, userID: userID, authorName: authorName,
		rating: rating, body: body, hidden: hidden, verified: verified,
		createdAt: createdAt.UTC(), updatedAt: updatedAt.UTC(),
	}
}

// Edit replaces the rating and text; an empty author name keeps the
// current one. It reports whether anything changed.
func (r *Review) Edit(in Input, now time.Time) bool {
	name := in.authorName
	if name == "" {
		name = r.authorName
	}
	if in.rating == r.rating && in.body == r.body && name == r.authorName {
		return false
	}
	r.rating, r.body, r.authorName, r.updatedAt = in.rating, in.body, name, now.UTC()
	return true
}

// SetHidden hides the review or shows it again; it reports whether that
// changed anything.
func (r *Review) SetHidden(hidden bool, now time.Time) bool {
	if r.hidden == hidden {
		return false
	}
	r.hidden, r.updatedAt = hidden, now.UTC()
	return true
}

// ID is the review's id.
func (r *Review) ID() string { return r.id }

// ProductID is the reviewed product.
func (r *Review) ProductID() string { return r.productID }

// ShopID is the product's shop when the review was written.
func (r *Review) ShopID() string { return r.shopID }

// UserID is the author's user id.
func (r *Review) UserID() string { return r.userID }

// AuthorName is the author's display name.
func (r *Review) AuthorName() string { return r.authorName }

// Rating is 1-5 stars.
func (r *Review) Rating() int { return r.rating }

// Body is the text, possibly empty.
func (r *Review) Body() string { return r.body }

// Hidden says an admin hid the review.
func (r *Review) Hidden() bool { return r.hidden }

// Verified says the author bought the product.
func (r *Review) Verified() bool { return r.verified }

// MarkVerified records that the author bought the product.
func (r *Review) MarkVerified() { r.verified = true }

// CreatedAt is when the review was written.
func (r *Review) CreatedAt() time.Time { return r.createdAt }

// UpdatedAt is when it last changed.
func (r *Review) UpdatedAt() time.Time { return r.updatedAt }

// Counted reports whether the review counts towards the product's rating:
// hidden reviews do not.
func (r *Review) Counted() bool { return !r.hidden }

// VisibleTo reports whether a may see the review: everyone sees a visible
// one; a hidden one only admins and its author.
func (r *Review) VisibleTo(a actor.Actor) bool {
	return !r.hidden || a.IsAdmin() || (!a.Anonymous() && a.UserID == r.userID)
}

var errSignIn = fault.Unauthenticatedf("sign in to write reviews")

// CanWrite checks that a may write a review: anyone signed in.
func CanWrite(a actor.Actor) error {
	if a.Anonymous() {
		return errSignIn
	}
	return nil
}

// CanEdit checks that a may edit r: only its author.
func (r *Review) CanEdit(a actor.Actor) error {
	switch {
	case a.Anonymous():
		return errSignIn
	case a.UserID != r.userID:
		return fault.Forbiddenf("you may only edit your own review")
	}
	return nil
}

// CanDelete checks that a may delete r: its author or an admin.
func (r *Review) CanDelete(a actor.Actor) error {
	switch {
	case a.Anonymous():
		return errSignIn
	case a.UserID != r.userID && !a.IsAdmin():
		return fault.Forbiddenf("you may only delete your own review")
	}
	return nil
}

// CanModerate checks that a may hide and show reviews: admins only.
func CanModerate(a actor.Actor) error {
	switch {
	case a.Anonymous():
		return fault.Unauthenticatedf("sign in as an admin to moderate reviews")
	case !a.IsAdmin():
		return fault.Forbiddenf("only admins may hide or show reviews")
	}
	return nil
}
