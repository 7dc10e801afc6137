package catalog

import (
	"strconv"

	"github.com/marketplace/marketplace/views/components"
)

// ListingView is the data of the listing and search page, GET
// /products?q=&category=&page=.
type ListingView struct {
	// Query is the search text; empty when browsing.
	Query string
	// Category is the slug of the category being shown, kept by the page's
	// search form so a search stays inside it; empty: all categories.
	Category string
	// Sort is the order of the results, one of the Sort constants; empty
	// means SortNewest.
	Sort string
	// Heading is the page heading, e.g. `Results for "mug"`, "Kitchen" or
	// "All products".
	Heading string
	// Summary counts the results, e.g. "24 products" or "No products match".
	Summary string
	// Categories are the top-level chips; their URLs keep the query.
	Categories []CategoryLink
	Products   []ProductCard
	// Pages links the neighbouring pages; their URLs keep query and category.
	Pages components.PageLinks
}

// listingTarget is the element that chips and pagination links replace.
const listingTarget = "#listing-results"

// searchLabel names the page's search form, which searches inside the
// current category.
func (v ListingView) searchLabel() string {
	if v.Category != "" {
		return "Search in this category"
	}
	return "Search products"
}

// chipID gives listing chips stable ids so that htmx can put the focus back
// on the chip that was clicked once the listing has been swapped.
func chipID(i int) string {
	return "category-chip-" + strconv.Itoa(i)
}

// Sort orders of the listing, as the query parameter "sort" names them.
const (
	SortNewest    = "newest"
	SortPriceAsc  = "price_asc"
	SortPriceDesc = "price_desc"
	SortRating    = "rating"
)

// SortOptions are the orders the listing offers, in the order shown.
var SortOptions = []components.Option{
	{Value: SortNewest, Label: "Newest"},
	{Value: SortPriceAsc, Label: "Price: low to high"},
	{Value: SortPriceDesc, Label: "Price: high to low"},
	{Value: SortRating, Label: "Top rated"},
}

func (v ListingView) sort() string {
	if v.Sort == "" {
		return SortNewest
	}
	return v.Sort
}
