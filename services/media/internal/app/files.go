package app

import (
	"context"
	"errors"

	"github.com/marketplace/marketplace/services/media/internal/domain"
	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// ErrFileNotFound answers a request for a file that is not served.
var ErrFileNotFound = fault.NotFoundf("file not found")

// File is a stored variant, open for reading; the caller closes it.
type File struct {
	blobstore.Blob
	// ETag identifies the content: the name is derived from the content of
	// the original, so a name always holds the same bytes.
	ETag string
}

// OpenFile opens the variant <hash>/<name> (name is thumb.jpg, medium.jpg
// or large.jpg). Any other path, including one that tries to leave the
// folder, is not found.
func (a *App) OpenFile(ctx context.Context, hash, name string) (File, error) {
	v, ok := domain.ParseFile(hash, name)
	if !ok {
		return File{}, ErrFileNotFound
	}
	b, err := a.blobs.Open(ctx, v.Key(hash))
	switch {
	case errors.Is(err, blobstore.ErrNotFound):
		return File{}, ErrFileNotFound
	case err != nil:
		return File{}, err
	}
	return File{Blob: b, ETag: `"` + hash + "-" + string(v) + `"`}, nil
}
