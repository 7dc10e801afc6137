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
	// Hero is the banner at the top of the page; nil shows the built-in
	// welcome instead.
	Hero *Banner
	// Slides are the slider's banners, in order; none hides the slider.
	Slides []Banner
	// Preview, when set, is the moment an admin previews the banners at,
	// formatted ("1 Dec 2026, 10:00 UTC"); PreviewISO is its machine form.
	Preview    string
	PreviewISO string
}

// Banner is a site-wide banner as the home page shows it.
type Banner struct {
	Title string
	// Alt describes the image (the title when the admin wrote none).
	Alt string
	// LinkURL is where the banner leads; empty: not a link.
	LinkURL string
	// Images are the sizes of the image, widest first.
	Images []BannerImage
}

// BannerImage is one size of a banner's image.
type BannerImage struct {
	URL           string
	Width, Height int
}

// src is the size a browser without srcset loads: the widest (a banner is
// wide on most screens).
func (b Banner) src() string {
	if len(b.Images) == 0 {
		return ""
	}
	return b.Images[0].URL
}

// srcSet offers every size, for the browser to pick by width and density.
func (b Banner) srcSet() string {
	var s string
	for i, img := range b.Images {
		if i > 0 {
			s += ", "
		}
		s += img.URL + " " + strconv.Itoa(img.Width) + "w"
	}
	return s
}

// width and height are the widest size's, so the page reserves the
// banner's room (its proportions) before the image arrives.
func (b Banner) width() string {
	if len(b.Images) == 0 {
		return ""
	}
	return strconv.Itoa(b.Images[0].Width)
}

func (b Banner) height() string {
	if len(b.Images) == 0 {
		return ""
	}
	return strconv.Itoa(b.Images[0].Height)
}

// bannerSlideID is the id of the slider's slide i (0-based), for its
// links: "slide-1", "slide-2", ...
func bannerSlideID(i int) string { return "slide-" + strconv.Itoa(i+1) }

func slideLabel(i, n int) string {
	return "Slide " + strconv.Itoa(i+1) + " of " + strconv.Itoa(n)
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
