package domain

import "math"

// Rating is a product's rating over its visible reviews: how many and the
// sum of their stars, and a version that grows with every change of the
// product's reviews, so consumers of the events keep the newest.
type Rating struct {
	productID string
	count     int64
	sum       int64
	version   int64
}

// RebuildRating restores a stored rating.
func RebuildRating(productID string, count, sum, version int64) Rating {
	return Rating{productID: productID, count: count, sum: sum, version: version}
}

// Apply records one change of a review of the product, before and after
// it (before nil: written; after nil: deleted). The counts move only for
// reviews that count (visible ones); the version moves always.
func (r *Rating) Apply(before, after *Review) {
	if before != nil && before.Counted() {
		r.count--
		r.sum -= int64(before.rating)
	}
	if after != nil && after.Counted() {
		r.count++
		r.sum += int64(after.rating)
	}
	r.version++
}

// ProductID is the rated product.
func (r Rating) ProductID() string { return r.productID }

// Count is the number of visible reviews.
func (r Rating) Count() int64 { return r.count }

// Sum is the total of their stars.
func (r Rating) Sum() int64 { return r.sum }

// Version grows with every change of the product's reviews.
func (r Rating) Version() int64 { return r.version }

// Average is the mean rating rounded to 2 decimals, 0 without reviews.
func (r Rating) Average() float64 {
	return Average(r.count, r.sum)
}

// Average is the mean of count ratings summing to sum, rounded to 2
// decimals; 0 when count is 0.
func Average(count, sum int64) float64 {
	if count <= 0 {
		return 0
	}
	return math.Round(float64(sum)*100/float64(count)) / 100
}
