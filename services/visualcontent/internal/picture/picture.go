// Package picture makes the sizes the visual content service serves from
// a decoded banner image. It is pure computation over pixels: no storage,
// no database. Uploads are checked and decoded, and sizes encoded, by the
// platform's picture package, with the same formats and pixel limits as
// product photos.
package picture

import (
	"image"

	"github.com/disintegration/imaging"

	"github.com/marketplace/marketplace/services/platform/picture"
)

// Quality is the JPEG quality of every size made.
const Quality = 82

// Fill makes img into sizes, widest first, each exactly its width x
// height: the largest centred area of img with the proportions of the
// first size is cut out and scaled (Lanczos; scaled up when img is
// smaller), and each smaller size is scaled from the one before.
// Transparent parts are laid on white (JPEG has no alpha).
//
// Cutting before scaling keeps the work and memory bounded whatever the
// proportions of img: scaling a very long strip to cover the size first
// (what imaging.Fill does with a source under 100 pixels on a side) would
// allocate a huge intermediate image.
func Fill(img image.Image, sizes [][2]int) []*image.RGBA {
	if len(sizes) == 0 {
		return nil
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	tw, th := sizes[0][0], sizes[0][1]
	cw, ch := w, h
	if int64(w)*int64(th) > int64(h)*int64(tw) {
		cw = max(1, int((int64(h)*int64(tw)+int64(th)/2)/int64(th))) // too wide: keep the height
	} else {
		ch = max(1, int((int64(w)*int64(th)+int64(tw)/2)/int64(tw))) // too tall: keep the width
	}
	crop := imaging.CropCenter(img, cw, ch)
	filter := imaging.Lanczos
	if cw >= 3*tw {
		// A big reduction: a linear filter looks the same and costs a
		// fraction (as for product photos).
		filter = imaging.Linear
	}
	prev := imaging.Resize(crop, tw, th, filter)
	out := make([]*image.RGBA, 0, len(sizes))
	for i, s := range sizes {
		if i > 0 {
			prev = imaging.Resize(prev, s[0], s[1], imaging.Lanczos)
		}
		// Laid on white in place: the next size, scaled from this one, is
		// then opaque too, as it would be laid on white anyway.
		out = append(out, picture.Opaque(prev))
	}
	return out
}
