// Package visualcontentevents holds the events the visual content service
// publishes. The two admin_* events are the service's messages to itself:
// an admin's upload or deletion is accepted at once and announced; the
// service's own consumer does the work and then announces the result.
package visualcontentevents

import "time"

// Banner is a banner's settings as events carry them. Version grows with
// every change.
type Banner struct {
	BannerID  string     `json:"banner_id"`
	Placement string     `json:"placement"` // hero or slider
	Title     string     `json:"title"`
	LinkURL   string     `json:"link_url"`
	Alt       string     `json:"alt"`
	Position  int        `json:"position"`
	StartsAt  *time.Time `json:"starts_at,omitempty"`
	EndsAt    *time.Time `json:"ends_at,omitempty"`
	Active    bool       `json:"active"`
	Version   int64      `json:"version"`
}

// Image is one size of a banner's image. URL is a path the web frontend
// serves (/banners/...).
type Image struct {
	Width  int    `json:"width"`
	Height int    `json:"height"`
	URL    string `json:"url"`
}

// BannerAdminUploaded announces an admin's upload, accepted and stored as
// pending; the service's consumer checks and resizes it.
type BannerAdminUploaded struct {
	Banner
	OriginalKey string    `json:"original_key"` // the uploaded file in the blob store
	UploadedBy  string    `json:"uploaded_by"`
	At          time.Time `json:"at"`
}

// EventName is the routing key.
func (BannerAdminUploaded) EventName() string { return "visual_content.admin_uploaded" }

// EventVersion is the payload's schema version.
func (BannerAdminUploaded) EventVersion() int { return 1 }

// BannerUploaded announces a banner whose sizes are ready to show.
type BannerUploaded struct {
	Banner
	Images []Image   `json:"images"` // widest first
	At     time.Time `json:"at"`
}

// EventName is the routing key.
func (BannerUploaded) EventName() string { return "visual_content.uploaded" }

// EventVersion is the payload's schema version.
func (BannerUploaded) EventVersion() int { return 1 }

// BannerAdminDeleted announces an admin's deletion; the service's consumer
// removes the banner and its files.
type BannerAdminDeleted struct {
	BannerID  string    `json:"banner_id"`
	DeletedBy string    `json:"deleted_by"`
	Version   int64     `json:"version"`
	At        time.Time `json:"at"`
}

// EventName is the routing key.
func (BannerAdminDeleted) EventName() string { return "visual_content.admin_deleted" }

// EventVersion is the payload's schema version.
func (BannerAdminDeleted) EventVersion() int { return 1 }

// BannerDeleted announces that a banner is gone.
type BannerDeleted struct {
	BannerID string    `json:"banner_id"`
	Version  int64     `json:"version"`
	At       time.Time `json:"at"`
}

// EventName is the routing key.
func (BannerDeleted) EventName() string { return "visual_content.deleted" }

// EventVersion is the payload's schema version.
func (BannerDeleted) EventVersion() int { return 1 }
