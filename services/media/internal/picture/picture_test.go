package picture_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"runtime"
	"testing"

	"github.com/marketplace/marketplace/services/media/internal/picture"
	"github.com/marketplace/marketplace/services/media/internal/picture/picturetest"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		head string
		want picture.Format
		ok   bool
	}{
		{"\xFF\xD8\xFF\xE0rest", picture.JPEG, true},
		{"\x89PNG\r\n\x1a\nrest", picture.PNG, true},
		{"GIF87a...", picture.GIF, true},
		{"GIF89a...", picture.GIF, true},
		{"GIF88a...", "", false},
		{"\x89PNG\r\n", "", false},
		{"\xFF\xD8", "", false},
		{"BM....", "", false},  // BMP: not accepted
		{"II*\x00", "", false}, // TIFF
		{"<svg xmlns=...", "", false},
		{"hello, I am text", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := picture.Sniff([]byte(tt.head))
		if got != tt.want || ok != tt.ok {
			t.Errorf("Sniff(%q) = %q, %v; want %q, %v", tt.head, got, ok, tt.want, tt.ok)
		}
	}
}

func TestInspect(t *testing.T) {
	photo := picturetest.Photo(64, 48, 1)
	tests := []struct {
		name  string
		data  []byte
		want  picture.Info
		error error
	}{
		{"jpeg", picturetest.JPEG(photo, 80), picture.Info{Format: picture.JPEG, Width: 64, Height: 48}, nil},
		{"png", picturetest.PNG(photo), picture.Info{Format: picture.PNG, Width: 64, Height: 48}, nil},
		{"gif", picturetest.GIF(photo), picture.Info{Format: picture.GIF, Width: 64, Height: 48}, nil},
		{"text named like a photo", []byte("this is a text file, photo.jpg"), picture.Info{}, picture.ErrNotImage},
		{"bomb", picturetest.BombPNG(20000, 20000), picture.Info{}, picture.ErrTooManyPixels},
		{"too wide", picturetest.BombPNG(20001, 10), picture.Info{}, picture.ErrTooWide},
		{"40 megapixels exactly", picturetest.BombPNG(8000, 5000), picture.Info{Format: picture.PNG, Width: 8000, Height: 5000}, nil},
		{"one pixel more", picturetest.BombPNG(8000, 5001), picture.Info{}, picture.ErrTooManyPixels},
		{"a strip at the limit", picturetest.BombPNG(20000, 1), picture.Info{Format: picture.PNG, Width: 20000, Height: 1}, nil},
		{"zero size", picturetest.BombPNG(0, 10), picture.Info{}, picture.ErrCorrupt},
		{"truncated header", picturetest.JPEG(photo, 80)[:20], picture.Info{}, picture.ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := picture.Inspect(tt.data)
			if tt.error != nil {
				if !errors.Is(err, tt.error) {
					t.Fatalf("err = %v, want %v", err, tt.error)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestCheckRefusesNoPixels(t *testing.T) {
	for _, i := range []picture.Info{{Width: 0, Height: 5}, {Width: 5, Height: 0}, {Width: -1, Height: -1}} {
		if err := i.Check(); !errors.Is(err, picture.ErrEmpty) {
			t.Errorf("%+v: %v", i, err)
		}
	}
}

// The check of a decompression bomb reads its header only.
func TestInspectDoesNotDecode(t *testing.T) {
	bomb := picturetest.BombPNG(20000, 20000)
	if len(bomb) > 16<<10 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := picture.Inspect(bomb)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, picture.ErrTooManyPixels) {
		t.Fatal(err)
	}
	if d := after.TotalAlloc - before.TotalAlloc; d > 1<<20 {
		t.Fatalf("inspecting allocated %d bytes", d)
	}
	// Decode refuses it the same way, before allocating pixels.
	runtime.ReadMemStats(&before)
	_, err = picture.Decode(bomb)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, picture.ErrTooManyPixels) || after.TotalAlloc-before.TotalAlloc > 1<<20 {
		t.Fatalf("decode: %v after %d bytes", err, after.TotalAlloc-before.TotalAlloc)
	}
}

func TestVariantSizes(t *testing.T) {
	tests := []struct {
		name                  string
		w, h                  int
		large, medium, thumbs image.Point
	}{
		{"big landscape", 4000, 3000, image.Pt(1600, 1200), image.Pt(800, 600), image.Pt(200, 200)},
		{"big portrait", 1000, 2400, image.Pt(667, 1600), image.Pt(333, 800), image.Pt(200, 200)},
		{"between", 1200, 900, image.Pt(1200, 900), image.Pt(800, 600), image.Pt(200, 200)},
		{"small: never scaled up", 300, 120, image.Pt(300, 120), image.Pt(300, 120), image.Pt(200, 200)},
		{"square at the limit", 1600, 1600, image.Pt(1600, 1600), image.Pt(800, 800), image.Pt(200, 200)},
		{"a long strip", 6000, 3, image.Pt(1600, 1), image.Pt(800, 1), image.Pt(200, 200)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := picture.Variants(picturetest.Photo(tt.w, tt.h, 2))
			for _, v := range []struct {
				what string
				img  *image.RGBA
				want image.Point
			}{{"large", set.Large, tt.large}, {"medium", set.Medium, tt.medium}, {"thumb", set.Thumb, tt.thumbs}} {
				if got := v.img.Rect.Size(); got != v.want {
					t.Errorf("%s is %v, want %v", v.what, got, v.want)
				}
			}
		})
	}
}

// Transparent parts become white, not black, once there is no alpha.
func TestVariantsLayTransparencyOnWhite(t *testing.T) {
	set := picture.Variants(picturetest.Transparent(400, 400))
	m := set.Medium
	if got := m.RGBAAt(10, 200); got != (color.RGBA{255, 255, 255, 255}) {
		t.Fatalf("transparent part is %v", got)
	}
	if got := m.RGBAAt(390, 200); got.R < 250 || got.G > 5 || got.A != 255 {
		t.Fatalf("opaque part is %v", got)
	}
}

func TestGIFFirstFrameAndEncode(t *testing.T) {
	img, err := picture.Decode(picturetest.GIF(picturetest.Photo(300, 200, 3)))
	if err != nil {
		t.Fatal(err)
	}
	set := picture.Variants(img)
	var b bytes.Buffer
	if err := picture.EncodeJPEG(&b, set.Large); err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(&b)
	if err != nil || cfg.Width != 300 || cfg.Height != 200 {
		t.Fatalf("%+v, %v", cfg, err)
	}
}

func TestDecodeRefusesDamagedFiles(t *testing.T) {
	data := picturetest.JPEG(picturetest.Photo(400, 300, 4), 90)
	if _, err := picture.Decode(data[:len(data)/2]); !errors.Is(err, picture.ErrCorrupt) {
		t.Fatalf("truncated jpeg: %v", err)
	}
	if _, err := picture.Decode([]byte("GIF89a")); !errors.Is(err, picture.ErrCorrupt) {
		t.Fatalf("gif header only: %v", err)
	}
}
