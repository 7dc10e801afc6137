package product_test

import (
	"context"
	"testing"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

// Carts and orders look variations up by id, many at once, anonymously.
func TestVariationLookup(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		ctx := context.Background()
		p := demo.Products[0]
		ids := []string{p.Variations[0].ID, p.Variations[1].ID, demo.Products[5].Variations[0].ID, "no-such-variation"}
		got, err := h.c.Variations(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Fatalf("%d variations found, want the 3 known ones", len(got))
		}
		v := got[p.Variations[1].ID]
		if v.ProductID != p.ID || v.ShopID != p.ShopID || v.Price.Amount != p.Variations[1].Price ||
			v.Price.Currency != demo.Currency || v.SKU != p.Variations[1].SKU || v.ProductName != p.Name ||
			v.OwnerID != demo.Shops[0].OwnerID || v.ShopName != demo.Shops[0].Name || v.ProductVersion < 1 {
			t.Fatalf("variation %+v does not describe %s", v, p.Variations[1].SKU)
		}
		many := make([]string, 201)
		for i := range many {
			many[i] = p.Variations[0].ID
		}
		if _, err := h.c.Variations(ctx, many); err == nil {
			t.Fatal("201 ids were accepted")
		} else {
			testkit.WantFault(t, err, fault.Invalid, "id")
		}
	})
}

// The category tree exists without demo data, with the ids the demo data
// uses.
func TestCategoryTreeWithoutDemo(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	cats, err := h.c.Categories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(cats) != len(demo.Categories) {
		t.Fatalf("%d categories, want %d", len(cats), len(demo.Categories))
	}
	want := map[string]string{}
	for _, c := range demo.Categories {
		want[c.Slug] = c.ID
	}
	for _, c := range cats {
		if want[c.Slug] != c.ID {
			t.Errorf("category %s has id %s, want the demo's %s", c.Slug, c.ID, want[c.Slug])
		}
	}
}
