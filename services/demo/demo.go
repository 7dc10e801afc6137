// Package demo is the demo dataset of the embedded mode: users, shops, a
// category tree, products with variations, stock, photo recipes and
// reviews. It is data only. Each service seeds its own part from it (with
// --demo, or DEMO_DATA=true in the distributed mode), and because every id
// here is fixed, the parts agree without the services calling each other;
// the events the seeding publishes are absorbed as repeats.
package demo

import (
	"fmt"
	"time"

	"github.com/google/uuid"
)

// Password is the password of every demo account (demo data only: start
// with --demo=false for a marketplace without these accounts).
const Password = "demo-password"

// namespace makes the fixed ids: UUIDv5 of "kind/n".
var namespace = uuid.MustParse("0c1e5a2f-7a8b-4c3d-9e0f-6a5b4c3d2e1f")

// ID returns the fixed id of the n-th demo thing of a kind.
func ID(kind string, n int) string {
	return uuid.NewSHA1(namespace, fmt.Appendf(nil, "%s/%d", kind, n)).String()
}

// User is a demo account.
type User struct {
	ID, Name, Email, Role string
}

// Shop is a demo shop, owned by a seller.
type Shop struct {
	ID, OwnerID, Name, Slug, Description string
}

// Category is a node of the category tree.
type Category struct {
	ID, Slug, Name, Parent string // Parent is the parent's slug, "" for a root
}

// Variation is a buyable version of a product with its starting stock.
type Variation struct {
	ID, SKU, Name string
	Price         int64 // minor units, EUR
	Stock         int64
}

// Photo is a recipe for a generated product photo: the media service draws
// it (no downloaded or copyrighted images).
type Photo struct {
	ID    string
	Motif string // mug, bowl, vase, shirt, bag, hat, earbuds, speaker, lamp, charger, headphones, notebook, pen, card, bottle, socks, jacket, tent, plant, box
	Hue   int    // 0-359, the main colour
}

// Product is a demo product.
type Product struct {
	ID, ShopID, Category, Name, Description string
	Variations                              []Variation
	Photos                                  []Photo
	Age                                     time.Duration // how long before seeding it was listed
}

// Review is a demo review by a shopper.
type Review struct {
	ID, ProductID, UserID string
	Rating                int
	Body                  string
}

// Currency of every demo price.
const Currency = "EUR"
