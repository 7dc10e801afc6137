package catalog

// VariationView is one buyable variation of a product, e.g. a size or colour.
type VariationView struct {
	ID    string
	Name  string
	SKU   string
	Price string // formatted, e.g. "€19.99"
}

// ProductView is the data of the product page, GET /products/{id}.
type ProductView struct {
	ID          string
	Name        string
	ShopName    string
	Category    string // the category's name; empty hides it in the breadcrumb
	CategoryURL string // the listing of the category; empty: the name is not a link
	// Description is plain text; its line breaks are kept on the page.
	Description string
	PriceFrom   string // formatted lowest price, e.g. "€9.00"; empty hides it
	ImageURL    string // empty: PlaceholderImage
	ImageAlt    string // empty: the product name
	Variations  []VariationView
}

func (v ProductView) imageSrc() string { return imageSrc(v.ImageURL) }
func (v ProductView) imageAlt() string { return imageAlt(v.ImageURL, v.ImageAlt, v.Name) }
