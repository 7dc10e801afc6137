// Package demophoto draws the demo dataset's product photos: a soft
// backdrop in the photo's hue and a flat, shaded illustration of its motif
// (a mug, a tent, a plant...). Everything is drawn by code, so the demo
// ships no image files and nobody's photos.
package demophoto

import (
	"image"
	"math"
)

// Motifs lists what Draw can draw.
var Motifs = []string{
	"mug", "bowl", "vase", "shirt", "bag", "hat", "earbuds", "speaker", "lamp", "charger",
	"headphones", "notebook", "pen", "card", "bottle", "socks", "jacket", "tent", "plant", "box",
}

// Draw returns a size x size picture of motif in hue (degrees). An unknown
// motif draws a box.
func Draw(motif string, hue, size int) *image.RGBA {
	c := newCanvas(size)
	p := newPalette(float64(hue))
	backdrop(c, p)
	draw, ok := motifs[motif]
	if !ok {
		draw = drawBox
	}
	draw(c, p)
	return c.image()
}

type palette struct {
	hue                     float64
	main, dark, deep, light rgb
	accent                  rgb // a contrasting colour for details
	cream, metal, ink       rgb
}

func newPalette(h float64) palette {
	return palette{
		hue:    h,
		main:   hsl(h, 0.52, 0.55),
		dark:   hsl(h, 0.45, 0.40),
		deep:   hsl(h, 0.40, 0.24),
		light:  hsl(h, 0.60, 0.78),
		accent: hsl(h+150, 0.45, 0.58),
		cream:  hsl(h, 0.30, 0.95),
		metal:  hsl(h, 0.06, 0.72),
		ink:    hsl(h, 0.25, 0.16),
	}
}

var motifs = map[string]func(*canvas, palette){
	"mug": drawMug, "bowl": drawBowl, "vase": drawVase, "shirt": drawShirt, "bag": drawBag,
	"hat": drawHat, "earbuds": drawEarbuds, "speaker": drawSpeaker, "lamp": drawLamp,
	"charger": drawCharger, "headphones": drawHeadphones, "notebook": drawNotebook, "pen": drawPen,
	"card": drawCard, "bottle": drawBottle, "socks": drawSocks, "jacket": drawJacket,
	"tent": drawTent, "plant": drawPlant, "box": drawBox,
}

// backdrop is a studio sweep: a pale wall fading into a slightly darker
// table, with a soft light behind the product.
func backdrop(c *canvas, p palette) {
	wallTop, wallLow := hsl(p.hue, 0.38, 0.94), hsl(p.hue, 0.34, 0.88)
	tableNear, tableFar := hsl(p.hue, 0.28, 0.80), hsl(p.hue, 0.30, 0.86)
	c.background(func(x, y float64) rgb {
		var col rgb
		if t := smoothstep(600, 700, y); t < 1 {
			col = mix(mix(wallTop, wallLow, y/700), tableFar, t)
		} else {
			col = mix(tableFar, tableNear, (y-700)/300)
		}
		// light behind the product, darker corners
		d := length((x-500)/520, (y-470)/480)
		col = mix(col, white, 0.28*(1-smoothstep(0, 1.1, d)))
		return col.mul(1 - 0.10*smoothstep(0.7, 1.4, d))
	})
}

// groundShadow lays the soft contact shadow of an object standing on the
// table, centred at x with half-width w.
func groundShadow(c *canvas, p palette, x, y, w float64) {
	sh := hsl(p.hue, 0.35, 0.22)
	c.glow(x, y, w*1.15, w*0.2, sh, 0.32, 0.1)
	c.glow(x, y-3, w*0.85, w*0.07, sh, 0.35, 0.3)
}

// dropShadow lays the shadow of a flat object lying on the table.
func dropShadow(c *canvas, p palette, s shape) {
	c.fillSoft(moved{s, 14, 20}, solid(hsl(p.hue, 0.35, 0.22)), 0.28, 22)
}

