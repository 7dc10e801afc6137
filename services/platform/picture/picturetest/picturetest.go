// Package picturetest makes image files for the tests of the services that
// accept uploaded pictures: photos with detail in any size and format, and
// hand-built files that lie about their size or are cut short.
package picturetest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
)

// Photo returns a w x h picture with detail everywhere (gradients, rings,
// fine stripes), the kind of content that costs a JPEG encoder and a
// resampler what a real photo costs. seed varies it.
func Photo(w, h, seed int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	fs := float64(seed)
	for y := range h {
		fy := float64(y)
		for x := range w {
			fx := float64(x)
			r := math.Sin((fx*fx+fy*fy)/float64(w*40)+fs)*90 + 128
			g := fx/float64(w)*200 + 30*math.Sin(fy/3)
			b := fy/float64(h)*180 + 40*math.Cos(fx/5+fs)
			o := y*m.Stride + x*4
			m.Pix[o], m.Pix[o+1], m.Pix[o+2], m.Pix[o+3] = clamp(r), clamp(g), clamp(b), 255
		}
	}
	return m
}

func clamp(v float64) uint8 { return uint8(max(0, min(255, v))) }

// JPEG encodes m at quality q.
func JPEG(m image.Image, q int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: q}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// PNG encodes m.
func PNG(m image.Image) []byte {
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, m); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// GIF encodes m with a small palette.
func GIF(m image.Image) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, m, &gif.Options{NumColors: 16}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// Transparent returns a w x h picture whose left half is fully
// transparent and right half opaque red.
func Transparent(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := w / 2; x < w; x++ {
			m.SetNRGBA(x, y, color.NRGBA{R: 255, A: 255})
		}
	}
	return m
}

// BombPNG builds by hand a PNG whose header claims w x h pixels (RGB, 8
// bits) followed by a small compressed IDAT: a file of a few KiB that
// would take w*h*4 bytes to decode.
func BombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.Write([]byte{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, RGB; compression, filter, interlace 0
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write(make([]byte, 4<<20)) // rows of zeros: 4 MiB in about 4 KiB
	_ = zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

// Truncated returns the first half of a JPEG of a w x h picture: its
// header is whole, so it passes the checks made on upload, but its pixels
// cannot be decoded.
func Truncated(w, h int) []byte {
	data := JPEG(Photo(w, h, 1), 85)
	return data[:len(data)/2]
}
