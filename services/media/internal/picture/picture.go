// Package picture checks uploaded image files and makes the resized
// variants the media service serves. It is pure computation over bytes and
// pixels: no storage, no database.
//
// Uploads are checked in two cheap steps before anything is decoded: the
// format is sniffed from the first bytes (never from a name or a header),
// and the dimensions are read from the file's header, so a small file that
// claims enormous dimensions (a decompression bomb) is refused without
// allocating its pixels.
package picture

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"github.com/disintegration/imaging"
)

// Format is a supported file format.
type Format string

// The formats accepted for upload.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
)

// Limits on the pixels of an upload.
const (
	MaxPixels = 40_000_000 // 40 megapixels
	MaxSide   = 20_000
)

// Variant sizes.
const (
	ThumbSide = 200  // thumbs are exactly this square, cropped to fill
	MediumBox = 800  // medium fits this square
	LargeBox  = 1600 // large fits this square
	Quality   = 85   // JPEG quality of every variant
)

// Problems with an upload; each is a message safe to show to the uploader.
var (
	ErrNotImage      = errors.New("the file is not a JPEG, PNG or GIF image")
	ErrEmpty         = errors.New("the image has no pixels")
	ErrTooManyPixels = fmt.Errorf("the image is larger than %d megapixels", MaxPixels/1_000_000)
	ErrTooWide       = fmt.Errorf("the image is wider or taller than %d pixels", MaxSide)
	ErrCorrupt       = errors.New("the image file is damaged or incomplete")
)

var (
	sigJPEG  = []byte{0xFF, 0xD8, 0xFF}
	sigPNG   = []byte{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}
	sigGIF87 = []byte("GIF87a")
	sigGIF89 = []byte("GIF89a")
)

// Sniff names the format of a file from its first bytes.
func Sniff(head []byte) (Format, bool) {
	switch {
	case bytes.HasPrefix(head, sigJPEG):
		return JPEG, true
	case bytes.HasPrefix(head, sigPNG):
		return PNG, true
	case bytes.HasPrefix(head, sigGIF87), bytes.HasPrefix(head, sigGIF89):
		return GIF, true
	}
	return "", false
}

// Info is what the header of an image file says.
type Info struct {
	Format        Format
	Width, Height int
}

// Inspect sniffs the format of data and reads its dimensions from the
// header only, refusing what the service does not accept. It never
// decodes pixels.
func Inspect(data []byte) (Info, error) {
	f, ok := Sniff(data)
	if !ok {
		return Info{}, ErrNotImage
	}
	var (
		cfg image.Config
		err error
		r   = bytes.NewReader(data)
	)
	switch f {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(r)
	case PNG:
		cfg, err = png.DecodeConfig(r)
	case GIF:
		cfg, err = gif.DecodeConfig(r)
	}
	if err != nil {
		return Info{}, fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	info := Info{Format: f, Width: cfg.Width, Height: cfg.Height}
	return info, info.Check()
}

// Check applies the limits to the dimensions.
func (i Info) Check() error {
	switch {
	case i.Width <= 0 || i.Height <= 0:
		return ErrEmpty
	case i.Width > MaxSide || i.Height > MaxSide:
		return ErrTooWide
	case int64(i.Width)*int64(i.Height) > MaxPixels:
		return ErrTooManyPixels
	}
	return nil
}

// Decode checks data as Inspect does and then decodes its pixels (the
// first frame of a GIF).
func Decode(data []byte) (image.Image, error) {
	info, err := Inspect(data)
	if err != nil {
		return nil, err
	}
	var img image.Image
	r := bytes.NewReader(data)
	switch info.Format {
	case JPEG:
		img, err = jpeg.Decode(r)
	case PNG:
		img, err = png.Decode(r)
	case GIF:
		img, err = gif.Decode(r)
	}
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	return img, nil
}

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
	out := Set{Large: opaque(large)}

	medium := large
	// sized from the source's proportions, not the rounded large ones
	if mw, mh := fit(w, h, MediumBox); mw != large.Rect.Dx() || mh != large.Rect.Dy() {
		medium = imaging.Resize(large, mw, mh, imaging.Lanczos)
	}
	out.Medium = opaque(medium)

	// Crop first, then scale: scaling a very long strip to cover the square
	// first would allocate a huge intermediate image.
	side := min(medium.Rect.Dx(), medium.Rect.Dy())
	square := imaging.CropCenter(medium, side, side)
	out.Thumb = opaque(imaging.Resize(square, ThumbSide, ThumbSide, imaging.Lanczos))
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

// opaque lays m on white where it is not opaque and returns it as an RGBA
// image sharing m's pixels (premultiplied and straight alpha agree once
// every pixel is opaque), which the JPEG encoder converts fastest.
func opaque(m *image.NRGBA) *image.RGBA {
	p := m.Pix
	for i := 0; i+3 < len(p); i += 4 {
		a := uint32(p[i+3])
		if a == 255 {
			continue
		}
		for c := range 3 {
			p[i+c] = uint8((uint32(p[i+c])*a + 255*(255-a) + 127) / 255)
		}
		p[i+3] = 255
	}
	return &image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
}

// EncodeJPEG writes m as a baseline JPEG at the variants' quality. The
// encoder writes no metadata, so whatever the upload carried (EXIF,
// location) is gone.
func EncodeJPEG(w io.Writer, m image.Image) error {
	if err := jpeg.Encode(w, m, &jpeg.Options{Quality: Quality}); err != nil {
		return fmt.Errorf("encode jpeg: %w", err)
	}
	return nil
}
