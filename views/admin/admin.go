// Package admin renders the pages under /admin: the platform dashboard,
// the banners, the dead letters and the stock audit, under one set of
// tabs.
package admin

import "github.com/marketplace/marketplace/views/charts"

// Sections of the admin area, for the tab navigation.
const (
	TabDashboard   = "dashboard"
	TabBanners     = "banners"
	TabDeadLetters = "dead-letters"
	TabStockAudit  = "stock-audit"
)

type tab struct {
	key, label, url string
}

var tabs = []tab{
	{TabDashboard, "Dashboard", "/admin"},
	{TabBanners, "Banners", "/admin/banners"},
	{TabDeadLetters, "Dead letters", "/admin/dead-letters"},
	{TabStockAudit, "Stock audit", "/admin/stock-audit"},
}

// Stat is one figure on the dashboard, e.g. {"Orders today", "128", "+12% on yesterday"}.
type Stat struct {
	// ID, when set, is the id of the value (e.g. "stat-gmv").
	ID    string
	Label string
	Value string
	Hint  string // optional
}

// DashboardView is the data of the platform dashboard.
type DashboardView struct {
	Stats []Stat
	// UsersTotal is the formatted number of accounts, e.g. "1,204".
	UsersTotal string
	// Period names the range in words, e.g. "the last 30 days".
	Period string
	Ranges []charts.Range
	// Note replaces the figures when analytics did not answer.
	Note string
	// Charts per day.
	GMV             charts.Chart
	Orders          charts.Chart
	NewUsers        charts.Chart
	NewShops        charts.Chart
	PaymentFailures charts.Chart
	Cancellations   charts.Chart
	TopShops        []TopShopRow
}

// hasFigures says there are charts to draw: the note, or a view with the
// stat tiles alone, shows none.
func (v DashboardView) hasFigures() bool { return v.Note == "" && v.GMV.ID != "" }

// AnalyticsID is the id of the dashboard's figures, the fragment that the
// range switch swaps.
const AnalyticsID = "platform-analytics"

// TopShopRow is one of the platform's best selling shops in the range.
type TopShopRow struct {
	Name    string
	URL     string // the shop's public page; empty: not linked
	Orders  string
	Revenue string
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// AuditRow is a variation whose stock does not add up: its counts, what
// its ledger and reservations say they should be, and the problems.
type AuditRow struct {
	VariationID string
	// Product names the variation, e.g. "Stoneware mug, Blue"; empty when
	// the catalogue no longer knows it.
	Product    string
	SKU        string
	ProductURL string
	// Each figure as "counted / expected", e.g. "5 / 7".
	Available string
	Reserved  string
	Sold      string
	Problems  []string
}

// AuditView is GET /admin/stock-audit.
type AuditView struct {
	// Checked is the formatted number of variations checked.
	Checked string
	Rows    []AuditRow
}
