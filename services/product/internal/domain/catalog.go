// Package domain holds the catalog's entities and rules: categories,
// products and their variations. No storage, no HTTP.
package domain

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// Money is an amount in minor units of a currency.
type Money struct {
	Amount   int64
	Currency string
}

// Category is a node of the category tree.
type Category struct {
	ID       string
	ParentID string
	Slug     string
	Name     string
	Position int
}

// Variation is one buyable version of a product, with its own price.
type Variation struct {
	ID    string
	SKU   string
	Name  string
	Price int64 // minor units of the product's currency
}

// Product is a shop's product.
type Product struct {
	ID           string
	ShopID       string
	ShopName     string
	CategoryID   string
	CategoryName string
	Name         string
	Description  string
	Currency     string
	Variations   []Variation
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Limits on product text.
const (
	MaxNameRunes        = 120
	MaxDescriptionRunes = 5000
	MaxVariations       = 50
)

// Validate checks the product's own invariants, collecting every problem.
func (p *Product) Validate() error {
	bad := map[string]string{}
	name := strings.TrimSpace(p.Name)
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		bad["name"] = "name is required"
	case n > MaxNameRunes:
		bad["name"] = "name is too long"
	}
	if utf8.RuneCountInString(p.Description) > MaxDescriptionRunes {
		bad["description"] = "description is too long"
	}
	if p.ShopID == "" {
		bad["shop_id"] = "the product needs a shop"
	}
	if p.CategoryID == "" {
		bad["category_id"] = "choose a category"
	}
	if len(p.Currency) != 3 {
		bad["currency"] = "currency must be an ISO 4217 code"
	}
	if len(p.Variations) > MaxVariations {
		bad["variations"] = "too many variations"
	}
	skus := map[string]bool{}
	for _, v := range p.Variations {
		if v.Price <= 0 {
			bad["price"] = "price must be more than zero"
		}
		if strings.TrimSpace(v.SKU) == "" {
			bad["sku"] = "SKU is required"
		} else if skus[v.SKU] {
			bad["sku"] = "SKU " + v.SKU + " is used twice"
		}
		skus[v.SKU] = true
	}
	if len(bad) > 0 {
		return fault.Fields(bad)
	}
	p.Name = name
	return nil
}

// PriceFrom is the lowest variation price (0 when there are none).
func (p *Product) PriceFrom() int64 {
	var low int64
	for i, v := range p.Variations {
		if i == 0 || v.Price < low {
			low = v.Price
		}
	}
	return low
}

// ListQuery selects a page of the catalog.
type ListQuery struct {
	Text        string   // words that must all appear in the name or description
	CategoryIDs []string // any of these; empty means all
	Page        int
	PerPage     int
}

// Paging limits.
const (
	DefaultPerPage = 24
	MaxPerPage     = 100
	MaxPage        = 10000
	MaxQueryRunes  = 100
	MaxQueryWords  = 8
)

// Words splits the search text into at most MaxQueryWords lower-case words.
func (q ListQuery) Words() []string {
	w := strings.Fields(strings.ToLower(q.Text))
	if len(w) > MaxQueryWords {
		w = w[:MaxQueryWords]
	}
	return w
}

// Normalize applies defaults and rejects out-of-range paging.
func (q *ListQuery) Normalize() error {
	if q.Page == 0 {
		q.Page = 1
	}
	if q.PerPage == 0 {
		q.PerPage = DefaultPerPage
	}
	bad := map[string]string{}
	if q.Page < 1 || q.Page > MaxPage {
		bad["page"] = "page must be between 1 and 10000"
	}
	if q.PerPage < 1 || q.PerPage > MaxPerPage {
		bad["per_page"] = "per_page must be between 1 and 100"
	}
	q.Text = strings.TrimSpace(q.Text)
	if utf8.RuneCountInString(q.Text) > MaxQueryRunes {
		bad["q"] = "the search text is too long (at most 100 characters)"
	}
	if len(bad) > 0 {
		return fault.Fields(bad)
	}
	return nil
}