// lit shades base as a rounded body lit from the upper left between x0 and
// x1: a highlight a third of the way across, shade towards the right.
func lit(base rgb, x0, x1 float64) paint {
	return func(x, y float64) rgb {
		t := clamp01((x - x0) / (x1 - x0))
		hi := 0.38 * math.Exp(-sq((t-0.28)/0.13))
		dark := 0.32 * smoothstep(0.45, 1.05, t)
		edge := 0.10 * smoothstep(0.12, 0, t)
		return mix(base.mul(1-dark-edge), white, hi)
	}
}

// flat shades base as a flat face: lighter at the top.
func flat(base rgb, y0, y1 float64) paint {
	return func(x, y float64) rgb {
		t := clamp01((y - y0) / (y1 - y0))
		return mix(mix(base, white, 0.12), base.mul(0.92), t)
	}
}

func sq(v float64) float64 { return v * v }

func drawMug(c *canvas, p palette) {
	groundShadow(c, p, 500, 778, 230)
	// handle behind the body
	c.fill(ring{circle{645, 555, 92}, 24}, lit(p.dark, 560, 760), 1)
	body := rrect{330, 360, 640, 780, 34}
	c.fill(body, lit(p.main, 330, 640), 1)
	// glaze dip: the lower part in a deeper tone
	c.fill(inter{body, halfplane{640, true}}, lit(p.dark, 330, 640), 1)
	c.fill(inter{body, rrect{330, 634, 640, 646, 0}}, solid(p.light), 0.6)
	// rim and the inside
	c.fill(ellipse{485, 360, 155, 30, 0}, solid(mix(p.light, white, 0.3)), 1)
	c.fill(ellipse{485, 364, 140, 22, 0}, func(x, y float64) rgb {
		return mix(p.deep, p.dark, clamp01((y-342)/44))
	}, 1)
}

func drawBowl(c *canvas, p palette) {
	groundShadow(c, p, 500, 772, 200)
	c.fill(rrect{415, 720, 585, 772, 14}, lit(p.dark, 415, 585), 1)
	body := inter{ellipse{500, 520, 300, 235, 0}, halfplane{520, true}}
	c.fill(body, lit(p.main, 200, 800), 1)
	// a painted band
	c.fill(inter{body, rrect{150, 590, 850, 612, 0}}, solid(p.cream), 0.85)
	c.fill(ellipse{500, 520, 300, 62, 0}, solid(mix(p.light, white, 0.35)), 1)
	c.fill(ellipse{500, 526, 282, 50, 0}, func(x, y float64) rgb {
		return mix(p.dark, p.light, clamp01((y-476)/100))
	}, 1)
}

func drawVase(c *canvas, p palette) {
	groundShadow(c, p, 500, 775, 170)
	// a stem and a flower
	green := hsl(115, 0.40, 0.38)
	c.fill(capsule{505, 340, 560, 150, 6}, solid(green), 1)
	c.fill(ellipse{548, 235, 38, 14, -0.7}, solid(hsl(115, 0.45, 0.45)), 1)
	for i := range 6 {
		a := float64(i) * math.Pi / 3
		c.fill(circle{563 + 26*math.Cos(a), 140 + 26*math.Sin(a), 22}, solid(hsl(p.hue+40, 0.65, 0.72)), 1)
	}
	c.fill(circle{563, 140, 17}, solid(hsl(45, 0.85, 0.55)), 1)
	body := union{circle{500, 610, 168}, rrect{448, 330, 552, 520, 14}, ellipse{500, 480, 95, 70, 0}}
	c.fill(body, lit(p.main, 332, 668), 1)
	c.fill(ellipse{500, 332, 70, 17, 0}, solid(mix(p.light, white, 0.3)), 1)
	c.fill(ellipse{500, 334, 52, 11, 0}, solid(p.deep), 1)
	c.fill(inter{body, ring{circle{500, 610, 120}, 6}}, solid(p.cream), 0.35)
}

