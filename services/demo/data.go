package demo

import "time"

// The dataset. Generated once by hand-written rules; edit freely.
// Sellers own the demo shops, one each (Sellers[i] owns Shops[i]).
var Sellers = []User{
	{ID: ID("user", 1), Name: "Nora Lind", Email: "nora@demo.marketplace", Role: "seller"},
	{ID: ID("user", 2), Name: "Theo Marsh", Email: "theo@demo.marketplace", Role: "seller"},
	{ID: ID("user", 3), Name: "Vik Patel", Email: "vik@demo.marketplace", Role: "seller"},
	{ID: ID("user", 4), Name: "Paula Reyes", Email: "paula@demo.marketplace", Role: "seller"},
	{ID: ID("user", 5), Name: "Sam Ortega", Email: "sam@demo.marketplace", Role: "seller"},
	{ID: ID("user", 6), Name: "Ines Moreau", Email: "ines@demo.marketplace", Role: "seller"},
}

// Shoppers write the demo reviews.
var Shoppers = []User{
	{ID: ID("user", 101), Name: "Alice Brown", Email: "alice@demo.marketplace", Role: "shopper"},
	{ID: ID("user", 102), Name: "Ben Carter", Email: "ben@demo.marketplace", Role: "shopper"},
	{ID: ID("user", 103), Name: "Chloe Dubois", Email: "chloe@demo.marketplace", Role: "shopper"},
	{ID: ID("user", 104), Name: "Daniel Kim", Email: "daniel@demo.marketplace", Role: "shopper"},
	{ID: ID("user", 105), Name: "Elena Rossi", Email: "elena@demo.marketplace", Role: "shopper"},
	{ID: ID("user", 106), Name: "Farid Haddad", Email: "farid@demo.marketplace", Role: "shopper"},
}

// Shops are the demo shops.
var Shops = []Shop{
	{ID: ID("shop", 1), OwnerID: ID("user", 1), Name: "Nordic Clay Studio", Slug: "nordic-clay-studio", Description: "Hand-thrown stoneware for everyday tables, made in a small studio by the sea."},
	{ID: ID("shop", 2), OwnerID: ID("user", 2), Name: "Threadline Apparel", Slug: "threadline-apparel", Description: "Organic cotton, merino and linen basics cut to last for years."},
	{ID: ID("shop", 3), OwnerID: ID("user", 3), Name: "Volt & Wire", Slug: "volt-and-wire", Description: "Carefully chosen audio and desk gadgets that just work."},
	{ID: ID("shop", 4), OwnerID: ID("user", 4), Name: "Paper Trail Co.", Slug: "paper-trail-co", Description: "Notebooks, planners and pens for people who still like paper."},
	{ID: ID("shop", 5), OwnerID: ID("user", 5), Name: "Summit Gear", Slug: "summit-gear", Description: "Light, durable kit for trails, camps and rainy commutes."},
	{ID: ID("shop", 6), OwnerID: ID("user", 6), Name: "Green Corner", Slug: "green-corner", Description: "Plants, planters and small things that make a home feel alive."},
}

// Categories is the category tree, parents first.
var Categories = []Category{
	{ID: ID("category", 1), Slug: "home", Name: "Home & Kitchen", Parent: ""},
	{ID: ID("category", 2), Slug: "kitchen", Name: "Kitchen", Parent: "home"},
	{ID: ID("category", 3), Slug: "decor", Name: "Decor", Parent: "home"},
	{ID: ID("category", 4), Slug: "plants", Name: "Plants & Garden", Parent: "home"},
	{ID: ID("category", 5), Slug: "fashion", Name: "Fashion", Parent: ""},
	{ID: ID("category", 6), Slug: "clothing", Name: "Clothing", Parent: "fashion"},
	{ID: ID("category", 7), Slug: "accessories", Name: "Accessories", Parent: "fashion"},
	{ID: ID("category", 8), Slug: "electronics", Name: "Electronics", Parent: ""},
	{ID: ID("category", 9), Slug: "audio", Name: "Audio", Parent: "electronics"},
	{ID: ID("category", 10), Slug: "gadgets", Name: "Gadgets", Parent: "electronics"},
	{ID: ID("category", 11), Slug: "books", Name: "Books & Stationery", Parent: ""},
	{ID: ID("category", 12), Slug: "notebooks", Name: "Notebooks", Parent: "books"},
	{ID: ID("category", 13), Slug: "writing", Name: "Writing", Parent: "books"},
	{ID: ID("category", 14), Slug: "outdoors", Name: "Sports & Outdoors", Parent: ""},
	{ID: ID("category", 15), Slug: "camping", Name: "Camping", Parent: "outdoors"},
	{ID: ID("category", 16), Slug: "running", Name: "Running", Parent: "outdoors"},
}

