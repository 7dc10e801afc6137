// Package blobstore keeps files (product photos and their variants, banner
// images) under keys such as "ab/cdef.../large.jpg". The embedded mode keeps
// them in the data folder, the distributed mode on a volume that the media
// processes share; object storage can implement the same interface later.
package blobstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrNotFound says there is no blob under a key.
var ErrNotFound = errors.New("blob not found")

// Store keeps blobs.
type Store interface {
	// Put stores r under key, replacing any blob there. Readers never see a
	// half-written blob.
	Put(ctx context.Context, key string, r io.Reader) error
	// Open returns the blob under key with its size and modification time.
	Open(ctx context.Context, key string) (Blob, error)
	// Exists reports whether a blob is stored under key.
	Exists(ctx context.Context, key string) (bool, error)
	// Delete removes the blob under key; a missing blob is not an error.
	Delete(ctx context.Context, key string) error
}

// Blob is an open blob; close it after reading.
type Blob struct {
	io.ReadSeekCloser
	Size    int64
	ModTime time.Time
}

// Dir is a Store in a local folder.
type Dir struct{ root string }

// NewDir returns a store rooted at dir, creating it if needed.
func NewDir(dir string) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("blob store %s: %w", dir, err)
	}
	return &Dir{root: dir}, nil
}

// path maps a key to a file, refusing keys that could leave the root.
func (d *Dir) path(key string) (string, error) {
	if key == "" || strings.HasPrefix(key, "/") || strings.Contains(key, "\\") || !fs.ValidPath(key) {
		return "", fmt.Errorf("blob store: invalid key %q", key)
	}
	return filepath.Join(d.root, filepath.FromSlash(key)), nil
}

// Put writes to a temporary file and renames it into place.
func (d *Dir) Put(ctx context.Context, key string, r io.Reader) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	tmp, err := d.createTemp(filepath.Dir(p))
	if err != nil {
		return fmt.Errorf("blob store: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := io.Copy(tmp, readerCtx{ctx, r}); err != nil {
		tmp.Close()
		return fmt.Errorf("blob store: write %s: %w", key, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("blob store: sync %s: %w", key, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("blob store: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("blob store: %w", err)
	}
	return nil
}

// createTemp makes a temporary file in dir, making dir first. A Delete
// may remove dir between the two when its last blob goes; then it tries
// again (a folder with the temporary file in it is never removed).
func (d *Dir) createTemp(dir string) (*os.File, error) {
	for attempt := 0; ; attempt++ {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, err
		}
		f, err := os.CreateTemp(dir, ".upload-*")
		if err == nil || !errors.Is(err, fs.ErrNotExist) || attempt == 2 {
			return f, err
		}
	}
}

// Open opens the blob under key.
func (d *Dir) Open(_ context.Context, key string) (Blob, error) {
	p, err := d.path(key)
	if err != nil {
		return Blob{}, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return Blob{}, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return Blob{}, fmt.Errorf("blob store: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return Blob{}, fmt.Errorf("blob store: %w", err)
	}
	return Blob{ReadSeekCloser: f, Size: st.Size(), ModTime: st.ModTime()}, nil
}

// Exists reports whether key holds a blob.
func (d *Dir) Exists(_ context.Context, key string) (bool, error) {
	p, err := d.path(key)
	if err != nil {
		return false, err
	}
	_, err = os.Stat(p)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	default:
		return false, fmt.Errorf("blob store: %w", err)
	}
}

// Delete removes the blob under key.
func (d *Dir) Delete(_ context.Context, key string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("blob store: %w", err)
	}
	// Remove the folders the key leaves empty, up to the root, so that
	// deleted photos leave no trace; the first folder that is not empty
	// (or is gone already) ends the walk.
	root := filepath.Clean(d.root)
	for dir := filepath.Dir(p); dir != root && strings.HasPrefix(dir, root+string(filepath.Separator)); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break
		}
	}
	return nil
}

// readerCtx stops a copy when ctx ends.
type readerCtx struct {
	ctx context.Context
	r   io.Reader
}

func (r readerCtx) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}
