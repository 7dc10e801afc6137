package seller

import "github.com/marketplace/marketplace/views/charts"

// SalesID is the id of the overview's sales section, the fragment that
// the range switch swaps.
const SalesID = "sales"

// SalesView is the overview's sales section: the shop's figures over a
// range of days.
type SalesView struct {
	// Period names the range in words, e.g. "the last 30 days".
	Period string
	Ranges []charts.Range
	// Note replaces the figures when there are none to show (analytics
	// did not answer, or knows nothing of the shop yet).
	Note string
	// Totals over the range, formatted.
	Revenue      string
	PaidOrders   string
	AverageOrder string
	Cancelled    string
	Rating       string // e.g. "4.5 from 12 reviews"; "—" without reviews
	// Charts per day.
	RevenueChart       charts.Chart
	OrdersChart        charts.Chart
	CancellationsChart charts.Chart
	RatingChart        charts.Chart
	TopProducts        []TopProductRow
	Funnel             []charts.FunnelStep
}

// TopProductRow is one of the shop's best sellers in the range.
type TopProductRow struct {
	Name    string
	URL     string // the public product page; empty: not linked
	Units   string
	Revenue string
}

// hasFigures says there are figures to draw: the note, or an empty view,
// shows none.
func (v SalesView) hasFigures() bool { return v.Note == "" && v.RevenueChart.ID != "" }
