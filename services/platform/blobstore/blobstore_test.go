package blobstore_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/platform/blobstore"
)

func TestDir(t *testing.T) {
	ctx := context.Background()
	d, err := blobstore.NewDir(t.TempDir())
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
	for _, bad := range []string{"../escape", "/abs", "a/../../b", "", `a\b`} {
		if err := d.Put(ctx, bad, strings.NewReader("x")); err == nil {
			t.Errorf("key %q accepted", bad)
		}
	}
}
