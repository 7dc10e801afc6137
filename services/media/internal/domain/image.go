// Package domain holds the media service's rules: what a product photo is
// and how it moves from processing to ready or failed, who may upload,
// see and remove photos, how product facts learnt from events are kept,
// and how stored files are named. No gorm, no HTTP, no pixels.
package domain

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// Status is where a photo is in its life.
type Status string

// The states of a photo (the same strings as mediaclient's).
const (
	Processing Status = "processing" // accepted, variants being made
	Ready      Status = "ready"
	Failed     Status = "failed"
)

// MaxAltLength bounds a photo's alternative text, in characters.
const MaxAltLength = 200

// Errors of the domain.
var (
	ErrImageNotFound   = fault.NotFoundf("image not found")
	ErrProductNotFound = fault.NotFoundf("product not found")
)

// Image is a product photo.
type Image struct {
	ID        string
	ProductID string
	ShopID    string
	Hash      string // hex SHA-256 of the original file
	Status    Status
	Error     string // why it failed, for the seller
	Position  int    // order among the product's photos, from 0
	Alt       string
	Width     int // of the large variant, once ready
	Height    int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// NewImage is a photo just uploaded, waiting to be processed.
func NewImage(id string, p Product, hash string, position int, alt string, now time.Time) Image {
	return Image{
		ID: id, ProductID: p.ID, ShopID: p.ShopID, Hash: hash, Status: Processing,
		Position: position, Alt: alt, CreatedAt: now, UpdatedAt: now,
	}
}

// MarkReady records that the variants exist; width and height are the
// large variant's. It reports false when the photo is not processing any
// more (it was failed, or finished by another worker).
func (i *Image) MarkReady(width, height int, now time.Time) bool {
	if i.Status != Processing {
		return false
	}
	i.Status, i.Error, i.Width, i.Height, i.UpdatedAt = Ready, "", width, height, now
	return true
}

// MarkFailed records that the photo cannot be processed and why.
func (i *Image) MarkFailed(reason string, now time.Time) bool {
	if i.Status != Processing {
		return false
	}
	if len(reason) > 200 {
		reason = reason[:200]
	}
	i.Status, i.Error, i.UpdatedAt = Failed, reason, now
	return true
}

// URL returns the path the web frontend serves a variant of the photo at;
// "" until the photo is ready.
func (i Image) URL(v Variant) string {
	if i.Status != Ready {
		return ""
	}
	return v.URL(i.Hash)
}

// NormalizeAlt checks a photo's alternative text; an empty one becomes the
// product's name (cut to the limit).
func NormalizeAlt(alt, productName string) (string, error) {
	alt = strings.TrimSpace(alt)
	if !utf8.ValidString(alt) || strings.ContainsFunc(alt, isControl) {
		return "", fault.Fields(map[string]string{"alt": "the alternative text contains characters that are not allowed"})
	}
	if utf8.RuneCountInString(alt) > MaxAltLength {
		return "", fault.Fields(map[string]string{"alt": "the alternative text is longer than 200 characters"})
	}
	if alt == "" {
		alt = strings.TrimSpace(productName)
		if utf8.RuneCountInString(alt) > MaxAltLength {
			alt = string([]rune(alt)[:MaxAltLength])
		}
	}
	return alt, nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// Variant is one of the sizes a photo is served in.
type Variant string

// The variants.
const (
	Thumb  Variant = "thumb"  // 200x200, cropped to fill
	Medium Variant = "medium" // fits 800x800
	Large  Variant = "large"  // fits 1600x1600
)

// Variants lists every variant, smallest first.
var Variants = []Variant{Thumb, Medium, Large}

// Key is where the variant of the file with hash is stored.
func (v Variant) Key(hash string) string { return hash + "/" + string(v) + ".jpg" }

// URL is the path the web frontend serves the variant at (it proxies
// /media/* to the file endpoint).
func (v Variant) URL(hash string) string { return "/media/" + v.Key(hash) }

// OriginalKey is where the uploaded file with hash is stored.
func OriginalKey(hash string) string { return "originals/" + hash }

var hashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ParseFile reads the two path segments of a file request
// (<hash>/<variant>.jpg); anything else is not a file.
func ParseFile(hash, name string) (Variant, bool) {
	if !hashPattern.MatchString(hash) {
		return "", false
	}
	v := Variant(strings.TrimSuffix(name, ".jpg"))
	if !strings.HasSuffix(name, ".jpg") || (v != Thumb && v != Medium && v != Large) {
		return "", false
	}
	return v, true
}
