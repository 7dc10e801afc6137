// Package bannerart draws the demo dataset's banners: a soft diagonal
// gradient in the banner's hue, glowing discs and two gentle waves. It is
// drawn by code, so the demo ships no image files and nobody's pictures.
package bannerart

import (
	"image"
	"math"
)

// Draw returns a w x h banner in hue (degrees); seed varies where the
// discs and waves fall.
func Draw(w, h, hue, seed int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	fh := float64(hue)
	from, to := hsl(fh-12, 0.62, 0.62), hsl(fh+28, 0.58, 0.38)
	wave1, wave2 := hsl(fh+8, 0.55, 0.30), hsl(fh+180, 0.35, 0.80)
	disc := hsl(fh+160, 0.55, 0.80)

	type circle struct{ x, y, r, a float64 }
	rnd := newRand(uint32(seed)*2654435761 + 1)
	var discs []circle
	for range 7 {
		discs = append(discs, circle{
			x: rnd.float() * float64(w), y: rnd.float() * float64(h),
			r: (0.12 + 0.28*rnd.float()) * float64(h), a: 0.10 + 0.18*rnd.float(),
		})
	}
	phase := rnd.float() * 2 * math.Pi
	fw, fhgt := float64(w), float64(h)
	for y := range h {
		fy := float64(y) + 0.5
		for x := range w {
			fx := float64(x) + 0.5
			// diagonal gradient, lighter at the upper left
			t := clamp01((fx/fw)*0.7 + (fy/fhgt)*0.3)
			c := mix(from, to, smoothstep(0, 1, t))
			// a soft light in the left third, where a title would sit
			d := math.Hypot((fx-0.28*fw)/(0.45*fw), (fy-0.45*fhgt)/(0.9*fhgt))
			c = mix(c, rgb{1, 1, 1}, 0.22*(1-smoothstep(0, 1, d)))
			for _, ci := range discs {
				dist := math.Hypot(fx-ci.x, fy-ci.y) - ci.r
				cover := 1 - smoothstep(-1.5, 1.5, dist)      // anti-aliased edge
				glow := 0.5 * (1 - smoothstep(0, ci.r, dist)) // halo outside it
				c = mix(c, disc, ci.a*max(cover, glow*(1-cover)))
			}
			// two waves along the bottom
			y1 := fhgt * (0.78 + 0.06*math.Sin(fx/fw*2*math.Pi*1.3+phase))
			y2 := fhgt * (0.86 + 0.05*math.Sin(fx/fw*2*math.Pi*0.8+phase*1.7+1))
			c = mix(c, wave2, 0.35*smoothstep(y1-1, y1+1, fy))
			c = mix(c, wave1, 0.55*smoothstep(y2-1, y2+1, fy))
			o := y*m.Stride + x*4
			m.Pix[o], m.Pix[o+1], m.Pix[o+2], m.Pix[o+3] = byteOf(c.r), byteOf(c.g), byteOf(c.b), 255
		}
	}
	return m
}

// rgb is a colour with components in [0, 1].
type rgb struct{ r, g, b float64 }

func mix(a, b rgb, t float64) rgb {
	return rgb{a.r + (b.r-a.r)*t, a.g + (b.g-a.g)*t, a.b + (b.b-a.b)*t}
}

// hsl returns the colour of hue h (degrees), saturation s and lightness l.
func hsl(h, s, l float64) rgb {
	h = math.Mod(h, 360)
	if h < 0 {
		h += 360
	}
	c := (1 - math.Abs(2*l-1)) * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := l - c/2
	var r, g, b float64
	switch {
	case h < 60:
		r, g, b = c, x, 0
	case h < 120:
		r, g, b = x, c, 0
	case h < 180:
		r, g, b = 0, c, x
	case h < 240:
		r, g, b = 0, x, c
	case h < 300:
		r, g, b = x, 0, c
	default:
		r, g, b = c, 0, x
	}
	return rgb{r + m, g + m, b + m}
}

func clamp01(v float64) float64 { return max(0, min(1, v)) }

func smoothstep(e0, e1, x float64) float64 {
	t := clamp01((x - e0) / (e1 - e0))
	return t * t * (3 - 2*t)
}

func byteOf(v float64) uint8 { return uint8(clamp01(v)*255 + 0.5) }

// xorshift is a tiny deterministic generator: the same seed draws the
// same banner on every machine.
type xorshift struct{ s uint32 }

func newRand(seed uint32) *xorshift {
	if seed == 0 {
		seed = 1
	}
	return &xorshift{seed}
}

func (x *xorshift) float() float64 {
	x.s ^= x.s << 13
	x.s ^= x.s >> 17
	x.s ^= x.s << 5
	return float64(x.s) / float64(math.MaxUint32)
}
