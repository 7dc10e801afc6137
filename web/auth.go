package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/user/userclient"
)

// authenticate resolves the session token in the cookie with the user
// service (which may have revoked it) and puts the acting user in the
// request context, from where the service clients send it on.
func (w *Web) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		bs := w.session(c)
		token := bs.get(keyToken)
		if token == "" {
			return next(c)
		}
		s, cached := w.sessions.get(token)
		if !cached {
			var err error
			s, err = w.cfg.Clients.User.Resolve(c.Request().Context(), token)
			switch {
			case errors.Is(err, fault.Unauthenticated):
				bs.set(keyToken, "") // expired or revoked: the visitor is anonymous again
				return next(c)
			case err != nil:
				return err
			}
			w.sessions.put(token, s)
		}
		req := c.Request()
		a := actor.Actor{UserID: s.User.ID, Role: actor.Role(s.User.Role)}
		c.SetRequest(req.WithContext(actor.With(req.Context(), a)))
		c.Set("user", s.User)
		return next(c)
	}
}

// currentUser returns the signed-in user, if any.
func currentUser(c echo.Context) (userclient.User, bool) {
	u, ok := c.Get("user").(userclient.User)
	return u, ok
}

// requireAdmin sends anonymous visitors to the login page and refuses
// everyone but admins. The services check again: this only spares them
// the call and gives the visitor a proper page.
func (w *Web) requireAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, ok := currentUser(c)
		if !ok {
			return w.redirect(c, loginURL(returnPath(c)))
		}
		if actor.Role(u.Role) != actor.Admin {
			return fault.Forbiddenf("this page is for administrators")
		}
		return next(c)
	}
}

// requireUser sends anonymous visitors to the login page, to come back
// here afterwards.
func (w *Web) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if _, ok := currentUser(c); !ok {
			return w.redirect(c, loginURL(returnPath(c)))
		}
		return next(c)
	}
}

// returnPath is where to come back to after logging in: the page itself,
// or for a form sent after the session ended, the page the form was on.
func returnPath(c echo.Context) string {
	req := c.Request()
	if req.Method == http.MethodGet || req.Method == http.MethodHead {
		return req.URL.RequestURI()
	}
	if ref, err := url.Parse(req.Referer()); err == nil && ref.Host == req.Host && ref.Path != "" {
		return safeNext(ref.RequestURI())
	}
	return "/"
}

// loginURL is the login page that returns to next afterwards.
func loginURL(next string) string {
	return "/login?next=" + url.QueryEscape(next)
}
