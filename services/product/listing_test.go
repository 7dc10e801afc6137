package product_test

import (
	"context"
	"slices"
	"testing"

	"github.com/marketplace/marketplace/services/comment/commentevents"
	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/product/productclient"
)

func (h *harness) list(ctx context.Context, q productclient.ListQuery) productclient.Page {
	h.t.Helper()
	p, err := h.c.List(ctx, q)
	if err != nil {
		h.t.Fatalf("list %+v: %v", q, err)
	}
	return p
}

func names(items []productclient.Summary) []string {
	var out []string
	for _, s := range items {
		out = append(out, s.Name)
	}
	slices.Sort(out)
	return out
}

func TestListingSearch(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		ctx := context.Background()
		// The same answers on both databases: PostgreSQL matches each word
		// as the start of a word (full-text index), SQLite anywhere (LIKE);
		// these searches do not tell the two apart.
		for _, tt := range []struct {
			q, category string
			want        []string
		}{
			{"mug", "", []string{"Camping Mug", "Stoneware Coffee Mug"}},
			{"MUG stoneware", "", []string{"Stoneware Coffee Mug"}},
			{"  stoneware,  MUG! ", "", []string{"Stoneware Coffee Mug"}},
			{"stone", "", []string{"Linen Cushion Cover", "Stoneware Coffee Mug"}}, // stonewashed, stoneware
			{"merino", "", []string{"Merino Crew Sweater", "Trail Running Socks"}}, // name, description
			{"speaker", "", []string{"Bookshelf Speakers", "Portable Speaker"}},    // a word's start
			{"clay", "", nil}, // 6: the shop's name, below
			{"100%", "", []string{"Dot Grid Notebook A5"}},     // "100 g paper"
			{"mug", "outdoors", []string{"Camping Mug"}},       // with a category
			{"linen", "home", []string{"Linen Cushion Cover"}}, // and its subcategories
			{"%_%", "", []string{}},                            // no word: nothing
			{"mug nothingmatchesthis", "", []string{}},         // every word must match
			{"zz' OR 'zz'='zz", "", []string{}},                // just the words "zz" and "or"
			{"zzq:* | !yyx", "", []string{}},                   // no query syntax gets through
			{"drop table products", "", []string{}},
		} {
			res := h.list(ctx, productclient.ListQuery{Q: tt.q, Category: tt.category})
			if tt.want == nil {
				continue
			}
			if got := names(res.Items); res.Total != int64(len(tt.want)) || !slices.Equal(got, tt.want) && len(tt.want) > 0 {
				t.Errorf("search %q in %q: %d %v, want %v", tt.q, tt.category, res.Total, got, tt.want)
			}
		}
		for q, want := range map[string]int64{"clay": 6, "wire": 7, "nordic clay studio": 6, "": 40, "   ": 40} {
			if res := h.list(ctx, productclient.ListQuery{Q: q}); res.Total != want || len(res.Items) != int(min(want, 24)) {
				t.Errorf("search %q: %d results, want %d", q, res.Total, want)
			}
		}
	})
}