func drawShirt(c *canvas, p palette) {
	shirt := poly{[]pt{
		{430, 240}, {330, 272}, {205, 378}, {268, 458}, {345, 410}, {345, 790},
		{655, 790}, {655, 410}, {732, 458}, {795, 378}, {670, 272}, {570, 240},
	}, 10}
	dropShadow(c, p, shirt)
	c.fill(shirt, flat(p.main, 240, 790), 1)
	// sleeve hems and a soft fold
	c.fill(inter{shirt, capsule{205, 378, 268, 458, 18}}, solid(p.dark), 0.35)
	c.fill(inter{shirt, capsule{795, 378, 732, 458, 18}}, solid(p.dark), 0.35)
	c.fillSoft(capsule{430, 430, 442, 740, 5}, solid(p.dark), 0.10, 16)
	c.fillSoft(capsule{580, 450, 568, 740, 4}, solid(white), 0.08, 16)
	// neck: the inside of the back, then the rib
	c.fill(inter{ellipse{500, 240, 72, 52, 0}, halfplane{240, true}}, solid(p.deep), 1)
	c.fill(inter{ring{ellipse{500, 240, 76, 56, 0}, 8}, halfplane{236, true}}, solid(p.dark), 1)
	c.fill(rrect{470, 300, 530, 318, 4}, solid(p.cream), 0.0)
}

func drawBag(c *canvas, p palette) {
	leather := hsl(25, 0.45, 0.33)
	groundShadow(c, p, 500, 784, 250)
	c.fill(inter{ring{ellipse{430, 345, 62, 120, 0}, 11}, halfplane{345, false}}, lit(leather, 360, 500), 1)
	c.fill(inter{ring{ellipse{570, 345, 62, 120, 0}, 11}, halfplane{345, false}}, lit(leather, 500, 640), 1)
	body := poly{[]pt{{290, 335}, {710, 335}, {740, 785}, {260, 785}}, 8}
	c.fill(body, lit(p.main, 260, 740), 1)
	c.fill(inter{body, halfplane{378, false}}, solid(p.dark), 0.55)
	for _, x := range []float64{368, 432, 508, 572} {
		c.fill(rrect{x - 12, 330, x + 12, 392, 5}, lit(leather, x-12, x+12), 1)
		c.fill(circle{x, 372, 4}, solid(p.metal), 1)
	}
	c.fill(rrect{410, 480, 590, 620, 10}, solid(p.light), 0.55)
	c.fill(ring{rrect{418, 488, 582, 612, 6}, 1.5}, solid(p.cream), 0.7)
}

func drawHat(c *canvas, p palette) {
	groundShadow(c, p, 500, 735, 260)
	c.fillSoft(circle{500, 262, 74}, lit(p.light, 426, 574), 1, 6)
	dome := inter{ellipse{500, 590, 248, 300, 0}, halfplane{600, false}}
	c.fill(dome, lit(p.main, 252, 748), 1)
	for x := 290.0; x <= 710; x += 30 {
		c.fill(inter{dome, capsule{500 + (x-500)*0.35, 300, x, 600, 3}}, solid(p.dark), 0.22)
	}
	cuff := rrect{238, 560, 762, 735, 34}
	c.fill(cuff, lit(p.dark, 238, 762), 1)
	for x := 262.0; x < 750; x += 26 {
		c.fill(inter{cuff, rrect{x, 560, x + 7, 735, 3}}, solid(p.deep), 0.35)
	}
	c.fill(rrect{450, 610, 550, 660, 6}, solid(p.cream), 0.9)
}

func drawEarbuds(c *canvas, p palette) {
	shell := hsl(p.hue, 0.10, 0.95)
	groundShadow(c, p, 500, 745, 190)
	case_ := rrect{330, 470, 670, 745, 125}
	c.fill(case_, lit(shell, 330, 670), 1)
	c.fill(inter{case_, rrect{330, 562, 670, 568, 0}}, solid(p.metal), 0.9)
	c.fill(circle{500, 640, 8}, solid(hsl(130, 0.7, 0.5)), 1)
	for _, side := range []float64{-1, 1} {
		x := 500 + side*110
		c.fill(capsule{x + side*12, 340, x + side*28, 455, 24}, lit(p.main, x-30, x+50), 1)
		c.fill(circle{x, 320, 58}, lit(p.main, x-58, x+58), 1)
		c.fill(ellipse{x - side*44, 322, 26, 36, 0}, solid(p.deep), 1)
		c.fill(circle{x + side*10, 312, 16}, solid(p.metal), 0.9)
	}
}

