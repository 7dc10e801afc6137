package domain

import (
	"fmt"
	"regexp"
	"strconv"
)

// Size is one size a banner's image is made in.
type Size struct{ Width, Height int }

// The sizes of each placement, widest first: the full width, then smaller
// ones for tablets and phones, all of the placement's proportions.
var (
	HeroSizes   = []Size{{1920, 600}, {1280, 400}, {768, 240}}
	SliderSizes = []Size{{1200, 400}, {800, 267}, {480, 160}}
)

// SizesOf returns the sizes of placement p, widest first.
func SizesOf(p Placement) []Size {
	if p == Slider {
		return SliderSizes
	}
	return HeroSizes
}

// Image is one stored size of a banner's image.
type Image struct {
	Width, Height int
	Key           string // in the blob store; also the path after /banners/
}

// URL is the path the web frontend serves the image at (it proxies
// /banners/* to the file endpoint).
func (i Image) URL() string { return "/banners/" + i.Key }

// Key is where the size s of a banner's image accepted at imageVersion is
// stored: <banner>/v<version>/<w>x<h>.jpg. A name never holds other bytes,
// so it may be cached for good.
func (s Size) Key(bannerID string, imageVersion int64) string {
	return fmt.Sprintf("%s/v%d/%dx%d.jpg", bannerID, imageVersion, s.Width, s.Height)
}

// OriginalKey is where an upload (uploadID, unique per upload) of a
// banner's image is stored. It is never served.
func OriginalKey(bannerID, uploadID string) string {
	return bannerID + "/originals/" + uploadID
}

var (
	idPattern      = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	versionPattern = regexp.MustCompile(`^v[1-9][0-9]{0,17}$`)
	namePattern    = regexp.MustCompile(`^[1-9][0-9]{0,4}x[1-9][0-9]{0,4}\.jpg$`)
)

// ParseFile reads the three segments of a file request
// (<banner>/v<version>/<w>x<h>.jpg) and returns the banner's id and the
// blob key; anything else is not a file.
func ParseFile(bannerID, version, name string) (string, bool) {
	if !idPattern.MatchString(bannerID) || !versionPattern.MatchString(version) || !namePattern.MatchString(name) {
		return "", false
	}
	if _, err := strconv.ParseInt(version[1:], 10, 64); err != nil {
		return "", false
	}
	return bannerID + "/" + version + "/" + name, true
}
