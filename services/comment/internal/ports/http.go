// Package ports exposes the comment service's use cases: its JSON API under
// /v1 (thin echo handlers) with the mapping to commentclient's wire types,
// and its event consumers.
package ports

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/comment/commentclient"
	"github.com/marketplace/marketplace/services/comment/internal/app"
	"github.com/marketplace/marketplace/services/comment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpserver"
)

// HTTP serves the API.
type HTTP struct{ app *app.App }

// NewHTTP returns the handlers over a.
func NewHTTP(a *app.App) *HTTP { return &HTTP{app: a} }

// Routes registers the API on g (the /v1 group behind the internal token).
func (h *HTTP) Routes(g *echo.Group) {
	g.GET("/products/:id/reviews", h.productReviews)
	g.POST("/products/:id/reviews", h.create)
	g.GET("/products/:id/reviews/mine", h.mine)
	g.PUT("/reviews/:id", h.edit)
	g.DELETE("/reviews/:id", h.delete)
	g.PUT("/reviews/:id/hidden", h.setHidden)
	g.GET("/shops/:id/reviews", h.shopReviews)
	g.GET("/ratings", h.ratings)
}

func (h *HTTP) productReviews(c echo.Context) error {
	page, err := pageParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	p, err := h.app.ProductReviews(ctx, actor.From(ctx), c.Param("id"), page)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Page(p))
}

func (h *HTTP) shopReviews(c echo.Context) error {
	page, err := pageParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	p, err := h.app.ShopReviews(ctx, actor.From(ctx), c.Param("id"), page)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Page(p))
}

func (h *HTTP) create(c echo.Context) error {
	var in commentclient.ReviewRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := h.app.CreateReview(ctx, actor.From(ctx), c.Param("id"), in.Rating, in.Body, in.AuthorName)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, Review(r))
}

func (h *HTTP) mine(c echo.Context) error {
	ctx := c.Request().Context()
	r, err := h.app.MyReview(ctx, actor.From(ctx), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Review(r))
}

func (h *HTTP) edit(c echo.Context) error {
	var in commentclient.ReviewRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := h.app.EditReview(ctx, actor.From(ctx), c.Param("id"), in.Rating, in.Body, in.AuthorName)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Review(r))
}

func (h *HTTP) delete(c echo.Context) error {
	ctx := c.Request().Context()
	if err := h.app.DeleteReview(ctx, actor.From(ctx), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *HTTP) setHidden(c echo.Context) error {
	var in struct {
		Hidden *bool `json:"hidden"`
	}
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	if in.Hidden == nil {
		return fault.Fields(map[string]string{"hidden": "say whether the review is hidden (true or false)"})
	}
	ctx := c.Request().Context()
	r, err := h.app.SetHidden(ctx, actor.From(ctx), c.Param("id"), *in.Hidden)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Review(r))
}

func (h *HTTP) ratings(c echo.Context) error {
	rs, err := h.app.Ratings(c.Request().Context(), c.QueryParams()["product_id"])
	if err != nil {
		return err
	}
	out := struct {
		Items map[string]commentclient.Rating `json:"items"`
	}{Items: make(map[string]commentclient.Rating, len(rs))}
	for _, r := range rs {
		out.Items[r.ProductID()] = Rating(r)
	}
	return c.JSON(http.StatusOK, out)
}

// pageParam reads ?page=, 1 when absent.
func pageParam(c echo.Context) (int, error) {
	raw := c.QueryParam("page")
	if raw == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return 0, fault.Fields(map[string]string{"page": "the page must be a whole number"})
	}
	return n, nil
}

// Review is the wire form of a review.
func Review(r *domain.Review) commentclient.Review {
	return commentclient.Review{
		ID: r.ID(), ProductID: r.ProductID(), ShopID: r.ShopID(), UserID: r.UserID(), AuthorName: r.AuthorName(),
		Rating: r.Rating(), Body: r.Body(), Hidden: r.Hidden(), Verified: r.Verified(),
		CreatedAt: r.CreatedAt(), UpdatedAt: r.UpdatedAt(),
	}
}

// Rating is the wire form of a rating.
func Rating(r domain.Rating) commentclient.Rating {
	return commentclient.Rating{ProductID: r.ProductID(), Average: r.Average(), Count: r.Count()}
}

// Page is the wire form of a page of reviews.
func Page(p app.ReviewPage) commentclient.ReviewPage {
	out := commentclient.ReviewPage{
		Items: make([]commentclient.Review, len(p.Items)), Rating: Rating(p.Rating),
		Page: p.Page, PerPage: p.PerPage, Total: p.Total,
	}
	for i, r := range p.Items {
		out.Items[i] = Review(r)
	}
	return out
}
