// Package charts draws small charts as SVG on the server: a bar chart and
// a line chart of one value per day, with a few rounded ticks, thinned day
// labels, a title and description for screen readers, and a table of the
// same numbers. There is no JavaScript: the page stays readable without it,
// and the content policy allows no inline scripts or styles anyway (colours
// come from classes in app.css).
package charts

import (
	"math"
	"strconv"
	"strings"
)

// Point is one day of a series.
type Point struct {
	// Label is the day as the axis and the table show it, e.g. "12 Mar".
	Label string
	// Value is the number drawn (a count, an amount in minor units, an
	// average rating).
	Value float64
	// Display is the value as people read it, e.g. "€1,234.50" or "12";
	// empty means the plain number.
	Display string
	// Missing marks a day without a value (no reviews that day): a gap in
	// a line, "—" in the table.
	Missing bool
}

// Chart is one series to draw.
type Chart struct {
	// ID makes the chart's element ids unique on the page: the figure is
	// ID, its title ID+"-title" and its description ID+"-desc".
	ID    string
	Title string
	// Summary describes the chart in words for screen readers, e.g.
	// "Revenue per day over the last 30 days; €1,234.50 in total".
	Summary string
	// ValueLabel heads the table's value column, e.g. "Revenue".
	ValueLabel string
	Points     []Point
	// Max fixes the top of the axis (5 for ratings); 0 takes it from the
	// data, rounded up to a nice number.
	Max float64
	// Step is the smallest step between ticks: 1 for counts (the default),
	// 100 for amounts in cents so that ticks fall on whole euros.
	Step float64
	// Tick formats a tick's value; nil writes whole numbers with thousands
	// separators ("1,500").
	Tick func(float64) string
	// Empty is said over the plot when no day has a value above zero,
	// e.g. "No sales in this period".
	Empty string
}

// The drawing's coordinate system: the SVG scales to its container (its
// viewBox keeps the proportions), so these are units, not pixels.
const (
	width     = 460.0
	height    = 210.0
	padLeft   = 58.0
	padRight  = 8.0
	padTop    = 10.0
	padBottom = 26.0
	plotW     = width - padLeft - padRight
	plotH     = height - padTop - padBottom
	// maxDayLabels is about how many day labels fit under the plot.
	maxDayLabels = 7
	// wantTicks is about how many steps the value axis has.
	wantTicks = 4
)

// tick is a horizontal grid line with its value's label.
type tick struct {
	Y     string
	Label string
}

// dayLabel is a label under the plot.
type dayLabel struct {
	X    string
	Text string
}

// bar is one drawn bar.
type bar struct {
	X, Y, W, H string
	Title      string
}

// dot is one point of a line.
type dot struct {
	X, Y  string
	Title string
}

// geometry is everything the templates draw, computed once.
type geometry struct {
	Ticks    []tick
	Days     []dayLabel
	Bars     []bar
	Lines    []string // polyline point lists, one per run of days with values
	Areas    []string // polygon point lists under each line
	Dots     []dot
	Empty    bool
	BaseY    string
	PlotLeft string
}

// niceScale returns the top of the axis and the step between ticks for
// data up to max: the step is 1, 2, 2.5 or 5 times a power of ten and a
// whole multiple of min, and the top the first multiple of the step at or
// above max.
// All-zero data gets a top of one step so nothing divides by zero.
func niceScale(max, min float64) (top, step float64) {
	if min <= 0 {
		min = 1
	}
	if max <= 0 || math.IsNaN(max) || math.IsInf(max, 0) {
		return min, min
	}
	raw := max / wantTicks
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = min
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		s := math.Round(f*mag*1e6) / 1e6
		// The step must reach the raw step and be a whole number of the
		// smallest unit (no ticks at 2.5 orders).
		if s < raw || s < min {
			continue
		}
		if r := math.Mod(s, min); r > 1e-9 && min-r > 1e-9 {
			continue
		}
		step = s
		break
	}
	if step < raw { // the unit itself is larger than a tenfold step
		step = math.Ceil(raw/min) * min
	}
	top = math.Ceil(max/step) * step
	return top, step
}

// labelEvery is how many days apart the day labels are: every day for a
// week, fewer for longer ranges.
func labelEvery(n int) int {
	if n <= maxDayLabels {
		return 1
	}
	return (n + maxDayLabels - 1) / maxDayLabels
}

// scale is the value axis of a chart.
func (c Chart) scale() (top, step float64, empty bool) {
	max := 0.0
	for _, p := range c.Points {
		if !p.Missing && p.Value > max {
			max = p.Value
		}
	}
	empty = max <= 0
	if c.Max > 0 {
		// A fixed axis (ratings 0-5) keeps its unit steps while they are
		// few enough.
		step = c.Step
		if step <= 0 || c.Max/step > wantTicks+2 {
			_, step = niceScale(c.Max, c.Step)
		}
		return c.Max, step, empty
	}
	top, step = niceScale(max, c.Step)
	return top, step, empty
}

func (c Chart) tickLabel(v float64) string {
	if c.Tick != nil {
		return c.Tick(v)
	}
	return formatNumber(v)
}

// display is how a point's value reads in titles and the table.
func (p Point) display() string {
	switch {
	case p.Missing:
		return "—"
	case p.Display != "":
		return p.Display
	}
	return formatNumber(p.Value)
}

