package httpserver

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// HeaderToken carries the shared internal token between services.
const HeaderToken = "X-Internal-Token"

// Internal guards a service's API: callers must present the internal
// token, and only then is the acting user in the headers believed and put in
// the request context.
func Internal(token string) echo.MiddlewareFunc {
	want := []byte(token)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			got := []byte(c.Request().Header.Get(HeaderToken))
			if len(want) == 0 || subtle.ConstantTimeCompare(got, want) != 1 {
				return fault.Unauthenticatedf("a valid internal token is required")
			}
			h := c.Request().Header
			a := actor.Actor{UserID: h.Get(actor.HeaderUserID), Role: actor.Role(h.Get(actor.HeaderRole))}
			if a.UserID != "" && !a.Role.Valid() {
				return fault.Invalidf("unknown acting role %q", a.Role)
			}
			req := c.Request()
			c.SetRequest(req.WithContext(actor.With(req.Context(), a)))
			return next(c)
		}
	}
}

// Bind decodes a JSON request body into dst. Unknown fields are ignored
// (a caller cannot set what the handler does not read); malformed JSON is
// invalid input.
func Bind(c echo.Context, dst any) error {
	req := c.Request()
	if ct := req.Header.Get(echo.HeaderContentType); !strings.HasPrefix(ct, echo.MIMEApplicationJSON) {
		return fault.Invalidf("the body must be JSON (Content-Type: application/json)")
	}
	dec := json.NewDecoder(req.Body)
	if err := dec.Decode(dst); err != nil {
		var tooLarge *http.MaxBytesError
		var he *echo.HTTPError
		switch {
		case errors.As(err, &he):
			return he // the body limit, as echo reports it
		case errors.As(err, &tooLarge):
			return fault.TooLarge
		case errors.Is(err, io.EOF):
			return fault.Invalidf("the request body is empty")
		default:
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) && typeErr.Field != "" {
				return fault.Fields(map[string]string{typeErr.Field: "has the wrong type"})
			}
			return fault.Invalidf("the request body is not valid JSON")
		}
	}
	return nil
}
