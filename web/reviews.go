package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/comment/commentclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/views/catalog"
)

var reviewFields = map[string]string{"rating": "rating", "body": "body"}

func productReviewsURL(productID string) string { return productURL(productID) + "#reviews" }

// productReviews is a page of reviews as an htmx fragment; a browser
// without htmx gets the product page at that page of reviews.
func (w *Web) productReviews(c echo.Context) error {
	productID := c.Param("id")
	page, err := pageParam(c, "page")
	if err != nil {
		return err
	}
	if !isFragmentRequest(c) {
		target := productURL(productID)
		if page > 1 {
			target += "?reviews_page=" + strconv.Itoa(page)
		}
		return w.redirect(c, target+"#reviews")
	}
	p, err := w.cfg.Clients.Product.Get(c.Request().Context(), productID)
	if err != nil {
		return err
	}
	v, err := w.reviewsView(c, p, page, nil)
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, catalog.Reviews(w.session(c).get(keyCSRF), v))
}

// reviewForm reads and checks the review form.
func reviewForm(c echo.Context) (catalog.ReviewForm, problems) {
	f := catalog.ReviewForm{Body: strings.TrimSpace(c.FormValue("body"))}
	var pr problems
	if n, err := strconv.Atoi(c.FormValue("rating")); err == nil && n >= 1 && n <= 5 {
		f.Rating = n
	} else {
		pr.add("rating", "Choose a rating from 1 to 5 stars.")
	}
	if n := utf8.RuneCountInString(f.Body); n > catalog.MaxReviewBody {
		pr.add("body", "Keep your review to "+formatCount(catalog.MaxReviewBody)+" characters; it has "+formatCount(int64(n))+".")
	}
	return f, pr
}

// createReview is POST /products/{id}/reviews.
func (w *Web) createReview(c echo.Context) error {
	productID := c.Param("id")
	u, ok := currentUser(c)
	if !ok {
		return w.redirect(c, loginURL(productReviewsURL(productID)))
	}
	f, pr := reviewForm(c)
	if !pr.any() {
		_, err := w.cfg.Clients.Comment.Create(c.Request().Context(), productID,
			commentclient.ReviewRequest{Rating: f.Rating, Body: f.Body, AuthorName: u.Name})
		if err == nil {
			return w.reviewsChanged(c, productID, "Thank you for your review!")
		}
		var ok bool
		if pr, ok = formProblems(err, reviewFields); !ok {
			return err
		}
	}
	f.Errors, f.Error = pr.Fields, pr.General
	return w.reviewFailed(c, productID, f)
}

// updateReview is POST /reviews/{id}: the author changes their review.
// The form names its product (product_id) only so the page can be shown
// again; the comment service decides whose review it is.
func (w *Web) updateReview(c echo.Context) error {
	u, _ := currentUser(c)
	productID := c.FormValue("product_id")
	f, pr := reviewForm(c)
	f.Open = true
	if !pr.any() {
		r, err := w.cfg.Clients.Comment.Update(c.Request().Context(), c.Param("review_id"),
			commentclient.ReviewRequest{Rating: f.Rating, Body: f.Body, AuthorName: u.Name})
		if err == nil {
			return w.reviewsChanged(c, r.ProductID, "Your review is updated.")
		}
		var ok bool
		if pr, ok = formProblems(err, reviewFields); !ok {
			return err
		}
	}
	if productID == "" {
		return fault.Invalidf("%s", firstProblem(pr))
	}
	f.Errors, f.Error = pr.Fields, pr.General
	return w.reviewFailed(c, productID, f)
}

func firstProblem(pr problems) string {
	if pr.General != "" {
		return pr.General
	}
	for _, m := range pr.Fields {
		return m
	}
	return "invalid review"
}

// deleteReview is POST /reviews/{id}/delete.
func (w *Web) deleteReview(c echo.Context) error {
	if err := w.cfg.Clients.Comment.Delete(c.Request().Context(), c.Param("review_id")); err != nil {
		return err
	}
	productID := c.FormValue("product_id")
	if productID == "" {
		w.session(c).flash("The review is deleted.")
		return w.redirect(c, "/")
	}
	return w.reviewsChanged(c, productID, "Your review is deleted.")
}

// setReviewHidden is POST /admin/reviews/{id}/hidden: a moderator hides a
// review from shoppers or shows it again.
func (w *Web) setReviewHidden(c echo.Context) error {
	var hidden bool
	switch c.FormValue("hidden") {
	case "true":
		hidden = true
	case "false":
	default:
		return fault.Invalidf("hidden must be true or false")
	}
	r, err := w.cfg.Clients.Comment.SetHidden(c.Request().Context(), c.Param("review_id"), hidden)
	if err != nil {
		return err
	}
	msg := "The review is shown again."
	if hidden {
		msg = "The review is hidden from shoppers."
	}
	return w.reviewsChanged(c, r.ProductID, msg)
}

// reviewsChanged ends a successful review POST: htmx gets the reviews
// section with the new average, a browser goes back to the reviews.
func (w *Web) reviewsChanged(c echo.Context, productID, msg string) error {
	if isFragmentRequest(c) {
		p, err := w.cfg.Clients.Product.Get(c.Request().Context(), productID)
		if err != nil {
			return err
		}
		v, err := w.reviewsView(c, p, 1, nil)
		if err != nil {
			return err
		}
		return w.render(c, http.StatusOK, catalog.ReviewsFragment(w.session(c).get(keyCSRF), v, msg))
	}
	w.session(c).flash(msg)
	return w.redirect(c, productReviewsURL(productID))
}

// reviewFailed shows the review form again with its problems (422).
func (w *Web) reviewFailed(c echo.Context, productID string, f catalog.ReviewForm) error {
	if isFragmentRequest(c) {
		p, err := w.cfg.Clients.Product.Get(c.Request().Context(), productID)
		if err != nil {
			return err
		}
		v, err := w.reviewsView(c, p, 1, &f)
		if err != nil {
			return err
		}
		return w.render(c, http.StatusUnprocessableEntity, catalog.ReviewsFragment(w.session(c).get(keyCSRF), v, ""))
	}
	v, err := w.productView(c, productID, 1, &f)
	if err != nil {
		return err
	}
	return w.render(c, http.StatusUnprocessableEntity, catalog.ProductPage(w.page(c, v.Name), v))
}
