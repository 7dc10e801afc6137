package demophoto

import (
	"image"
	"math"
)

// The drawing is done in a design space of 1000 x 1000 units whatever the
// size of the picture; shapes are signed distance functions (negative
// inside), which gives anti-aliased edges and soft shadows for free: a
// pixel's coverage follows from its distance to the edge.

// rgb is a colour with components in [0, 1].
type rgb struct{ r, g, b float64 }

func (c rgb) mul(f float64) rgb { return rgb{c.r * f, c.g * f, c.b * f} }

func mix(a, b rgb, t float64) rgb {
	return rgb{a.r + (b.r-a.r)*t, a.g + (b.g-a.g)*t, a.b + (b.b-a.b)*t}
}

var (
	white = rgb{1, 1, 1}
	black = rgb{0, 0, 0}
)

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

func clamp01(v float64) float64 {
	// plain comparisons: math.Max and math.Min handle NaN and signed
	// zeros, which costs in the per-pixel loops
	if v < 0 {
		return 0
	}
	if v > 1 {
		return 1
	}
	return v
}

func smoothstep(e0, e1, x float64) float64 {
	t := clamp01((x - e0) / (e1 - e0))
	return t * t * (3 - 2*t)
}

// box is a bounding box in design units.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) union(o box) box {
	return box{math.Min(b.x0, o.x0), math.Min(b.y0, o.y0), math.Max(b.x1, o.x1), math.Max(b.y1, o.y1)}
}

func (b box) grow(d float64) box { return box{b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d} }

// shape is a region given by its signed distance (design units; negative
// inside) and a box that holds it.
type shape interface {
	dist(x, y float64) float64
	bounds() box
}

type circle struct{ cx, cy, r float64 }

func (c circle) dist(x, y float64) float64 { return length(x-c.cx, y-c.cy) - c.r }
func (c circle) bounds() box               { return box{c.cx - c.r, c.cy - c.r, c.cx + c.r, c.cy + c.r} }

// ellipse, turned by angle (radians) around its centre.
type ellipse struct{ cx, cy, rx, ry, angle float64 }

func (e ellipse) dist(x, y float64) float64 {
	px, py := x-e.cx, y-e.cy
	if e.angle != 0 {
		s, c := math.Sincos(-e.angle)
		px, py = px*c-py*s, px*s+py*c
	}
	k0 := length(px/e.rx, py/e.ry)
	k1 := length(px/(e.rx*e.rx), py/(e.ry*e.ry))
	if k1 == 0 {
		return -math.Min(e.rx, e.ry)
	}
	return k0 * (k0 - 1) / k1
}

func (e ellipse) bounds() box {
	r := math.Max(e.rx, e.ry)
	if e.angle == 0 {
		return box{e.cx - e.rx, e.cy - e.ry, e.cx + e.rx, e.cy + e.ry}
	}
	return box{e.cx - r, e.cy - r, e.cx + r, e.cy + r}
}

// rrect is an axis-aligned rectangle with rounded corners.
type rrect struct{ x0, y0, x1, y1, r float64 }

func (b rrect) dist(x, y float64) float64 {
	hx, hy := (b.x1-b.x0)/2, (b.y1-b.y0)/2
	r := math.Min(b.r, math.Min(hx, hy))
	qx := math.Abs(x-(b.x0+hx)) - (hx - r)
	qy := math.Abs(y-(b.y0+hy)) - (hy - r)
	return length(math.Max(qx, 0), math.Max(qy, 0)) + math.Min(math.Max(qx, qy), 0) - r
}

func (b rrect) bounds() box { return box{b.x0, b.y0, b.x1, b.y1} }

// capsule is a segment with round ends of radius r.
type capsule struct{ ax, ay, bx, by, r float64 }

func (c capsule) dist(x, y float64) float64 {
	px, py := x-c.ax, y-c.ay
	ex, ey := c.bx-c.ax, c.by-c.ay
	h := clamp01((px*ex + py*ey) / (ex*ex + ey*ey))
	return length(px-ex*h, py-ey*h) - c.r
}

func (c capsule) bounds() box {
	return box{math.Min(c.ax, c.bx) - c.r, math.Min(c.ay, c.by) - c.r, math.Max(c.ax, c.bx) + c.r, math.Max(c.ay, c.by) + c.r}
}

// poly is a polygon (any shape, not self-intersecting), its corners
// rounded by r.
type poly struct {
	pts []pt
	r   float64
}

type pt struct{ x, y float64 }

func (p poly) dist(x, y float64) float64 {
	v := p.pts
	d := (x-v[0].x)*(x-v[0].x) + (y-v[0].y)*(y-v[0].y)
	s := 1.0
	for i, j := 0, len(v)-1; i < len(v); j, i = i, i+1 {
		ex, ey := v[j].x-v[i].x, v[j].y-v[i].y
		wx, wy := x-v[i].x, y-v[i].y
		h := clamp01((wx*ex + wy*ey) / (ex*ex + ey*ey))
		bx, by := wx-ex*h, wy-ey*h
		d = math.Min(d, bx*bx+by*by)
		c1, c2, c3 := y >= v[i].y, y < v[j].y, ex*wy > ey*wx
		if (c1 && c2 && c3) || (!c1 && !c2 && !c3) {
			s = -s
		}
	}
	return s*math.Sqrt(d) - p.r
}

