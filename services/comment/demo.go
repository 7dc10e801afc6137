package comment

import (
	"time"

	"github.com/marketplace/marketplace/services/comment/internal/app"
	"github.com/marketplace/marketplace/services/demo"
)

// demoReviews maps the demo dataset's reviews: author names from
// demo.Shoppers, shops from demo.Products. They were written a minute
// apart, the last one a minute before now, so "newest first" is a stable
// order and every review is younger than its product.
func demoReviews(now time.Time) []app.SeedReview {
	names := map[string]string{}
	for _, u := range demo.Shoppers {
		names[u.ID] = u.Name
	}
	shops := map[string]string{}
	for _, p := range demo.Products {
		shops[p.ID] = p.ShopID
	}
	out := make([]app.SeedReview, 0, len(demo.Reviews))
	for i, r := range demo.Reviews {
		out = append(out, app.SeedReview{
			ID: r.ID, ProductID: r.ProductID, ShopID: shops[r.ProductID], UserID: r.UserID, AuthorName: names[r.UserID],
			Rating: r.Rating, Body: r.Body, CreatedAt: now.Add(-time.Duration(len(demo.Reviews)-i) * time.Minute),
		})
	}
	return out
}
