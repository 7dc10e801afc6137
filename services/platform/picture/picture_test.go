package picture_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"runtime"
	"testing"

	"github.com/marketplace/marketplace/services/platform/picture"
	"github.com/marketplace/marketplace/services/platform/picture/picturetest"
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
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), picture.Info{}, picture.ErrNotImage},
		{"empty", nil, picture.Info{}, picture.ErrNotImage},
		{"bomb", picturetest.BombPNG(20000, 20000), picture.Info{}, picture.ErrTooManyPixels},
		{"too wide", picturetest.BombPNG(20001, 10), picture.Info{}, picture.ErrTooWide},
		{"too tall", picturetest.BombPNG(10, 20001), picture.Info{}, picture.ErrTooWide},
		{"40 megapixels exactly", picturetest.BombPNG(8000, 5000), picture.Info{Format: picture.PNG, Width: 8000, Height: 5000}, nil},
		{"40 megapixels exactly, at the side limit", picturetest.BombPNG(20000, 2000), picture.Info{Format: picture.PNG, Width: 20000, Height: 2000}, nil},
		{"one pixel more", picturetest.BombPNG(8000, 5001), picture.Info{}, picture.ErrTooManyPixels},
		{"one row more", picturetest.BombPNG(10000, 4001), picture.Info{}, picture.ErrTooManyPixels},
		{"a strip at the limit", picturetest.BombPNG(20000, 1), picture.Info{Format: picture.PNG, Width: 20000, Height: 1}, nil},
		{"zero size", picturetest.BombPNG(0, 10), picture.Info{}, picture.ErrCorrupt}, // the decoder refuses it itself
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

// The messages are shown to uploaders as they are.
func TestMessages(t *testing.T) {
	for err, want := range map[error]string{
		picture.ErrNotImage:      "the file is not a JPEG, PNG or GIF image",
		picture.ErrEmpty:         "the image has no pixels",
		picture.ErrTooManyPixels: "the image is larger than 40 megapixels",
		picture.ErrTooWide:       "the image is wider or taller than 20000 pixels",
		picture.ErrCorrupt:       "the image file is damaged or incomplete",
	} {
		if err.Error() != want {
			t.Errorf("%q, want %q", err, want)
		}
	}
	if len(picture.Known) != 5 {
		t.Fatalf("Known lists %d problems", len(picture.Known))
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

func TestDecode(t *testing.T) {
	photo := picturetest.Photo(300, 200, 3)
	tests := []struct {
		name string
		data []byte
		want image.Point
	}{
		{"jpeg", picturetest.JPEG(photo, 85), image.Pt(300, 200)},
		{"png", picturetest.PNG(picturetest.Photo(64, 32, 2)), image.Pt(64, 32)},
		{"gif: the first frame", picturetest.GIF(photo), image.Pt(300, 200)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := picture.Decode(tt.data)
			if err != nil || img.Bounds().Size() != tt.want {
				t.Fatalf("%v, %v; want %v", img, err, tt.want)
			}
		})
	}
}

func TestDecodeRefusesDamagedFiles(t *testing.T) {
	data := picturetest.JPEG(picturetest.Photo(400, 300, 4), 90)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"truncated jpeg", data[:len(data)/2], picture.ErrCorrupt},
		{"truncated, header whole", picturetest.Truncated(400, 300), picture.ErrCorrupt},
		{"gif header only", []byte("GIF89a"), picture.ErrCorrupt},
		{"bomb", picturetest.BombPNG(20000, 20000), picture.ErrTooManyPixels},
		{"not an image", []byte("hello"), picture.ErrNotImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := picture.Decode(tt.data); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	// What passes the checks on upload can still fail to decode.
	if _, err := picture.Inspect(picturetest.Truncated(400, 300)); err != nil {
		t.Fatalf("inspect truncated: %v", err)
	}
}

// Transparent parts become white, not black, once there is no alpha;
// half-transparent ones are blended with white.
func TestOpaque(t *testing.T) {
	src := picturetest.Transparent(4, 2)
	src.SetNRGBA(0, 1, color.NRGBA{R: 0, G: 0, B: 255, A: 128})
	m := picture.Opaque(src)
	tests := []struct {
		x, y int
		want color.RGBA
	}{
		{0, 0, color.RGBA{255, 255, 255, 255}},
		{0, 1, color.RGBA{127, 127, 255, 255}},
		{3, 0, color.RGBA{255, 0, 0, 255}},
	}
	for _, tt := range tests {
		if got := m.RGBAAt(tt.x, tt.y); got != tt.want {
			t.Errorf("pixel %d,%d is %v, want %v", tt.x, tt.y, got, tt.want)
		}
	}
	if &m.Pix[0] != &src.Pix[0] {
		t.Error("the pixels were copied")
	}
}

func TestEncodeJPEG(t *testing.T) {
	photo := picturetest.Photo(300, 200, 3)
	size := func(q int) int {
		var b bytes.Buffer
		if err := picture.EncodeJPEG(&b, photo, q); err != nil {
			t.Fatal(err)
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(b.Bytes()))
		if err != nil || cfg.Width != 300 || cfg.Height != 200 {
			t.Fatalf("%+v, %v", cfg, err)
		}
		return b.Len()
	}
	if low, high := size(50), size(95); low >= high {
		t.Fatalf("quality 50 makes %d bytes, 95 makes %d", low, high)
	}
}
