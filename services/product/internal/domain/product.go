package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Limits on what a seller may enter.
const (
	MaxNameRunes          = 120
	MaxDescriptionRunes   = 5000
	MaxVariations         = 50
	MaxVariationNameRunes = 60
	MaxSKURunes           = 64
	MaxPrice              = 100_000_000 // 1,000,000.00 in minor units
)

// Variation is one buyable version of a product, with its own price.
type Variation struct {
	ID    string
	SKU   string
	Name  string
	Price int64 // minor units of the product's currency
}

// Image is a processed photo of a product, as the media service announced
// it.
type Image struct {
	ID        string
	Position  int
	Alt       string
	ThumbURL  string
	MediumURL string
	LargeURL  string
}

// Rating is a product's review average as the comment service last
// reported it; Version orders the reports.
type Rating struct {
	Average float64
	Count   int64
	Version int64
}

// Product is a shop's product. Shop and category names are copies kept
// for display; Version grows by one with every change the product's events
// announce.
type Product struct {
	ID           string
	ShopID       string
	OwnerID      string
	ShopName     string
	ShopSlug     string
	CategoryID   string
	CategoryName string
	CategorySlug string
	Name         string
	Description  string
	Currency     string
	Variations   []Variation
	Images       []Image
	Rating       Rating
	Version      int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Errors of product changes.
var (
	// ErrProductNotFound says there is no such product.
	ErrProductNotFound = fault.NotFoundf("no such product")
	// ErrVariationNotFound says the product has no such variation.
	ErrVariationNotFound = fault.NotFoundf("no such variation")
	// ErrSKUTaken says another variation of the shop has the SKU.
	ErrSKUTaken = fault.Fields(map[string]string{"sku": "this SKU is already used in your shop"})
	// ErrTooManyVariations says the product has all the variations it may.
	ErrTooManyVariations = fault.Conflictf("a product has at most %d variations", MaxVariations)
)

// ProductInput is what a seller enters for a product.
type ProductInput struct {
	CategoryID  string
	Name        string
	Description string
}

// Check trims the input and reports every problem at once, as fault.Fields
// keyed like the request (category_id, name, description).
func (in ProductInput) Check() (ProductInput, error) {
	in.CategoryID = strings.TrimSpace(in.CategoryID)
	in.Name = strings.TrimSpace(in.Name)
	in.Description = strings.TrimSpace(in.Description)
	bad := map[string]string{}
	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		bad["name"] = "name is required"
	case n > MaxNameRunes:
		bad["name"] = fmt.Sprintf("name is too long (at most %d characters)", MaxNameRunes)
	case hasControl(in.Name):
		bad["name"] = "name must be one line of text"
	}
	if utf8.RuneCountInString(in.Description) > MaxDescriptionRunes {
		bad["description"] = fmt.Sprintf("description is too long (at most %d characters)", MaxDescriptionRunes)
	}
	if in.CategoryID == "" {
		bad["category_id"] = "choose a category"
	}
	if len(bad) > 0 {
		return in, fault.Fields(bad)
	}
	return in, nil
}

// VariationInput is what a seller enters for a variation.
type VariationInput struct {
	SKU   string
	Name  string
	Price int64
}

// Check trims the input and reports every problem at once, as fault.Fields
// keyed sku, name and price.
func (in VariationInput) Check() (VariationInput, error) {
	in.SKU = strings.TrimSpace(in.SKU)
	in.Name = strings.TrimSpace(in.Name)
	bad := map[string]string{}
	switch n := utf8.RuneCountInString(in.SKU); {
	case n == 0:
		bad["sku"] = "SKU is required"
	case n > MaxSKURunes:
		bad["sku"] = fmt.Sprintf("SKU is too long (at most %d characters)", MaxSKURunes)
	case strings.ContainsFunc(in.SKU, unicode.IsSpace) || hasControl(in.SKU):
		bad["sku"] = "SKU must not contain spaces"
	}
	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		bad["name"] = "name is required"
	case n > MaxVariationNameRunes:
		bad["name"] = fmt.Sprintf("name is too long (at most %d characters)", MaxVariationNameRunes)
	case hasControl(in.Name):
		bad["name"] = "name must be one line of text"
	}
	switch {
	case in.Price <= 0:
		bad["price"] = "price must be more than zero"
	case in.Price > MaxPrice:
		bad["price"] = "price must be at most 1,000,000.00"
	}
	if len(bad) > 0 {
		return in, fault.Fields(bad)
	}
	return in, nil
}

func hasControl(s string) bool { return strings.ContainsFunc(s, unicode.IsControl) }