func drawSpeaker(c *canvas, p palette) {
	groundShadow(c, p, 500, 780, 200)
	cab := rrect{330, 245, 670, 780, 28}
	c.fill(cab, lit(p.main, 330, 670), 1)
	c.fill(ring{rrect{342, 257, 658, 768, 20}, 2}, solid(p.light), 0.4)
	grille := p.ink
	c.fill(circle{500, 590, 128}, solid(grille), 1)
	c.fill(ring{circle{500, 590, 118}, 6}, solid(p.metal), 0.8)
	c.fill(circle{500, 590, 100}, func(x, y float64) rgb {
		d := length(x-500, y-590) / 100
		return mix(hsl(p.hue, 0.12, 0.32), grille, d)
	}, 1)
	c.fill(circle{500, 590, 36}, lit(hsl(p.hue, 0.1, 0.28), 464, 536), 1)
	c.fill(circle{500, 372, 56}, solid(grille), 1)
	c.fill(circle{500, 372, 30}, lit(p.metal, 470, 530), 1)
	c.fill(circle{500, 735, 6}, solid(hsl(130, 0.7, 0.55)), 1)
}

func drawLamp(c *canvas, p palette) {
	warm := rgb{1, 0.93, 0.7}
	groundShadow(c, p, 430, 768, 170)
	// light pooling on the table
	c.glow(650, 748, 200, 50, warm, 0.6, 0.2)
	c.fillSoft(poly{[]pt{{605, 430}, {655, 390}, {800, 740}, {500, 750}}, 0}, solid(warm), 0.22, 30)
	c.fill(ellipse{420, 758, 135, 26, 0}, lit(p.dark, 285, 555), 1)
	c.fill(rrect{290, 720, 550, 760, 16}, lit(p.main, 290, 550), 1)
	c.fill(capsule{420, 728, 520, 470, 13}, lit(p.dark, 400, 540), 1)
	c.fill(capsule{520, 470, 390, 300, 13}, lit(p.dark, 380, 530), 1)
	c.fill(circle{520, 470, 22}, lit(p.main, 498, 542), 1)
	c.fill(circle{390, 300, 24}, lit(p.main, 366, 414), 1)
	head := poly{[]pt{{360, 262}, {420, 246}, {650, 372}, {566, 468}}, 8}
	c.fill(head, lit(p.main, 360, 650), 1)
	c.fill(ellipse{608, 420, 64, 20, -0.85}, solid(warm), 1)
	c.fillSoft(ellipse{608, 420, 64, 20, -0.85}, solid(white), 0.6, 12)
}

func drawCharger(c *canvas, p palette) {
	shell := hsl(p.hue, 0.12, 0.93)
	groundShadow(c, p, 540, 775, 240)
	cable := p.dark
	for _, s := range []capsule{{500, 690, 505, 745, 11}, {505, 745, 600, 778, 11}, {600, 778, 780, 765, 11}} {
		c.fill(s, solid(cable), 1)
	}
	c.fill(rrect{478, 690, 522, 730, 8}, lit(p.main, 478, 522), 1)
	for _, x := range []float64{450, 550} {
		c.fill(rrect{x - 13, 300, x + 13, 392, 10}, lit(p.metal, x-13, x+13), 1)
	}
	brick := rrect{355, 375, 645, 700, 52}
	c.fill(brick, lit(shell, 355, 645), 1)
	c.fill(inter{brick, halfplane{640, true}}, solid(p.main), 1)
	c.fill(inter{brick, rrect{355, 636, 645, 644, 0}}, solid(p.light), 0.8)
	for _, y := range []float64{470, 525} {
		c.fill(rrect{445, y, 555, y + 26, 13}, solid(p.ink), 1)
		c.fill(rrect{465, y + 10, 535, y + 16, 3}, solid(p.metal), 0.8)
	}
	c.fill(rrect{432, 578, 568, 612, 4}, solid(p.ink), 1)
	c.fill(rrect{446, 588, 554, 600, 2}, solid(hsl(210, 0.6, 0.55)), 0.9)
	c.fill(circle{500, 420, 14}, solid(p.main), 1)
}

