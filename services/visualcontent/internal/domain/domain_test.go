package domain

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

var now = time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

func at(d time.Duration) *time.Time {
	t := now.Add(d)
	return &t
}

func TestNewSettings(t *testing.T) {
	good := Input{Placement: "hero", Title: "Spring sale", LinkURL: "/products", Position: 3}
	with := func(f func(*Input)) Input {
		in := good
		f(&in)
		return in
	}
	tests := []struct {
		name   string
		in     Input
		fields []string // nil: accepted
		check  func(t *testing.T, s Settings)
	}{
		{"good", good, nil, func(t *testing.T, s Settings) {
			if s.Placement != Hero || s.Title != "Spring sale" || s.Alt != "Spring sale" || s.Position != 3 || s.LinkURL != "/products" {
				t.Fatalf("%+v", s)
			}
		}},
		{"slider, trimmed texts, own alt", with(func(in *Input) {
			in.Placement, in.Title, in.Alt, in.LinkURL = "slider", "  Café ☕  ", " A cup ", " https://example.com/a?b=c#d "
		}), nil, func(t *testing.T, s Settings) {
			if s.Placement != Slider || s.Title != "Café ☕" || s.Alt != "A cup" || s.LinkURL != "https://example.com/a?b=c#d" {
				t.Fatalf("%+v", s)
			}
		}},
		{"120 characters", with(func(in *Input) { in.Title = strings.Repeat("é", 120) }), nil, nil},
		{"200 characters of alt", with(func(in *Input) { in.Alt = strings.Repeat("a", 200) }), nil, nil},
		{"positions 0 and 1000", with(func(in *Input) { in.Position = 1000 }), nil, nil},
		{"window", with(func(in *Input) { in.StartsAt, in.EndsAt = at(0), at(time.Second) }), nil, func(t *testing.T, s Settings) {
			if !s.StartsAt.Equal(now) || !s.EndsAt.Equal(now.Add(time.Second)) {
				t.Fatalf("%+v", s)
			}
		}},
		{"open start", with(func(in *Input) { in.EndsAt = at(time.Hour) }), nil, nil},
		{"open end", with(func(in *Input) { in.StartsAt = at(time.Hour) }), nil, nil},
		{"times become UTC microseconds", with(func(in *Input) {
			t := time.Date(2026, 5, 6, 9, 8, 9, 123456789, time.FixedZone("CEST", 2*3600))
			in.StartsAt = &t
		}), nil, func(t *testing.T, s Settings) {
			if s.StartsAt.Location() != time.UTC || !s.StartsAt.Equal(now.Add(123456*time.Microsecond)) {
				t.Fatalf("%v", s.StartsAt)
			}
		}},

		{"no placement", with(func(in *Input) { in.Placement = "" }), []string{"placement"}, nil},
		{"unknown placement", with(func(in *Input) { in.Placement = "sidebar" }), []string{"placement"}, nil},
		{"placement is case-sensitive", with(func(in *Input) { in.Placement = "Hero" }), []string{"placement"}, nil},
		{"no title", with(func(in *Input) { in.Title = "   " }), []string{"title"}, nil},
		{"121 characters", with(func(in *Input) { in.Title = strings.Repeat("a", 121) }), []string{"title"}, nil},
		{"line break in the title", with(func(in *Input) { in.Title = "a\nb" }), []string{"title"}, nil},
		{"invalid UTF-8", with(func(in *Input) { in.Title = "a\xffb" }), []string{"title"}, nil},
		{"201 characters of alt", with(func(in *Input) { in.Alt = strings.Repeat("a", 201) }), []string{"alt"}, nil},
		{"tab in the alt", with(func(in *Input) { in.Alt = "a\tb" }), []string{"alt"}, nil},
		{"javascript link", with(func(in *Input) { in.LinkURL = "javascript:alert(1)" }), []string{"link_url"}, nil},
		{"negative position", with(func(in *Input) { in.Position = -1 }), []string{"position"}, nil},
		{"position 1001", with(func(in *Input) { in.Position = 1001 }), []string{"position"}, nil},
		{"end before start", with(func(in *Input) { in.StartsAt, in.EndsAt = at(time.Hour), at(0) }), []string{"ends_at"}, nil},
		{"end at start", with(func(in *Input) { in.StartsAt, in.EndsAt = at(0), at(0) }), []string{"ends_at"}, nil},
		{"everything wrong at once", Input{Placement: "x", Title: "", LinkURL: "//evil.example", Alt: strings.Repeat("a", 201), Position: 5000,
			StartsAt: at(time.Hour), EndsAt: at(0)}, []string{"placement", "title", "link_url", "alt", "position", "ends_at"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSettings(tt.in)
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if tt.check != nil {
					tt.check(t, s)
				}
				return
			}
			fe, ok := fault.As(err)
			if !ok || fe.Category != fault.CategoryInvalid {
				t.Fatalf("err = %v, want invalid input", err)
			}
			if got, want := slices.Sorted(maps.Keys(fe.Fields)), slices.Sorted(slices.Values(tt.fields)); !slices.Equal(got, want) {
				t.Fatalf("fields %v, want %v", fe.Fields, want)
			}
			for k, msg := range fe.Fields {
				if msg == "" {
					t.Fatalf("no message for %s", k)
				}
			}
		})
	}
}