// NewVariation returns a checked variation with id.
func NewVariation(id string, in VariationInput) (Variation, error) {
	in, err := in.Check()
	if err != nil {
		return Variation{}, err
	}
	return Variation{ID: id, SKU: in.SKU, Name: in.Name, Price: in.Price}, nil
}

// NewProduct returns a new product of shop in category cat, at version 1.
func NewProduct(id string, shop Shop, cat Category, in ProductInput, currency string, now time.Time) (*Product, error) {
	in, err := in.Check()
	if err != nil {
		return nil, err
	}
	if shop.ID == "" || shop.Closed {
		return nil, ErrNoShop
	}
	if cat.ID != in.CategoryID {
		return nil, fault.Fields(map[string]string{"category_id": "there is no such category"})
	}
	if len(currency) != 3 {
		return nil, fmt.Errorf("new product: currency %q is not an ISO 4217 code", currency)
	}
	return &Product{
		ID: id, ShopID: shop.ID, OwnerID: shop.OwnerID, ShopName: shop.Name, ShopSlug: shop.Slug,
		CategoryID: cat.ID, CategoryName: cat.Name, CategorySlug: cat.Slug,
		Name: in.Name, Description: in.Description, Currency: currency,
		Version: 1, CreatedAt: now, UpdatedAt: now,
	}, nil
}

// MayEdit says whether a may change the product: only its shop's owner.
func (p *Product) MayEdit(a actor.Actor) error {
	if a.Anonymous() {
		return fault.Unauthenticatedf("sign in to edit products")
	}
	if a.UserID != p.OwnerID {
		return fault.Forbiddenf("this product belongs to another shop")
	}
	return nil
}

// MayDelete says whether a may delete the product: its shop's owner, or an
// admin moderating the catalog.
func (p *Product) MayDelete(a actor.Actor) error {
	if a.IsAdmin() {
		return nil
	}
	return p.MayEdit(a)
}

// changed records a change announced as a new version.
func (p *Product) changed(now time.Time) {
	p.Version++
	p.UpdatedAt = now
}

// Edit replaces the product's own fields; cat must be the category the
// input names.
func (p *Product) Edit(cat Category, in ProductInput, now time.Time) error {
	in, err := in.Check()
	if err != nil {
		return err
	}
	if cat.ID != in.CategoryID {
		return fault.Fields(map[string]string{"category_id": "there is no such category"})
	}
	p.CategoryID, p.CategoryName, p.CategorySlug = cat.ID, cat.Name, cat.Slug
	p.Name, p.Description = in.Name, in.Description
	p.changed(now)
	return nil
}

// AddVariation appends v. Its SKU must differ from the product's others
// (the store checks the rest of the shop).
func (p *Product) AddVariation(v Variation, now time.Time) error {
	if len(p.Variations) >= MaxVariations {
		return ErrTooManyVariations
	}
	if p.skuTaken(v.SKU, "") {
		return ErrSKUTaken
	}
	p.Variations = append(p.Variations, v)
	p.changed(now)
	return nil
}

// UpdateVariation replaces the SKU, name and price of variation vid.
func (p *Product) UpdateVariation(vid string, in VariationInput, now time.Time) (Variation, error) {
	i := p.variation(vid)
	if i < 0 {
		return Variation{}, ErrVariationNotFound
	}
	v, err := NewVariation(vid, in)
	if err != nil {
		return Variation{}, err
	}
	if p.skuTaken(v.SKU, vid) {
		return Variation{}, ErrSKUTaken
	}
	p.Variations[i] = v
	p.changed(now)
	return v, nil
}

// RemoveVariation deletes variation vid.
func (p *Product) RemoveVariation(vid string, now time.Time) error {
	i := p.variation(vid)
	if i < 0 {
		return ErrVariationNotFound
	}
	p.Variations = slices.Delete(p.Variations, i, i+1)
	p.changed(now)
	return nil
}

func (p *Product) variation(vid string) int {
	return slices.IndexFunc(p.Variations, func(v Variation) bool { return v.ID == vid })
}

func (p *Product) skuTaken(sku, except string) bool {
	return slices.ContainsFunc(p.Variations, func(v Variation) bool { return v.SKU == sku && v.ID != except })
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

// VariationIDs lists the ids of the product's variations.
func (p *Product) VariationIDs() []string {
	ids := make([]string, 0, len(p.Variations))
	for _, v := range p.Variations {
		ids = append(ids, v.ID)
	}
	return ids
}

// VariationInfo is a variation with what a cart or an order line needs of
// its product and shop.
type VariationInfo struct {
	VariationID, SKU, Name    string
	Price                     int64
	Currency                  string
	ProductID, ProductName    string
	ShopID, ShopName, OwnerID string
	ThumbURL                  string
	ProductVersion            int64
}
