// Package catalog renders the shopper's view of the catalogue: the home page
// and the product grid that listings and HTMX filters swap.
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

func (c ProductCard) imageSrc() string {
	if c.ImageURL == "" {
		return PlaceholderImage
	}
	return c.ImageURL
}

// imageAlt is empty for the placeholder: it says nothing the card's name
// does not, so screen readers skip it.
func (c ProductCard) imageAlt() string {
	switch {
	case c.ImageURL == "":
		return ""
	case c.ImageAlt != "":
		return c.ImageAlt
	}
	return c.Name
}

func imageLoading(i int) string {
	if i < eagerImages {
		return "eager"
	}
	return "lazy"
}
