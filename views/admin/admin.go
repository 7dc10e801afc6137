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
