// Package seller renders the seller dashboard under /seller: opening and
// editing the shop, the overview, the product table, the product editor
// with its variations, stock and photos, and the shop's reviews.
package seller

import (
	"net/url"
	"strconv"

	"github.com/marketplace/marketplace/views/components"
)

// Sections of the dashboard, for the tab navigation.
const (
	TabOverview = "overview"
	TabProducts = "products"
	TabOrders   = "orders"
	TabReviews  = "reviews"
	TabShop     = "shop"
)

// Shell is what every dashboard page shows above its content: the shop
// and the active tab.
type Shell struct {
	ShopName string
	ShopURL  string // the public page, /shops/{slug}
	Active   string // one of the Tab constants
}

type tab struct {
	key, label, url string
}

var tabs = []tab{
	{TabOverview, "Overview", "/seller"},
	{TabProducts, "Products", "/seller/products"},
	{TabOrders, "Orders", "/seller/orders"},
	{TabReviews, "Reviews", "/seller/reviews"},
	{TabShop, "Shop settings", "/seller/shop"},
}

// ShopForm is the open-a-shop or edit-the-shop form.
type ShopForm struct {
	Name        string
	Description string
	// Errors maps a field ("name", "description") to its message.
	Errors map[string]string
	Error  string
}

// ShopPage is GET /seller/shop. Without a shop (Shell.ShopName empty) it
// invites the user to open one.
type ShopPage struct {
	Shell Shell
	Form  ShopForm
	// HasShop switches the page from "open" to "edit and close".
	HasShop bool
	// CloseError is a problem with the close form (the confirmation box not
	// ticked).
	CloseError string
}

// ReviewRow is one review as the dashboard lists it.
type ReviewRow struct {
	ID          string
	ProductName string
	ProductURL  string // the public product page, at its reviews
	Author      string
	Rating      int
	Body        string
	Date        string // formatted, e.g. "12 Mar 2026"
	DateTime    string // machine-readable, for <time datetime>
	Verified    bool
	Hidden      bool
}

// Overview is GET /seller.
type Overview struct {
	Shell    Shell
	Products string // formatted count, e.g. "12"
	Drafts   string // formatted count of products without variations
	Stock    string // formatted units available over every variation
	Rating   components.Rating
	Reviews  []ReviewRow // the latest few
	// ToShip is the formatted number of paid orders waiting to be
	// shipped ("—" when unknown).
	ToShip string
	// Sales are the shop's figures over a range of days, from analytics.
	Sales SalesView
}

// ProductRow is one line of the product table.
type ProductRow struct {
	ID         string
	Name       string
	EditURL    string
	PublicURL  string
	ThumbURL   string // empty: the placeholder
	Variations string // formatted count
	Draft      bool   // no variations yet: not on sale
	PriceFrom  string // formatted; empty: none
	Available  string // formatted units
	Rating     components.Rating
}

// ProductsPage is GET /seller/products.
type ProductsPage struct {
	Shell   Shell
	Summary string // e.g. "12 products"
	Rows    []ProductRow
	Pages   components.PageLinks
}

// CategoryOption is one category in the select, Depth levels deep.
type CategoryOption struct {
	ID    string
	Name  string
	Depth int
}

// ProductForm is the new-product and edit-product form.
type ProductForm struct {
	// ID is empty for a new product.
	ID          string
	Name        string
	Description string
	CategoryID  string
	Categories  []CategoryOption
	Errors      map[string]string
	Error       string
}

// NewProductPage is GET /seller/products/new.
type NewProductPage struct {
	Shell Shell
	Form  ProductForm
}

// VariationRow is one variation with its stock.
type VariationRow struct {
	ID        string
	SKU       string
	Name      string
	Price     string // formatted
	Available string
	Reserved  string
	Sold      string
	// MovementsURL is the variation's stock history.
	MovementsURL string
}

// VariationForm is the add-a-variation form; its values are the text the
// seller typed.
type VariationForm struct {
	SKU    string
	Name   string
	Price  string
	Stock  string
	Errors map[string]string
	Error  string
}

// StockForm is the adjust-stock form of one variation.
type StockForm struct {
	VariationID string
	Mode        string // set, add or remove
	Quantity    string
	Reason      string
	Errors      map[string]string
	Error       string
}

// Photo is one product photo in the editor.
type Photo struct {
	ID       string
	Status   string // processing, ready or failed
	ThumbURL string // when ready
	LargeURL string // when ready
	Alt      string
	Error    string // why it failed
}

// UploadForm is the photo upload form.
type UploadForm struct {
	Alt    string
	Errors map[string]string // "image", "alt"
	Error  string
}

// Photos is the photo section of the product editor.
type Photos struct {
	ProductID string
	Items     []Photo
	Upload    UploadForm
}

// Processing reports whether a photo is still being processed: the list
// then refreshes itself.
func (p Photos) Processing() bool {
	for _, x := range p.Items {
		if x.Status == StatusProcessing {
			return true
		}
	}
	return false
}

