package httpserver

import (
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// LimitedBody returns the request's body cut at limit bytes. Reading past
// the limit, or past the server's own body limit (echo's), fails with
// tooLarge, the service's error for an upload too large.
func LimitedBody(c echo.Context, limit int64, tooLarge error) io.ReadCloser {
	return http.MaxBytesReader(c.Response(), tooLargeReader{c.Request().Body, tooLarge}, limit)
}

type tooLargeReader struct {
	r        io.ReadCloser
	tooLarge error
}

func (t tooLargeReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge {
		return n, t.tooLarge
	}
	return n, err
}

func (t tooLargeReader) Close() error { return t.r.Close() }

// ServeImmutable serves a stored file whose name never changes its
// content, so browsers may keep it for a year; conditional requests
// (If-None-Match, If-Modified-Since) get 304 from http.ServeContent.
func ServeImmutable(c echo.Context, contentType, etag string, modTime time.Time, content io.ReadSeeker) {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", etag)
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(c.Response(), c.Request(), "", modTime, content)
}
