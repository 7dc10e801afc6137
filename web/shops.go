package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/views/catalog"
	"github.com/marketplace/marketplace/views/components"
)

// shopPage is GET /shops/{slug}: a shop's profile and its products.
func (w *Web) shopPage(c echo.Context) error {
	page, err := pageParam(c, "page")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	s, err := w.cfg.Clients.Shop.Get(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	base := shopURL(s.Slug)
	pageURL := func(n int) string {
		if n <= 1 {
			return base
		}
		return base + "?page=" + strconv.Itoa(n)
	}
	if c.Param("slug") != s.Slug {
		// Reached by its id (analytics knows shops by id): send the browser
		// to the shop's own address. Not permanent: a shop's name, and so
		// its slug, can change.
		return c.Redirect(http.StatusFound, pageURL(page))
	}
	res, err := w.cfg.Clients.Product.List(ctx, productclient.ListQuery{ShopID: s.ID, Page: page, PerPage: perPage})
	if err != nil {
		return err
	}
	v := catalog.ShopView{Name: s.Name, Description: s.Description, Products: productCards(res.Items)}
	if !s.CreatedAt.IsZero() {
		v.Since, v.SinceTime = s.CreatedAt.UTC().Format("January 2006"), s.CreatedAt.UTC().Format("2006-01")
	}
	if res.Total > 0 {
		v.Summary = components.Plural(res.Total, "product", "products")
	}
	v.Pages = pageLinks(page, perPage, res.Total, pageURL)
	return w.render(c, http.StatusOK, catalog.ShopPage(w.page(c, s.Name), v))
}
