package picture

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"

	"github.com/marketplace/marketplace/services/platform/picture"
	"github.com/marketplace/marketplace/services/platform/picture/picturetest"
)

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
			set := Variants(picturetest.Photo(tt.w, tt.h, 2))
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
	set := Variants(picturetest.Transparent(400, 400))
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
	set := Variants(img)
	var b bytes.Buffer
	if err := picture.EncodeJPEG(&b, set.Large, Quality); err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(&b)
	if err != nil || cfg.Width != 300 || cfg.Height != 200 {
		t.Fatalf("%+v, %v", cfg, err)
	}
}
