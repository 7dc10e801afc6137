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

var now = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func TestNewInput(t *testing.T) {
	tests := []struct {
		name             string
		rating           int
		body, authorName string
		wantBody         string
		wantName         string
		fields           []string
	}{
		{name: "lowest", rating: 1, wantBody: ""},
		{name: "highest, trimmed", rating: 5, body: "  Great mug.\n", authorName: " Ann ", wantBody: "Great mug.", wantName: "Ann"},
		{name: "2000 characters after trimming", rating: 3, body: "  " + strings.Repeat("é", 2000) + " ", wantBody: strings.Repeat("é", 2000)},
		{name: "zero", rating: 0, fields: []string{"rating"}},
		{name: "six", rating: 6, fields: []string{"rating"}},
		{name: "negative", rating: -1, fields: []string{"rating"}},
		{name: "2001 characters", rating: 4, body: strings.Repeat("x", 2001), fields: []string{"body"}},
		{name: "invalid UTF-8", rating: 4, body: "bad \xff", fields: []string{"body"}},
		{name: "name too long", rating: 4, authorName: strings.Repeat("n", 101), fields: []string{"author_name"}},
		{name: "name with a line break", rating: 4, authorName: "Ann\nLee", fields: []string{"author_name"}},
		{name: "everything wrong", rating: 9, body: strings.Repeat("x", 2001), authorName: strings.Repeat("n", 101), fields: []string{"rating", "body", "author_name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := NewInput(tt.rating, tt.body, tt.authorName)
			if len(tt.fields) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if in.Rating() != tt.rating || in.Body() != tt.wantBody || in.AuthorName() != tt.wantName {
					t.Fatalf("input %+v", in)
				}
				return
			}
			fe, ok := fault.As(err)
			if !ok || !errors.Is(err, fault.Invalid) {
				t.Fatalf("err = %v, want invalid input", err)
			}
			slices.Sort(tt.fields)
			if got := slices.Sorted(maps.Keys(fe.Fields)); !slices.Equal(got, tt.fields) {
				t.Fatalf("fields %v, want %v", got, tt.fields)
			}
		})
	}
}

func mustInput(t *testing.T, rating int, body, name string) Input {
	t.Helper()
	in, err := NewInput(rating, body, name)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestNewReviewAndEdit(t *testing.T) {
	r, err := NewReview("r1", "p1", "s1", "u1", mustInput(t, 4, "ok", ""), now)
	if err != nil {
		t.Fatal(err)
	}
	if r.AuthorName() != DefaultAuthorName || r.Hidden() || r.Verified() || !r.CreatedAt().Equal(now) {
		t.Fatalf("review %+v", r)
	}
	if _, err := NewReview("r2", "p1", "s1", "u1", Input{}, now); err == nil {
		t.Fatal("an unchecked input was accepted")
	}

	later := now.Add(time.Hour)
	tests := []struct {
		name        string
		in          Input
		changed     bool
		wantRating  int
		wantBody    string
		wantAuthor  string
		wantUpdated time.Time
	}{
		{"same again", mustInput(t, 4, "ok", ""), false, 4, "ok", DefaultAuthorName, now},
		{"empty name keeps the name", mustInput(t, 4, " ok ", " "), false, 4, "ok", DefaultAuthorName, now},
		{"new rating", mustInput(t, 2, "ok", ""), true, 2, "ok", DefaultAuthorName, later},
		{"new name only", mustInput(t, 2, "ok", "Ann"), true, 2, "ok", "Ann", later},
		{"new text", mustInput(t, 2, "meh", ""), true, 2, "meh", "Ann", later},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Edit(tt.in, later); got != tt.changed {
				t.Fatalf("changed = %v", got)
			}
			if r.Rating() != tt.wantRating || r.Body() != tt.wantBody || r.AuthorName() != tt.wantAuthor || !r.UpdatedAt().Equal(tt.wantUpdated) {
				t.Fatalf("after edit: %+v", r)
			}
		})
	}
	if r.SetHidden(false, later) {
		t.Fatal("showing a visible review changed it")
	}
	if !r.SetHidden(true, later) || !r.Hidden() || r.Counted() {
		t.Fatal("hiding did not hide")
	}
}

