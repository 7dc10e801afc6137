package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/views/errorpage"
	"github.com/marketplace/marketplace/views/layout"
)

// isFragmentRequest reports whether an HTMX request wants a fragment: an
// htmx request that is neither a boosted navigation nor htmx restoring a
// page from history (which replaces the whole body).
func isFragmentRequest(c echo.Context) bool {
	h := c.Request().Header
	return h.Get("HX-Request") == "true" && h.Get("HX-Boosted") != "true" && h.Get("HX-History-Restore-Request") != "true"
}

// render writes a component with a status. It renders into a buffer
// first, so a component that fails halfway sends an error page rather than
// half a page, and saves the session cookie before the body goes out.
func (w *Web) render(c echo.Context, status int, comp templ.Component) error {
	var buf bytes.Buffer
	if err := comp.Render(c.Request().Context(), &buf); err != nil {
		return err
	}
	if err := w.session(c).save(c); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	h.Set("Cache-Control", "no-store") // pages carry the CSRF token and personal data
	h.Add("Vary", "HX-Request")
	c.Response().WriteHeader(status)
	_, err := c.Response().Write(buf.Bytes())
	return err
}

// page returns what every full page needs for this request. It pops the
// flash message, so call it once per rendered page.
func (w *Web) page(c echo.Context, title string) layout.Page {
	bs := w.session(c)
	p := layout.Page{
		Title:     title,
		CSRF:      bs.get(keyCSRF),
		Flash:     bs.popFlash(),
		Notices:   bs.popNotices(),
		Assets:    layout.Assets{CSS: w.assets.url("css/app.css"), HTMX: w.assets.url("js/htmx.min.js")},
		Query:     c.QueryParam("q"),
		CartCount: w.cartCount(c),
	}
	if u, ok := currentUser(c); ok {
		role := actor.Role(u.Role)
		p.User = &layout.User{Name: u.Name, Role: u.Role, IsAdmin: role == actor.Admin, IsSeller: role == actor.Seller,
			HasShop: w.hasShop(c)}
	}
	return p
}

// redirect ends a successful POST: 303 to target, or HX-Redirect for
// HTMX, after saving the session.
func (w *Web) redirect(c echo.Context, target string) error {
	if err := w.session(c).save(c); err != nil {
		return err
	}
	if isFragmentRequest(c) {
		c.Response().Header().Set("HX-Redirect", target)
		return c.NoContent(http.StatusOK)
	}
	return c.Redirect(http.StatusSeeOther, target)
}

// safeNext keeps a post-login destination only when it is a path on this
// site, so a crafted link cannot send a user elsewhere after signing in.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

// renderError is the error page of the frontend (the platform's error
// mapping calls it). Messages of client errors are shown; server errors get
// a generic text and are logged with the request id.
func (w *Web) renderError(c echo.Context, status int, fe *fault.Error) {
	title, msg := http.StatusText(status), sentence(fe.Message)
	switch {
	case status == http.StatusNotFound:
		title, msg = "Page not found", "We could not find what you were looking for."
	case status == http.StatusRequestEntityTooLarge:
		title, msg = "That is too large", "What you sent is larger than we accept (a photo may be up to 10 MB). Go back and try a smaller one."
	case status == http.StatusServiceUnavailable:
		title, msg = "Temporarily unavailable", "Part of the marketplace is not answering right now. Please try again in a moment."
	case status >= 500:
		title, msg = "Something went wrong", "An unexpected error happened on our side. Please try again."
	}
	if err := w.render(c, status, errorpage.Error(w.page(c, title), status, title, msg)); err != nil {
		w.log.Error("render error page", "err", err)
		_ = c.String(status, title)
	}
}
