package app

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/marketplace/marketplace/services/platform/blobstore"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
)

// ErrFileNotFound answers a request for a file that is not served.
var ErrFileNotFound = fault.NotFoundf("file not found")

// File is a stored size of a banner's image, open for reading; the caller
// closes it.
type File struct {
	blobstore.Blob
	// ETag identifies the content: a name always holds the same bytes.
	ETag string
}

// OpenFile opens <banner>/v<version>/<w>x<h>.jpg, if it is one of the
// sizes of an existing banner. Anything else, uploads and paths that try
// to leave the folder included, is not found.
func (a *App) OpenFile(ctx context.Context, bannerID, version, name string) (File, error) {
	key, ok := domain.ParseFile(bannerID, version, name)
	if !ok {
		return File{}, ErrFileNotFound
	}
	b, err := a.store.Banner(ctx, bannerID)
	switch {
	case errors.Is(err, domain.ErrBannerNotFound):
		return File{}, ErrFileNotFound
	case err != nil:
		return File{}, err
	}
	if !slices.ContainsFunc(b.Images, func(img domain.Image) bool { return img.Key == key }) {
		return File{}, ErrFileNotFound
	}
	blob, err := a.blobs.Open(ctx, key)
	switch {
	case errors.Is(err, blobstore.ErrNotFound):
		return File{}, ErrFileNotFound
	case err != nil:
		return File{}, err
	}
	return File{Blob: blob, ETag: `"` + strings.ReplaceAll(key, "/", "-") + `"`}, nil
}
