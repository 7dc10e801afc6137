// Package ports exposes the catalog over the internal JSON API.
package ports

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/product/internal/app"
	"github.com/marketplace/marketplace/services/product/internal/domain"
	"github.com/marketplace/marketplace/services/product/productclient"
)

// HTTP serves the product API.
type HTTP struct{ catalog *app.Catalog }

// NewHTTP returns the handlers.
func NewHTTP(c *app.Catalog) *HTTP { return &HTTP{catalog: c} }

// Register mounts the routes on g (/v1).
func (h *HTTP) Register(g *echo.Group) {
	g.GET("/categories", h.categories)
	g.GET("/products", h.list)
	g.GET("/products/:id", h.get)
}

func (h *HTTP) categories(c echo.Context) error {
	cats, err := h.catalog.Categories(c.Request().Context())
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
	q := domain.ListQuery{Text: c.QueryParam("q"), Page: intParam(c, "page", bad), PerPage: intParam(c, "per_page", bad)}
	if len(bad) > 0 {
		return fault.Fields(bad)
	}
	items, total, err := h.catalog.List(c.Request().Context(), c.QueryParam("category"), q)
	if err != nil {
		return err
	}
	_ = q.Normalize() // the same defaults the use case applied, for the answer
	page := productclient.Page{Items: make([]productclient.Summary, 0, len(items)), Page: q.Page, PerPage: q.PerPage, Total: total}
	for _, p := range items {
		page.Items = append(page.Items, productclient.Summary{
			ID: p.ID, ShopID: p.ShopID, ShopName: p.ShopName, CategoryID: p.CategoryID, CategoryName: p.CategoryName,
			Name: p.Name, PriceFrom: productclient.Money{Amount: p.PriceFrom(), Currency: p.Currency}, CreatedAt: p.CreatedAt,
		})
	}
	return c.JSON(http.StatusOK, page)
}

func (h *HTTP) get(c echo.Context) error {
	p, err := h.catalog.Get(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	out := productclient.Product{
		ID: p.ID, ShopID: p.ShopID, ShopName: p.ShopName, CategoryID: p.CategoryID, CategoryName: p.CategoryName,
		Name: p.Name, Description: p.Description, PriceFrom: productclient.Money{Amount: p.PriceFrom(), Currency: p.Currency},
		Variations: make([]productclient.Variation, 0, len(p.Variations)), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
	}
	for _, v := range p.Variations {
		out.Variations = append(out.Variations, productclient.Variation{
			ID: v.ID, SKU: v.SKU, Name: v.Name, Price: productclient.Money{Amount: v.Price, Currency: p.Currency},
		})
	}
	return c.JSON(http.StatusOK, out)
}
