package app

import (
	"context"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/product/internal/domain"
)

// Demo shops. Their ids are fixed so that every service's demo data (shops,
// stock, reviews) agrees on them.
var demoShops = []struct{ ID, Name string }{
	{"0190a000-0000-7000-8000-000000000001", "Nordic Clay Studio"},
	{"0190a000-0000-7000-8000-000000000002", "Threadline Apparel"},
	{"0190a000-0000-7000-8000-000000000003", "Volt & Wire"},
	{"0190a000-0000-7000-8000-000000000004", "Paper Trail Co."},
	{"0190a000-0000-7000-8000-000000000005", "Summit Gear"},
}

var demoCategories = []struct{ Slug, Name, Parent string }{
	{"home", "Home & Kitchen", ""},
	{"kitchen", "Kitchen", "home"},
	{"decor", "Decor", "home"},
	{"fashion", "Fashion", ""},
	{"clothing", "Clothing", "fashion"},
	{"accessories", "Accessories", "fashion"},
	{"electronics", "Electronics", ""},
	{"audio", "Audio", "electronics"},
	{"gadgets", "Gadgets", "electronics"},
	{"books", "Books & Stationery", ""},
	{"notebooks", "Notebooks", "books"},
	{"outdoors", "Sports & Outdoors", ""},
}

type demoVariation struct {
	Name  string
	Price int64
}

var demoProducts = []struct {
	Shop        int
	Category    string
	Name        string
	Description string
	Variations  []demoVariation
}{
	{0, "kitchen", "Stoneware Coffee Mug", "Wheel-thrown stoneware mug, 350 ml, glazed inside and out. Dishwasher safe.", []demoVariation{{"Sand", 2400}, {"Slate", 2400}, {"Moss", 2600}}},
	{0, "kitchen", "Serving Bowl", "A wide, shallow bowl for salads and pasta. 28 cm across.", []demoVariation{{"Large", 5400}}},
	{0, "decor", "Bud Vase Trio", "Three small vases in matching glazes for single stems.", []demoVariation{{"Set of 3", 3900}}},
	{0, "kitchen", "Espresso Cups, Pair", "Two 90 ml cups with saucers.", []demoVariation{{"White", 3200}, {"Charcoal", 3200}}},
	{0, "decor", "Ceramic Planter", "Planter with drainage hole and tray, for herbs and succulents.", []demoVariation{{"Small", 1900}, {"Medium", 2900}, {"Large", 4400}}},
	{1, "clothing", "Organic Cotton T-Shirt", "Heavyweight 220 g organic cotton, relaxed fit.", []demoVariation{{"White / S", 2900}, {"White / M", 2900}, {"Black / M", 2900}, {"Black / L", 2900}}},
	{1, "clothing", "Merino Crew Sweater", "Fine-knit merino wool, warm without bulk.", []demoVariation{{"Navy / M", 8900}, {"Navy / L", 8900}, {"Oat / M", 8900}}},
	{1, "clothing", "Linen Shirt", "Washed European linen, breathable for summer.", []demoVariation{{"Sky / M", 6400}, {"Sky / L", 6400}}},
	{1, "accessories", "Canvas Tote Bag", "Waxed canvas tote with leather handles and an inner pocket.", []demoVariation{{"Olive", 4500}, {"Sand", 4500}}},
	{1, "accessories", "Wool Beanie", "Ribbed beanie knitted from recycled wool.", []demoVariation{{"Rust", 2200}, {"Grey", 2200}}},
	{2, "audio", "Wireless Earbuds", "Noise-cancelling earbuds with 30 hours of battery with the case.", []demoVariation{{"Black", 8900}, {"White", 8900}}},
	{2, "audio", "Bookshelf Speakers", "A pair of powered speakers with Bluetooth and optical input.", []demoVariation{{"Walnut", 24900}, {"Black", 22900}}},
	{2, "gadgets", "USB-C Charging Hub", "65 W charger with two USB-C and one USB-A port.", []demoVariation{{"65 W", 4900}, {"100 W", 6900}}},
	{2, "gadgets", "Smart Desk Lamp", "Dimmable LED lamp with adjustable colour temperature.", []demoVariation{{"Matte Black", 5900}}},
	{2, "audio", "Over-Ear Headphones", "Closed-back headphones tuned for long listening sessions.", []demoVariation{{"Black", 15900}}},
	{3, "notebooks", "Dot Grid Notebook A5", "192 pages of 100 g paper, lay-flat binding.", []demoVariation{{"Forest", 1800}, {"Ink", 1800}, {"Clay", 1800}}},
	{3, "notebooks", "Weekly Planner 2027", "Undated weekly planner with monthly overviews.", []demoVariation{{"A5", 2400}}},
	{3, "books", "Fountain Pen", "Steel-nib fountain pen with a converter.", []demoVariation{{"Fine", 3400}, {"Medium", 3400}}},
	{3, "books", "Letterpress Card Set", "Eight blank cards with envelopes, printed by hand.", []demoVariation{{"Set of 8", 1600}}},
	{4, "outdoors", "Insulated Water Bottle", "Keeps drinks cold for 24 hours, 750 ml.", []demoVariation{{"Glacier", 3200}, {"Summit", 3200}}},
	{4, "outdoors", "Trail Running Socks", "Cushioned merino socks, pair.", []demoVariation{{"S", 1900}, {"M", 1900}, {"L", 1900}}},
	{4, "outdoors", "Packable Rain Jacket", "Waterproof, breathable shell that packs into its own pocket.", []demoVariation{{"M", 11900}, {"L", 11900}}},
	{4, "outdoors", "Camping Mug", "Enamel mug for the campfire, 400 ml.", []demoVariation{{"Blue", 1400}}},
	{4, "outdoors", "Headlamp", "Rechargeable 400 lumen headlamp with red light mode.", []demoVariation{{"Standard", 3900}}},
}

