// Package admin renders the pages under /admin.
package admin

// Stat is one figure on the dashboard, e.g. {"Orders today", "128", "+12% on yesterday"}.
type Stat struct {
	Label string
	Value string
	Hint  string // optional
}

// DashboardView is the data of the platform dashboard.
type DashboardView struct {
	Stats []Stat
	// UsersTotal is the formatted number of accounts, e.g. "1,204".
	UsersTotal string
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