// Products are the demo products, oldest first.
var Products = []Product{
	{
		ID: ID("product", 1), ShopID: ID("shop", 1), Category: "kitchen", Name: "Stoneware Coffee Mug",
		Description: "Wheel-thrown stoneware mug, 350 ml, glazed inside and out.\nDishwasher and microwave safe.",
		Age:         200 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 1), SKU: "DEMO-01-1", Name: "Sand", Price: 2400, Stock: 40},
			{ID: ID("variation", 2), SKU: "DEMO-01-2", Name: "Slate", Price: 2400, Stock: 25},
			{ID: ID("variation", 3), SKU: "DEMO-01-3", Name: "Moss", Price: 2600, Stock: 12},
		},
		Photos: []Photo{{ID: ID("photo", 1), Motif: "mug", Hue: 35}, {ID: ID("photo", 2), Motif: "mug", Hue: 172}},
	},
	{
		ID: ID("product", 2), ShopID: ID("shop", 1), Category: "kitchen", Name: "Serving Bowl",
		Description: "A wide, shallow bowl for salads and pasta. 28 cm across.",
		Age:         195 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 4), SKU: "DEMO-02-1", Name: "Large", Price: 5400, Stock: 8},
		},
		Photos: []Photo{{ID: ID("photo", 3), Motif: "bowl", Hue: 200}},
	},
	{
		ID: ID("product", 3), ShopID: ID("shop", 1), Category: "decor", Name: "Bud Vase Trio",
		Description: "Three small vases in matching glazes for single stems.",
		Age:         190 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 5), SKU: "DEMO-03-1", Name: "Set of 3", Price: 3900, Stock: 15},
		},
		Photos: []Photo{{ID: ID("photo", 5), Motif: "vase", Hue: 150}},
	},
	{
		ID: ID("product", 4), ShopID: ID("shop", 1), Category: "kitchen", Name: "Espresso Cups, Pair",
		Description: "Two 90 ml cups with saucers.",
		Age:         185 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 6), SKU: "DEMO-04-1", Name: "White", Price: 3200, Stock: 20},
			{ID: ID("variation", 7), SKU: "DEMO-04-2", Name: "Charcoal", Price: 3200, Stock: 18},
		},
		Photos: []Photo{{ID: ID("photo", 7), Motif: "mug", Hue: 0}, {ID: ID("photo", 8), Motif: "mug", Hue: 60}},
	},
	{
		ID: ID("product", 5), ShopID: ID("shop", 1), Category: "decor", Name: "Ceramic Planter",
		Description: "Planter with drainage hole and tray, for herbs and succulents.",
		Age:         180 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 8), SKU: "DEMO-05-1", Name: "Small", Price: 1900, Stock: 30},
			{ID: ID("variation", 9), SKU: "DEMO-05-2", Name: "Medium", Price: 2900, Stock: 22},
			{ID: ID("variation", 10), SKU: "DEMO-05-3", Name: "Large", Price: 4400, Stock: 9},
		},
		Photos: []Photo{{ID: ID("photo", 9), Motif: "plant", Hue: 100}, {ID: ID("photo", 10), Motif: "plant", Hue: 237}},
	},
	{
		ID: ID("product", 6), ShopID: ID("shop", 1), Category: "kitchen", Name: "Dinner Plate Set",
		Description: "Four speckled dinner plates, 27 cm.",
		Age:         175 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 11), SKU: "DEMO-06-1", Name: "Set of 4", Price: 7200, Stock: 6},
		},
		Photos: []Photo{{ID: ID("photo", 11), Motif: "bowl", Hue: 30}},
	},
	{
		ID: ID("product", 7), ShopID: ID("shop", 2), Category: "clothing", Name: "Organic Cotton T-Shirt",
		Description: "Heavyweight 220 g organic cotton, relaxed fit.",
		Age:         170 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 12), SKU: "DEMO-07-1", Name: "White / S", Price: 2900, Stock: 14},
			{ID: ID("variation", 13), SKU: "DEMO-07-2", Name: "White / M", Price: 2900, Stock: 20},
			{ID: ID("variation", 14), SKU: "DEMO-07-3", Name: "Black / M", Price: 2900, Stock: 18},
			{ID: ID("variation", 15), SKU: "DEMO-07-4", Name: "Black / L", Price: 2900, Stock: 11},
		},
		Photos: []Photo{{ID: ID("photo", 13), Motif: "shirt", Hue: 220}, {ID: ID("photo", 14), Motif: "shirt", Hue: 357}},
	},
	{
		ID: ID("product", 8), ShopID: ID("shop", 2), Category: "clothing", Name: "Merino Crew Sweater",
		Description: "Fine-knit merino wool, warm without bulk.",
		Age:         165 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 16), SKU: "DEMO-08-1", Name: "Navy / M", Price: 8900, Stock: 7},
			{ID: ID("variation", 17), SKU: "DEMO-08-2", Name: "Navy / L", Price: 8900, Stock: 5},
			{ID: ID("variation", 18), SKU: "DEMO-08-3", Name: "Oat / M", Price: 8900, Stock: 9},
		},
		Photos: []Photo{{ID: ID("photo", 15), Motif: "shirt", Hue: 230}, {ID: ID("photo", 16), Motif: "shirt", Hue: 7}},
	},
	{
		ID: ID("product", 9), ShopID: ID("shop", 2), Category: "clothing", Name: "Linen Shirt",
		Description: "Washed European linen, breathable for summer.",
		Age:         160 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 19), SKU: "DEMO-09-1", Name: "Sky / M", Price: 6400, Stock: 10},
			{ID: ID("variation", 20), SKU: "DEMO-09-2", Name: "Sky / L", Price: 6400, Stock: 6},
		},
		Photos: []Photo{{ID: ID("photo", 17), Motif: "shirt", Hue: 200}, {ID: ID("photo", 18), Motif: "shirt", Hue: 260}},
	},
	{
		ID: ID("product", 10), ShopID: ID("shop", 2), Category: "accessories", Name: "Canvas Tote Bag",
		Description: "Waxed canvas tote with leather handles and an inner pocket.",
		Age:         155 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 21), SKU: "DEMO-10-1", Name: "Olive", Price: 4500, Stock: 16},
			{ID: ID("variation", 22), SKU: "DEMO-10-2", Name: "Sand", Price: 4500, Stock: 13},
		},
		Photos: []Photo{{ID: ID("photo", 19), Motif: "bag", Hue: 80}, {ID: ID("photo", 20), Motif: "bag", Hue: 140}},
	},
	{
		ID: ID("product", 11), ShopID: ID("shop", 2), Category: "accessories", Name: "Wool Beanie",
		Description: "Ribbed beanie knitted from recycled wool.",
		Age:         150 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 23), SKU: "DEMO-11-1", Name: "Rust", Price: 2200, Stock: 25},
			{ID: ID("variation", 24), SKU: "DEMO-11-2", Name: "Grey", Price: 2200, Stock: 30},
		},
		Photos: []Photo{{ID: ID("photo", 21), Motif: "hat", Hue: 15}, {ID: ID("photo", 22), Motif: "hat", Hue: 75}},
	},
	{
		ID: ID("product", 12), ShopID: ID("shop", 2), Category: "clothing", Name: "Hooded Sweatshirt",
		Description: "Brushed-back organic fleece with a roomy hood.",
		Age:         145 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 25), SKU: "DEMO-12-1", Name: "Forest / M", Price: 7400, Stock: 10},
			{ID: ID("variation", 26), SKU: "DEMO-12-2", Name: "Forest / L", Price: 7400, Stock: 8},
		},
		Photos: []Photo{{ID: ID("photo", 23), Motif: "shirt", Hue: 140}, {ID: ID("photo", 24), Motif: "shirt", Hue: 200}},
	},
	{
		ID: ID("product", 13), ShopID: ID("shop", 2), Category: "accessories", Name: "Leather Card Holder",
		Description: "Vegetable-tanned leather, four slots, ages beautifully.",
		Age:         140 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 27), SKU: "DEMO-13-1", Name: "Tan", Price: 3500, Stock: 20},
		},
		Photos: []Photo{{ID: ID("photo", 25), Motif: "box", Hue: 25}},
	},
	{
		ID: ID("product", 14), ShopID: ID("shop", 3), Category: "audio", Name: "Wireless Earbuds",
		Description: "Noise-cancelling earbuds with 30 hours of battery with the case.",
		Age:         135 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 28), SKU: "DEMO-14-1", Name: "Black", Price: 8900, Stock: 35},
			{ID: ID("variation", 29), SKU: "DEMO-14-2", Name: "White", Price: 8900, Stock: 28},
		},
		Photos: []Photo{{ID: ID("photo", 27), Motif: "earbuds", Hue: 260}, {ID: ID("photo", 28), Motif: "earbuds", Hue: 320}},
	},
	{
		ID: ID("product", 15), ShopID: ID("shop", 3), Category: "audio", Name: "Bookshelf Speakers",
		Description: "A pair of powered speakers with Bluetooth and optical input.",
		Age:         130 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 30), SKU: "DEMO-15-1", Name: "Walnut", Price: 24900, Stock: 4},
			{ID: ID("variation", 31), SKU: "DEMO-15-2", Name: "Black", Price: 22900, Stock: 6},
		},
		Photos: []Photo{{ID: ID("photo", 29), Motif: "speaker", Hue: 30}, {ID: ID("photo", 30), Motif: "speaker", Hue: 90}},
	},
	{
		ID: ID("product", 16), ShopID: ID("shop", 3), Category: "gadgets", Name: "USB-C Charging Hub",
		Description: "65 W charger with two USB-C and one USB-A port.",
		Age:         125 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 32), SKU: "DEMO-16-1", Name: "65 W", Price: 4900, Stock: 40},
			{ID: ID("variation", 33), SKU: "DEMO-16-2", Name: "100 W", Price: 6900, Stock: 22},
		},
		Photos: []Photo{{ID: ID("photo", 31), Motif: "charger", Hue: 210}, {ID: ID("photo", 32), Motif: "charger", Hue: 270}},
	},
	{
		ID: ID("product", 17), ShopID: ID("shop", 3), Category: "gadgets", Name: "Smart Desk Lamp",
		Description: "Dimmable LED lamp with adjustable colour temperature.",
		Age:         120 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 34), SKU: "DEMO-17-1", Name: "Matte Black", Price: 5900, Stock: 12},
		},
		Photos: []Photo{{ID: ID("photo", 33), Motif: "lamp", Hue: 45}},
	},
	{
		ID: ID("product", 18), ShopID: ID("shop", 3), Category: "audio", Name: "Over-Ear Headphones",
		Description: "Closed-back headphones tuned for long listening sessions.",
		Age:         115 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 35), SKU: "DEMO-18-1", Name: "Black", Price: 15900, Stock: 9},
		},
		Photos: []Photo{{ID: ID("photo", 35), Motif: "headphones", Hue: 270}},
	},
	{
		ID: ID("product", 19), ShopID: ID("shop", 3), Category: "gadgets", Name: "Mechanical Keyboard",
		Description: "Compact 75% keyboard with hot-swappable switches.",
		Age:         110 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 36), SKU: "DEMO-19-1", Name: "Linear", Price: 11900, Stock: 7},
			{ID: ID("variation", 37), SKU: "DEMO-19-2", Name: "Tactile", Price: 11900, Stock: 5},
		},
		Photos: []Photo{{ID: ID("photo", 37), Motif: "box", Hue: 190}, {ID: ID("photo", 38), Motif: "box", Hue: 250}},
	},
	{
		ID: ID("product", 20), ShopID: ID("shop", 3), Category: "audio", Name: "Portable Speaker",
		Description: "Splash-proof speaker with 12 hours of play.",
		Age:         105 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 38), SKU: "DEMO-20-1", Name: "Orange", Price: 5900, Stock: 18},
			{ID: ID("variation", 39), SKU: "DEMO-20-2", Name: "Teal", Price: 5900, Stock: 14},
		},
		Photos: []Photo{{ID: ID("photo", 39), Motif: "speaker", Hue: 180}, {ID: ID("photo", 40), Motif: "speaker", Hue: 240}},
	},
	{
		ID: ID("product", 21), ShopID: ID("shop", 4), Category: "notebooks", Name: "Dot Grid Notebook A5",
		Description: "192 pages of 100 g paper, lay-flat binding.",
		Age:         100 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 40), SKU: "DEMO-21-1", Name: "Forest", Price: 1800, Stock: 60},
			{ID: ID("variation", 41), SKU: "DEMO-21-2", Name: "Ink", Price: 1800, Stock: 55},
			{ID: ID("variation", 42), SKU: "DEMO-21-3", Name: "Clay", Price: 1800, Stock: 40},
		},
		Photos: []Photo{{ID: ID("photo", 41), Motif: "notebook", Hue: 120}, {ID: ID("photo", 42), Motif: "notebook", Hue: 257}},
	},
	{
		ID: ID("product", 22), ShopID: ID("shop", 4), Category: "notebooks", Name: "Weekly Planner 2027",
		Description: "Undated weekly planner with monthly overviews.",
		Age:         95 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 43), SKU: "DEMO-22-1", Name: "A5", Price: 2400, Stock: 35},
		},
		Photos: []Photo{{ID: ID("photo", 43), Motif: "notebook", Hue: 330}},
	},
	{
		ID: ID("product", 23), ShopID: ID("shop", 4), Category: "writing", Name: "Fountain Pen",
		Description: "Steel-nib fountain pen with a converter.",
		Age:         90 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 44), SKU: "DEMO-23-1", Name: "Fine", Price: 3400, Stock: 20},
			{ID: ID("variation", 45), SKU: "DEMO-23-2", Name: "Medium", Price: 3400, Stock: 16},
		},
		Photos: []Photo{{ID: ID("photo", 45), Motif: "pen", Hue: 240}, {ID: ID("photo", 46), Motif: "pen", Hue: 300}},
	},
	{
		ID: ID("product", 24), ShopID: ID("shop", 4), Category: "writing", Name: "Letterpress Card Set",
		Description: "Eight blank cards with envelopes, printed by hand.",
		Age:         85 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 46), SKU: "DEMO-24-1", Name: "Set of 8", Price: 1600, Stock: 45},
		},
		Photos: []Photo{{ID: ID("photo", 47), Motif: "card", Hue: 350}},
	},
	{
		ID: ID("product", 25), ShopID: ID("shop", 4), Category: "notebooks", Name: "Pocket Notebooks, 3 Pack",
		Description: "Slim ruled notebooks that fit any pocket.",
		Age:         80 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 47), SKU: "DEMO-25-1", Name: "Kraft", Price: 1200, Stock: 70},
		},
		Photos: []Photo{{ID: ID("photo", 49), Motif: "notebook", Hue: 40}},
	},
	{
		ID: ID("product", 26), ShopID: ID("shop", 4), Category: "writing", Name: "Brass Mechanical Pencil",
		Description: "Solid brass, 0.7 mm leads, knurled grip.",
		Age:         75 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 48), SKU: "DEMO-26-1", Name: "Raw Brass", Price: 2900, Stock: 15},
		},
		Photos: []Photo{{ID: ID("photo", 51), Motif: "pen", Hue: 50}},
	},
	{
		ID: ID("product", 27), ShopID: ID("shop", 5), Category: "outdoors", Name: "Insulated Water Bottle",
		Description: "Keeps drinks cold for 24 hours, 750 ml.",
		Age:         70 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 49), SKU: "DEMO-27-1", Name: "Glacier", Price: 3200, Stock: 50},
			{ID: ID("variation", 50), SKU: "DEMO-27-2", Name: "Summit", Price: 3200, Stock: 45},
		},
		Photos: []Photo{{ID: ID("photo", 53), Motif: "bottle", Hue: 195}, {ID: ID("photo", 54), Motif: "bottle", Hue: 255}},
	},
	{
		ID: ID("product", 28), ShopID: ID("shop", 5), Category: "running", Name: "Trail Running Socks",
		Description: "Cushioned merino socks, pair.",
		Age:         65 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 51), SKU: "DEMO-28-1", Name: "S", Price: 1900, Stock: 30},
			{ID: ID("variation", 52), SKU: "DEMO-28-2", Name: "M", Price: 1900, Stock: 40},
			{ID: ID("variation", 53), SKU: "DEMO-28-3", Name: "L", Price: 1900, Stock: 25},
		},
		Photos: []Photo{{ID: ID("photo", 55), Motif: "socks", Hue: 5}, {ID: ID("photo", 56), Motif: "socks", Hue: 142}},
	},
	{
		ID: ID("product", 29), ShopID: ID("shop", 5), Category: "outdoors", Name: "Packable Rain Jacket",
		Description: "Waterproof, breathable shell that packs into its own pocket.",
		Age:         60 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 54), SKU: "DEMO-29-1", Name: "M", Price: 11900, Stock: 8},
			{ID: ID("variation", 55), SKU: "DEMO-29-2", Name: "L", Price: 11900, Stock: 6},
		},
		Photos: []Photo{{ID: ID("photo", 57), Motif: "jacket", Hue: 55}, {ID: ID("photo", 58), Motif: "jacket", Hue: 115}},
	},
	{
		ID: ID("product", 30), ShopID: ID("shop", 5), Category: "camping", Name: "Camping Mug",
		Description: "Enamel mug for the campfire, 400 ml.",
		Age:         55 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 56), SKU: "DEMO-30-1", Name: "Blue", Price: 1400, Stock: 60},
		},
		Photos: []Photo{{ID: ID("photo", 59), Motif: "mug", Hue: 215}},
	},
	{
		ID: ID("product", 31), ShopID: ID("shop", 5), Category: "camping", Name: "Headlamp",
		Description: "Rechargeable 400 lumen headlamp with red light mode.",
		Age:         50 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 57), SKU: "DEMO-31-1", Name: "Standard", Price: 3900, Stock: 25},
		},
		Photos: []Photo{{ID: ID("photo", 61), Motif: "lamp", Hue: 60}},
	},
	{
		ID: ID("product", 32), ShopID: ID("shop", 5), Category: "camping", Name: "Two-Person Tent",
		Description: "Freestanding three-season tent, 1.9 kg.",
		Age:         45 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 58), SKU: "DEMO-32-1", Name: "Green", Price: 27900, Stock: 3},
		},
		Photos: []Photo{{ID: ID("photo", 63), Motif: "tent", Hue: 110}},
	},
	{
		ID: ID("product", 33), ShopID: ID("shop", 5), Category: "running", Name: "Running Cap",
		Description: "Lightweight cap with a sweat-wicking band.",
		Age:         40 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 59), SKU: "DEMO-33-1", Name: "Black", Price: 2500, Stock: 20},
			{ID: ID("variation", 60), SKU: "DEMO-33-2", Name: "Coral", Price: 2500, Stock: 15},
		},
		Photos: []Photo{{ID: ID("photo", 65), Motif: "hat", Hue: 10}, {ID: ID("photo", 66), Motif: "hat", Hue: 70}},
	},
	{
		ID: ID("product", 34), ShopID: ID("shop", 6), Category: "plants", Name: "Monstera in Pot",
		Description: "A young Monstera deliciosa, about 45 cm, in a ceramic pot.",
		Age:         35 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 61), SKU: "DEMO-34-1", Name: "Standard", Price: 3900, Stock: 10},
		},
		Photos: []Photo{{ID: ID("photo", 67), Motif: "plant", Hue: 125}},
	},
	{
		ID: ID("product", 35), ShopID: ID("shop", 6), Category: "plants", Name: "Herb Garden Kit",
		Description: "Basil, thyme and parsley seeds with pots and soil.",
		Age:         30 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 62), SKU: "DEMO-35-1", Name: "Kit", Price: 2400, Stock: 30},
		},
		Photos: []Photo{{ID: ID("photo", 69), Motif: "plant", Hue: 90}},
	},
	{
		ID: ID("product", 36), ShopID: ID("shop", 6), Category: "plants", Name: "Hanging Planter",
		Description: "Macrame hanger with a glazed pot.",
		Age:         25 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 63), SKU: "DEMO-36-1", Name: "White", Price: 2800, Stock: 14},
			{ID: ID("variation", 64), SKU: "DEMO-36-2", Name: "Terracotta", Price: 2800, Stock: 11},
		},
		Photos: []Photo{{ID: ID("photo", 71), Motif: "plant", Hue: 20}, {ID: ID("photo", 72), Motif: "plant", Hue: 80}},
	},
	{
		ID: ID("product", 37), ShopID: ID("shop", 6), Category: "decor", Name: "Beeswax Candle",
		Description: "Hand-poured beeswax pillar candle, burns 40 hours.",
		Age:         20 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 65), SKU: "DEMO-37-1", Name: "Small", Price: 1500, Stock: 40},
			{ID: ID("variation", 66), SKU: "DEMO-37-2", Name: "Large", Price: 2500, Stock: 25},
		},
		Photos: []Photo{{ID: ID("photo", 73), Motif: "vase", Hue: 45}, {ID: ID("photo", 74), Motif: "vase", Hue: 105}},
	},
	{
		ID: ID("product", 38), ShopID: ID("shop", 6), Category: "plants", Name: "Watering Can",
		Description: "Powder-coated steel, long spout, 1.5 litres.",
		Age:         15 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 67), SKU: "DEMO-38-1", Name: "Sage", Price: 3300, Stock: 12},
		},
		Photos: []Photo{{ID: ID("photo", 75), Motif: "bottle", Hue: 95}},
	},
	{
		ID: ID("product", 39), ShopID: ID("shop", 6), Category: "decor", Name: "Linen Cushion Cover",
		Description: "Stonewashed linen, 45 x 45 cm, hidden zip.",
		Age:         10 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 68), SKU: "DEMO-39-1", Name: "Rust", Price: 2900, Stock: 18},
			{ID: ID("variation", 69), SKU: "DEMO-39-2", Name: "Oat", Price: 2900, Stock: 22},
		},
		Photos: []Photo{{ID: ID("photo", 77), Motif: "box", Hue: 20}, {ID: ID("photo", 78), Motif: "box", Hue: 80}},
	},
	{
		ID: ID("product", 40), ShopID: ID("shop", 6), Category: "plants", Name: "Succulent Trio",
		Description: "Three small succulents in concrete pots.",
		Age:         5 * time.Hour,
		Variations: []Variation{
			{ID: ID("variation", 70), SKU: "DEMO-40-1", Name: "Set of 3", Price: 2600, Stock: 16},
		},
		Photos: []Photo{{ID: ID("photo", 79), Motif: "plant", Hue: 140}},
	},
}

