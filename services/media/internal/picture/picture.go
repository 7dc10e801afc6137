// Package picture makes the resized variants the media service serves
// from a decoded photo. It is pure computation over pixels: no storage, no
// database. Uploads are checked and decoded, and variants encoded, by the
// platform's picture package.
package picture

import (
	"image"

	"github.com/disintegration/imaging"

	"github.com/marketplace/marketplace/services/platform/picture"
)

// Variant sizes.
const (
	ThumbSide = 200  // thumbs are exactly this square, cropped to fill
	MediumBox = 800  // medium fits this square
	LargeBox  = 1600 // large fits this square
	Quality   = 85   // JPEG quality of every variant
)

// Set is the three variants of one photo, opaque and ready to encode.
type Set struct {
	Thumb, Medium, Large *image.RGBA
}

// Variants makes the three variants of img. Large fits 1600x1600 and
// medium 800x800, never scaled up; thumb is exactly 200x200, the centre
// square scaled. Transparent parts are laid on white (JPEG has no alpha).
//
// Only the large variant is made from the source, the others from it:
// with a big reduction (a 12-megapixel photo) a linear filter is as good
// to the eye as Lanczos and several times cheaper, and it reads the
// source once.
func Variants(img image.Image) Set {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	var large *image.NRGBA
	if lw, lh := fit(w, h, LargeBox); lw != w || lh != h {
		filter := imaging.Lanczos
		if w >= 2*lw {
			filter = imaging.Linear
		}
		large = imaging.Resize(img, lw, lh, filter)
	} else {
		large = imaging.Clone(img)
	}
	out := Set{Large: picture.Opaque(large)}

	medium := large
	// sized from the source's proportions, not the rounded large ones
	if mw, mh := fit(w, h, MediumBox); mw != large.Rect.Dx() || mh != large.Rect.Dy() {
		medium = imaging.Resize(large, mw, mh, imaging.Lanczos)
	}
	out.Medium = picture.Opaque(medium)

	// Crop first, then scale: scaling a very long strip to cover the square
	// first would allocate a huge intermediate image.
	side := min(medium.Rect.Dx(), medium.Rect.Dy())
	square := imaging.CropCenter(medium, side, side)
	out.Thumb = picture.Opaque(imaging.Resize(square, ThumbSide, ThumbSide, imaging.Lanczos))
	return out
}

// fit returns the size of a w x h image scaled down, keeping its aspect
// ratio, to fit a box x box square; an image that fits keeps its size.
func fit(w, h, box int) (int, int) {
	if w <= box && h <= box {
		return w, h
	}
	if w >= h {
		return box, max(1, (h*box+w/2)/w)
	}
	return max(1, (w*box+h/2)/h), box
}