func drawHeadphones(c *canvas, p palette) {
	groundShadow(c, p, 500, 735, 270)
	band := inter{ring{ellipse{500, 500, 232, 262, 0}, 20}, halfplane{500, false}}
	c.fill(band, lit(p.deep, 268, 732), 1)
	c.fill(inter{ring{ellipse{500, 500, 208, 240, 0}, 10}, halfplane{460, false}}, lit(p.main, 292, 708), 1)
	for _, side := range []float64{-1, 1} {
		x := 500 + side*232
		c.fill(rrect{x - 9, 480, x + 9, 540, 5}, lit(p.metal, x-9, x+9), 1)
		cup := rrect{x - 62, 520, x + 62, 730, 56}
		c.fill(cup, lit(p.main, x-62, x+62), 1)
		c.fill(ring{rrect{x - 50, 532, x + 50, 718, 46}, 2.5}, solid(p.light), 0.5)
		pad := rrect{x - side*58 - 22, 535, x - side*58 + 22, 715, 22}
		c.fill(pad, lit(p.ink, x-side*58-22, x-side*58+22), 1)
	}
}

func drawNotebook(c *canvas, p palette) {
	const an = -0.12
	pages := turned{rrect{340, 236, 672, 776, 16}, 500, 500, an}
	cover := turned{rrect{322, 220, 656, 762, 16}, 500, 500, an}
	dropShadow(c, p, pages)
	c.fill(pages, solid(hsl(p.hue, 0.2, 0.96)), 1)
	for i := 1.0; i < 5; i++ {
		c.fill(turned{rrect{656, 236 + i*3, 672 - i*2, 240 + i*3, 0}, 500, 500, an}, solid(p.metal), 0.3)
	}
	c.fill(cover, flat(p.main, 220, 762), 1)
	c.fill(turned{rrect{322, 220, 350, 762, 12}, 500, 500, an}, solid(p.dark), 0.5)
	c.fill(turned{rrect{598, 220, 616, 762, 0}, 500, 500, an}, solid(p.ink), 0.9)
	c.fill(turned{poly{[]pt{{470, 760}, {494, 760}, {494, 830}, {482, 816}, {470, 830}}, 0}, 500, 500, an}, solid(p.accent), 1)
	c.fill(turned{rrect{400, 330, 540, 380, 6}, 500, 500, an}, solid(p.dark), 0.35)
	c.fill(turned{rrect{415, 349, 525, 361, 3}, 500, 500, an}, solid(p.light), 0.5)
}

func drawPen(c *canvas, p palette) {
	// along the pen from nib to end
	dx, dy := 0.678, -0.735
	nx, ny := -dy, dx
	ax, ay := 305.0, 715.0 // where the nib meets the body
	at := func(t, o float64) (float64, float64) { return ax + dx*t + nx*o, ay + dy*t + ny*o }
	body := capsule{ax, ay, ax + dx*560, ay + dy*560, 30}
	c.fillSoft(moved{body, 18, 26}, solid(hsl(p.hue, 0.35, 0.22)), 0.25, 18)
	gold := hsl(43, 0.55, 0.62)
	tx, ty := at(-120, 0)
	l1x, l1y := at(0, -24)
	r1x, r1y := at(0, 24)
	c.fill(poly{[]pt{{l1x, l1y}, {tx, ty}, {r1x, r1y}}, 2}, lit(gold, 240, 320), 1)
	sx, sy := at(-95, 0)
	c.fill(capsule{ax, ay, sx, sy, 1.5}, solid(p.ink), 0.8)
	c.fill(body, lit(p.main, 280, 720), 1)
	b1x, b1y := at(300, 0)
	b2x, b2y := at(320, 0)
	c.fill(capsule{b1x, b1y, b2x, b2y, 32}, lit(gold, 480, 560), 1)
	c1x, c1y := at(330, 0)
	c2x, c2y := at(560, 0)
	c.fill(capsule{c1x, c1y, c2x, c2y, 32}, lit(p.dark, 500, 720), 1)
	k1x, k1y := at(360, 40)
	k2x, k2y := at(540, 40)
	c.fill(capsule{k1x, k1y, k2x, k2y, 8}, lit(gold, 560, 700), 1)
}

