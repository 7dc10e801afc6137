package product_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/product"
	"github.com/marketplace/marketplace/services/product/productclient"
)

func serve(t *testing.T, dbURL string) (*productclient.Client, *product.Service) {
	t.Helper()
	s := testkit.ServeService(t, "product", dbURL, nil, func(d host.Deps) (host.Service, error) { return product.New(d) })
	svc := s.Service.(*product.Service)
	// Seeding twice must not duplicate anything.
	for range 2 {
		if err := svc.Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	return productclient.New(s.URL, httpclient.Options{Token: testkit.Token}), svc
}

func TestCatalogAPI(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		c, _ := serve(t, url)
		ctx := context.Background()

		page, err := c.List(ctx, productclient.ListQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 24 || len(page.Items) != 24 || page.Page != 1 || page.PerPage != 24 {
			t.Fatalf("first page: total %d, %d items, page %d/%d", page.Total, len(page.Items), page.Page, page.PerPage)
		}
		for i := 1; i < len(page.Items); i++ {
			if page.Items[i].CreatedAt.After(page.Items[i-1].CreatedAt) {
				t.Fatal("products are not newest first")
			}
		}
		first := page.Items[0]
		if first.ShopName == "" || first.CategoryName == "" || first.PriceFrom.Amount <= 0 || first.PriceFrom.Currency != "EUR" {
			t.Fatalf("summary lacks display data: %+v", first)
		}

		second, err := c.List(ctx, productclient.ListQuery{Page: 2, PerPage: 10})
		if err != nil || len(second.Items) != 10 || second.Items[0].ID == page.Items[0].ID {
			t.Fatalf("page 2: %d items, err %v", len(second.Items), err)
		}

		// A parent category includes its subcategories.
		fashion, err := c.List(ctx, productclient.ListQuery{Category: "fashion"})
		if err != nil {
			t.Fatal(err)
		}
		clothing, _ := c.List(ctx, productclient.ListQuery{Category: "clothing"})
		accessories, _ := c.List(ctx, productclient.ListQuery{Category: "accessories"})
		if fashion.Total == 0 || fashion.Total != clothing.Total+accessories.Total {
			t.Fatalf("fashion %d != clothing %d + accessories %d", fashion.Total, clothing.Total, accessories.Total)
		}

		for q, want := range map[string]int64{"mug": 2, "MUG stoneware": 1, "clay": 5, "100%": 0, "_": 0, "  ": 24} {
			res, err := c.List(ctx, productclient.ListQuery{Q: q})
			if err != nil || res.Total != want {
				t.Errorf("search %q: %d results (err %v), want %d", q, res.Total, err, want)
			}
		}
		if res, _ := c.List(ctx, productclient.ListQuery{Q: "mug", Category: "outdoors"}); res.Total != 1 {
			t.Errorf("search mug in outdoors: %d, want 1", res.Total)
		}

		p, err := c.Get(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != first.Name || len(p.Variations) == 0 || p.Variations[0].SKU == "" || p.Description == "" {
			t.Fatalf("product: %+v", p)
		}
		cats, err := c.Categories(ctx)
		if err != nil || len(cats) != 12 {
			t.Fatalf("categories: %d, err %v", len(cats), err)
		}
	})
}

func TestCatalogBadInput(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		c, _ := serve(t, url)
		ctx := context.Background()
		if _, err := c.Get(ctx, "0190a000-0000-7000-8000-00000000dead"); !errors.Is(err, fault.NotFound) {
			t.Fatalf("unknown product: %v", err)
		}
		if _, err := c.Get(ctx, "not an id; drop table products"); !errors.Is(err, fault.NotFound) {
			t.Fatalf("garbage id: %v", err)
		}
		for _, q := range []productclient.ListQuery{{Page: -1}, {PerPage: 1000}, {Category: "no-such-category"}, {Q: strings.Repeat("x", 101)}} {
			_, err := c.List(ctx, q)
			fe, ok := fault.As(err)
			if !errors.Is(err, fault.Invalid) || !ok || len(fe.Fields) == 0 {
				t.Fatalf("list %+v: err %v, want invalid input naming the field", q, err)
			}
		}
		// Still all there.
		if page, err := c.List(ctx, productclient.ListQuery{}); err != nil || page.Total != 24 {
			t.Fatalf("catalog changed: %d, %v", page.Total, err)
		}
	})
}
