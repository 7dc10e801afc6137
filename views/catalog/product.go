package catalog

import (
	"net/url"
	"strconv"

	"github.com/marketplace/marketplace/views/components"
)

// VariationView is one buyable variation of a product, e.g. a size or colour.
type VariationView struct {
	ID    string
	Name  string
	SKU   string
	Price string // formatted, e.g. "€19.99"
	// Availability is what the shopper reads: "In stock", "Only 3 left",
	// "Out of stock".
	Availability string
	// InStock is false for a variation that cannot be bought now: its
	// choice is disabled.
	InStock bool
	// Low marks a variation that is nearly sold out.
	Low bool
}

// GalleryImage is one photo of a product in its sizes.
type GalleryImage struct {
	ThumbURL  string // small square
	MediumURL string // fits 800x800, shown on the page
	LargeURL  string // fits 1600x1600, for dense screens and the link
	Alt       string // empty: the product name
}

// ProductView is the data of the product page, GET /products/{id}.
type ProductView struct {
	ID       string
	Name     string
	ShopName string
	ShopURL  string // the shop's page; empty: the name is not a link
	// Parents are the category's ancestors, root first, for the breadcrumb.
	Parents     []CategoryLink
	Category    string // the category's name; empty hides it in the breadcrumb
	CategoryURL string // the listing of the category; empty: the name is not a link
	// Description is plain text; its line breaks are kept on the page.
	Description string
	PriceFrom   string // formatted lowest price, e.g. "€9.00"; empty hides it
	// Images are the product's photos, the first shown large; none: the
	// placeholder.
	Images     []GalleryImage
	Variations []VariationView
	Rating     components.Rating
	Reviews    ReviewsView
	// Buy is the add-to-cart form's state after a POST.
	Buy BuyForm
}

// BuyForm is the add-to-cart form: what was chosen and typed, and how the
// last POST went.
type BuyForm struct {
	// VariationID is the chosen option; empty: the first one in stock.
	VariationID string
	// Quantity is as typed; empty: 1.
	Quantity string
	// Errors maps "variation_id" and "quantity" to their messages.
	Errors map[string]string
	Error  string
	// Added confirms a successful add, e.g. "Added to your cart: 2 × Blue."
	Added string
}

// MaxQuantity is the most of one option the quantity control offers (the
// cart's limit per line; the cart service enforces it either way).
const MaxQuantity = "20"

func (f BuyForm) quantity() string {
	if f.Quantity == "" {
		return "1"
	}
	return f.Quantity
}

// ReviewsView is the reviews section of a product page, id "reviews".
type ReviewsView struct {
	ProductID string
	Rating    components.Rating
	Items     []ReviewItem
	// Page and Pages number the pages of reviews (1-based).
	Page, Pages int
	// SignedIn is false for an anonymous visitor, who is invited to log in.
	SignedIn bool
	// IsAdmin shows the moderation buttons.
	IsAdmin bool
	// OwnProduct is true when the signed-in user sells the product: they
	// cannot review it.
	OwnProduct bool
	// Mine is the signed-in user's own review, if they wrote one; they get
	// an edit form instead of the new-review form.
	Mine *ReviewItem
	// Form holds what the user typed into the new-review or edit form, and
	// its problems after a failed POST.
	Form ReviewForm
}

// ReviewItem is one review as the product page shows it.
type ReviewItem struct {
	ID       string
	Author   string
	Rating   int
	Body     string
	Date     string // formatted, e.g. "12 Mar 2026"
	DateTime string // for <time datetime>
	Verified bool   // the author bought the product
	Hidden   bool   // hidden by a moderator: only admins and the author see it
	Mine     bool
}

// ReviewForm is the review form's values and problems.
type ReviewForm struct {
	Rating int
	Body   string
	// Errors maps "rating" and "body" to their messages.
	Errors map[string]string
	Error  string
	// Open keeps the edit form of one's own review unfolded (after an
	// error).
	Open bool
}

// MaxReviewBody is the longest review text the form accepts in the
// browser; the comment service enforces its own rule either way.
const MaxReviewBody = 2000

func (v ProductView) slides() []GalleryImage {
	if len(v.Images) == 0 {
		return []GalleryImage{{MediumURL: PlaceholderImage}}
	}
	return v.Images
}

func (v ProductView) slideAlt(img GalleryImage, i int) string {
	switch {
	case img.MediumURL == PlaceholderImage:
		return ""
	case img.Alt != "":
		return img.Alt
	case i == 0:
		return v.Name
	}
	return v.Name + ", photo " + strconv.Itoa(i+1)
}

func slideID(i int) string { return "photo-" + strconv.Itoa(i+1) }

func slideSrcSet(img GalleryImage) string {
	if img.LargeURL == "" || img.MediumURL == "" {
		return ""
	}
	return img.MediumURL + " 800w, " + img.LargeURL + " 1600w"
}

// defaultVariation is the variation chosen when the page opens: the first
// one in stock.
func (v ProductView) defaultVariation() string {
	for _, x := range v.Variations {
		if x.InStock {
			return x.ID
		}
	}
	return ""
}

// chosenVariation is the option checked in the form: the one sent, while
// it can still be bought, or else the default.
func (v ProductView) chosenVariation() string {
	for _, x := range v.Variations {
		if x.ID == v.Buy.VariationID && x.InStock {
			return x.ID
		}
	}
	return v.defaultVariation()
}

// soldOut reports whether no option can be bought.
func (v ProductView) soldOut() bool { return v.defaultVariation() == "" }

func variationID(i int) string { return "variation-" + strconv.Itoa(i) }

func (r ReviewsView) productURL() string { return "/products/" + url.PathEscape(r.ProductID) }

func (r ReviewsView) action() string { return r.productURL() + "/reviews" }

func (r ReviewsView) loginURL() string {
	return "/login?next=" + url.QueryEscape(r.productURL()+"#reviews")
}

// pageURL is the full page at a page of reviews (without JavaScript).
func (r ReviewsView) pageURL(n int) string {
	if n <= 1 {
		return r.productURL() + "#reviews"
	}
	return r.productURL() + "?reviews_page=" + strconv.Itoa(n) + "#reviews"
}

// pushURL is the address bar's URL after htmx loaded a page of reviews.
func (r ReviewsView) pushURL(n int) string {
	if n <= 1 {
		return r.productURL()
	}
	return r.productURL() + "?reviews_page=" + strconv.Itoa(n)
}

// fragmentURL is the reviews section alone at a page, for htmx.
func (r ReviewsView) fragmentURL(n int) string {
	return r.productURL() + "/reviews?page=" + strconv.Itoa(n)
}

func reviewURL(id string) string { return "/reviews/" + url.PathEscape(id) }

func hideURL(id string) string { return "/admin/reviews/" + url.PathEscape(id) + "/hidden" }

func (r ReviewsView) statusText() string {
	if r.Pages <= 1 {
		return ""
	}
	return "Page " + strconv.Itoa(r.Page) + " of " + strconv.Itoa(r.Pages)
}
