package web

import (
	"crypto/subtle"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// HeaderCSRF carries the CSRF token on HTMX requests.
const HeaderCSRF = "X-CSRF-Token"

// csrf makes sure every visitor has a CSRF token in their (signed,
// encrypted) session cookie, and that every unsafe request carries the same
// token, in the _csrf form field or the X-CSRF-Token header. Another site
// can make the browser send the cookie, but cannot read the token.
func (w *Web) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		bs := w.session(c)
		want := bs.get(keyCSRF)
		if want == "" {
			want = randomToken()
			bs.set(keyCSRF, want)
		}
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		got := c.Request().Header.Get(HeaderCSRF)
		if got == "" {
			got = c.FormValue("_csrf")
		}
		if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 || got == "" {
			return fault.Forbiddenf("this form has expired or did not come from this site; reload the page and try again")
		}
		return next(c)
	}
}