func TestCheckLink(t *testing.T) {
	tests := []struct {
		link, want string
		ok         bool
	}{
		{"", "", true},
		{"   ", "", true},
		{"/", "/", true},
		{"/products", "/products", true},
		{"/products?category=kitchen&sort=new#top", "/products?category=kitchen&sort=new#top", true},
		{"/products/0190a0b1-7c1d-7e2f-8a3b-4c5d6e7f8091", "/products/0190a0b1-7c1d-7e2f-8a3b-4c5d6e7f8091", true},
		{"http://example.com", "http://example.com", true},
		{"https://example.com/sale?x=1", "https://example.com/sale?x=1", true},
		{"HTTPS://EXAMPLE.COM/", "HTTPS://EXAMPLE.COM/", true},
		{" /trimmed ", "/trimmed", true},

		{"javascript:alert(1)", "", false},
		{"JavaScript:alert(1)", "", false},
		{"java\tscript:alert(1)", "", false},
		{"data:text/html,<script>alert(1)</script>", "", false},
		{"vbscript:msgbox", "", false},
		{"//evil.example", "", false},
		{"//evil.example/products", "", false},
		{"/\\evil.example", "", false},
		{"\\\\evil.example", "", false},
		{"https:evil.example", "", false},
		{"https://", "", false},
		{"http:///path", "", false},
		{"https://user:pass@example.com", "", false},
		{"ftp://example.com", "", false},
		{"mailto:a@example.com", "", false},
		{"products", "", false},
		{"example.com", "", false},
		{"/a b", "", false},
		{"/a\nb", "", false},
		{"/" + strings.Repeat("a", MaxLinkBytes), "", false},
	}
	for _, tt := range tests {
		got, msg := CheckLink(tt.link)
		if ok := msg == ""; ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("CheckLink(%q) = %q, %q; want %q, ok %v", tt.link, got, msg, tt.want, tt.ok)
		}
	}
}

func TestInWindow(t *testing.T) {
	start, end := now, now.Add(time.Hour)
	tests := []struct {
		name       string
		start, end *time.Time
		at         time.Time
		want       bool
	}{
		{"no window", nil, nil, now, true},
		{"before the start", &start, &end, now.Add(-time.Microsecond), false},
		{"at the start", &start, &end, now, true},
		{"inside", &start, &end, now.Add(30 * time.Minute), true},
		{"just before the end", &start, &end, end.Add(-time.Microsecond), true},
		{"at the end", &start, &end, end, false},
		{"after the end", &start, &end, end.Add(time.Hour), false},
		{"open start", nil, &end, now.Add(-1000 * time.Hour), true},
		{"open start, at the end", nil, &end, end, false},
		{"open end", &start, nil, now.Add(1000 * time.Hour), true},
		{"open end, before the start", &start, nil, now.Add(-time.Second), false},
	}
	for _, tt := range tests {
		if got := InWindow(tt.start, tt.end, tt.at); got != tt.want {
			t.Errorf("%s: got %v", tt.name, got)
		}
	}
}

