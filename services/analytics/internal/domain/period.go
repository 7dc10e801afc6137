package domain

import (
	"slices"
	"time"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// Ranges are the lengths, in days, a dashboard can show.
var Ranges = []int{7, 30, 90}

// Period is a range of whole days ending today, in UTC.
type Period struct {
	Days []string // oldest first
}

// NewPeriod returns the days long period that ends on now's day; the
// length must be one of Ranges.
func NewPeriod(now time.Time, days int) (Period, error) {
	if !slices.Contains(Ranges, days) {
		return Period{}, fault.Fields(map[string]string{"days": "days must be 7, 30 or 90"})
	}
	return LastDays(now, days), nil
}

// LastDays returns the n days ending on now's day, for any n > 0.
func LastDays(now time.Time, n int) Period {
	y, m, d := now.UTC().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	p := Period{Days: make([]string, n)}
	for i := range n {
		p.Days[i] = today.AddDate(0, 0, i-n+1).Format(DayLayout)
	}
	return p
}

// From is the first day.
func (p Period) From() string { return p.Days[0] }

// To is the last day (today).
func (p Period) To() string { return p.Days[len(p.Days)-1] }
