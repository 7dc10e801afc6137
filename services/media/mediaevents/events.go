// Package mediaevents holds the events the media service publishes.
package mediaevents

import "time"

// ProductImageUploaded announces a product photo whose variants are ready
// to serve. URLs are paths the web frontend serves (/media/...).
type ProductImageUploaded struct {
	ImageID   string    `json:"image_id"`
	ProductID string    `json:"product_id"`
	ShopID    string    `json:"shop_id"`
	Position  int       `json:"position"` // order among the product's photos, from 0
	Alt       string    `json:"alt"`
	ThumbURL  string    `json:"thumb_url"`  // 200x200, cropped to fill
	MediumURL string    `json:"medium_url"` // fits 800x800
	LargeURL  string    `json:"large_url"`  // fits 1600x1600
	Width     int       `json:"width"`      // of the large variant
	Height    int       `json:"height"`
	At        time.Time `json:"at"`
}

// EventName is the routing key.
func (ProductImageUploaded) EventName() string { return "product_image.uploaded" }

// EventVersion is the payload's schema version.
func (ProductImageUploaded) EventVersion() int { return 1 }

// ProductImageDeleted announces that a photo was removed.
type ProductImageDeleted struct {
	ImageID   string    `json:"image_id"`
	ProductID string    `json:"product_id"`
	ShopID    string    `json:"shop_id"`
	At        time.Time `json:"at"`
}

// EventName is the routing key.
func (ProductImageDeleted) EventName() string { return "product_image.deleted" }

// EventVersion is the payload's schema version.
func (ProductImageDeleted) EventVersion() int { return 1 }
