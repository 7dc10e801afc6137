// Package ports exposes the user service's use cases: its JSON API under
// /v1 (thin echo handlers) and the mapping to the wire types of
// userclient.
package ports

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/user/internal/app"
	"github.com/marketplace/marketplace/services/user/internal/domain"
	"github.com/marketplace/marketplace/services/user/userclient"
)

// HTTP serves the API.
type HTTP struct{ app *app.App }

// NewHTTP returns the handlers over a.
func NewHTTP(a *app.App) *HTTP { return &HTTP{app: a} }

// Routes registers the API on g (the /v1 group behind the internal token).
func (h *HTTP) Routes(g *echo.Group) {
	g.POST("/users", h.register)
	g.GET("/users/:id", h.getUser)
	g.PUT("/users/:id", h.updateProfile)
	g.PUT("/users/:id/password", h.changePassword)
	g.DELETE("/users/:id", h.deleteUser)
	g.POST("/sessions", h.login)
	g.GET("/session", h.resolveSession)
	g.DELETE("/session", h.logout)
}

func (h *HTTP) register(c echo.Context) error {
	var in userclient.RegisterRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	u, err := h.app.Register(c.Request().Context(), in.Name, in.Email, in.Password)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, User(u))
}

func (h *HTTP) getUser(c echo.Context) error {
	ctx := c.Request().Context()
	u, err := h.app.GetUser(ctx, actor.From(ctx), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, User(u))
}

func (h *HTTP) updateProfile(c echo.Context) error {
	var in userclient.ProfileRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	u, err := h.app.UpdateProfile(ctx, actor.From(ctx), c.Param("id"), in.Name)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, User(u))
}

func (h *HTTP) changePassword(c echo.Context) error {
	var in userclient.PasswordRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	// The caller's own session, if it says which, survives the change.
	keep := c.Request().Header.Get(userclient.HeaderSessionToken)
	if err := h.app.ChangePassword(ctx, actor.From(ctx), c.Param("id"), in.Current, in.New, keep); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *HTTP) deleteUser(c echo.Context) error {
	var in userclient.DeleteRequest
	// An admin's request may come without a body.
	if c.Request().ContentLength != 0 {
		if err := httpserver.Bind(c, &in); err != nil {
			return err
		}
	}
	ctx := c.Request().Context()
	if err := h.app.DeleteUser(ctx, actor.From(ctx), c.Param("id"), in.Password); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *HTTP) login(c echo.Context) error {
	var in userclient.LoginRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	s, err := h.app.Login(c.Request().Context(), in.Email, in.Password, in.IP)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, Session(s))
}

func (h *HTTP) resolveSession(c echo.Context) error {
	token, err := sessionToken(c)
	if err != nil {
		return err
	}
	s, err := h.app.ResolveSession(c.Request().Context(), token)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Session(s))
}

func (h *HTTP) logout(c echo.Context) error {
	token, err := sessionToken(c)
	if err != nil {
		return err
	}
	if err := h.app.Logout(c.Request().Context(), token); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func sessionToken(c echo.Context) (string, error) {
	token := c.Request().Header.Get(userclient.HeaderSessionToken)
	if token == "" {
		return "", fault.Unauthenticatedf("a session token is required (header %s)", userclient.HeaderSessionToken)
	}
	return token, nil
}

// User is the wire form of an account; it never carries the password hash.
func User(u *domain.User) userclient.User {
	return userclient.User{
		ID: u.ID(), Name: u.Name(), Email: u.Email(), Role: string(u.Role()), CreatedAt: u.CreatedAt(),
	}
}

// Session is the wire form of a session; Token is set only right after
// login, and the token hash never leaves the service.
func Session(s app.SignedIn) userclient.Session {
	return userclient.Session{Token: s.Token, ExpiresAt: s.Session.ExpiresAt(), User: User(s.User)}
}