// formatNumber writes a number with thousands separators and, when it is
// not whole, one decimal.
func formatNumber(v float64) string {
	neg := v < 0
	v = math.Abs(v)
	whole := math.Floor(v)
	frac := ""
	if r := math.Round((v-whole)*10) / 10; r > 0 && r < 1 {
		frac = strconv.FormatFloat(r, 'f', 1, 64)[1:]
	} else if r >= 1 {
		whole++
	}
	s := strconv.FormatFloat(whole, 'f', 0, 64)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String() + frac
}

// num writes a coordinate with at most one decimal.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// axis computes what both chart kinds share: the ticks, the day labels
// and the mapping of a value to a height.
func (c Chart) axis() (g geometry, y func(float64) float64, slot float64) {
	top, step, empty := c.scale()
	g.Empty = empty
	g.BaseY = num(padTop + plotH)
	g.PlotLeft = num(padLeft)
	y = func(v float64) float64 {
		v = math.Max(0, math.Min(v, top))
		return padTop + plotH - v/top*plotH
	}
	for v := 0.0; v <= top+step/1000; v += step {
		g.Ticks = append(g.Ticks, tick{Y: num(y(v)), Label: c.tickLabel(v)})
		if empty && c.Max == 0 { // one line at zero is all an empty chart needs
			break
		}
	}
	n := len(c.Points)
	if n == 0 {
		return g, y, 0
	}
	slot = plotW / float64(n)
	every := labelEvery(n)
	for i, p := range c.Points {
		// Counted from the end, so that the last day (today) is labelled.
		if (n-1-i)%every == 0 {
			g.Days = append(g.Days, dayLabel{X: num(padLeft + slot*(float64(i)+0.5)), Text: p.Label})
		}
	}
	return g, y, slot
}

// barGeometry lays out a bar chart: one bar per day, centred in its slot.
func (c Chart) barGeometry() geometry {
	g, y, slot := c.axis()
	w := math.Max(slot*0.7, 1)
	for i, p := range c.Points {
		if p.Missing {
			continue
		}
		top := y(p.Value)
		g.Bars = append(g.Bars, bar{
			X: num(padLeft + slot*float64(i) + (slot-w)/2), Y: num(top),
			W: num(w), H: num(padTop + plotH - top),
			Title: p.Label + ": " + p.display(),
		})
	}
	return g
}

// maxDots is the most days a line chart marks with a dot each; longer
// ranges show the line alone (single days between gaps keep their dot).
const maxDots = 14

// lineGeometry lays out a line chart: a line through each run of days
// with a value, the area under it, and dots.
func (c Chart) lineGeometry() geometry {
	g, y, slot := c.axis()
	base := num(padTop + plotH)
	var run []dot
	flush := func() {
		switch {
		case len(run) == 1:
			g.Dots = append(g.Dots, run[0]) // a lone day is a dot, not a line
		case len(run) > 1:
			pts := make([]string, len(run))
			for i, d := range run {
				pts[i] = d.X + "," + d.Y
			}
			g.Lines = append(g.Lines, strings.Join(pts, " "))
			g.Areas = append(g.Areas, run[0].X+","+base+" "+strings.Join(pts, " ")+" "+run[len(run)-1].X+","+base)
			if len(c.Points) <= maxDots {
				g.Dots = append(g.Dots, run...)
			}
		}
		run = nil
	}
	for i, p := range c.Points {
		if p.Missing {
			flush()
			continue
		}
		run = append(run, dot{X: num(padLeft + slot*(float64(i)+0.5)), Y: num(y(p.Value)), Title: p.Label + ": " + p.display()})
	}
	flush()
	return g
}

func (c Chart) titleID() string { return c.ID + "-title" }
func (c Chart) descID() string  { return c.ID + "-desc" }
func (c Chart) labelledBy() string {
	return c.titleID() + " " + c.descID()
}

func (c Chart) valueLabel() string {
	if c.ValueLabel == "" {
		return "Value"
	}
	return c.ValueLabel
}

func (c Chart) viewBox() string { return "0 0 " + num(width) + " " + num(height) }

// Where the tick labels (left of the plot), the day labels (under it)
// and the empty message (in its middle) go.
func tickX() string     { return num(padLeft - 8) }
func dayY() string      { return num(height - 7) }
func plotRight() string { return num(padLeft + plotW) }
func centreX() string   { return num(padLeft + plotW/2) }
func centreY() string   { return num(padTop + plotH/2) }

func (t tick) textY() string {
	v, _ := strconv.ParseFloat(t.Y, 64)
	return num(v + 4)
}

// Range is one choice of a dashboard's range switch: "7 days" at
// "/seller?days=7".
type Range struct {
	Label  string
	URL    string
	Active bool
}

// FunnelStep is one step of a funnel: how many got this far, as a share of
// the first step and of the step before.
type FunnelStep struct {
	Label string
	Count string // formatted, e.g. "1,204"
	// Share is the step's count as a share of the first step's, 0-1; it
	// sets the bar's length.
	Share float64
	// Percent is Share in words, e.g. "42%"; Conversion is the share of
	// the previous step, e.g. "63% of checked out" (empty for the first).
	Percent    string
	Conversion string
}

// barLength is a funnel bar's length out of 100, at least a sliver so
// that a step with a few is visible.
func (s FunnelStep) barLength() string {
	v := math.Max(0, math.Min(s.Share, 1)) * 100
	if v > 0 && v < 1 {
		v = 1
	}
	return num(v)
}
