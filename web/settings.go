package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/user/userclient"
	"github.com/marketplace/marketplace/views/account"
)

var (
	profileFields  = map[string]string{"name": "name"}
	passwordFields = map[string]string{
		"current": "current_password", "current_password": "current_password",
		"new": "new_password", "new_password": "new_password", "password": "new_password",
	}
	deleteFields = map[string]string{"password": "password", "current": "password"}
)

func (w *Web) settings(c echo.Context, status int, v account.SettingsView) error {
	u, _ := currentUser(c)
	v.Email = u.Email
	if v.Profile.Errors == nil && v.Profile.Error == "" {
		v.Profile.Name = u.Name // not the form that failed: it shows the current name
	}
	return w.render(c, status, account.Settings(w.page(c, "Your account"), v))
}

// accountPage is GET /account.
func (w *Web) accountPage(c echo.Context) error {
	return w.settings(c, http.StatusOK, account.SettingsView{})
}

// updateAccount is POST /account: a new name.
func (w *Web) updateAccount(c echo.Context) error {
	u, _ := currentUser(c)
	f := account.ProfileForm{Name: strings.TrimSpace(c.FormValue("name"))}
	_, err := w.cfg.Clients.User.UpdateProfile(c.Request().Context(), u.ID, userclient.ProfileRequest{Name: f.Name})
	if err == nil {
		w.sessions.forgetUser(u.ID) // the header shows the new name at once
		w.session(c).flash("Your name is saved.")
		return w.redirect(c, "/account")
	}
	p, ok := formProblems(err, profileFields)
	if !ok {
		return err
	}
	f.Errors, f.Error = p.Fields, p.General
	return w.settings(c, http.StatusUnprocessableEntity, account.SettingsView{Profile: f})
}

// changePassword is POST /account/password. The user service signs the
// user out everywhere else; this browser stays signed in.
func (w *Web) changePassword(c echo.Context) error {
	u, _ := currentUser(c)
	current, next := c.FormValue("current_password"), c.FormValue("new_password")
	var pr problems
	if current == "" {
		pr.add("current_password", "Enter your current password.")
	}
	if next == "" {
		pr.add("new_password", "Enter a new password.")
	}
	if !pr.any() {
		err := w.cfg.Clients.User.ChangePasswordKeepingSession(c.Request().Context(), u.ID, w.session(c).get(keyToken),
			userclient.PasswordRequest{Current: current, New: next})
		if err == nil {
			w.sessions.forgetUser(u.ID) // the other sessions are revoked: not from this cache either
			w.session(c).flash("Your password is changed. Your other devices were signed out.")
			return w.redirect(c, "/account")
		}
		var ok bool
		if pr, ok = formProblems(err, passwordFields); !ok {
			return err
		}
	}
	return w.settings(c, http.StatusUnprocessableEntity, account.SettingsView{Password: account.FormState{Errors: pr.Fields, Error: pr.General}})
}

// deleteAccount is POST /account/delete, confirmed with the password. The
// user service ends every session; the browser's is cleared too.
func (w *Web) deleteAccount(c echo.Context) error {
	u, _ := currentUser(c)
	password := c.FormValue("password")
	var pr problems
	if password == "" {
		pr.add("password", "Enter your password to confirm.")
	} else {
		err := w.cfg.Clients.User.Delete(c.Request().Context(), u.ID, userclient.DeleteRequest{Password: password})
		if err == nil {
			w.sessions.forgetUser(u.ID)
			bs := w.session(c)
			bs.renew()
			bs.flash("Your account was deleted.")
			return w.redirect(c, "/")
		}
		var ok bool
		if pr, ok = formProblems(err, deleteFields); !ok {
			return err
		}
	}
	return w.settings(c, http.StatusUnprocessableEntity, account.SettingsView{Delete: account.FormState{Errors: pr.Fields, Error: pr.General}})
}