func drawCard(c *canvas, p palette) {
	kraft := hsl(32, 0.35, 0.78)
	back := rrect{250, 450, 710, 760, 8}
	dropShadow(c, p, back)
	c.fill(back, solid(kraft.mul(0.88)), 1)
	const cx, cy, an = 480.0, 420.0, -0.08
	tw := func(s shape) shape { return turned{s, cx, cy, an} }
	c.fill(tw(rrect{320, 190, 640, 640, 6}), solid(hsl(p.hue, 0.12, 0.985)), 1)
	// the letterpress print: hills under a sun in a framed window, and
	// two lines of text
	window := rrect{365, 240, 595, 450, 10}
	c.fill(tw(window), solid(hsl(p.hue, 0.45, 0.88)), 1)
	c.fill(tw(inter{window, circle{540, 300, 34}}), solid(hsl(42, 0.85, 0.62)), 1)
	c.fill(tw(inter{window, ellipse{420, 470, 170, 90, 0}}), solid(p.main), 1)
	c.fill(tw(inter{window, ellipse{580, 480, 150, 75, 0}}), solid(p.dark), 1)
	c.fill(tw(ring{window, 3}), solid(p.deep), 0.8)
	c.fill(tw(rrect{385, 490, 575, 504, 7}), solid(p.ink), 0.75)
	c.fill(tw(rrect{420, 522, 540, 532, 5}), solid(p.ink), 0.45)
	// the front of the envelope: a pocket with side and bottom flaps
	front := poly{[]pt{{250, 560}, {710, 560}, {710, 760}, {250, 760}}, 0}
	c.fill(front, solid(kraft), 1)
	c.fill(poly{[]pt{{250, 560}, {480, 690}, {250, 760}}, 0}, solid(kraft.mul(0.95)), 1)
	c.fill(poly{[]pt{{710, 560}, {480, 690}, {710, 760}}, 0}, solid(kraft.mul(0.93)), 1)
	c.fill(poly{[]pt{{250, 760}, {480, 660}, {710, 760}}, 0}, solid(mix(kraft, white, 0.08)), 1)
	c.fill(ring{poly{[]pt{{250, 760}, {480, 660}, {710, 760}}, 0}, 1}, solid(kraft.mul(0.8)), 0.5)
}

func drawBottle(c *canvas, p palette) {
	groundShadow(c, p, 500, 782, 135)
	c.fill(inter{ring{circle{500, 182, 36}, 9}, halfplane{200, false}}, lit(p.ink, 464, 536), 1)
	c.fill(rrect{438, 262, 562, 340, 14}, lit(p.metal, 438, 562), 1)
	c.fill(rrect{425, 180, 575, 280, 24}, lit(p.ink, 425, 575), 1)
	body := union{rrect{395, 340, 605, 782, 52}, ellipse{500, 350, 105, 50, 0}}
	c.fill(body, lit(p.main, 395, 605), 1)
	c.fill(inter{body, rrect{395, 330, 605, 358, 0}}, solid(p.metal), 0.9)
	c.fill(poly{[]pt{{440, 560}, {482, 490}, {524, 560}}, 3}, solid(white), 0.85)
	c.fill(poly{[]pt{{496, 560}, {528, 512}, {560, 560}}, 3}, solid(white), 0.65)
	c.fill(rrect{445, 585, 555, 595, 5}, solid(white), 0.6)
}