func (p poly) bounds() box {
	b := box{p.pts[0].x, p.pts[0].y, p.pts[0].x, p.pts[0].y}
	for _, q := range p.pts[1:] {
		b = b.union(box{q.x, q.y, q.x, q.y})
	}
	return b.grow(p.r)
}

// ring is the band of width 2*t around s's edge.
type ring struct {
	s shape
	t float64
}

func (r ring) dist(x, y float64) float64 { return math.Abs(r.s.dist(x, y)) - r.t }
func (r ring) bounds() box               { return r.s.bounds().grow(r.t) }

// inter is where a and b overlap.
type inter struct{ a, b shape }

func (i inter) dist(x, y float64) float64 { return math.Max(i.a.dist(x, y), i.b.dist(x, y)) }
func (i inter) bounds() box {
	a, b := i.a.bounds(), i.b.bounds()
	return box{math.Max(a.x0, b.x0), math.Max(a.y0, b.y0), math.Min(a.x1, b.x1), math.Min(a.y1, b.y1)}
}

// union is a or b.
type union []shape

func (u union) dist(x, y float64) float64 {
	d := math.Inf(1)
	for _, s := range u {
		d = math.Min(d, s.dist(x, y))
	}
	return d
}

func (u union) bounds() box {
	b := u[0].bounds()
	for _, s := range u[1:] {
		b = b.union(s.bounds())
	}
	return b
}

// halfplane is everything on one side of a horizontal line: below y
// (below=true) or above it.
type halfplane struct {
	y     float64
	below bool
}

func (h halfplane) dist(_, y float64) float64 {
	if h.below {
		return h.y - y
	}
	return y - h.y
}

func (h halfplane) bounds() box {
	if h.below {
		return box{-1e4, h.y, 1e4, 1e4}
	}
	return box{-1e4, -1e4, 1e4, h.y}
}

// moved is s shifted by (dx, dy).
type moved struct {
	s      shape
	dx, dy float64
}

func (m moved) dist(x, y float64) float64 { return m.s.dist(x-m.dx, y-m.dy) }
func (m moved) bounds() box {
	b := m.s.bounds()
	return box{b.x0 + m.dx, b.y0 + m.dy, b.x1 + m.dx, b.y1 + m.dy}
}

// turned is s rotated by angle (radians) around (cx, cy).
type turned struct {
	s          shape
	cx, cy, an float64
}

func (t turned) dist(x, y float64) float64 {
	s, c := math.Sincos(-t.an)
	px, py := x-t.cx, y-t.cy
	return t.s.dist(t.cx+px*c-py*s, t.cy+px*s+py*c)
}

func (t turned) bounds() box {
	b := t.s.bounds()
	s, c := math.Sincos(t.an)
	out := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range []pt{{b.x0, b.y0}, {b.x1, b.y0}, {b.x0, b.y1}, {b.x1, b.y1}} {
		px, py := p.x-t.cx, p.y-t.cy
		q := pt{t.cx + px*c - py*s, t.cy + px*s + py*c}
		out = out.union(box{q.x, q.y, q.x, q.y})
	}
	return out
}

// paint gives the colour at a point (design units).
type paint func(x, y float64) rgb

func solid(c rgb) paint { return func(float64, float64) rgb { return c } }

// canvas is a picture being drawn, with float channels for smooth
// blending. Design units map to pixels through a zoom around the point
// (500, 520), so the drawings fill the frame a little more.
type canvas struct {
	size  int
	scale float64 // pixels per design unit, zoom included
	pix   []rgb
}

const (
	zoom           = 1.12
	zoomX, zoomY   = 500.0, 520.0
	designUnitsPer = 1000.0
)

func newCanvas(size int) *canvas {
	return &canvas{size: size, scale: float64(size) / designUnitsPer * zoom, pix: make([]rgb, size*size)}
}

// design returns the design coordinates of the centre of pixel (px, py).
func (c *canvas) design(px, py int) (float64, float64) {
	return zoomX + (float64(px)+0.5)/c.scale - zoomX/zoom, zoomY + (float64(py)+0.5)/c.scale - zoomY/zoom
}

// pixels returns the pixel range covering design box b, clipped.
func (c *canvas) pixels(b box) (x0, y0, x1, y1 int) {
	px := func(v, o float64) float64 { return (v - o + o/zoom) * c.scale }
	x0, y0 = max(0, int(px(b.x0, zoomX))), max(0, int(px(b.y0, zoomY)))
	x1 = min(c.size, int(math.Ceil(px(b.x1, zoomX))))
	y1 = min(c.size, int(math.Ceil(px(b.y1, zoomY))))
	return x0, y0, x1, y1
}