func TestShownAt(t *testing.T) {
	s, err := NewSettings(Input{Placement: "hero", Title: "T", StartsAt: at(0), EndsAt: at(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	ready := NewBanner("b", s, now)
	ready.Status = Ready
	inactive := ready
	inactive.Active = false
	tests := []struct {
		name string
		b    Banner
		at   time.Time
		want bool
	}{
		{"ready, active, inside", ready, now, true},
		{"ready, active, after", ready, now.Add(time.Hour), false},
		{"inactive", inactive, now, false},
		{"draft", NewBanner("b", s, now), now, false},
	}
	for _, st := range []Status{Pending, Failed, Deleting} {
		b := ready
		b.Status = st
		tests = append(tests, struct {
			name string
			b    Banner
			at   time.Time
			want bool
		}{string(st), b, now, false})
	}
	for _, tt := range tests {
		if got := tt.b.ShownAt(tt.at); got != tt.want {
			t.Errorf("%s: got %v", tt.name, got)
		}
	}
}

func TestBannerLifecycle(t *testing.T) {
	hero, _ := NewSettings(Input{Placement: "hero", Title: "Hero"})
	b := NewBanner("b1", hero, now)
	if b.Status != Draft || !b.Active || b.Version != 1 || b.ImageVersion != 0 || len(b.Keys()) != 0 {
		t.Fatalf("new banner %+v, keys %v", b, b.Keys())
	}
	later := now.Add(time.Minute)

	// An upload: pending at a new image version.
	old, err := b.AcceptImage("b1/originals/u1", later)
	if err != nil || old != "" || b.Status != Pending || b.Version != 2 || b.ImageVersion != 2 || !b.UpdatedAt.Equal(later) {
		t.Fatalf("accepted %+v, %q, %v", b, old, err)
	}
	if !b.Awaits(2) || b.Awaits(1) || b.Awaits(3) {
		t.Fatal("awaits the wrong image")
	}
	sizes := func(v int64) []Image {
		var out []Image
		for _, s := range HeroSizes {
			out = append(out, Image{s.Width, s.Height, s.Key("b1", v)})
		}
		return out
	}
	if _, ok := b.MarkReady(1, sizes(1), later); ok {
		t.Fatal("ready with the sizes of another image")
	}
	replaced, ok := b.MarkReady(2, sizes(2), later)
	if !ok || len(replaced) != 0 || b.Status != Ready || b.Version != 3 || len(b.Images) != 3 {
		t.Fatalf("ready %+v", b)
	}
	if _, ok := b.MarkReady(2, sizes(2), later); ok {
		t.Fatal("ready twice")
	}
	if _, ok := b.MarkFailed(2, "x", later); ok {
		t.Fatal("a ready banner failed")
	}
	if b.Images[0].URL() != "/banners/b1/v2/1920x600.jpg" {
		t.Fatalf("url %q", b.Images[0].URL())
	}

	// Another upload replaces the first; the sizes stay until the new ones
	// are ready.
	old, _ = b.AcceptImage("b1/originals/u2", later)
	if old != "b1/originals/u1" || b.Status != Pending || b.ImageVersion != 4 || len(b.Images) != 3 {
		t.Fatalf("replaced %+v, %q", b, old)
	}
	wantKeys := []string{"b1/originals/u2", "b1/v2/1920x600.jpg", "b1/v2/1280x400.jpg", "b1/v2/768x240.jpg",
		"b1/v4/1920x600.jpg", "b1/v4/1280x400.jpg", "b1/v4/768x240.jpg"}
	if got := b.Keys(); !slices.Equal(got, wantKeys) {
		t.Fatalf("keys %v", got)
	}
	// It fails: the earlier sizes go.
	replaced, ok = b.MarkFailed(4, strings.Repeat("e", 300), later)
	if !ok || len(replaced) != 3 || b.Status != Failed || len(b.Error) != MaxErrorBytes || len(b.Images) != 0 {
		t.Fatalf("failed %+v", b)
	}

	// A new placement makes the sizes again from the same upload.
	slider, _ := NewSettings(Input{Placement: "slider", Title: "Slide"})
	off := false
	reprocess, err := b.Edit(slider, &off, later)
	if err != nil || !reprocess || b.Status != Pending || b.ImageVersion != b.Version || b.Active || b.OriginalKey != "b1/originals/u2" || b.Error != "" {
		t.Fatalf("edited %+v, %v", b, err)
	}
	// The same placement does not; nil leaves active alone.
	slider.Title = "Renamed"
	if reprocess, _ := b.Edit(slider, nil, later); reprocess || b.Active || b.Title != "Renamed" {
		t.Fatalf("edited again %+v", b)
	}
	// A draft changes placement freely.
	d := NewBanner("b2", hero, now)
	if reprocess, _ := d.Edit(slider, nil, later); reprocess || d.Status != Draft {
		t.Fatalf("draft %+v", d)
	}

	// Deletion is final.
	if !b.MarkDeleting(later) || b.MarkDeleting(later) || b.Status != Deleting {
		t.Fatalf("deleting %+v", b)
	}
	v := b.Version
	if _, err := b.Edit(slider, nil, later); !errors.Is(err, ErrBeingDeleted) {
		t.Fatalf("edit while deleting: %v", err)
	}
	if _, err := b.AcceptImage("k", later); !errors.Is(err, ErrBeingDeleted) {
		t.Fatalf("upload while deleting: %v", err)
	}
	if _, ok := b.MarkReady(b.ImageVersion, nil, later); ok || b.Version != v || b.Status != Deleting {
		t.Fatalf("ready while deleting %+v", b)
	}
}

func TestOrder(t *testing.T) {
	a, b, c := &Banner{ID: "a"}, &Banner{ID: "b"}, &Banner{ID: "c"}
	all := []*Banner{a, b, c}
	got, err := Order(all, []string{"c", "a", "b"})
	if err != nil || !slices.Equal(got, []*Banner{c, a, b}) {
		t.Fatalf("%v, %v", got, err)
	}
	if got, err := Order(nil, nil); err != nil || len(got) != 0 {
		t.Fatalf("empty: %v, %v", got, err)
	}
	// One being deleted may be named or not, and is left out.
	d := &Banner{ID: "d", Status: Deleting}
	for _, ids := range [][]string{{"c", "d", "a", "b"}, {"c", "a", "b"}} {
		got, err := Order([]*Banner{a, b, c, d}, ids)
		if err != nil || !slices.Equal(got, []*Banner{c, a, b}) {
			t.Fatalf("%v: %v, %v", ids, got, err)
		}
	}
	for _, ids := range [][]string{{"a", "b"}, {"a", "b", "c", "d"}, {"a", "b", "b"}, {"a", "b", "c", "c"}, {}, {"x", "y", "z"}} {
		_, err := Order(all, ids)
		if fe, ok := fault.As(err); !ok || fe.Fields["ids"] == "" {
			t.Errorf("%v: err = %v", ids, err)
		}
	}
	if !a.Reposition(2, now) || a.Position != 2 || a.Version != 1 || a.Reposition(2, now) {
		t.Fatalf("reposition %+v", a)
	}
}

func TestFiles(t *testing.T) {
	id := "0190a0b1-7c1d-7e2f-8a3b-4c5d6e7f8091"
	tests := []struct {
		banner, version, name string
		ok                    bool
	}{
		{id, "v2", "1920x600.jpg", true},
		{id, "v123", "480x160.jpg", true},
		{id, "v0", "1920x600.jpg", false},
		{id, "2", "1920x600.jpg", false},
		{id, "v02", "1920x600.jpg", false},
		{id, "v2", "original", false},
		{id, "originals", "0190a0b1-7c1d-7e2f-8a3b-4c5d6e7f8091", false},
		{id, "v2", "1920x600.png", false},
		{id, "v2", "../1920x600.jpg", false},
		{"..", "v2", "1920x600.jpg", false},
		{strings.ToUpper(id), "v2", "1920x600.jpg", false},
		{id[:35], "v2", "1920x600.jpg", false},
		{id, "v99999999999999999999", "1920x600.jpg", false},
	}
	for _, tt := range tests {
		key, ok := ParseFile(tt.banner, tt.version, tt.name)
		if ok != tt.ok || ok && key != tt.banner+"/"+tt.version+"/"+tt.name {
			t.Errorf("ParseFile(%q, %q, %q) = %q, %v", tt.banner, tt.version, tt.name, key, ok)
		}
	}
	if k := SliderSizes[1].Key(id, 7); k != id+"/v7/800x267.jpg" {
		t.Fatalf("key %q", k)
	}
	if _, ok := ParseFile(id, "v7", "800x267.jpg"); !ok {
		t.Fatal("a key does not parse")
	}
	if k := OriginalKey(id, "u"); k != id+"/originals/u" {
		t.Fatalf("original key %q", k)
	}
	for _, p := range Placements {
		sizes := SizesOf(p)
		for i, s := range sizes {
			if i > 0 && s.Width >= sizes[i-1].Width {
				t.Fatalf("%s sizes not widest first: %v", p, sizes)
			}
			// every size has the placement's proportions, to a pixel
			if r := float64(s.Width) * float64(sizes[0].Height) / float64(sizes[0].Width); r-float64(s.Height) > 0.5 || float64(s.Height)-r > 0.5 {
				t.Fatalf("%s size %v is out of proportion", p, s)
			}
		}
	}
}

func TestCanManage(t *testing.T) {
	tests := []struct {
		a    actor.Actor
		want *fault.Error
	}{
		{actor.Actor{UserID: "u", Role: actor.Admin}, nil},
		{actor.Actor{UserID: "u", Role: actor.Seller}, fault.Forbidden},
		{actor.Actor{UserID: "u", Role: actor.Shopper}, fault.Forbidden},
		{actor.Actor{}, fault.Unauthenticated},
		{actor.Actor{Role: actor.Admin}, fault.Unauthenticated}, // a role without a user is nobody
	}
	for _, tt := range tests {
		err := CanManage(tt.a)
		if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("%+v: %v", tt.a, err)
		}
	}
}
