// Package picture checks and decodes uploaded images and encodes JPEG. It
// is pure computation over bytes and pixels: no storage, no database, and
// no business rules (which sizes to make, and at what quality, is each
// service's choice).
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
// header only, refusing what is not accepted. It never decodes pixels.
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

// Opaque lays m on white where it is not opaque (JPEG has no alpha) and
// returns it as an RGBA image sharing m's pixels (premultiplied and
// straight alpha agree once every pixel is opaque), which the JPEG encoder
// converts fastest. m itself is made opaque in place.
func Opaque(m *image.NRGBA) *image.RGBA {
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

// EncodeJPEG writes m as a baseline JPEG at quality (1 to 100). The
// encoder writes no metadata, so whatever the upload carried (EXIF,
// location) is gone.
func EncodeJPEG(w io.Writer, m image.Image, quality int) error {
	if err := jpeg.Encode(w, m, &jpeg.Options{Quality: quality}); err != nil {
		return fmt.Errorf("encode jpeg: %w", err)
	}
	return nil
}
