// Package ports exposes the catalog: the internal JSON API (thin echo
// handlers mapping to productclient's wire types) and the event consumers.
package ports

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/product/internal/app"
	"github.com/marketplace/marketplace/services/product/internal/domain"
	"github.com/marketplace/marketplace/services/product/productclient"
)

// HTTP serves the product API.
type HTTP struct{ app *app.App }

// NewHTTP returns the handlers.
func NewHTTP(a *app.App) *HTTP { return &HTTP{app: a} }

// Register mounts the routes on g (/v1).
func (h *HTTP) Register(g *echo.Group) {
	g.GET("/categories", h.categories)
	g.GET("/variations", h.variations)
	g.GET("/products", h.list)
	g.POST("/products", h.create)
	g.GET("/products/:id", h.get)
	g.PUT("/products/:id", h.update)
	g.DELETE("/products/:id", h.delete)
	g.POST("/products/:id/variations", h.addVariation)
	g.PUT("/products/:id/variations/:vid", h.updateVariation)
	g.DELETE("/products/:id/variations/:vid", h.deleteVariation)
}

func (h *HTTP) categories(c echo.Context) error {
	cats, err := h.app.Categories(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]productclient.Category, 0, len(cats))
	for _, cat := range cats {
		out = append(out, productclient.Category{ID: cat.ID, ParentID: cat.ParentID, Slug: cat.Slug, Name: cat.Name})
	}
	return c.JSON(http.StatusOK, map[string]any{"items": out})
}

// intParam reads an optional whole-number query parameter.
func intParam(c echo.Context, name string, bad map[string]string) int {
	s := c.QueryParam(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		bad[name] = name + " must be a whole number"
	}
	return n
}

func (h *HTTP) list(c echo.Context) error {
	bad := map[string]string{}
	q := domain.ListQuery{
		Text: c.QueryParam("q"), Category: c.QueryParam("category"), ShopID: c.QueryParam("shop_id"),
		Sort: domain.Sort(c.QueryParam("sort")), Page: intParam(c, "page", bad), PerPage: intParam(c, "per_page", bad),
	}
	if len(bad) > 0 {
		return fault.Fields(bad)
	}
	items, total, q, err := h.app.List(c.Request().Context(), q)
	if err != nil {
		return err
	}
	page := productclient.Page{Items: make([]productclient.Summary, 0, len(items)), Page: q.Page, PerPage: q.PerPage, Total: total}
	for _, s := range items {
		page.Items = append(page.Items, Summary(s))
	}
	return c.JSON(http.StatusOK, page)
}

func (h *HTTP) get(c echo.Context) error {
	p, err := h.app.Product(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Product(p))
}

func productInput(c echo.Context) (domain.ProductInput, error) {
	var in productclient.ProductRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return domain.ProductInput{}, err
	}
	return domain.ProductInput{CategoryID: in.CategoryID, Name: in.Name, Description: in.Description}, nil
}

func (h *HTTP) create(c echo.Context) error {
	in, err := productInput(c)
	if err != nil {
		return err
	}
	p, err := h.app.CreateProduct(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, Product(p))
}

func (h *HTTP) update(c echo.Context) error {
	in, err := productInput(c)
	if err != nil {
		return err
	}
	p, err := h.app.UpdateProduct(c.Request().Context(), c.Param("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Product(p))
}

func (h *HTTP) delete(c echo.Context) error {
	if err := h.app.DeleteProduct(c.Request().Context(), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func variationInput(c echo.Context) (domain.VariationInput, error) {
	var in productclient.VariationRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return domain.VariationInput{}, err
	}
	return domain.VariationInput{SKU: in.SKU, Name: in.Name, Price: in.Price}, nil
}

func (h *HTTP) addVariation(c echo.Context) error {
	in, err := variationInput(c)
	if err != nil {
		return err
	}
	v, err := h.app.AddVariation(c.Request().Context(), c.Param("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, Variation(v, app.Currency))
}

func (h *HTTP) updateVariation(c echo.Context) error {
	in, err := variationInput(c)
	if err != nil {
		return err
	}
	v, err := h.app.UpdateVariation(c.Request().Context(), c.Param("id"), c.Param("vid"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Variation(v, app.Currency))
}

func (h *HTTP) deleteVariation(c echo.Context) error {
	if err := h.app.DeleteVariation(c.Request().Context(), c.Param("id"), c.Param("vid")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// Money is the wire form of an amount.
func Money(amount int64, currency string) productclient.Money {
	return productclient.Money{Amount: amount, Currency: currency}
}

// Variation is the wire form of a variation.
func Variation(v domain.Variation, currency string) productclient.Variation {
	return productclient.Variation{ID: v.ID, SKU: v.SKU, Name: v.Name, Price: Money(v.Price, currency)}
}

// Image is the wire form of a photo.
func Image(i domain.Image) productclient.Image {
	return productclient.Image{ID: i.ID, ThumbURL: i.ThumbURL, MediumURL: i.MediumURL, LargeURL: i.LargeURL, Alt: i.Alt}
}

// Rating is the wire form of a rating.
func Rating(r domain.Rating) productclient.Rating {
	return productclient.Rating{Average: r.Average, Count: r.Count}
}

// Product is the wire form of a product.
func Product(p *domain.Product) productclient.Product {
	out := productclient.Product{
		ID: p.ID, ShopID: p.ShopID, OwnerID: p.OwnerID, ShopName: p.ShopName, ShopSlug: p.ShopSlug,
		CategoryID: p.CategoryID, CategoryName: p.CategoryName, CategorySlug: p.CategorySlug,
		Name: p.Name, Description: p.Description, PriceFrom: Money(p.PriceFrom(), p.Currency),
		Variations: make([]productclient.Variation, 0, len(p.Variations)),
		Images:     make([]productclient.Image, 0, len(p.Images)),
		Rating:     Rating(p.Rating), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
	}
	for _, v := range p.Variations {
		out.Variations = append(out.Variations, Variation(v, p.Currency))
	}
	for _, i := range p.Images {
		out.Images = append(out.Images, Image(i))
	}
	return out
}

// Summary is the wire form of a listing entry.
func Summary(s domain.Summary) productclient.Summary {
	out := productclient.Summary{
		ID: s.ID, ShopID: s.ShopID, ShopName: s.ShopName, ShopSlug: s.ShopSlug,
		CategoryID: s.CategoryID, CategoryName: s.CategoryName, Name: s.Name,
		PriceFrom: Money(s.PriceFrom, s.Currency), Rating: Rating(s.Rating), Variations: s.Variations, CreatedAt: s.CreatedAt,
	}
	if s.Image != nil {
		img := Image(*s.Image)
		out.Image = &img
	}
	return out
}

func (h *HTTP) variations(c echo.Context) error {
	vs, err := h.app.Variations(c.Request().Context(), c.QueryParams()["id"])
	if err != nil {
		return err
	}
	out := make([]productclient.VariationInfo, 0, len(vs))
	for _, v := range vs {
		out = append(out, productclient.VariationInfo{
			VariationID: v.VariationID, SKU: v.SKU, Name: v.Name,
			Price:     productclient.Money{Amount: v.Price, Currency: v.Currency},
			ProductID: v.ProductID, ProductName: v.ProductName, ShopID: v.ShopID, ShopName: v.ShopName,
			OwnerID: v.OwnerID, ThumbURL: v.ThumbURL, ProductVersion: v.ProductVersion,
		})
	}
	return c.JSON(http.StatusOK, map[string]any{"items": out})
}
