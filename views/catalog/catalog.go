// Package catalog renders the shopper's view of the catalogue: the home page,
// the product listing and search page with the fragment that HTMX swaps, the
// product page with its gallery, option picker and reviews, a shop's page,
// and the product grid they share.
package catalog

import (
	"strconv"
	"unicode"

	"github.com/marketplace/marketplace/views/components"
)

// PlaceholderImage is shown for a product without an image.
const PlaceholderImage = "/static/img/placeholder.svg"

// ProductCard is one product in a grid, every field ready to display.
type ProductCard struct {
	ID       string
	Name     string
	URL      string // the product page, e.g. "/products/{id}"
	Price    string // formatted, e.g. "€19.99" or "from €9.00"; empty hides it
	ShopName string
	ShopURL  string // the shop's page, e.g. "/shops/{slug}"; empty: no link
	ImageURL string // empty: PlaceholderImage
	// ImageLargeURL is a sharper version of the image for wide cards and
	// dense screens; optional.
	ImageLargeURL string
	ImageAlt      string // empty: the product name
	Category      string
	// Rating is shown as stars with the number of reviews; nothing
	// without reviews.
	Rating components.Rating
}

// CategoryLink is one category chip; Active marks the one being shown.
type CategoryLink struct {
	Name   string
	URL    string
	Active bool
}

// HomeView is the data of the home page.
type HomeView struct {
	// NewArrivals are the newest products, in #product-grid.
	NewArrivals []ProductCard
	// TopRated are the best rated products, in #top-rated-grid.
	TopRated   []ProductCard
	Categories []CategoryLink
}

// eagerImages is how many cards load their image at once: about the first
// row at desktop width; the rest are lazy.
const eagerImages = 4

func (c ProductCard) imageSrc() string { return imageSrc(c.ImageURL) }

// imageSrcSet offers the larger image to wide cards and dense screens.
func (c ProductCard) imageSrcSet() string {
	if c.ImageURL == "" || c.ImageLargeURL == "" {
		return ""
	}
	return c.ImageURL + " 200w, " + c.ImageLargeURL + " 800w"
}
func (c ProductCard) imageAlt() string { return imageAlt(c.ImageURL, c.ImageAlt, c.Name) }

func imageSrc(url string) string {
	if url == "" {
		return PlaceholderImage
	}
	return url
}

// imageAlt is empty for the placeholder: it says nothing the product's name
// next to it does not, so screen readers skip it.
func imageAlt(url, alt, name string) string {
	switch {
	case url == "":
		return ""
	case alt != "":
		return alt
	}
	return name
}

func imageLoading(i int) string {
	if i < eagerImages {
		return "eager"
	}
	return "lazy"
}

func itoa(i int) string { return strconv.Itoa(i) }

// initial is the letter a shop's avatar shows.
func initial(name string) string {
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return string(unicode.ToUpper(r))
		}
	}
	return "?"
}