func drawSocks(c *canvas, p palette) {
	sock := func(x, y float64, col rgb) {
		leg := capsule{x, y + 80, x, y + 380, 70}
		foot := capsule{x, y + 380, x + 155, y + 455, 66}
		s := union{leg, foot}
		dropShadow(c, p, s)
		c.fill(s, lit(col, x-70, x+220), 1)
		c.fill(inter{s, circle{x - 8, y + 410, 62}}, solid(p.dark), 0.7)
		c.fill(inter{s, circle{x + 175, y + 470, 62}}, solid(p.dark), 0.7)
		for i := range 3 {
			yy := y + 190 + float64(i)*46
			c.fill(inter{leg, rrect{x - 80, yy, x + 80, yy + 18, 0}}, solid(p.cream), 0.85)
		}
		cuff := rrect{x - 72, y, x + 72, y + 110, 18}
		c.fill(cuff, lit(p.dark, x-72, x+72), 1)
		for xx := x - 60; xx < x+66; xx += 18 {
			c.fill(inter{cuff, rrect{xx, y, xx + 5, y + 110, 2}}, solid(p.deep), 0.35)
		}
	}
	sock(380, 205, p.main)
	sock(570, 250, p.light)
}

func drawJacket(c *canvas, p palette) {
	jacket := poly{[]pt{
		{425, 228}, {320, 268}, {245, 520}, {225, 735}, {300, 745}, {345, 470},
		{340, 790}, {660, 790}, {655, 470}, {700, 745}, {775, 735}, {755, 520},
		{680, 268}, {575, 228},
	}, 10}
	dropShadow(c, p, jacket)
	c.fill(ellipse{500, 215, 112, 72, 0}, lit(p.dark, 388, 612), 1)
	c.fill(ellipse{500, 222, 78, 44, 0}, solid(p.deep), 1)
	c.fill(jacket, flat(p.main, 228, 790), 1)
	c.fill(inter{jacket, rrect{200, 700, 800, 750, 0}}, solid(p.dark), 0.55)
	c.fill(inter{jacket, rrect{330, 755, 670, 790, 0}}, solid(p.dark), 0.55)
	c.fill(rrect{494, 236, 506, 790, 3}, solid(p.ink), 0.9)
	c.fill(rrect{486, 300, 514, 346, 6}, solid(p.metal), 1)
	c.fill(capsule{395, 560, 430, 660, 4}, solid(p.deep), 0.6)
	c.fill(capsule{605, 560, 570, 660, 4}, solid(p.deep), 0.6)
	c.fillSoft(capsule{300, 300, 270, 700, 8}, solid(white), 0.12, 16)
}

func drawTent(c *canvas, p palette) {
	groundShadow(c, p, 540, 765, 330)
	side := poly{[]pt{{500, 300}, {650, 272}, {870, 730}, {760, 762}}, 3}
	c.fill(side, flat(p.dark, 272, 762), 1)
	front := poly{[]pt{{240, 762}, {500, 300}, {760, 762}}, 3}
	c.fill(front, lit(p.main, 240, 760), 1)
	c.fill(poly{[]pt{{395, 762}, {500, 470}, {605, 762}}, 2}, solid(p.deep), 1)
	c.fill(poly{[]pt{{500, 470}, {605, 762}, {555, 762}}, 1}, solid(p.light), 0.9)
	c.fill(capsule{500, 300, 650, 272, 5}, solid(p.deep), 1)
	c.fill(capsule{500, 300, 150, 770, 1.5}, solid(p.ink), 0.5)
	c.fill(capsule{650, 272, 930, 740, 1.5}, solid(p.ink), 0.5)
	c.fill(circle{500, 296, 9}, solid(p.accent), 1)
}