// Photo states.
const (
	StatusProcessing = "processing"
	StatusReady      = "ready"
	StatusFailed     = "failed"
)

// EditProductPage is GET /seller/products/{id}.
type EditProductPage struct {
	Shell      Shell
	Form       ProductForm
	PublicURL  string
	Draft      bool
	Variations []VariationRow
	// NewVariation is the add form, with what was typed after an error.
	NewVariation VariationForm
	// Stock is the adjust form that failed, if any: its variation's form
	// shows these values and errors; the others start empty.
	Stock       StockForm
	Photos      Photos
	DeleteError string
}

// stockForm returns the adjust form of one variation.
func (v EditProductPage) stockForm(variationID string) StockForm {
	if v.Stock.VariationID == variationID {
		return v.Stock
	}
	return StockForm{VariationID: variationID, Mode: "add"}
}

// Movement is one line of a variation's stock history.
type Movement struct {
	When     string // formatted
	DateTime string
	Kind     string // e.g. "Adjustment", "Reserved"
	Change   string // e.g. "+5", "−2"
	Reserved string
	Sold     string
	Reason   string
}

// MovementsPage is GET /seller/products/{id}/stock/{variation_id}.
type MovementsPage struct {
	Shell       Shell
	ProductName string
	ProductURL  string // the editor
	Variation   string // name and SKU
	Available   string
	Items       []Movement
}

// ReviewsPage is GET /seller/reviews.
type ReviewsPage struct {
	Shell   Shell
	Rating  components.Rating
	Summary string
	Rows    []ReviewRow
	Pages   components.PageLinks
}

var stockModes = []components.Option{
	{Value: "add", Label: "Add to stock"},
	{Value: "remove", Label: "Remove from stock"},
	{Value: "set", Label: "Set stock to"},
}

// categoryOptions lists the categories with subcategories indented by
// non-breaking spaces (which, unlike dashes, screen readers do not read).
func categoryOptions(cats []CategoryOption) []components.Option {
	opts := []components.Option{{Value: "", Label: "Choose a category"}}
	for _, c := range cats {
		indent := ""
		for range c.Depth {
			indent += "\u00a0\u00a0\u00a0\u00a0"
		}
		opts = append(opts, components.Option{Value: c.ID, Label: indent + c.Name})
	}
	return opts
}

const placeholderImage = "/static/img/placeholder.svg"

func orPlaceholder(url string) string {
	if url == "" {
		return placeholderImage
	}
	return url
}

func (f ProductForm) action() string {
	if f.ID == "" {
		return "/seller/products/new"
	}
	return ProductURL(f.ID)
}

// ProductURL is the editor of a product.
func ProductURL(id string) string { return "/seller/products/" + url.PathEscape(id) }

func (v EditProductPage) variationDeleteURL(variationID string) string {
	return ProductURL(v.Form.ID) + "/variations/" + url.PathEscape(variationID) + "/delete"
}

func (p Photos) listURL() string { return ProductURL(p.ProductID) + "/images" }

func (p Photos) deleteURL(imageID string) string {
	return ProductURL(p.ProductID) + "/images/" + url.PathEscape(imageID) + "/delete"
}

func stockID(i int, part string) string { return "stock-" + strconv.Itoa(i) + "-" + part }

func photoNumber(i int) string { return strconv.Itoa(i + 1) }

// photoAlt is the photo's description, or says which photo it is.
func photoAlt(p Photo, i int) string {
	if p.Alt != "" {
		return p.Alt
	}
	return "Photo " + photoNumber(i)
}

// OrderFilter is one tab of the orders page.
type OrderFilter struct {
	Label  string
	URL    string
	Active bool
}

// OrderLine is one line of an order as the seller packs it.
type OrderLine struct {
	ProductName string
	Option      string
	SKU         string
	Quantity    string
	UnitPrice   string
	LineTotal   string
}

// OrderRow is one order of the shop.
type OrderRow struct {
	ID       string
	ShortID  string
	Placed   string
	PlacedAt string // for <time datetime>
	Status   components.Status
	Total    string
	Items    string // e.g. "3 items"
	Address  components.Address
	Lines    []OrderLine
	// Note says where the order stands beyond its state, e.g. "The buyer
	// has until 14:05 UTC to pay" or why it was cancelled.
	Note string
	// CanShip shows the "mark shipped" form: the order is paid.
	CanShip bool
}

// OrdersPage is GET /seller/orders.
type OrdersPage struct {
	Shell   Shell
	Filters []OrderFilter
	// Status is the state shown ("" for all), sent back by the ship form
	// to return to the same tab.
	Status  string
	Summary string
	Rows    []OrderRow
	Pages   components.PageLinks
	// Empty is what the page says when no order is in this tab.
	Empty string
}

// ShipURL is the form action that marks an order shipped.
func ShipURL(orderID string) string { return "/seller/orders/" + url.PathEscape(orderID) + "/ship" }

// optionSuffix follows a product's name with its option: ", Blue".
func optionSuffix(option string) string {
	if option == "" {
		return ""
	}
	return ", " + option
}
