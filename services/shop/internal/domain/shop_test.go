package domain_test

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/shop/internal/domain"
)

func TestNewProfile(t *testing.T) {
	tests := []struct {
		name                  string
		in                    [2]string
		bad                   []string
		wantName, wantDescrip string
	}{
		{name: "valid", in: [2]string{"Nordic Clay", "Mugs."}, wantName: "Nordic Clay", wantDescrip: "Mugs."},
		{name: "trimmed and spaces collapsed", in: [2]string{"  Nordic \u00a0  Clay ", "\n  Mugs\r\nand bowls.  \n"},
			wantName: "Nordic Clay", wantDescrip: "Mugs\nand bowls."},
		{name: "two characters", in: [2]string{" Ab ", ""}, wantName: "Ab"},
		{name: "sixty runes", in: [2]string{strings.Repeat("é", 60), ""}, wantName: strings.Repeat("é", 60)},
		{name: "description at the limit", in: [2]string{"Ab", strings.Repeat("ü", 2000)}, wantName: "Ab", wantDescrip: strings.Repeat("ü", 2000)},
		{name: "tabs in the description", in: [2]string{"Ab", "a\tb"}, wantName: "Ab", wantDescrip: "a\tb"},

		{name: "empty name", in: [2]string{"   ", ""}, bad: []string{"name"}},
		{name: "one character", in: [2]string{" A ", ""}, bad: []string{"name"}},
		{name: "sixty-one runes", in: [2]string{strings.Repeat("é", 61), ""}, bad: []string{"name"}},
		{name: "line break in the name", in: [2]string{"Nordic\nClay", ""}, bad: []string{"name"}},
		{name: "tab in the name", in: [2]string{"Nordic\tClay", ""}, bad: []string{"name"}},
		{name: "name not UTF-8", in: [2]string{"Nordic\xff", ""}, bad: []string{"name"}},
		{name: "description too long", in: [2]string{"Ab", strings.Repeat("x", 2001)}, bad: []string{"description"}},
		{name: "NUL in the description", in: [2]string{"Ab", "a\x00b"}, bad: []string{"description"}},
		{name: "description not UTF-8", in: [2]string{"Ab", "\xff"}, bad: []string{"description"}},
		{name: "both", in: [2]string{"", strings.Repeat("x", 2001)}, bad: []string{"description", "name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := domain.NewProfile(tt.in[0], tt.in[1])
			if len(tt.bad) == 0 {
				if err != nil || p.Name() != tt.wantName || p.Description() != tt.wantDescrip {
					t.Fatalf("got %q %q, %v", p.Name(), p.Description(), err)
				}
				return
			}
			if !errors.Is(err, fault.Invalid) {
				t.Fatalf("err = %v, want fault.Invalid", err)
			}
			fe, _ := fault.As(err)
			if got := slices.Sorted(maps.Keys(fe.Fields)); !slices.Equal(got, tt.bad) {
				t.Fatalf("fields %v, want %v", fe.Fields, tt.bad)
			}
		})
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Nordic Clay Studio":                    "nordic-clay-studio",
		"Volt & Wire":                           "volt-and-wire",
		"Paper Trail Co.":                       "paper-trail-co",
		"  --Summit  Gear--":                    "summit-gear",
		"Ann's Café Crème":                      "anns-cafe-creme",
		"Ann’s Straße":                          "anns-strasse",
		"Ærø Øl":                                "aero-ol",
		"&Co":                                   "and-co",
		"Shop 24/7":                             "shop-24-7",
		"東京":                                    "shop",
		"!!":                                    "shop",
		"東京 Tea":                                "tea",
		strings.Repeat("abcdefghi ", 6) + "end": "abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi",
		strings.Repeat("x", 70):                 strings.Repeat("x", 60),
	}
	for in, want := range tests {
		if got := domain.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	taken := func(slugs ...string) func(string) bool {
		return func(s string) bool { return slices.Contains(slugs, s) }
	}
	tests := []struct {
		name, in string
		taken    func(string) bool
		want     string
	}{
		{"free", "Nordic Clay", taken(), "nordic-clay"},
		{"taken", "Nordic Clay", taken("nordic-clay"), "nordic-clay-2"},
		{"taken twice", "Nordic  clay!", taken("nordic-clay", "nordic-clay-2"), "nordic-clay-3"},
		{"a gap is reused", "Nordic Clay", taken("nordic-clay", "nordic-clay-3"), "nordic-clay-2"},
		{"a route is never a slug", "Mine", taken(), "mine-2"},
		{"an id is never a slug", "0190a000-0000-7000-8000-000000000001", taken(), "0190a000-0000-7000-8000-000000000001-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := domain.Slug(tt.in, tt.taken); got != tt.want {
				t.Fatalf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestShopLifecycle(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600))
	p, _ := domain.NewProfile("Nordic Clay", "Mugs.")
	s, err := domain.NewShop("s1", "u1", "nordic-clay", p, now)
	if err != nil {
		t.Fatal(err)
	}
	if s.Version() != 1 || !s.Open() || s.CreatedAt().Location() != time.UTC || s.NameKey() != "nordic clay" {
		t.Fatalf("new shop %+v", s)
	}
	if changed, err := s.Edit(p, now.Add(time.Minute)); changed || err != nil || s.Version() != 1 {
		t.Fatalf("an edit without changes: %v %v, version %d", changed, err, s.Version())
	}
	p2, _ := domain.NewProfile("NORDIC clay", "Mugs.")
	if changed, err := s.Edit(p2, now.Add(time.Minute)); !changed || err != nil || s.Version() != 2 || s.Name() != "NORDIC clay" ||
		s.Slug() != "nordic-clay" || !s.UpdatedAt().Equal(now.Add(time.Minute)) {
		t.Fatalf("edit: %v %v, %+v", changed, err, s)
	}
	if err := s.Close(now.Add(time.Hour)); err != nil || s.Open() || s.Version() != 3 || !s.ClosedAt().Equal(now.Add(time.Hour)) {
		t.Fatalf("close: %v, %+v", err, s)
	}
	if err := s.Close(now.Add(2 * time.Hour)); !errors.Is(err, fault.NotFound) || s.Version() != 3 {
		t.Fatalf("closing twice: %v, version %d", err, s.Version())
	}
	if _, err := s.Edit(p, now.Add(2*time.Hour)); !errors.Is(err, fault.NotFound) {
		t.Fatalf("editing a closed shop: %v", err)
	}
	for _, bad := range []struct{ id, owner, slug string }{{"", "u", "s"}, {"i", "", "s"}, {"i", "u", ""}} {
		if _, err := domain.NewShop(bad.id, bad.owner, bad.slug, p, now); err == nil {
			t.Errorf("NewShop(%q, %q, %q) succeeded", bad.id, bad.owner, bad.slug)
		}
	}
	if _, err := domain.NewShop("i", "u", "s", domain.Profile{}, now); err == nil {
		t.Error("NewShop with an unvalidated profile succeeded")
	}
}

func TestPermissions(t *testing.T) {
	p, _ := domain.NewProfile("Nordic Clay", "")
	s, _ := domain.NewShop("s1", "owner", "nordic-clay", p, time.Now())
	tests := []struct {
		name              string
		actor             actor.Actor
		open, edit, close *fault.Error // nil: allowed
	}{
		{"owner", actor.Actor{UserID: "owner", Role: actor.Seller}, nil, nil, nil},
		{"another seller", actor.Actor{UserID: "other", Role: actor.Seller}, nil, fault.Forbidden, fault.Forbidden},
		{"a shopper", actor.Actor{UserID: "other", Role: actor.Shopper}, nil, fault.Forbidden, fault.Forbidden},
		{"an admin", actor.Actor{UserID: "root", Role: actor.Admin}, nil, fault.Forbidden, nil},
		{"nobody", actor.Actor{}, fault.Unauthenticated, fault.Unauthenticated, fault.Unauthenticated},
		{"nobody claiming admin", actor.Actor{Role: actor.Admin}, fault.Unauthenticated, fault.Unauthenticated, fault.Unauthenticated},
	}
	check := func(t *testing.T, what string, err error, want *fault.Error) {
		t.Helper()
		if want == nil && err != nil || want != nil && !errors.Is(err, want) {
			t.Errorf("%s: %v, want %v", what, err, want)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, "open", domain.CanOpen(tt.actor), tt.open)
			check(t, "edit", s.CanEdit(tt.actor), tt.edit)
			check(t, "close", s.CanClose(tt.actor), tt.close)
		})
	}
}