func TestListingFilterSortPage(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		ctx := context.Background()
		all := int64(len(demo.Products))

		// Categories include their subcategories.
		fashion := h.list(ctx, productclient.ListQuery{Category: "fashion"})
		clothing := h.list(ctx, productclient.ListQuery{Category: "clothing"})
		accessories := h.list(ctx, productclient.ListQuery{Category: "accessories"})
		if fashion.Total != 7 || fashion.Total != clothing.Total+accessories.Total {
			t.Fatalf("fashion %d, clothing %d, accessories %d", fashion.Total, clothing.Total, accessories.Total)
		}
		for slug, want := range map[string]int64{"home": 13, "outdoors": 7, "plants": 5, "electronics": 7} {
			if res := h.list(ctx, productclient.ListQuery{Category: slug}); res.Total != want {
				t.Errorf("category %s: %d, want %d", slug, res.Total, want)
			}
		}
		// A shop, and a shop within a category.
		shop := demo.Shops[0].ID
		if res := h.list(ctx, productclient.ListQuery{ShopID: shop}); res.Total != 6 {
			t.Fatalf("shop: %d", res.Total)
		}
		res := h.list(ctx, productclient.ListQuery{ShopID: shop, Category: "kitchen", Sort: productclient.SortPriceUp})
		if got := names(res.Items); !slices.Equal(got, []string{"Dinner Plate Set", "Espresso Cups, Pair", "Serving Bowl", "Stoneware Coffee Mug"}) {
			t.Fatalf("shop kitchen: %v", got)
		}
		if res := h.list(ctx, productclient.ListQuery{ShopID: "no-such-shop"}); res.Total != 0 || len(res.Items) != 0 {
			t.Fatalf("unknown shop: %d", res.Total)
		}

		// Ratings for the rating order: 5 (1 review), then 4.5 with more
		// reviews before 4.5 with fewer, then the rest.
		p := demo.Products
		h.deliver(
			commentevents.CommentCreated{Review: review(p[1].ID, 4.5, 2, 1)},
			commentevents.CommentCreated{Review: review(p[2].ID, 4.5, 10, 1)},
			commentevents.CommentCreated{Review: review(p[3].ID, 5, 1, 1)},
		)
		rated := h.list(ctx, productclient.ListQuery{Sort: productclient.SortRating, PerPage: 4})
		if ids := []string{rated.Items[0].ID, rated.Items[1].ID, rated.Items[2].ID}; !slices.Equal(ids, []string{p[3].ID, p[2].ID, p[1].ID}) ||
			rated.Items[0].Rating != (productclient.Rating{Average: 5, Count: 1}) || rated.Items[3].Rating.Count != 0 {
			t.Fatalf("by rating: %+v", rated.Items)
		}

		// Every order pages through everything exactly once, in order.
		for _, sort := range []string{"", productclient.SortNewest, productclient.SortPriceUp, productclient.SortPriceDown, productclient.SortRating} {
			var seen []productclient.Summary
			for page := 1; page <= 5; page++ {
				res := h.list(ctx, productclient.ListQuery{Sort: sort, Page: page, PerPage: 12})
				if res.Total != all || res.Page != page || res.PerPage != 12 {
					t.Fatalf("sort %q page %d: %+v", sort, page, res)
				}
				if want := min(12, max(0, int(all)-(page-1)*12)); len(res.Items) != want {
					t.Fatalf("sort %q page %d: %d items, want %d", sort, page, len(res.Items), want)
				}
				seen = append(seen, res.Items...)
			}
			ids := map[string]bool{}
			for i, s := range seen {
				ids[s.ID] = true
				if i == 0 {
					continue
				}
				prev := seen[i-1]
				ok := true
				switch sort {
				case "", productclient.SortNewest:
					ok = !s.CreatedAt.After(prev.CreatedAt)
				case productclient.SortPriceUp:
					ok = s.PriceFrom.Amount >= prev.PriceFrom.Amount
				case productclient.SortPriceDown:
					ok = s.PriceFrom.Amount <= prev.PriceFrom.Amount
				case productclient.SortRating:
					ok = s.Rating.Average < prev.Rating.Average ||
						s.Rating.Average == prev.Rating.Average && s.Rating.Count <= prev.Rating.Count
				}
				if !ok {
					t.Fatalf("sort %q: %+v after %+v", sort, s, prev)
				}
			}
			if len(ids) != int(all) {
				t.Fatalf("sort %q: %d distinct products over all pages, want %d", sort, len(ids), all)
			}
		}
		low, high := int64(1<<62), int64(0)
		for _, d := range demo.Products {
			from := d.Variations[0].Price
			for _, v := range d.Variations {
				from = min(from, v.Price)
			}
			low, high = min(low, from), max(high, from)
		}
		cheapest := h.list(ctx, productclient.ListQuery{Sort: productclient.SortPriceUp, PerPage: 1}).Items[0]
		dearest := h.list(ctx, productclient.ListQuery{Sort: productclient.SortPriceDown, PerPage: 1}).Items[0]
		if cheapest.PriceFrom.Amount != low || dearest.PriceFrom.Amount != high {
			t.Fatalf("cheapest %s (%d), dearest %s (%d), want %d and %d", cheapest.Name, cheapest.PriceFrom.Amount, dearest.Name, dearest.PriceFrom.Amount, low, high)
		}
		for _, s := range h.list(ctx, productclient.ListQuery{PerPage: 100}).Items {
			var dp demo.Product
			for _, d := range demo.Products {
				if d.ID == s.ID {
					dp = d
				}
			}
			if s.Variations != len(dp.Variations) || s.ShopSlug == "" || s.CategoryName == "" {
				t.Fatalf("summary %+v", s)
			}
		}
	})
}

func TestListingOwnerSeesUnlisted(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := serve(t, url)
		a, b := h.seller("Thing Shop"), h.seller("Other Shop")
		draft := h.create(a, "Draft Thing")
		ready := h.create(a, "Ready Thing")
		h.addVariation(a, ready.ID, "READY-1", 990)
		h.addVariation(a, ready.ID, "READY-2", 1290)

		public := func(ctx context.Context, q productclient.ListQuery) {
			t.Helper()
			res := h.list(ctx, q)
			if res.Total != 1 || res.Items[0].ID != ready.ID {
				t.Fatalf("%+v sees %d: %v", q, res.Total, names(res.Items))
			}
		}
		anonymous := context.Background()
		public(anonymous, productclient.ListQuery{ShopID: a.shop.ShopID})
		public(anonymous, productclient.ListQuery{Q: "thing"})
		public(b.ctx, productclient.ListQuery{ShopID: a.shop.ShopID})
		public(as(actor.Admin), productclient.ListQuery{ShopID: a.shop.ShopID})
		public(a.ctx, productclient.ListQuery{Q: "thing"}) // the owner's view is per shop
		if res := h.list(anonymous, productclient.ListQuery{}); res.Total != int64(len(demo.Products))+1 {
			t.Fatalf("public listing: %d", res.Total)
		}

		own := h.list(a.ctx, productclient.ListQuery{ShopID: a.shop.ShopID})
		if own.Total != 2 || own.Items[0].ID != ready.ID || own.Items[1].ID != draft.ID ||
			own.Items[0].Variations != 2 || own.Items[0].PriceFrom.Amount != 990 || own.Items[1].Variations != 0 {
			t.Fatalf("own listing: %+v", own.Items)
		}
		if res := h.list(a.ctx, productclient.ListQuery{ShopID: a.shop.ShopID, Q: "draft"}); res.Total != 1 || res.Items[0].ID != draft.ID {
			t.Fatalf("own search: %v", names(res.Items))
		}
		// Once it has a variation, everybody sees it.
		h.addVariation(a, draft.ID, "DRAFT-1", 500)
		if res := h.list(anonymous, productclient.ListQuery{ShopID: a.shop.ShopID}); res.Total != 2 {
			t.Fatalf("after adding a variation: %d", res.Total)
		}
	})
}
