// Package domain holds the shop service's entity and its rules: a shop
// with its profile, its slug and its version, opened by one user and
// closed by them or an admin. It does no I/O.
package domain

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
)

// Limits on a shop's profile.
const (
	MinNameRunes        = 2
	MaxNameRunes        = 60
	MaxDescriptionRunes = 2000
	maxSlugBytes        = 60
)

// Errors in the domain's terms.
var (
	// ErrShopNotFound says there is no open shop with that id, slug or
	// owner.
	ErrShopNotFound = fault.NotFoundf("no such shop")
	// ErrHasShop says the user already has an open shop.
	ErrHasShop = fault.Conflictf("you already have a shop")
	// ErrNameTaken says another open shop has the name (in any case).
	ErrNameTaken = fault.Fields(map[string]string{"name": "another shop already has this name"})
)

// Profile is validated input for a shop. Only NewProfile makes one.
type Profile struct {
	name, description string
}

// NewProfile checks a shop's name and description and reports every
// problem at once, as a fault.Fields error keyed by name and description.
// The name is trimmed with inner runs of spaces made one; the description
// is trimmed, with its line breaks kept.
func NewProfile(name, description string) (Profile, error) {
	problems := map[string]string{}
	name, msg := checkName(name)
	if msg != "" {
		problems["name"] = msg
	}
	description, msg = checkDescription(description)
	if msg != "" {
		problems["description"] = msg
	}
	if len(problems) > 0 {
		return Profile{}, fault.Fields(problems)
	}
	return Profile{name: name, description: description}, nil
}

// Name is the normalized name.
func (p Profile) Name() string { return p.name }

// Description is the normalized description.
func (p Profile) Description() string { return p.description }

func checkName(raw string) (string, string) {
	if !utf8.ValidString(raw) {
		return raw, "the name contains characters that are not valid text"
	}
	if strings.IndexFunc(raw, func(r rune) bool { return unicode.IsControl(r) && r != ' ' }) >= 0 {
		return raw, "the name must not contain control characters such as line breaks or tabs"
	}
	name := strings.Join(strings.Fields(raw), " ")
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return name, "enter a name for the shop"
	case n < MinNameRunes:
		return name, fmt.Sprintf("the name must be at least %d characters", MinNameRunes)
	case n > MaxNameRunes:
		return name, fmt.Sprintf("the name must be at most %d characters", MaxNameRunes)
	}
	return name, ""
}

func checkDescription(raw string) (string, string) {
	if !utf8.ValidString(raw) {
		return raw, "the description contains characters that are not valid text"
	}
	d := strings.TrimSpace(strings.ReplaceAll(raw, "\r\n", "\n"))
	if strings.IndexFunc(d, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) >= 0 {
		return d, "the description must not contain control characters"
	}
	if utf8.RuneCountInString(d) > MaxDescriptionRunes {
		return d, fmt.Sprintf("the description must be at most %d characters", MaxDescriptionRunes)
	}
	return d, ""
}

// NameKey is what names are compared by: two open shops may not have
// the same key. Go's lower-casing knows all of Unicode, so "ÉCOLE" and
// "école" clash on SQLite too, whose lower() knows only ASCII.
func NameKey(name string) string { return strings.ToLower(name) }

// Shop is a shop.
type Shop struct {
	id          string
	ownerID     string
	name        string
	slug        string
	description string
	version     int64
	createdAt   time.Time
	updatedAt   time.Time
	closedAt    *time.Time
}

// NewShop opens a shop of ownerID with profile p under slug (made free by
// the caller, see Slug). Its version is 1.
func NewShop(id, ownerID, slug string, p Profile, now time.Time) (*Shop, error) {
	switch {
	case id == "":
		return nil, errors.New("new shop: empty id")
	case ownerID == "":
		return nil, errors.New("new shop: empty owner")
	case slug == "":
		return nil, errors.New("new shop: empty slug")
	case p.name == "":
		return nil, errors.New("new shop: profile was not validated")
	}
	now = now.UTC()
	return &Shop{
		id: id, ownerID: ownerID, name: p.name, slug: slug, description: p.description,
		version: 1, createdAt: now, updatedAt: now,
	}, nil
}

// RebuildShop restores a stored shop.
func RebuildShop(id, ownerID, name, slug, description string, version int64, createdAt, updatedAt time.Time, closedAt *time.Time) *Shop {
	s := &Shop{
		id: id, ownerID: ownerID, name: name, slug: slug, description: description,
		version: version, createdAt: createdAt.UTC(), updatedAt: updatedAt.UTC(),
	}
	if closedAt != nil {
		t := closedAt.UTC()
		s.closedAt = &t
	}
	return s
}

// ID is the shop's id.
func (s *Shop) ID() string { return s.id }

// OwnerID is the user who opened the shop; it never changes.
func (s *Shop) OwnerID() string { return s.ownerID }