// background paints every pixel with a smooth paint, evaluated once per
// 2 x 2 block: neighbouring pixels of a gentle gradient differ by less
// than a level, and it is the costliest layer otherwise.
func (c *canvas) background(p paint) {
	for py := 0; py < c.size; py += 2 {
		for px := 0; px < c.size; px += 2 {
			x, y := c.design(px, py)
			v := p(x+0.5/c.scale, y+0.5/c.scale)
			for dy := 0; dy < 2 && py+dy < c.size; dy++ {
				row := c.pix[(py+dy)*c.size : (py+dy+1)*c.size]
				row[px] = v
				if px+1 < c.size {
					row[px+1] = v
				}
			}
		}
	}
}

// fill paints s with p at opacity alpha, anti-aliased over one pixel.
func (c *canvas) fill(s shape, p paint, alpha float64) { c.fillSoft(s, p, alpha, 0) }

// fillSoft paints s with an edge blurred over soft design units on each
// side (shadows, glows).
//
// The picture is walked in tiles of 8 x 8 pixels: one distance at a tile's
// centre tells whether the whole tile is outside the shape (skipped) or
// inside it (painted without further distances), so only tiles on the
// edge pay for a distance per pixel.
func (c *canvas) fillSoft(s shape, p paint, alpha, soft float64) {
	onePx := 1 / c.scale
	edge := math.Max(soft, onePx/2)
	x0, y0, x1, y1 := c.pixels(s.bounds().grow(edge + onePx))
	const tile = 8
	// half the tile's diagonal, with room for distances that are only
	// nearly exact (the ellipse's)
	reach := edge + 1.5*tile*0.7072*onePx
	for ty := y0; ty < y1; ty += tile {
		for tx := x0; tx < x1; tx += tile {
			ex, ey := min(tx+tile, x1), min(ty+tile, y1)
			cx, cy := c.design(tx+tile/2, ty+tile/2)
			cx, cy = cx-0.5/c.scale, cy-0.5/c.scale
			d := s.dist(cx, cy)
			switch {
			case d > reach:
				continue
			case d < -reach:
				for iy := ty; iy < ey; iy++ {
					row := c.pix[iy*c.size : (iy+1)*c.size]
					for ix := tx; ix < ex; ix++ {
						x, y := c.design(ix, iy)
						row[ix] = mix(row[ix], p(x, y), alpha)
					}
				}
				continue
			}
			for iy := ty; iy < ey; iy++ {
				row := c.pix[iy*c.size : (iy+1)*c.size]
				for ix := tx; ix < ex; ix++ {
					x, y := c.design(ix, iy)
					d := s.dist(x, y)
					if d >= edge {
						continue
					}
					var cov float64
					if soft > 0 {
						cov = 1 - smoothstep(-soft, soft, d)
					} else {
						cov = clamp01(0.5 - d*c.scale)
					}
					if a := cov * alpha; a > 0 {
						row[ix] = mix(row[ix], p(x, y), a)
					}
				}
			}
		}
	}
}

// glow paints a soft elliptic spot: full strength inside the fraction core
// of the radii, fading to nothing at the ellipse's edge (shadows, light
// pools).
func (c *canvas) glow(cx, cy, rx, ry float64, col rgb, alpha, core float64) {
	x0, y0, x1, y1 := c.pixels(box{cx - rx, cy - ry, cx + rx, cy + ry})
	for iy := y0; iy < y1; iy++ {
		row := c.pix[iy*c.size : (iy+1)*c.size]
		for ix := x0; ix < x1; ix++ {
			x, y := c.design(ix, iy)
			k := length((x-cx)/rx, (y-cy)/ry)
			if k >= 1 {
				continue
			}
			row[ix] = mix(row[ix], col, alpha*(1-smoothstep(core, 1, k)))
		}
	}
}

// image returns the picture, with a faint dither against banding in the
// smooth gradients once it is JPEG-encoded.
func (c *canvas) image() *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, c.size, c.size))
	for i, v := range c.pix {
		n := (noise(uint32(i)) - 0.5) / 255
		o := i * 4
		m.Pix[o] = to8(v.r + n)
		m.Pix[o+1] = to8(v.g + n)
		m.Pix[o+2] = to8(v.b + n)
		m.Pix[o+3] = 255
	}
	return m
}

func to8(v float64) uint8 { return uint8(clamp01(v)*255 + 0.5) }

// noise is a cheap hash of i to [0, 1).
func noise(i uint32) float64 {
	i ^= i >> 16
	i *= 0x7feb352d
	i ^= i >> 15
	i *= 0x846ca68b
	i ^= i >> 16
	return float64(i&0xffff) / 65536
}

// length is the norm of (x, y); math.Hypot guards against overflow, which
// design units never reach, at a price in the per-pixel loops.
func length(x, y float64) float64 { return math.Sqrt(x*x + y*y) }
