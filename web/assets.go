package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/static"
)

// assets serves the embedded static files. Pages link them with a content
// hash (?v=...), which lets browsers keep them for a year: a changed file
// gets a new URL.
type assets struct {
	files  map[string][]byte
	hashes map[string]string
}

func loadAssets() (*assets, error) {
	a := &assets{files: map[string][]byte{}, hashes: map[string]string{}}
	err := fs.WalkDir(static.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static.FS, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.files[p] = b
		a.hashes[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load static assets: %w", err)
	}
	return a, nil
}

// url returns the versioned URL of a file under static/.
func (a *assets) url(name string) string {
	return "/static/" + name + "?v=" + a.hashes[name]
}

func (a *assets) serve(c echo.Context) error {
	name := strings.TrimPrefix(path.Clean("/"+c.Param("*")), "/")
	b, ok := a.files[name]
	if !ok {
		return echo.ErrNotFound
	}
	h := c.Response().Header()
	etag := `"` + a.hashes[name] + `"`
	h.Set("ETag", etag)
	if c.QueryParam("v") == a.hashes[name] {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if c.Request().Header.Get("If-None-Match") == etag {
		return c.NoContent(http.StatusNotModified)
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(b)
	}
	return c.Blob(http.StatusOK, ct, b)
}
