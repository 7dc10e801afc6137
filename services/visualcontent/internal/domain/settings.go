// Package domain holds the visual content service's rules: what a banner
// is, which settings are acceptable, how a banner moves from draft to
// pending, ready or failed and on to deletion, when it is shown, who may
// manage banners, and how its stored files are named. No gorm, no HTTP, no
// pixels.
package domain

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// Placement is where on the home page a banner goes.
type Placement string

// The placements (the same strings as visualcontentclient's).
const (
	Hero   Placement = "hero"
	Slider Placement = "slider"
)

// Placements lists every placement, in the order the home page shows them.
var Placements = []Placement{Hero, Slider}

// Valid reports whether p is a known placement.
func (p Placement) Valid() bool { return p == Hero || p == Slider }

// Limits on a banner's settings.
const (
	MaxTitleRunes = 120
	MaxAltRunes   = 200
	MaxLinkBytes  = 2048
	MinPosition   = 0
	MaxPosition   = 1000
)

// Input is a banner's settings as an admin sent them, unchecked.
type Input struct {
	Placement string
	Title     string
	LinkURL   string
	Alt       string
	Position  int
	StartsAt  *time.Time
	EndsAt    *time.Time
}

// Settings are a banner's checked settings. Only NewSettings makes them
// from input, so holding Settings means the rules were applied.
type Settings struct {
	Placement Placement
	Title     string
	LinkURL   string
	Alt       string
	Position  int
	StartsAt  *time.Time // nil: shown from the start
	EndsAt    *time.Time // nil: shown until further notice
}

// NewSettings checks in and reports every problem at once, as a
// fault.Fields error keyed by the request's JSON names. Texts are trimmed,
// an empty alt becomes the title, and times become UTC with the
// microsecond precision both databases keep.
func NewSettings(in Input) (Settings, error) {
	problems := map[string]string{}
	s := Settings{Placement: Placement(strings.TrimSpace(in.Placement)), Position: in.Position}
	if !s.Placement.Valid() {
		problems["placement"] = fmt.Sprintf("the placement must be %s or %s", Hero, Slider)
	}
	var msg string
	if s.Title, msg = checkText(in.Title, "title", MaxTitleRunes); msg != "" {
		problems["title"] = msg
	} else if s.Title == "" {
		problems["title"] = "enter a title"
	}
	if s.LinkURL, msg = CheckLink(in.LinkURL); msg != "" {
		problems["link_url"] = msg
	}
	if s.Alt, msg = checkText(in.Alt, "alternative text", MaxAltRunes); msg != "" {
		problems["alt"] = msg
	} else if s.Alt == "" && problems["title"] == "" {
		s.Alt = s.Title // at most 120 characters, so within the alt's limit
	}
	if s.Position < MinPosition || s.Position > MaxPosition {
		problems["position"] = fmt.Sprintf("the position must be between %d and %d", MinPosition, MaxPosition)
	}
	s.StartsAt, s.EndsAt = normalTime(in.StartsAt), normalTime(in.EndsAt)
	if s.StartsAt != nil && s.EndsAt != nil && !s.EndsAt.After(*s.StartsAt) {
		problems["ends_at"] = "the end must be after the start"
	}
	if len(problems) > 0 {
		return Settings{}, fault.Fields(problems)
	}
	return s, nil
}

// checkText trims a text and checks its characters and length; what names
// it in messages.
func checkText(raw, what string, maxRunes int) (string, string) {
	s := strings.TrimSpace(raw)
	switch {
	case !utf8.ValidString(s):
		return s, fmt.Sprintf("the %s contains characters that are not valid text", what)
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return s, fmt.Sprintf("the %s must not contain control characters such as line breaks or tabs", what)
	case utf8.RuneCountInString(s) > maxRunes:
		return s, fmt.Sprintf("the %s must be at most %d characters", what, maxRunes)
	}
	return s, ""
}

// linkProblem is the message for a link that is not acceptable.
const linkProblem = "the link must be empty, a path on this site such as /products, or an http(s) address"

// CheckLink trims a banner's link and checks that it is empty, a path on
// this site ("/products?category=kitchen") or an absolute http(s) URL. It
// refuses what a browser would take elsewhere or run: other schemes
// (javascript:, data:), protocol-relative links ("//host"), backslashes
// (which browsers read as slashes), credentials in the URL, spaces and
// control characters. It returns the link and a message when it is not
// acceptable.
func CheckLink(raw string) (string, string) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", ""
	}
	if len(s) > MaxLinkBytes {
		return s, fmt.Sprintf("the link must be at most %d characters", MaxLinkBytes)
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\\' }) {
		return s, linkProblem
	}
	u, err := url.Parse(s)
	if err != nil {
		return s, linkProblem
	}
	if strings.HasPrefix(s, "/") {
		if strings.HasPrefix(s, "//") || u.Scheme != "" || u.Host != "" || u.User != nil {
			return s, linkProblem
		}
		return s, ""
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return s, linkProblem
	}
	return s, ""
}

// normalTime returns t in UTC with microsecond precision, or nil.
func normalTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := t.UTC().Truncate(time.Microsecond)
	return &v
}

// InWindow reports whether at falls in the schedule [start, end): a nil
// bound is open.
func InWindow(start, end *time.Time, at time.Time) bool {
	return (start == nil || !at.Before(*start)) && (end == nil || at.Before(*end))
}
