package blobstore_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/platform/blobstore"
)

func TestDir(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	d, err := blobstore.NewDir(root)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Put(ctx, "ab/cd/large.jpg", strings.NewReader("jpeg bytes")); err != nil {
		t.Fatal(err)
	}
	b, err := d.Open(ctx, "ab/cd/large.jpg")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(b)
	b.Close()
	if string(got) != "jpeg bytes" || b.Size != 10 {
		t.Fatalf("read %q size %d", got, b.Size)
	}
	if ok, _ := d.Exists(ctx, "ab/cd/large.jpg"); !ok {
		t.Fatal("Exists says no")
	}
	if err := d.Delete(ctx, "ab/cd/large.jpg"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Open(ctx, "ab/cd/large.jpg"); !errors.Is(err, blobstore.ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	// Deleting the last blob of a folder removes the folders it leaves
	// empty, and only those.
	for _, key := range []string{"ef/01/a.jpg", "ef/01/b.jpg", "ef/02/c.jpg"} {
		if err := d.Put(ctx, key, strings.NewReader(key)); err != nil {
			t.Fatal(err)
		}
	}
	dirExists := func(rel string) bool {
		st, err := os.Stat(filepath.Join(root, rel))
		return err == nil && st.IsDir()
	}
	if err := d.Delete(ctx, "ef/01/a.jpg"); err != nil || !dirExists("ef/01") {
		t.Fatalf("delete a: %v; ef/01 kept: %v", err, dirExists("ef/01"))
	}
	if err := d.Delete(ctx, "ef/01/b.jpg"); err != nil || dirExists("ef/01") || !dirExists("ef/02") {
		t.Fatalf("delete b: %v; ef/01 kept: %v, ef/02 kept: %v", err, dirExists("ef/01"), dirExists("ef/02"))
	}
	if err := d.Delete(ctx, "ef/02/c.jpg"); err != nil || dirExists("ef") || dirExists("ab") || !dirExists(".") {
		t.Fatalf("delete c: %v; ef kept: %v, ab kept: %v, root kept: %v", err, dirExists("ef"), dirExists("ab"), dirExists("."))
	}
	if err := d.Put(ctx, "ef/01/a.jpg", strings.NewReader("again")); err != nil {
		t.Fatalf("put into a removed folder: %v", err)
	}

	for _, bad := range []string{"../escape", "/abs", "a/../../b", "", `a\b`} {
		if err := d.Put(ctx, bad, strings.NewReader("x")); err == nil {
			t.Errorf("key %q accepted", bad)
		}
	}
}
