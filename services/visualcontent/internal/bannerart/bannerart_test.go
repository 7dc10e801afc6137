package bannerart

import (
	"bytes"
	"testing"
)

func TestDraw(t *testing.T) {
	a := Draw(1200, 400, 150, 2)
	if a.Rect.Dx() != 1200 || a.Rect.Dy() != 400 {
		t.Fatalf("size %v", a.Rect)
	}
	if !bytes.Equal(a.Pix, Draw(1200, 400, 150, 2).Pix) {
		t.Fatal("the same banner drawn twice differs")
	}
	if bytes.Equal(a.Pix, Draw(1200, 400, 150, 3).Pix) {
		t.Fatal("another seed draws the same banner")
	}
	// Not a flat colour: the corners differ, and every pixel is opaque.
	first, last := a.Pix[:3], a.Pix[len(a.Pix)-4:len(a.Pix)-1]
	if bytes.Equal(first, last) {
		t.Fatal("flat")
	}
	for i := 3; i < len(a.Pix); i += 4 {
		if a.Pix[i] != 255 {
			t.Fatal("transparent pixel")
		}
	}
}