// Name is the shop's name.
func (s *Shop) Name() string { return s.name }

// NameKey is NameKey of the name.
func (s *Shop) NameKey() string { return NameKey(s.name) }

// Slug is the shop's address in URLs. It is set when the shop opens and
// kept when it is renamed, so links to it keep working.
func (s *Shop) Slug() string { return s.slug }

// Description is the shop's description.
func (s *Shop) Description() string { return s.description }

// Version grows by one with every change, for consumers of its events.
func (s *Shop) Version() int64 { return s.version }

// CreatedAt is when the shop opened.
func (s *Shop) CreatedAt() time.Time { return s.createdAt }

// UpdatedAt is when the shop last changed.
func (s *Shop) UpdatedAt() time.Time { return s.updatedAt }

// ClosedAt is when the shop closed, or nil while it is open.
func (s *Shop) ClosedAt() *time.Time { return s.closedAt }

// Open reports whether the shop is open.
func (s *Shop) Open() bool { return s.closedAt == nil }

// Edit replaces the profile. It reports whether anything changed; a
// change counts as a new version.
func (s *Shop) Edit(p Profile, now time.Time) (bool, error) {
	if !s.Open() {
		return false, ErrShopNotFound
	}
	if p.name == "" {
		return false, errors.New("edit shop: profile was not validated")
	}
	if p.name == s.name && p.description == s.description {
		return false, nil
	}
	s.name, s.description = p.name, p.description
	s.version++
	s.updatedAt = now.UTC()
	return true, nil
}

// Close closes the shop, a new version. Closing a closed shop is
// ErrShopNotFound: for everyone outside, it is gone already.
func (s *Shop) Close(now time.Time) error {
	if !s.Open() {
		return ErrShopNotFound
	}
	t := now.UTC()
	s.closedAt = &t
	s.version++
	s.updatedAt = t
	return nil
}

// CanOpen says whether a may open a shop: any signed-in user (opening one
// makes them a seller).
func CanOpen(a actor.Actor) error {
	if a.Anonymous() {
		return fault.Unauthenticatedf("sign in to open a shop")
	}
	return nil
}

// CanEdit says whether a may edit the shop: only its owner.
func (s *Shop) CanEdit(a actor.Actor) error {
	switch {
	case a.Anonymous():
		return fault.Unauthenticatedf("sign in to edit your shop")
	case a.UserID != s.ownerID:
		return fault.Forbiddenf("only the shop's owner may edit it")
	}
	return nil
}

// CanClose says whether a may close the shop: its owner or an admin.
func (s *Shop) CanClose(a actor.Actor) error {
	switch {
	case a.Anonymous():
		return fault.Unauthenticatedf("sign in to close your shop")
	case a.UserID != s.ownerID && !a.IsAdmin():
		return fault.Forbiddenf("only the shop's owner or an admin may close it")
	}
	return nil
}

// reservedSlugs are paths of the API next to /shops/{slug}.
var reservedSlugs = map[string]bool{"mine": true}

// Slug returns the slug for name, the first of base, base-2, base-3, ...
// that taken does not report, where base is Slugify(name). Slugs that
// would read as a route or an id are never handed out.
func Slug(name string, taken func(slug string) bool) string {
	base := Slugify(name)
	for n := 1; ; n++ {
		s := base
		if n > 1 {
			s = fmt.Sprintf("%s-%d", base, n)
		}
		if !reservedSlugs[s] && !id.Valid(s) && !taken(s) {
			return s
		}
	}
}

// Slugify turns a name into lower-case ASCII words joined by hyphens:
// "Volt & Wire" -> "volt-and-wire", "Café Crème" -> "cafe-creme". A name
// with nothing to keep becomes "shop".
func Slugify(name string) string {
	var b strings.Builder
	hyphen := false // a separator is pending
	put := func(s string) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(s)
	}
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			put(string(r))
		case r == '\'' || r == '’': // "Ann's" -> "anns"
		case r == '&':
			hyphen = true
			put("and")
			hyphen = true
		default:
			if f, ok := fold[r]; ok {
				put(f)
			} else {
				hyphen = true
			}
		}
	}
	s := b.String()
	if len(s) > maxSlugBytes {
		s = s[:maxSlugBytes]
		if i := strings.LastIndexByte(s, '-'); i > maxSlugBytes/2 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	if s == "" {
		return "shop"
	}
	return s
}

// fold spells common Latin letters with diacritics in ASCII.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ą': "a", 'ă': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ę': "e", 'ě': "e", 'ė': "e",
	'ğ': "g", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ı': "i", 'į': "i",
	'ł': "l", 'ľ': "l", 'ĺ': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ŕ': "r", 'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'ß': "ss",
	'ť': "t", 'ţ': "t", 'ț': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}
