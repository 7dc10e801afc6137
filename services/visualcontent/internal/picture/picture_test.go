package picture

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/marketplace/marketplace/services/platform/picture"
	"github.com/marketplace/marketplace/services/platform/picture/picturetest"
)

func TestFill(t *testing.T) {
	hero := [][2]int{{1920, 600}, {1280, 400}, {768, 240}}
	tests := []struct {
		name string
		src  image.Image
	}{
		{"larger, wider", picturetest.Photo(4000, 1000, 1)},
		{"larger, taller", picturetest.Photo(2400, 2400, 2)},
		{"exact", picturetest.Photo(1920, 600, 3)},
		{"smaller: scaled up", picturetest.Photo(640, 480, 4)},
		{"a thin strip", picturetest.Photo(20000, 1, 5)},
		{"a thin column", picturetest.Photo(1, 5000, 6)},
		{"one pixel", picturetest.Photo(1, 1, 7)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := Fill(tt.src, hero)
			if len(out) != len(hero) {
				t.Fatalf("%d sizes", len(out))
			}
			for i, m := range out {
				if m.Rect.Dx() != hero[i][0] || m.Rect.Dy() != hero[i][1] {
					t.Fatalf("size %d is %v", i, m.Rect)
				}
			}
		})
	}
	if Fill(picturetest.Photo(10, 10, 1), nil) != nil {
		t.Fatal("sizes made of nothing")
	}
}

// The centre is kept: a picture whose middle third is red and sides blue,
// cut to a wide banner from a square, keeps red in the middle and nothing
// but red (the sides are cut away).
func TestFillKeepsTheCentre(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 900, 900))
	for y := range 900 {
		for x := range 900 {
			o := y*src.Stride + x*4
			if y >= 300 && y < 600 {
				src.Pix[o], src.Pix[o+3] = 255, 255
			} else {
				src.Pix[o+2], src.Pix[o+3] = 255, 255
			}
		}
	}
	out := Fill(src, [][2]int{{900, 300}})[0]
	for _, p := range []image.Point{{0, 5}, {450, 150}, {899, 294}} {
		o := out.PixOffset(p.X, p.Y)
		if r, b := out.Pix[o], out.Pix[o+2]; r < 240 || b > 15 {
			t.Fatalf("pixel %v is %d,%d,%d", p, r, out.Pix[o+1], b)
		}
	}
}

func TestTransparencyIsLaidOnWhite(t *testing.T) {
	out := Fill(picturetest.Transparent(400, 100), [][2]int{{400, 100}, {200, 50}})
	for _, m := range out {
		o := m.PixOffset(10, m.Rect.Dy()/2)
		if m.Pix[o] != 255 || m.Pix[o+1] != 255 || m.Pix[o+2] != 255 || m.Pix[o+3] != 255 {
			t.Fatalf("transparent part is %v", m.Pix[o:o+4])
		}
		o = m.PixOffset(m.Rect.Dx()-5, m.Rect.Dy()/2)
		if m.Pix[o] < 250 || m.Pix[o+1] > 5 || m.Pix[o+3] != 255 {
			t.Fatalf("red part is %v", m.Pix[o:o+4])
		}
	}
}

func TestEncodeJPEG(t *testing.T) {
	var buf bytes.Buffer
	if err := picture.EncodeJPEG(&buf, Fill(picturetest.Photo(300, 100, 1), [][2]int{{300, 100}})[0], Quality); err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(&buf)
	if err != nil || cfg.Width != 300 || cfg.Height != 100 {
		t.Fatalf("%+v, %v", cfg, err)
	}
}
