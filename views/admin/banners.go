package admin

import "github.com/marketplace/marketplace/views/components"

// BannerRow is one banner in the admin's list, every field ready to show.
type BannerRow struct {
	ID        string
	Title     string
	Placement string // hero or slider
	LinkURL   string // as entered; empty: not linked
	Alt       string
	// ThumbURL is the smallest size of the image; empty until it is ready.
	ThumbURL string
	// Status is the banner's state (draft, pending, ready, failed,
	// deleting), StatusLabel the same in words; Error says why a failed
	// banner failed.
	Status      string
	StatusLabel string
	Error       string
	Active      bool
	Position    string
	// Schedule is the window in words, e.g. "From 1 Dec 2026, 10:00 UTC";
	// empty when the banner has none.
	Schedule string
	// PreviewURL shows the home page as at the start of the schedule
	// (admins only); empty without a schedule.
	PreviewURL string
	EditURL    string
	// RowURL answers the row's polling while it is pending or deleting.
	RowURL  string
	CanUp   bool
	CanDown bool
}

// Polling says the row asks for itself again until its work is done.
func (r BannerRow) Polling() bool { return r.Status == "pending" || r.Status == "deleting" }

// Actionable says the row has its edit, move and toggle controls: not
// while it is being deleted.
func (r BannerRow) Actionable() bool { return r.Status != "deleting" }

// BannerGroup is one placement's banners, in their order.
type BannerGroup struct {
	Placement string // hero or slider
	Title     string // e.g. "Hero"
	Hint      string // what the placement is, e.g. "The wide banner at the top of the home page"
	Rows      []BannerRow
}

// BannerForm is the new-banner form and the edit form.
type BannerForm struct {
	Title     string
	LinkURL   string
	Alt       string
	Placement string
	Position  string
	// StartsAt and EndsAt are datetime-local values, in UTC
	// ("2026-12-01T10:00").
	StartsAt string
	EndsAt   string
	Active   bool
	// Errors maps a field (title, link_url, alt, placement, position,
	// starts_at, ends_at, image) to its message.
	Errors map[string]string
	Error  string
}

// BannersPage is GET /admin/banners.
type BannersPage struct {
	Groups []BannerGroup
	Form   BannerForm
	// MaxUpload is the largest image in words, e.g. "10 MB".
	MaxUpload string
}

// BannerEditPage is GET /admin/banners/{id}.
type BannerEditPage struct {
	Row BannerRow
	// ImageURL is the banner's largest size; empty until it is ready.
	ImageURL  string
	Form      BannerForm
	ImageForm BannerForm // only Errors["image"] and Error are used
	MaxUpload string
}

// placementOptions are the placements a banner may have.
var placementOptions = []components.Option{
	{Value: "hero", Label: "Hero (1920×600)"},
	{Value: "slider", Label: "Slider (1200×400)"},
}

func statusClass(status string) string {
	switch status {
	case "ready":
		return "status-shipped"
	case "failed":
		return "status-failed"
	case "pending", "deleting":
		return "status-pending"
	}
	return "status-draft"
}

func activeLabel(active bool) string {
	if active {
		return "Active"
	}
	return "Hidden"
}

func toggleLabel(active bool) string {
	if active {
		return "Hide"
	}
	return "Show"
}

func toggleValue(active bool) string {
	if active {
		return "false"
	}
	return "true"
}

func rowID(id string) string { return "banner-" + id }