func TestPermissions(t *testing.T) {
	author := actor.Actor{UserID: "u1", Role: actor.Shopper}
	other := actor.Actor{UserID: "u2", Role: actor.Shopper}
	seller := actor.Actor{UserID: "u3", Role: actor.Seller}
	admin := actor.Actor{UserID: "u9", Role: actor.Admin}
	anon := actor.Actor{}
	r := RebuildReview("r1", "p1", "s1", "u1", "Ann", 4, "", false, false, now, now)

	type check func(actor.Actor) error
	tests := []struct {
		name string
		fn   check
		want map[actor.Actor]*fault.Error // nil: allowed
	}{
		{"write", CanWrite, map[actor.Actor]*fault.Error{author: nil, other: nil, seller: nil, admin: nil, anon: fault.Unauthenticated}},
		{"edit", r.CanEdit, map[actor.Actor]*fault.Error{author: nil, other: fault.Forbidden, seller: fault.Forbidden, admin: fault.Forbidden, anon: fault.Unauthenticated}},
		{"delete", r.CanDelete, map[actor.Actor]*fault.Error{author: nil, other: fault.Forbidden, seller: fault.Forbidden, admin: nil, anon: fault.Unauthenticated}},
		{"moderate", CanModerate, map[actor.Actor]*fault.Error{author: fault.Forbidden, other: fault.Forbidden, seller: fault.Forbidden, admin: nil, anon: fault.Unauthenticated}},
	}
	for _, tt := range tests {
		for who, want := range tt.want {
			err := tt.fn(who)
			if (want == nil) != (err == nil) || (want != nil && !errors.Is(err, want)) {
				t.Errorf("%s as %+v: %v, want %v", tt.name, who, err, want)
			}
		}
	}

	hidden := RebuildReview("r2", "p1", "s1", "u1", "Ann", 4, "", true, false, now, now)
	for who, want := range map[actor.Actor]bool{author: true, other: false, seller: false, admin: true, anon: false} {
		if got := hidden.VisibleTo(who); got != want {
			t.Errorf("hidden review visible to %+v: %v", who, got)
		}
		if !r.VisibleTo(who) {
			t.Errorf("visible review not visible to %+v", who)
		}
	}
	// An anonymous actor must not match a review whose author id is empty.
	if RebuildReview("r3", "p1", "s1", "", "", 4, "", true, false, now, now).VisibleTo(anon) {
		t.Error("anonymous sees a hidden review")
	}
}

func TestRating(t *testing.T) {
	rev := func(rating int, hidden bool) *Review {
		return RebuildReview("r", "p1", "s1", "u1", "Ann", rating, "", hidden, false, now, now)
	}
	steps := []struct {
		name          string
		before, after *Review
		count, sum    int64
		average       float64
	}{
		{"first, 5", nil, rev(5, false), 1, 5, 5},
		{"second, 4", nil, rev(4, false), 2, 9, 4.5},
		{"third, 2", nil, rev(2, false), 3, 11, 3.67},
		{"2 becomes 3", rev(2, false), rev(3, false), 3, 12, 4},
		{"hide the 5", rev(5, false), rev(5, true), 2, 7, 3.5},
		{"edit the hidden one", rev(5, true), rev(1, true), 2, 7, 3.5},
		{"delete the hidden one", rev(1, true), nil, 2, 7, 3.5},
		{"delete the 4", rev(4, false), nil, 1, 3, 3},
		{"a 1 more", nil, rev(1, false), 2, 4, 2},
		{"a 1 more again", nil, rev(1, false), 3, 5, 1.67},
		{"delete the 3", rev(3, false), nil, 2, 2, 1},
		{"delete a 1", rev(1, false), nil, 1, 1, 1},
		{"delete the last", rev(1, false), nil, 0, 0, 0},
	}
	r := RebuildRating("p1", 0, 0, 0)
	for i, s := range steps {
		r.Apply(s.before, s.after)
		if r.Count() != s.count || r.Sum() != s.sum || r.Average() != s.average || r.Version() != int64(i+1) {
			t.Fatalf("after %q: count %d sum %d average %v version %d; want %d %d %v %d",
				s.name, r.Count(), r.Sum(), r.Average(), r.Version(), s.count, s.sum, s.average, i+1)
		}
	}
}

func TestAverageRounding(t *testing.T) {
	tests := []struct {
		count, sum int64
		want       float64
	}{
		{0, 0, 0}, {1, 5, 5}, {3, 10, 3.33}, {3, 11, 3.67}, {6, 29, 4.83}, {8, 37, 4.63}, {7, 7, 1}, {200000, 999999, 5},
	}
	for _, tt := range tests {
		if got := Average(tt.count, tt.sum); got != tt.want {
			t.Errorf("Average(%d, %d) = %v, want %v", tt.count, tt.sum, got, tt.want)
		}
	}
}
