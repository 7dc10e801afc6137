package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/user/userclient"
	"github.com/marketplace/marketplace/views/account"
)

func (w *Web) registerForm(c echo.Context) error {
	if _, ok := currentUser(c); ok {
		return w.redirect(c, safeNext(c.QueryParam("next")))
	}
	return w.render(c, http.StatusOK, account.Register(w.page(c, "Create your account"), account.RegisterForm{Next: nextParam(c.QueryParam("next"))}))
}

// register opens an account and signs the new user in. Problems come back
// on the form, with status 422 and each field marked.
func (w *Web) register(c echo.Context) error {
	form := account.RegisterForm{Name: strings.TrimSpace(c.FormValue("name")), Email: strings.TrimSpace(c.FormValue("email")),
		Next: nextParam(c.FormValue("next"))}
	password := c.FormValue("password")
	ctx := c.Request().Context()
	u, err := w.cfg.Clients.User.Register(ctx, userclient.RegisterRequest{Name: form.Name, Email: form.Email, Password: password})
	if err != nil {
		if !formProblem(err, &form.Errors, &form.Error) {
			return err
		}
		return w.render(c, http.StatusUnprocessableEntity, account.Register(w.page(c, "Create your account"), form))
	}
	s, err := w.cfg.Clients.User.Login(ctx, userclient.LoginRequest{Email: form.Email, Password: password, IP: c.RealIP()})
	if err != nil {
		return err
	}
	w.signIn(c, s)
	w.session(c).flash("Welcome to the marketplace, " + u.Name + "!")
	return w.redirect(c, safeNext(form.Next))
}

// nextParam keeps a "next" destination only when it is a path on this
// site ("" otherwise).
func nextParam(next string) string {
	if next == "" || safeNext(next) != next {
		return ""
	}
	return next
}

func (w *Web) loginForm(c echo.Context) error {
	if _, ok := currentUser(c); ok {
		return w.redirect(c, safeNext(c.QueryParam("next")))
	}
	return w.render(c, http.StatusOK, account.Login(w.page(c, "Log in"), account.LoginForm{Next: c.QueryParam("next")}))
}

func (w *Web) login(c echo.Context) error {
	form := account.LoginForm{Email: strings.TrimSpace(c.FormValue("email")), Next: c.FormValue("next")}
	password := c.FormValue("password")
	form.Errors = map[string]string{}
	if form.Email == "" {
		form.Errors["email"] = "enter your email address"
	}
	if password == "" {
		form.Errors["password"] = "enter your password"
	}
	if len(form.Errors) == 0 {
		s, err := w.cfg.Clients.User.Login(c.Request().Context(), userclient.LoginRequest{Email: form.Email, Password: password, IP: c.RealIP()})
		if err == nil {
			w.signIn(c, s)
			w.session(c).flash("Welcome back, " + s.User.Name + ".")
			return w.redirect(c, safeNext(form.Next))
		}
		if !formProblem(err, &form.Errors, &form.Error) {
			return err
		}
	}
	return w.render(c, http.StatusUnprocessableEntity, account.Login(w.page(c, "Log in"), form))
}

// logout revokes the server session, so a copied cookie is worthless too.
func (w *Web) logout(c echo.Context) error {
	bs := w.session(c)
	if token := bs.get(keyToken); token != "" {
		if err := w.cfg.Clients.User.Logout(c.Request().Context(), token); err != nil {
			return err
		}
	}
	if u, ok := currentUser(c); ok {
		w.sessions.forgetUser(u.ID)
	}
	bs.renew()
	bs.flash("You have been logged out.")
	return w.redirect(c, "/")
}

// formProblem turns a service error that the user can fix (invalid input,
// a conflict, wrong credentials, throttling) into form messages, and
// reports whether it did.
func formProblem(err error, fields *map[string]string, general *string) bool {
	fe, ok := fault.As(err)
	if !ok {
		return false
	}
	switch {
	case errors.Is(err, fault.Invalid), errors.Is(err, fault.Conflict):
		if len(fe.Fields) > 0 {
			*fields = fe.Fields
			if len(fe.Fields) > 1 {
				*general = "Please correct the marked fields."
			}
			return true
		}
		*general = capitalize(fe.Message)
		return true
	case errors.Is(err, fault.Unauthenticated), errors.Is(err, fault.TooMany):
		*general = capitalize(fe.Message)
		return true
	}
	return false
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
