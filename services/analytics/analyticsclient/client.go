// Package analyticsclient is the typed HTTP client of the analytics
// service and its wire types.
package analyticsclient

import (
	"context"
	"net/url"
	"strconv"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// DayCount is one day's value of a metric.
type DayCount struct {
	Day   string `json:"day"` // YYYY-MM-DD, UTC
	Count int64  `json:"count"`
}

// PlatformSummary is the admin dashboard's headline numbers.
type PlatformSummary struct {
	UsersTotal int64      `json:"users_total"`
	Signups    []DayCount `json:"signups"` // the last 30 days, oldest first, days without signups included
}

// Client calls the analytics service.
type Client struct{ c *httpclient.Client }

// New returns a client of the analytics service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("analytics", baseURL, opt)}
}

// PlatformSummary returns the platform's numbers; admins only.
func (c *Client) PlatformSummary(ctx context.Context) (PlatformSummary, error) {
	var s PlatformSummary
	err := c.c.Get(ctx, "/v1/platform/summary", nil, &s)
	return s, err
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }

// Ranges a dashboard can show, in days (ending today, UTC).
var Ranges = []int{7, 30, 90}

// DayValue is one day's value of a series: a count, or an amount in minor
// units of the dashboard's currency.
type DayValue struct {
	Day   string `json:"day"` // YYYY-MM-DD, UTC
	Value int64  `json:"value"`
}

// DayRating is one day's reviews: how many, and their average rating.
type DayRating struct {
	Day     string  `json:"day"`
	Count   int64   `json:"count"`
	Average float64 `json:"average"` // 0 when Count is 0
}

// TopProduct is a product among a shop's best sellers in the range.
type TopProduct struct {
	ProductID string `json:"product_id"`
	Name      string `json:"name"`
	Units     int64  `json:"units"`
	Revenue   int64  `json:"revenue"`
}

// TopShop is a shop among the platform's best sellers in the range.
type TopShop struct {
	ShopID  string `json:"shop_id"`
	Name    string `json:"name"`
	Orders  int64  `json:"orders"`
	Revenue int64  `json:"revenue"`
}

// Funnel counts carts and orders of a shop in the range: carts that held
// the shop's items when updated, carts checked out with its items, and its
// orders paid.
type Funnel struct {
	CartsUpdated int64 `json:"carts_updated"`
	CheckedOut   int64 `json:"checked_out"`
	Paid         int64 `json:"paid"`
}

// SellerDashboard is a shop's numbers over a range of days. Every series
// has one entry per day of the range, oldest first, days without activity
// included.
type SellerDashboard struct {
	ShopID            string       `json:"shop_id"`
	ShopName          string       `json:"shop_name"`
	Days              int          `json:"days"`
	Currency          string       `json:"currency"`
	Revenue           []DayValue   `json:"revenue"` // totals of the orders paid that day
	PaidOrders        []DayValue   `json:"paid_orders"`
	Cancellations     []DayValue   `json:"cancellations"`
	Ratings           []DayRating  `json:"ratings"` // the reviews written that day
	TotalRevenue      int64        `json:"total_revenue"`
	TotalPaidOrders   int64        `json:"total_paid_orders"`
	AverageOrderValue int64        `json:"average_order_value"` // total revenue / paid orders
	TotalCancelled    int64        `json:"total_cancelled"`
	AverageRating     float64      `json:"average_rating"` // over the range's reviews
	TopProducts       []TopProduct `json:"top_products"`   // up to 5, by revenue
	Funnel            Funnel       `json:"funnel"`
}

// PlatformDashboard is the whole platform's numbers over a range of days.
type PlatformDashboard struct {
	Days               int        `json:"days"`
	Currency           string     `json:"currency"`
	GMV                []DayValue `json:"gmv"`    // totals of the orders paid that day
	Orders             []DayValue `json:"orders"` // orders placed that day
	NewUsers           []DayValue `json:"new_users"`
	NewShops           []DayValue `json:"new_shops"`
	Cancellations      []DayValue `json:"cancellations"`
	PaymentFailures    []DayValue `json:"payment_failures"`
	TotalGMV           int64      `json:"total_gmv"`
	TotalOrders        int64      `json:"total_orders"`
	TotalNewUsers      int64      `json:"total_new_users"`
	TotalNewShops      int64      `json:"total_new_shops"`
	TotalCancelled     int64      `json:"total_cancelled"`
	PaymentAttempts    int64      `json:"payment_attempts"`
	PaymentFailed      int64      `json:"payment_failed"`
	PaymentFailureRate float64    `json:"payment_failure_rate"` // failed / attempts, 0 when none
	UsersTotal         int64      `json:"users_total"`          // all time
	TopShops           []TopShop  `json:"top_shops"`            // up to 5, by revenue
}

// RebuildResult says what a rebuild did.
type RebuildResult struct {
	Events  int64   `json:"events"`
	Seconds float64 `json:"seconds"`
}

// SellerDashboard returns the acting seller's shop's numbers over days (7,
// 30 or 90) (GET /v1/dashboards/seller). Without a shop it is
// fault.NotFound; another range is fault.Invalid.
func (c *Client) SellerDashboard(ctx context.Context, days int) (SellerDashboard, error) {
	var d SellerDashboard
	err := c.c.Get(ctx, "/v1/dashboards/seller", url.Values{"days": {strconv.Itoa(days)}}, &d)
	return d, err
}

// PlatformDashboard returns the platform's numbers over days; admins only
// (GET /v1/dashboards/platform).
func (c *Client) PlatformDashboard(ctx context.Context, days int) (PlatformDashboard, error) {
	var d PlatformDashboard
	err := c.c.Get(ctx, "/v1/dashboards/platform", url.Values{"days": {strconv.Itoa(days)}}, &d)
	return d, err
}

// Rebuild recomputes every projection from the stored events; admins only
// (POST /v1/rebuild).
func (c *Client) Rebuild(ctx context.Context) (RebuildResult, error) {
	var r RebuildResult
	err := c.c.Post(ctx, "/v1/rebuild", nil, &r)
	return r, err
}
