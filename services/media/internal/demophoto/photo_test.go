package demophoto

import (
	"image"
	"image/draw"
	"image/png"
	"os"
	"testing"
)

// Every motif draws something of its own on the backdrop. With
// DEMOPHOTO_SHEET=file.png the test also writes a contact sheet of all of
// them, to look at.
func TestEveryMotifDraws(t *testing.T) {
	const size = 240
	blank := newCanvas(size)
	backdrop(blank, newPalette(200))
	plain := blank.image()
	sheet := image.NewRGBA(image.Rect(0, 0, 5*size, 4*size))
	seen := map[string]bool{}
	for i, m := range Motifs {
		img := Draw(m, 200, size)
		if img.Rect.Dx() != size || img.Rect.Dy() != size {
			t.Fatalf("%s: %v", m, img.Rect)
		}
		changed := 0
		for j := 0; j < len(img.Pix); j += 4 {
			if absDiff(img.Pix[j], plain.Pix[j])+absDiff(img.Pix[j+1], plain.Pix[j+1])+absDiff(img.Pix[j+2], plain.Pix[j+2]) > 30 {
				changed++
			}
		}
		if share := float64(changed) / float64(size*size); share < 0.05 {
			t.Errorf("%s covers %.1f%% of the picture", m, share*100)
		}
		key := string(img.Pix[size*size*2 : size*size*2+size*8])
		if seen[key] {
			t.Errorf("%s looks like another motif", m)
		}
		seen[key] = true
		at := image.Pt((i%5)*size, (i/5)*size)
		draw.Draw(sheet, image.Rectangle{at, at.Add(image.Pt(size, size))}, img, image.Point{}, draw.Src)
	}
	if path := os.Getenv("DEMOPHOTO_SHEET"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, sheet); err != nil {
			t.Fatal(err)
		}
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestUnknownMotifDrawsABox(t *testing.T) {
	a, b := Draw("spaceship", 10, 64), Draw("box", 10, 64)
	if string(a.Pix) != string(b.Pix) {
		t.Fatal("an unknown motif should draw a box")
	}
}
