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

// wantFields fails unless err is invalid input naming exactly fields.
func wantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	fe, ok := fault.As(err)
	if !ok || !errors.Is(err, fault.Invalid) {
		t.Fatalf("err = %v, want invalid input", err)
	}
	slices.Sort(fields)
	if got := slices.Sorted(maps.Keys(fe.Fields)); !slices.Equal(got, fields) {
		t.Fatalf("fields %v, want %v", fe.Fields, fields)
	}
}

func TestProductInputCheck(t *testing.T) {
	tests := []struct {
		name   string
		in     ProductInput
		fields []string // none: valid
	}{
		{"valid", ProductInput{CategoryID: " c ", Name: " Mug ", Description: " Nice.\nReally. "}, nil},
		{"longest name", ProductInput{CategoryID: "c", Name: strings.Repeat("é", MaxNameRunes)}, nil},
		{"empty name", ProductInput{CategoryID: "c", Name: "  "}, []string{"name"}},
		{"long name", ProductInput{CategoryID: "c", Name: strings.Repeat("é", MaxNameRunes+1)}, []string{"name"}},
		{"name with a newline", ProductInput{CategoryID: "c", Name: "a\nb"}, []string{"name"}},
		{"long description", ProductInput{CategoryID: "c", Name: "a", Description: strings.Repeat("x", MaxDescriptionRunes+1)}, []string{"description"}},
		{"no category", ProductInput{Name: "a"}, []string{"category_id"}},
		{"everything wrong", ProductInput{Description: strings.Repeat("x", MaxDescriptionRunes+1)}, []string{"category_id", "description", "name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Check()
			if tt.fields != nil {
				wantFields(t, err, tt.fields...)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != strings.TrimSpace(tt.in.Name) || got.CategoryID != strings.TrimSpace(tt.in.CategoryID) ||
				got.Description != strings.TrimSpace(tt.in.Description) {
				t.Fatalf("not trimmed: %+v", got)
			}
		})
	}
}

func TestVariationInputCheck(t *testing.T) {
	tests := []struct {
		name   string
		in     VariationInput
		fields []string
	}{
		{"valid", VariationInput{SKU: " MUG-1 ", Name: " Sand ", Price: 1}, nil},
		{"highest price", VariationInput{SKU: "A", Name: "A", Price: MaxPrice}, nil},
		{"longest name", VariationInput{SKU: "A", Name: strings.Repeat("n", MaxVariationNameRunes), Price: 1}, nil},
		{"no sku", VariationInput{Name: "A", Price: 1}, []string{"sku"}},
		{"sku with a space", VariationInput{SKU: "A B", Name: "A", Price: 1}, []string{"sku"}},
		{"long sku", VariationInput{SKU: strings.Repeat("S", MaxSKURunes+1), Name: "A", Price: 1}, []string{"sku"}},
		{"no name", VariationInput{SKU: "A", Name: " ", Price: 1}, []string{"name"}},
		{"long name", VariationInput{SKU: "A", Name: strings.Repeat("n", MaxVariationNameRunes+1), Price: 1}, []string{"name"}},
		{"zero price", VariationInput{SKU: "A", Name: "A"}, []string{"price"}},
		{"negative price", VariationInput{SKU: "A", Name: "A", Price: -5}, []string{"price"}},
		{"price too high", VariationInput{SKU: "A", Name: "A", Price: MaxPrice + 1}, []string{"price"}},
		{"everything wrong", VariationInput{}, []string{"name", "price", "sku"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := NewVariation("v1", tt.in)
			if tt.fields != nil {
				wantFields(t, err, tt.fields...)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if v.ID != "v1" || v.SKU != strings.TrimSpace(tt.in.SKU) || v.Name != strings.TrimSpace(tt.in.Name) || v.Price != tt.in.Price {
				t.Fatalf("variation %+v", v)
			}
		})
	}
}

func newTestProduct(t *testing.T) *Product {
	t.Helper()
	shop := Shop{ID: "s1", OwnerID: "u1", Name: "Clay", Slug: "clay"}
	cat := Category{ID: "c1", Slug: "kitchen", Name: "Kitchen"}
	p, err := NewProduct("p1", shop, cat, ProductInput{CategoryID: "c1", Name: "Mug"}, "EUR", now)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestNewProduct(t *testing.T) {
	p := newTestProduct(t)
	if p.Version != 1 || p.OwnerID != "u1" || p.ShopName != "Clay" || p.ShopSlug != "clay" || p.CategorySlug != "kitchen" ||
		!p.CreatedAt.Equal(now) || p.PriceFrom() != 0 {
		t.Fatalf("product %+v", p)
	}
	cat := Category{ID: "c1"}
	in := ProductInput{CategoryID: "c1", Name: "Mug"}
	if _, err := NewProduct("p", Shop{ID: "s", OwnerID: "u", Closed: true}, cat, in, "EUR", now); !errors.Is(err, fault.Forbidden) {
		t.Fatalf("closed shop: %v", err)
	}
	if _, err := NewProduct("p", Shop{}, cat, in, "EUR", now); !errors.Is(err, fault.Forbidden) {
		t.Fatalf("no shop: %v", err)
	}
	_, err := NewProduct("p", Shop{ID: "s"}, Category{ID: "other"}, in, "EUR", now)
	wantFields(t, err, "category_id")
}

func TestProductChanges(t *testing.T) {
	p := newTestProduct(t)
	later := now.Add(time.Hour)
	a, _ := NewVariation("va", VariationInput{SKU: "A", Name: "Sand", Price: 300})
	b, _ := NewVariation("vb", VariationInput{SKU: "B", Name: "Slate", Price: 200})
	for _, v := range []Variation{a, b} {
		if err := p.AddVariation(v, later); err != nil {
			t.Fatal(err)
		}
	}
	if p.Version != 3 || !p.UpdatedAt.Equal(later) || p.PriceFrom() != 200 || !slices.Equal(p.VariationIDs(), []string{"va", "vb"}) {
		t.Fatalf("after adding: %+v", p)
	}
	dup, _ := NewVariation("vc", VariationInput{SKU: "A", Name: "Again", Price: 1})
	wantFields(t, p.AddVariation(dup, later), "sku")
	if _, err := p.UpdateVariation("vb", VariationInput{SKU: "A", Name: "x", Price: 1}, later); err == nil {
		t.Fatal("SKU of another variation accepted")
	}
	v, err := p.UpdateVariation("vb", VariationInput{SKU: "B", Name: "Slate", Price: 150}, later)
	if err != nil || v.Price != 150 || p.PriceFrom() != 150 || p.Version != 4 {
		t.Fatalf("update: %+v %v (version %d)", v, err, p.Version)
	}
	if _, err := p.UpdateVariation("nope", VariationInput{SKU: "Z", Name: "z", Price: 1}, later); !errors.Is(err, fault.NotFound) {
		t.Fatalf("unknown variation: %v", err)
	}
	if err := p.RemoveVariation("va", later); err != nil || len(p.Variations) != 1 || p.Version != 5 {
		t.Fatalf("remove: %v, %+v", err, p.Variations)
	}
	if err := p.RemoveVariation("va", later); !errors.Is(err, fault.NotFound) {
		t.Fatalf("remove twice: %v", err)
	}
	err = p.Edit(Category{ID: "c2", Slug: "decor", Name: "Decor"}, ProductInput{CategoryID: "c2", Name: " Big mug ", Description: "d"}, later)
	if err != nil || p.Name != "Big mug" || p.CategorySlug != "decor" || p.Version != 6 {
		t.Fatalf("edit: %v %+v", err, p)
	}
	before := *p
	wantFields(t, p.Edit(Category{ID: "c2"}, ProductInput{CategoryID: "c2"}, later), "name")
	if p.Version != before.Version || p.Name != before.Name {
		t.Fatal("a refused edit changed the product")
	}
}

func TestVariationLimit(t *testing.T) {
	p := newTestProduct(t)
	for i := range MaxVariations {
		v, _ := NewVariation(string(rune('a'+i%26))+strings.Repeat("x", i/26), VariationInput{SKU: "S" + strings.Repeat("1", i+1), Name: "n", Price: 1})
		if err := p.AddVariation(v, now); err != nil {
			t.Fatalf("variation %d: %v", i, err)
		}
	}
	v, _ := NewVariation("last", VariationInput{SKU: "LAST", Name: "n", Price: 1})
	if err := p.AddVariation(v, now); !errors.Is(err, fault.Conflict) {
		t.Fatalf("variation %d: %v", MaxVariations+1, err)
	}
}

func TestProductPermissions(t *testing.T) {
	p := newTestProduct(t)
	tests := []struct {
		who          actor.Actor
		edit, delete *fault.Error // nil: allowed
	}{
		{actor.Actor{}, fault.Unauthenticated, fault.Unauthenticated},
		{actor.Actor{UserID: "u1", Role: actor.Seller}, nil, nil},
		{actor.Actor{UserID: "u1", Role: actor.Shopper}, nil, nil}, // ownership decides, not a stale role
		{actor.Actor{UserID: "u2", Role: actor.Seller}, fault.Forbidden, fault.Forbidden},
		{actor.Actor{UserID: "u3", Role: actor.Shopper}, fault.Forbidden, fault.Forbidden},
		{actor.Actor{UserID: "u4", Role: actor.Admin}, fault.Forbidden, nil},
	}
	for _, tt := range tests {
		check := func(what string, err error, want *fault.Error) {
			if (want == nil) != (err == nil) || (want != nil && !errors.Is(err, want)) {
				t.Errorf("%+v %s: err = %v, want %v", tt.who, what, err, want)
			}
		}
		check("edit", p.MayEdit(tt.who), tt.edit)
		check("delete", p.MayDelete(tt.who), tt.delete)
	}
}
