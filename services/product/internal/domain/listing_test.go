package domain

import (
	"slices"
	"strings"
	"testing"
)

func TestListQueryNormalize(t *testing.T) {
	tests := []struct {
		q      ListQuery
		fields []string // none: valid
	}{
		{ListQuery{}, nil},
		{ListQuery{Page: 3, PerPage: 100, Sort: SortRating}, nil},
		{ListQuery{Sort: SortPriceAsc}, nil},
		{ListQuery{Sort: SortPriceDesc}, nil},
		{ListQuery{Page: -1}, []string{"page"}},
		{ListQuery{PerPage: 101}, []string{"per_page"}},
		{ListQuery{Page: MaxPage + 1}, []string{"page"}},
		{ListQuery{Sort: "cheapest"}, []string{"sort"}},
		{ListQuery{Text: strings.Repeat("x", MaxQueryRunes+1)}, []string{"q"}},
		{ListQuery{Page: -1, Sort: "x", Text: strings.Repeat("x", MaxQueryRunes+1)}, []string{"page", "q", "sort"}},
	}
	for _, tt := range tests {
		q := tt.q
		err := q.Normalize()
		if tt.fields != nil {
			wantFields(t, err, tt.fields...)
			continue
		}
		if err != nil {
			t.Errorf("%+v: %v", tt.q, err)
		}
		if q.Page < 1 || q.PerPage < 1 || !q.Sort.Valid() {
			t.Errorf("%+v normalized to %+v", tt.q, q)
		}
	}
}

func TestListQueryWords(t *testing.T) {
	tests := []struct {
		text    string
		words   []string
		nothing bool
	}{
		{"", nil, false},
		{"   ", nil, false},
		{"Mug", []string{"mug"}, false},
		{"  MUG   stoneware ", []string{"mug", "stoneware"}, false},
		{"T-Shirt", []string{"t", "shirt"}, false},
		{"100%", []string{"100"}, false},
		{"%_%", nil, true},
		{"a:* | !b & (c) 'd' \\e <-> f", []string{"a", "b", "c", "d", "e", "f"}, false},
		{"mug mug MUG", []string{"mug"}, false},
		{"Crème brûlée", []string{"crème", "brûlée"}, false},
		{"1 2 3 4 5 6 7 8 9 10", []string{"1", "2", "3", "4", "5", "6", "7", "8"}, false},
	}
	for _, tt := range tests {
		q := ListQuery{Text: tt.text}
		if got := q.Words(); !slices.Equal(got, tt.words) {
			t.Errorf("Words(%q) = %q, want %q", tt.text, got, tt.words)
		}
		if got := q.MatchesNothing(); got != tt.nothing {
			t.Errorf("MatchesNothing(%q) = %v", tt.text, got)
		}
	}
}

func TestSubtree(t *testing.T) {
	cats := []Category{
		{ID: "1", Slug: "home"}, {ID: "2", Slug: "kitchen", ParentID: "1"}, {ID: "3", Slug: "pans", ParentID: "2"},
		{ID: "4", Slug: "fashion"},
	}
	tests := []struct {
		slug string
		want []string
	}{
		{"home", []string{"1", "2", "3"}},
		{"kitchen", []string{"2", "3"}},
		{"pans", []string{"3"}},
		{"fashion", []string{"4"}},
		{"nope", nil},
	}
	for _, tt := range tests {
		if got := Subtree(cats, tt.slug); !slices.Equal(got, tt.want) {
			t.Errorf("Subtree(%s) = %v, want %v", tt.slug, got, tt.want)
		}
	}
}
