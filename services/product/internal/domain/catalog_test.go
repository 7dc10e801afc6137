package domain

import (
	"errors"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/platform/fault"
)

func TestProductValidate(t *testing.T) {
	ok := func() Product {
		return Product{Name: " Mug ", ShopID: "s", CategoryID: "c", Currency: "EUR",
			Variations: []Variation{{SKU: "A", Price: 100}, {SKU: "B", Price: 90}}}
	}
	tests := []struct {
		name  string
		edit  func(*Product)
		field string // "" = valid
	}{
		{"valid", func(*Product) {}, ""},
		{"empty name", func(p *Product) { p.Name = "  " }, "name"},
		{"long name", func(p *Product) { p.Name = strings.Repeat("é", MaxNameRunes+1) }, "name"},
		{"no category", func(p *Product) { p.CategoryID = "" }, "category_id"},
		{"bad currency", func(p *Product) { p.Currency = "EURO" }, "currency"},
		{"zero price", func(p *Product) { p.Variations[0].Price = 0 }, "price"},
		{"duplicate sku", func(p *Product) { p.Variations[1].SKU = "A" }, "sku"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok()
			tt.edit(&p)
			err := p.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				if p.Name != "Mug" || p.PriceFrom() != 90 {
					t.Fatalf("name %q price from %d", p.Name, p.PriceFrom())
				}
				return
			}
			fe, isFault := fault.As(err)
			if !isFault || !errors.Is(err, fault.Invalid) || fe.Fields[tt.field] == "" {
				t.Fatalf("err = %v, want invalid %s", err, tt.field)
			}
		})
	}
}

func TestListQueryNormalize(t *testing.T) {
	tests := []struct {
		q     ListQuery
		valid bool
	}{
		{ListQuery{}, true},
		{ListQuery{Page: 3, PerPage: 100}, true},
		{ListQuery{Page: -1}, false},
		{ListQuery{PerPage: 101}, false},
		{ListQuery{Page: MaxPage + 1}, false},
	}
	for _, tt := range tests {
		q := tt.q
		err := q.Normalize()
		if (err == nil) != tt.valid {
			t.Errorf("%+v: err = %v", tt.q, err)
		}
		if err == nil && (q.Page < 1 || q.PerPage < 1) {
			t.Errorf("%+v normalized to %+v", tt.q, q)
		}
	}
}
