// Package picture checks uploaded banner images and makes the sizes the
// visual content service serves. It is pure computation over bytes and
// pixels: no storage, no database. The checks and limits are those of
// product photos (the media service): the same formats and pixel limits.
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

// Limits on the pixels of an upload (as for product photos).
const (
	MaxPixels = 40_000_000 // 40 megapixels
	MaxSide   = 20_000
)

// Quality is the JPEG quality of every size made.
const Quality = 82

// Problems with an upload; each is a message safe to show to the uploader.
var (
	ErrNotImage      = errors.New("the file is not a JPEG, PNG or GIF image")
	ErrEmpty         = errors.New("the image has no pixels")
	ErrTooManyPixels = fmt.Errorf("the image is larger than %d megapixels", MaxPixels/1_000_000)
	ErrTooWide       = fmt.Errorf("the image is wider or taller than %d pixels", MaxSide)
	ErrCorrupt       = errors.New("the image file is damaged or incomplete")
)

// Known lists the problems above, for callers that turn them into
// messages.
var Known = []error{ErrNotImage, ErrEmpty, ErrTooManyPixels, ErrTooWide, ErrCorrupt}

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
		out = append(out, opaque(prev))
	}
	return out
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

// EncodeJPEG writes m as a baseline JPEG at Quality. The encoder writes no
// metadata, so whatever the upload carried (EXIF, location) is gone.
func EncodeJPEG(w io.Writer, m image.Image) error {
	if err := jpeg.Encode(w, m, &jpeg.Options{Quality: Quality}); err != nil {
		return fmt.Errorf("encode jpeg: %w", err)
	}
	return nil
}
