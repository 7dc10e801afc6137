package domain

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// Summary is a product as a listing shows it.
type Summary struct {
	ID           string
	ShopID       string
	ShopName     string
	ShopSlug     string
	CategoryID   string
	CategoryName string
	Name         string
	Currency     string
	PriceFrom    int64
	Variations   int
	Image        *Image // the first photo, if any
	Rating       Rating
	CreatedAt    time.Time
}

// Sort is the order of a listing.
type Sort string

// The orders.
const (
	SortNewest    Sort = "newest"
	SortPriceAsc  Sort = "price_asc"
	SortPriceDesc Sort = "price_desc"
	SortRating    Sort = "rating" // best average first, then most reviews
)

// Valid reports whether s is a known order.
func (s Sort) Valid() bool {
	return s == SortNewest || s == SortPriceAsc || s == SortPriceDesc || s == SortRating
}

// ListQuery selects a page of the catalog.
type ListQuery struct {
	Text     string // words that must all match the name, description or shop name
	Category string // a category slug: it and its subcategories
	ShopID   string
	Sort     Sort
	Page     int
	PerPage  int

	// CategoryIDs are the category and its subcategories, resolved from
	// Category by the use case.
	CategoryIDs []string
	// Unlisted includes products without variations, which shoppers cannot
	// buy: only for a shop owner looking at their own shop.
	Unlisted bool
}

// Paging and search limits.
const (
	DefaultPerPage = 24
	MaxPerPage     = 100
	MaxPage        = 10000
	MaxQueryRunes  = 100
	MaxQueryWords  = 8
)

// Normalize applies defaults and rejects out-of-range input, naming the
// query parameters (page, per_page, q, sort).
func (q *ListQuery) Normalize() error {
	if q.Page == 0 {
		q.Page = 1
	}
	if q.PerPage == 0 {
		q.PerPage = DefaultPerPage
	}
	if q.Sort == "" {
		q.Sort = SortNewest
	}
	q.Text = strings.TrimSpace(q.Text)
	q.Category = strings.TrimSpace(q.Category)
	q.ShopID = strings.TrimSpace(q.ShopID)
	bad := map[string]string{}
	if q.Page < 1 || q.Page > MaxPage {
		bad["page"] = "page must be between 1 and 10000"
	}
	if q.PerPage < 1 || q.PerPage > MaxPerPage {
		bad["per_page"] = "per_page must be between 1 and 100"
	}
	if utf8.RuneCountInString(q.Text) > MaxQueryRunes {
		bad["q"] = "the search text is too long (at most 100 characters)"
	}
	if !q.Sort.Valid() {
		bad["sort"] = "sort must be newest, price_asc, price_desc or rating"
	}
	if len(bad) > 0 {
		return fault.Fields(bad)
	}
	return nil
}

// Words splits the search text into at most MaxQueryWords distinct
// lower-case words of letters and digits. Every other character separates
// words ("T-Shirt" is "t" and "shirt"), so no search syntax of either
// database can be smuggled in.
func (q ListQuery) Words() []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(q.Text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
		if len(out) == MaxQueryWords {
			break
		}
	}
	return out
}

// MatchesNothing reports a search of only punctuation: there is text but
// no word to look for, so nothing matches (rather than everything).
func (q ListQuery) MatchesNothing() bool {
	return strings.TrimSpace(q.Text) != "" && len(q.Words()) == 0
}

// Offset is the number of products before the page.
func (q ListQuery) Offset() int { return (q.Page - 1) * q.PerPage }
