// Package catalog renders the shopper's view of the catalogue: the home page,
// the product listing and search page with the fragment that HTMX swaps, the
// product page and the product grid they share.
package catalog

// PlaceholderImage is shown for a product without an image.
const PlaceholderImage = "/static/img/placeholder.svg"

// ProductCard is one product in a grid, every field ready to display.
type ProductCard struct {
	ID       string
	Name     string
	URL      string // the product page, e.g. "/products/{id}"
	Price    string // formatted, e.g. "€19.99" or "from €9.00"; empty hides it
	ShopName string
	ImageURL string // empty: PlaceholderImage
	ImageAlt string // empty: the product name
	Category string
}

// CategoryLink is one category chip; Active marks the one being shown.
type CategoryLink struct {
	Name   string
	URL    string
	Active bool
}

// HomeView is the data of the home page.
type HomeView struct {
	Products   []ProductCard
	Categories []CategoryLink
}

// eagerImages is how many cards load their image at once: about the first
// row at desktop width; the rest are lazy.
const eagerImages = 4

func (c ProductCard) imageSrc() string { return imageSrc(c.ImageURL) }
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