// Reviews are the demo reviews.
var Reviews = []Review{
	{ID: ID("review", 1), ProductID: ID("product", 2), UserID: ID("user", 102), Rating: 3, Body: "Nice, but smaller than I thought."},
	{ID: ID("review", 2), ProductID: ID("product", 2), UserID: ID("user", 104), Rating: 4, Body: ""},
	{ID: ID("review", 3), ProductID: ID("product", 2), UserID: ID("user", 106), Rating: 3, Body: "Nice, but smaller than I thought."},
	{ID: ID("review", 4), ProductID: ID("product", 3), UserID: ID("user", 103), Rating: 2, Body: "The colour was quite different from the photo."},
	{ID: ID("review", 5), ProductID: ID("product", 3), UserID: ID("user", 105), Rating: 4, Body: "Very good quality. Shipping took a little longer than expected."},
	{ID: ID("review", 6), ProductID: ID("product", 4), UserID: ID("user", 104), Rating: 5, Body: "Better than the big-brand one I had before."},
	{ID: ID("review", 7), ProductID: ID("product", 6), UserID: ID("user", 106), Rating: 4, Body: "Solid and well made."},
	{ID: ID("review", 8), ProductID: ID("product", 6), UserID: ID("user", 102), Rating: 5, Body: "Exactly as pictured, and it arrived well packed."},
	{ID: ID("review", 9), ProductID: ID("product", 6), UserID: ID("user", 104), Rating: 4, Body: "Solid and well made."},
	{ID: ID("review", 10), ProductID: ID("product", 7), UserID: ID("user", 101), Rating: 4, Body: ""},
	{ID: ID("review", 11), ProductID: ID("product", 7), UserID: ID("user", 103), Rating: 3, Body: "Nice, but smaller than I thought."},
	{ID: ID("review", 12), ProductID: ID("product", 8), UserID: ID("user", 102), Rating: 4, Body: "Very good quality. Shipping took a little longer than expected."},
	{ID: ID("review", 13), ProductID: ID("product", 10), UserID: ID("user", 104), Rating: 5, Body: "Perfect gift, my sister loved it."},
	{ID: ID("review", 14), ProductID: ID("product", 10), UserID: ID("user", 106), Rating: 5, Body: "Use it every day. Would buy again."},
	{ID: ID("review", 15), ProductID: ID("product", 10), UserID: ID("user", 102), Rating: 5, Body: "Perfect gift, my sister loved it."},
	{ID: ID("review", 16), ProductID: ID("product", 11), UserID: ID("user", 105), Rating: 5, Body: "Exactly as pictured, and it arrived well packed."},
	{ID: ID("review", 17), ProductID: ID("product", 11), UserID: ID("user", 101), Rating: 4, Body: "Solid and well made."},
	{ID: ID("review", 18), ProductID: ID("product", 12), UserID: ID("user", 106), Rating: 3, Body: "Nice, but smaller than I thought."},
	{ID: ID("review", 19), ProductID: ID("product", 14), UserID: ID("user", 102), Rating: 5, Body: "Better than the big-brand one I had before."},
	{ID: ID("review", 20), ProductID: ID("product", 14), UserID: ID("user", 104), Rating: 5, Body: "Lovely seller, quick replies to my questions."},
	{ID: ID("review", 21), ProductID: ID("product", 14), UserID: ID("user", 106), Rating: 5, Body: "Better than the big-brand one I had before."},
	{ID: ID("review", 22), ProductID: ID("product", 15), UserID: ID("user", 103), Rating: 5, Body: "Use it every day. Would buy again."},
	{ID: ID("review", 23), ProductID: ID("product", 15), UserID: ID("user", 105), Rating: 5, Body: "Perfect gift, my sister loved it."},
	{ID: ID("review", 24), ProductID: ID("product", 16), UserID: ID("user", 104), Rating: 4, Body: "Solid and well made."},
	{ID: ID("review", 25), ProductID: ID("product", 18), UserID: ID("user", 106), Rating: 4, Body: "Very good quality. Shipping took a little longer than expected."},
	{ID: ID("review", 26), ProductID: ID("product", 18), UserID: ID("user", 102), Rating: 2, Body: "The colour was quite different from the photo."},
	{ID: ID("review", 27), ProductID: ID("product", 18), UserID: ID("user", 104), Rating: 4, Body: "Very good quality. Shipping took a little longer than expected."},
	{ID: ID("review", 28), ProductID: ID("product", 19), UserID: ID("user", 101), Rating: 5, Body: "Lovely seller, quick replies to my questions."},
	{ID: ID("review", 29), ProductID: ID("product", 19), UserID: ID("user", 103), Rating: 5, Body: "Better than the big-brand one I had before."},
	{ID: ID("review", 30), ProductID: ID("product", 20), UserID: ID("user", 102), Rating: 5, Body: "Perfect gift, my sister loved it."},
	{ID: ID("review", 31), ProductID: ID("product", 22), UserID: ID("user", 104), Rating: 3, Body: "Nice, but smaller than I thought."},
	{ID: ID("review", 32), ProductID: ID("product", 22), UserID: ID("user", 106), Rating: 4, Body: ""},
	{ID: ID("review", 33), ProductID: ID("product", 22), UserID: ID("user", 102), Rating: 3, Body: "Nice, but smaller than I thought."},
	{ID: ID("review", 34), ProductID: ID("product", 23), UserID: ID("user", 105), Rating: 2, Body: "The colour was quite different from the photo."},
	{ID: ID("review", 35), ProductID: ID("product", 23), UserID: ID("user", 101), Rating: 4, Body: "Very good quality. Shipping took a little longer than expected."},
	{ID: ID("review", 36), ProductID: ID("product", 24), UserID: ID("user", 106), Rating: 5, Body: "Better than the big-brand one I had before."},
	{ID: ID("review", 37), ProductID: ID("product", 26), UserID: ID("user", 102), Rating: 4, Body: "Solid and well made."},
	{ID: ID("review", 38), ProductID: ID("product", 26), UserID: ID("user", 104), Rating: 5, Body: "Exactly as pictured, and it arrived well packed."},
	{ID: ID("review", 39), ProductID: ID("product", 26), UserID: ID("user", 106), Rating: 4, Body: "Solid and well made."},
	{ID: ID("review", 40), ProductID: ID("product", 27), UserID: ID("user", 103), Rating: 4, Body: ""},
	{ID: ID("review", 41), ProductID: ID("product", 27), UserID: ID("user", 105), Rating: 3, Body: "Nice, but smaller than I thought."},
	{ID: ID("review", 42), ProductID: ID("product", 28), UserID: ID("user", 104), Rating: 4, Body: "Very good quality. Shipping took a little longer than expected."},
	{ID: ID("review", 43), ProductID: ID("product", 30), UserID: ID("user", 106), Rating: 5, Body: "Perfect gift, my sister loved it."},
	{ID: ID("review", 44), ProductID: ID("product", 30), UserID: ID("user", 102), Rating: 5, Body: "Use it every day. Would buy again."},
	{ID: ID("review", 45), ProductID: ID("product", 30), UserID: ID("user", 104), Rating: 5, Body: "Perfect gift, my sister loved it."},
	{ID: ID("review", 46), ProductID: ID("product", 31), UserID: ID("user", 101), Rating: 5, Body: "Exactly as pictured, and it arrived well packed."},
	{ID: ID("review", 47), ProductID: ID("product", 31), UserID: ID("user", 103), Rating: 4, Body: "Solid and well made."},
	{ID: ID("review", 48), ProductID: ID("product", 32), UserID: ID("user", 102), Rating: 3, Body: "Nice, but smaller than I thought."},
	{ID: ID("review", 49), ProductID: ID("product", 34), UserID: ID("user", 104), Rating: 5, Body: "Better than the big-brand one I had before."},
	{ID: ID("review", 50), ProductID: ID("product", 34), UserID: ID("user", 106), Rating: 5, Body: "Lovely seller, quick replies to my questions."},
	{ID: ID("review", 51), ProductID: ID("product", 34), UserID: ID("user", 102), Rating: 5, Body: "Better than the big-brand one I had before."},
	{ID: ID("review", 52), ProductID: ID("product", 35), UserID: ID("user", 105), Rating: 5, Body: "Use it every day. Would buy again."},
	{ID: ID("review", 53), ProductID: ID("product", 35), UserID: ID("user", 101), Rating: 5, Body: "Perfect gift, my sister loved it."},
	{ID: ID("review", 54), ProductID: ID("product", 36), UserID: ID("user", 106), Rating: 4, Body: "Solid and well made."},
	{ID: ID("review", 55), ProductID: ID("product", 38), UserID: ID("user", 102), Rating: 4, Body: "Very good quality. Shipping took a little longer than expected."},
	{ID: ID("review", 56), ProductID: ID("product", 38), UserID: ID("user", 104), Rating: 2, Body: "The colour was quite different from the photo."},
	{ID: ID("review", 57), ProductID: ID("product", 38), UserID: ID("user", 106), Rating: 4, Body: "Very good quality. Shipping took a little longer than expected."},
	{ID: ID("review", 58), ProductID: ID("product", 39), UserID: ID("user", 103), Rating: 5, Body: "Lovely seller, quick replies to my questions."},
	{ID: ID("review", 59), ProductID: ID("product", 39), UserID: ID("user", 105), Rating: 5, Body: "Better than the big-brand one I had before."},
	{ID: ID("review", 60), ProductID: ID("product", 40), UserID: ID("user", 104), Rating: 5, Body: "Perfect gift, my sister loved it."},
}
