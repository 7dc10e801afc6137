package charts

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestNiceScale(t *testing.T) {
	for _, tc := range []struct {
		max, min  float64
		top, step float64
	}{
		{0, 1, 1, 1},
		{-3, 1, 1, 1},
		{1, 1, 1, 1},
		{3, 1, 3, 1},
		{7, 1, 8, 2},
		{10, 1, 10, 5},    // raw step 2.5 rounds up to whole counts
		{12, 1, 15, 5},    // 12/4 = 3 -> 5
		{97, 1, 100, 25},  // 24.25 -> 25
		{101, 1, 150, 50}, // 25.25 -> 50
		{1234, 1, 1500, 500},
		{123450, 100, 150000, 50000}, // €1,234.50 -> ticks every €500
		{150, 100, 200, 100},         // €1.50: steps never below one euro
		{4.2, 0, 6, 2},
	} {
		top, step := niceScale(tc.max, tc.min)
		if top != tc.top || step != tc.step {
			t.Errorf("niceScale(%v, %v) = %v, %v; want %v, %v", tc.max, tc.min, top, step, tc.top, tc.step)
		}
	}
}

func TestLabelEvery(t *testing.T) {
	for n, want := range map[int]int{0: 1, 1: 1, 7: 1, 8: 2, 30: 5, 90: 13} {
		if got := labelEvery(n); got != want {
			t.Errorf("labelEvery(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 7: "7", 1234: "1,234", 1234567: "1,234,567", 4.25: "4.3", 4.96: "5", -1500: "-1,500"} {
		if got := formatNumber(v); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

func days(values ...float64) []Point {
	pts := make([]Point, len(values))
	for i, v := range values {
		pts[i] = Point{Label: fmt.Sprintf("%d Mar", i+1), Value: v}
	}
	return pts
}

func draw(t *testing.T, kind string, c Chart) (*html.Node, string) {
	t.Helper()
	var buf bytes.Buffer
	comp := Bar(c)
	if kind == "line" {
		comp = Line(c)
	}
	if err := comp.Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	n, err := html.Parse(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	return n, buf.String()
}

func all(root *html.Node, name string) []*html.Node {
	var out []*html.Node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.Data == name {
			out = append(out, n)
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.TrimSpace(b.String())
}

func float(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

func TestBarChartScalesToItsTallestBar(t *testing.T) {
	c := Chart{ID: "revenue", Title: "Revenue per day", Summary: "Revenue over 3 days", ValueLabel: "Revenue",
		Points: days(0, 5000, 10000), Step: 100,
		Tick: func(v float64) string { return "€" + formatNumber(v/100) }}
	root, _ := draw(t, "bar", c)
	rects := all(root, "rect")
	if len(rects) != 3 {
		t.Fatalf("%d bars, want 3", len(rects))
	}
	h := func(i int) float64 { return float(t, attr(rects[i], "height")) }
	if h(0) != 0 || h(2) != plotH || h(1) != plotH/2 {
		t.Errorf("bar heights %v %v %v, want 0, %v, %v", h(0), h(1), h(2), plotH/2, plotH)
	}
	// Every bar stands on the baseline.
	for i := range rects {
		if bottom := float(t, attr(rects[i], "y")) + h(i); bottom != padTop+plotH {
			t.Errorf("bar %d ends at %v, want the baseline %v", i, bottom, padTop+plotH)
		}
	}
	var ticks []string
	for _, tx := range all(root, "text") {
		if attr(tx, "text-anchor") == "end" {
			ticks = append(ticks, text(tx))
		}
	}
	if strings.Join(ticks, " ") != "€0 €25 €50 €75 €100" {
		t.Errorf("ticks %q", ticks)
	}
	if got := text(all(rects[1], "title")[0]); got != "2 Mar: 5,000" {
		t.Errorf("bar title %q", got)
	}
}

func TestChartsAreNamedImagesWithATable(t *testing.T) {
	c := Chart{ID: "orders", Title: "Paid orders per day", Summary: "12 orders in 3 days", ValueLabel: "Orders", Points: days(3, 4, 5)}
	for _, kind := range []string{"bar", "line"} {
		root, _ := draw(t, kind, c)
		svg := all(root, "svg")[0]
		if attr(svg, "role") != "img" || attr(svg, "aria-labelledby") != "orders-title orders-desc" {
			t.Errorf("%s: svg role=%q aria-labelledby=%q", kind, attr(svg, "role"), attr(svg, "aria-labelledby"))
		}
		var title, desc string
		for _, n := range all(svg, "title") {
			if attr(n, "id") == "orders-title" {
				title = text(n)
			}
		}
		for _, n := range all(svg, "desc") {
			if attr(n, "id") == "orders-desc" {
				desc = text(n)
			}
		}
		if title != c.Title || desc != c.Summary {
			t.Errorf("%s: title %q desc %q", kind, title, desc)
		}
		rows := all(all(root, "tbody")[0], "tr")
		if len(rows) != 3 || text(rows[2]) != "3 Mar5" {
			t.Errorf("%s: table rows %d, last %q", kind, len(rows), text(rows[len(rows)-1]))
		}
	}
}

func TestAllZerosAndNoDays(t *testing.T) {
	for _, pts := range [][]Point{days(0, 0, 0, 0), nil} {
		for _, kind := range []string{"bar", "line"} {
			c := Chart{ID: "z", Title: "Nothing", Points: pts, Empty: "No sales in this period"}
			root, raw := draw(t, kind, c)
			if strings.Contains(raw, "NaN") || strings.Contains(raw, "Inf") {
				t.Fatalf("%s with %d days draws NaN: %s", kind, len(pts), raw)
			}
			for _, r := range all(root, "rect") {
				if attr(r, "height") != "0" {
					t.Errorf("%s: a bar of height %s for zero", kind, attr(r, "height"))
				}
			}
			var ticks int
			empty := false
			for _, tx := range all(root, "text") {
				if attr(tx, "text-anchor") == "end" {
					ticks++
				}
				if text(tx) == "No sales in this period" {
					empty = true
				}
			}
			if ticks != 1 || !empty {
				t.Errorf("%s with %d days: %d ticks, empty message %v", kind, len(pts), ticks, empty)
			}
		}
	}
}

func TestOneDay(t *testing.T) {
	c := Chart{ID: "one", Title: "One day", Points: days(7)}
	root, _ := draw(t, "bar", c)
	rects := all(root, "rect")
	if len(rects) != 1 || float(t, attr(rects[0], "width")) != plotW*0.7 {
		t.Fatalf("one bar expected at 70%% of the plot width, got %d", len(rects))
	}
	root, _ = draw(t, "line", c)
	if len(all(root, "polyline")) != 0 || len(all(root, "circle")) != 1 {
		t.Error("a line of one day should be a single dot")
	}
}

func TestLineBreaksAtMissingDays(t *testing.T) {
	pts := days(4, 5, 0, 3, 0, 4.5, 4)
	pts[2].Missing, pts[4].Missing = true, true
	c := Chart{ID: "rating", Title: "Rating", Points: pts, Max: 5, Step: 1}
	root, _ := draw(t, "line", c)
	if n := len(all(root, "polyline")); n != 2 {
		t.Errorf("%d line segments, want 2", n)
	}
	if n := len(all(root, "circle")); n != 5 {
		t.Errorf("%d dots, want 5", n)
	}
	var ticks []string
	for _, tx := range all(root, "text") {
		if attr(tx, "text-anchor") == "end" {
			ticks = append(ticks, text(tx))
		}
	}
	if strings.Join(ticks, " ") != "0 1 2 3 4 5" {
		t.Errorf("rating ticks %q", ticks)
	}
	rows := all(root, "tr")
	if got := text(rows[3]); got != "3 Mar—" {
		t.Errorf("a missing day reads %q in the table", got)
	}
}

func TestDayLabelsAreThinnedAndEndToday(t *testing.T) {
	pts := make([]Point, 90)
	for i := range pts {
		pts[i] = Point{Label: "d" + strconv.Itoa(i), Value: float64(i)}
	}
	root, _ := draw(t, "bar", Chart{ID: "long", Title: "90 days", Points: pts})
	var labels []string
	for _, tx := range all(root, "text") {
		if attr(tx, "text-anchor") == "middle" {
			labels = append(labels, text(tx))
		}
	}
	if len(labels) > maxDayLabels+1 || labels[len(labels)-1] != "d89" {
		t.Errorf("day labels %q", labels)
	}
	if n := len(all(root, "circle")); n != 0 {
		t.Errorf("bar chart has %d dots", n)
	}
	root, _ = draw(t, "line", Chart{ID: "long", Title: "90 days", Points: pts})
	if n := len(all(root, "circle")); n != 0 {
		t.Errorf("a 90-day line has %d dots, want none", n)
	}
}

func TestChartTextIsEscaped(t *testing.T) {
	const evil = `<script>alert("x")</script>`
	pts := days(1, 2)
	pts[0].Label, pts[1].Display = evil, evil
	c := Chart{ID: "e", Title: evil, Summary: evil, ValueLabel: evil, Empty: evil, Points: pts,
		Tick: func(float64) string { return evil }}
	for _, kind := range []string{"bar", "line"} {
		_, raw := draw(t, kind, c)
		if strings.Contains(raw, evil) {
			t.Errorf("%s chart writes text unescaped", kind)
		}
		if !strings.Contains(raw, "&lt;script&gt;") {
			t.Errorf("%s chart lost the text", kind)
		}
	}
}