// SeedDemo fills an empty catalog with demo categories and products. It
// does nothing when there are products already, so it is safe to run at
// every start.
func (c *Catalog) SeedDemo(ctx context.Context, now time.Time) error {
	return c.db.InTx(ctx, func(ctx context.Context) error {
		n, err := c.store.CountProducts(ctx)
		if err != nil || n > 0 {
			return err
		}
		cats := map[string]string{} // slug -> id
		existing, err := c.store.Categories(ctx)
		if err != nil {
			return err
		}
		for _, cat := range existing {
			cats[cat.Slug] = cat.ID
		}
		for i, dc := range demoCategories {
			if _, ok := cats[dc.Slug]; ok {
				continue
			}
			cat := domain.Category{ID: id.New(), ParentID: cats[dc.Parent], Slug: dc.Slug, Name: dc.Name, Position: i}
			if err := c.store.CreateCategory(ctx, cat); err != nil {
				return fmt.Errorf("seed category %s: %w", dc.Slug, err)
			}
			cats[dc.Slug] = cat.ID
		}
		for i, dp := range demoProducts {
			shop := demoShops[dp.Shop]
			// Stagger creation times so "newest first" is a stable order.
			at := now.Add(-time.Duration(len(demoProducts)-i) * time.Hour)
			p := domain.Product{
				ID: id.New(), ShopID: shop.ID, ShopName: shop.Name, CategoryID: cats[dp.Category],
				Name: dp.Name, Description: dp.Description, Currency: "EUR", CreatedAt: at, UpdatedAt: at,
			}
			for j, v := range dp.Variations {
				p.Variations = append(p.Variations, domain.Variation{
					ID: id.New(), SKU: fmt.Sprintf("DEMO-%02d-%02d", i+1, j+1), Name: v.Name, Price: v.Price,
				})
			}
			if err := p.Validate(); err != nil {
				return fmt.Errorf("seed product %q: %w", dp.Name, err)
			}
			if err := c.store.Create(ctx, p); err != nil {
				return fmt.Errorf("seed product %q: %w", dp.Name, err)
			}
		}
		return nil
	})
}