func drawPlant(c *canvas, p palette) {
	groundShadow(c, p, 500, 782, 150)
	leaf := func(bx, by, angle, length, width, green float64) {
		ux, uy := math.Cos(angle), math.Sin(angle)
		nx, ny := -uy, ux
		r := (length*length/4 + width*width/4) / width
		mx, my := bx+ux*length/2, by+uy*length/2
		off := r - width/2
		s := inter{circle{mx + nx*off, my + ny*off, r}, circle{mx - nx*off, my - ny*off, r}}
		col := hsl(green, 0.42, 0.40)
		c.fill(s, func(x, y float64) rgb {
			side := (x-mx)*nx + (y-my)*ny
			if side < 0 {
				return col.mul(0.82)
			}
			return mix(col, white, 0.08)
		}, 1)
		c.fill(capsule{bx, by, bx + ux*length*0.9, by + uy*length*0.9, 1.8}, solid(hsl(green, 0.35, 0.62)), 0.7)
	}
	leaves := []struct{ a, l, w, g float64 }{
		{-2.55, 230, 90, 128}, {-0.59, 230, 90, 122}, {-2.05, 300, 100, 112},
		{-1.08, 300, 100, 134}, {-1.75, 340, 95, 118}, {-1.38, 330, 92, 126},
	}
	// each plant grows a little differently
	seed := uint32(p.hue*131) + 7
	for i, l := range leaves {
		j := noise(seed+uint32(i)*977) - 0.5
		leaf(500, 545, l.a+j*0.18, l.l*(1+j*0.15), l.w, l.g+j*14)
	}
	potColour, rimColour := p.main, p.light
	if p.hue >= 70 && p.hue <= 170 {
		// a green pot would hide the leaves: white glaze instead
		potColour, rimColour = hsl(p.hue, 0.12, 0.9), hsl(p.hue, 0.10, 0.96)
	}
	pot := poly{[]pt{{382, 560}, {618, 560}, {590, 782}, {410, 782}}, 6}
	c.fill(pot, lit(potColour, 382, 618), 1)
	c.fill(rrect{362, 530, 638, 590, 12}, lit(rimColour, 362, 638), 1)
	c.fill(inter{pot, rrect{300, 660, 700, 676, 0}}, solid(p.main), 0.6)
}

func drawBox(c *canvas, p palette) {
	groundShadow(c, p, 500, 752, 260)
	top := poly{[]pt{{500, 300}, {720, 400}, {500, 500}, {280, 400}}, 2}
	left := poly{[]pt{{280, 400}, {500, 500}, {500, 760}, {280, 660}}, 2}
	right := poly{[]pt{{500, 500}, {720, 400}, {720, 660}, {500, 760}}, 2}
	c.fill(left, solid(p.main), 1)
	c.fill(right, solid(p.dark), 1)
	c.fill(top, solid(mix(p.main, white, 0.25)), 1)
	ribbon := p.cream
	shade := mix(p.cream, black, 0.15)
	// bands over the top face and down the two front faces
	c.fill(poly{[]pt{{375, 357}, {405, 343}, {625, 443}, {595, 457}}, 0}, solid(ribbon), 1)
	c.fill(poly{[]pt{{595, 343}, {625, 357}, {405, 457}, {375, 443}}, 0}, solid(ribbon), 1)
	c.fill(poly{[]pt{{375, 443}, {405, 457}, {405, 717}, {375, 703}}, 0}, solid(shade), 1)
	c.fill(poly{[]pt{{595, 457}, {625, 443}, {625, 703}, {595, 717}}, 0}, solid(mix(shade, black, 0.1)), 1)
	// the bow
	c.fill(ellipse{452, 372, 52, 26, -0.35}, solid(ribbon), 1)
	c.fill(ellipse{548, 372, 52, 26, 0.35}, solid(ribbon), 1)
	c.fill(ellipse{452, 374, 30, 12, -0.35}, solid(shade), 1)
	c.fill(ellipse{548, 374, 30, 12, 0.35}, solid(shade), 1)
	c.fill(circle{500, 392, 20}, solid(ribbon), 1)
}
