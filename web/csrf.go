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
		want := w.csrfToken(c)
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		got := c.Request().Header.Get(HeaderCSRF)
		if got == "" {
			got = c.FormValue("_csrf")
		}
		if err := checkCSRF(got, want); err != nil {
			return err
		}
		return next(c)
	}
}

// csrfToken returns the session's CSRF token, making one for a new visitor.
func (w *Web) csrfToken(c echo.Context) string {
	bs := w.session(c)
	want := bs.get(keyCSRF)
	if want == "" {
		want = randomToken()
		bs.set(keyCSRF, want)
	}
	return want
}

var errCSRF = fault.Forbiddenf("this form has expired or did not come from this site; reload the page and try again")

func checkCSRF(got, want string) error {
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return errCSRF
	}
	return nil
}

// keyCSRFChecked marks a request whose CSRF header was checked.
const keyCSRFChecked = "csrf_checked"

// csrfStream is csrf for a streamed multipart upload: reading the _csrf
// form field the usual way would parse (and buffer) the whole body first.
// A header token is checked here; otherwise the handler must check the
// _csrf part, which the form sends before the file, with checkCSRF and
// csrfToken before it reads the file (see readFileForm).
func (w *Web) csrfStream(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		want := w.csrfToken(c)
		if got := c.Request().Header.Get(HeaderCSRF); got != "" {
			if err := checkCSRF(got, want); err != nil {
				return err
			}
			c.Set(keyCSRFChecked, true)
		}
		return next(c)
	}
}
