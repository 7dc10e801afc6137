// Package warehouseclient is the typed HTTP client of the warehouse
// service and its wire types.
package warehouseclient

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"github.com/marketplace/marketplace/services/platform/httpclient"
)

// Stock is one variation's stock. Available can be sold; Reserved is held
// for unpaid orders; Sold left with paid orders. The three add up to what
// the movement ledger says came in minus what was removed.
type Stock struct {
	VariationID string    `json:"variation_id"`
	ProductID   string    `json:"product_id"`
	ShopID      string    `json:"shop_id"`
	Available   int64     `json:"available"`
	Reserved    int64     `json:"reserved"`
	Sold        int64     `json:"sold"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Adjustment modes.
const (
	ModeSet    = "set"    // make Available exactly Quantity
	ModeAdd    = "add"    // add Quantity
	ModeRemove = "remove" // take Quantity away; never below zero
)

// Adjustment is a seller's change of stock. Reason is required (restock,
// damaged, stock count, ...), up to 200 characters.
type Adjustment struct {
	Mode     string `json:"mode"`
	Quantity int64  `json:"quantity"`
	Reason   string `json:"reason"`
}

// Movement is one line of a variation's stock ledger.
type Movement struct {
	ID             string    `json:"id"`
	VariationID    string    `json:"variation_id"`
	Kind           string    `json:"kind"` // adjustment, reserve, release, commit
	DeltaAvailable int64     `json:"delta_available"`
	DeltaReserved  int64     `json:"delta_reserved"`
	DeltaSold      int64     `json:"delta_sold"`
	Reason         string    `json:"reason"`
	Reference      string    `json:"reference,omitempty"`
	ActorID        string    `json:"actor_id,omitempty"`
	At             time.Time `json:"at"`
}

// Line is one variation and quantity of an order.
type Line struct {
	VariationID string `json:"variation_id"`
	Quantity    int64  `json:"quantity"`
}

// Reservation holds stock for one order. State is held, committed or
// released.
type Reservation struct {
	OrderID   string    `json:"order_id"`
	State     string    `json:"state"`
	Lines     []Line    `json:"lines"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ReserveRequest asks to hold every line of an order, or none.
type ReserveRequest struct {
	OrderID string `json:"order_id"`
	Lines   []Line `json:"lines"`
}

// Client calls the warehouse service.
type Client struct{ c *httpclient.Client }

// New returns a client of the warehouse service at baseURL.
func New(baseURL string, opt httpclient.Options) *Client {
	return &Client{c: httpclient.New("warehouse", baseURL, opt)}
}

// Ping reports whether the service answers.
func (c *Client) Ping(ctx context.Context) error { return c.c.Ping(ctx) }

// Availability returns how many of each variation can be sold now
// (GET /v1/availability?variation_id=...); unknown or retired variations
// are 0. Anyone may ask.
func (c *Client) Availability(ctx context.Context, variationIDs []string) (map[string]int64, error) {
	out := struct {
		Items map[string]int64 `json:"items"`
	}{}
	if len(variationIDs) == 0 {
		return map[string]int64{}, nil
	}
	err := c.c.Get(ctx, "/v1/availability", url.Values{"variation_id": variationIDs}, &out)
	return out.Items, err
}

// ProductStock returns the stock of every live variation of a product; the
// owning seller or an admin only (GET /v1/products/{id}/stock).
func (c *Client) ProductStock(ctx context.Context, productID string) ([]Stock, error) {
	var out struct {
		Items []Stock `json:"items"`
	}
	err := c.c.Get(ctx, httpclient.Path("/v1/products", productID, "stock"), nil, &out)
	return out.Items, err
}

// Adjust changes a variation's available stock and records the movement;
// the owning seller only (POST /v1/stock/{variation_id}/adjustments).
// Removing more than is available is fault.Conflict and changes nothing.
func (c *Client) Adjust(ctx context.Context, variationID string, a Adjustment) (Stock, error) {
	var s Stock
	err := c.c.Post(ctx, httpclient.Path("/v1/stock", variationID, "adjustments"), a, &s)
	return s, err
}

// Movements returns a variation's ledger, newest first; the owning seller
// or an admin only (GET /v1/stock/{variation_id}/movements).
func (c *Client) Movements(ctx context.Context, variationID string, limit int) ([]Movement, error) {
	var out struct {
		Items []Movement `json:"items"`
	}
	err := c.c.Get(ctx, httpclient.Path("/v1/stock", variationID, "movements"), url.Values{"limit": {strconv.Itoa(limit)}}, &out)
	return out.Items, err
}

// Reserve holds stock for every line of an order, or for none
// (POST /v1/reservations). Each line takes stock with one conditional
// update, so stock never goes below zero. Calling it again for the same
// order returns the same reservation; a line that cannot be held is
// fault.Conflict naming the variation in Fields.
func (c *Client) Reserve(ctx context.Context, r ReserveRequest) (Reservation, error) {
	var out Reservation
	err := c.c.Do(ctx, httpclient.Request{Method: "POST", Path: "/v1/reservations", Body: r, Out: &out, IdempotencyKey: "reserve-" + r.OrderID})
	return out, err
}

// Commit turns an order's held stock into sold stock (payment succeeded).
// Idempotent (POST /v1/reservations/{order_id}/commit).
func (c *Client) Commit(ctx context.Context, orderID string) (Reservation, error) {
	var out Reservation
	err := c.c.Do(ctx, httpclient.Request{Method: "POST", Path: httpclient.Path("/v1/reservations", orderID, "commit"), Out: &out, IdempotencyKey: "commit-" + orderID})
	return out, err
}

// Release gives an order's held stock back (cancelled or expired).
// Idempotent (POST /v1/reservations/{order_id}/release).
func (c *Client) Release(ctx context.Context, orderID string) (Reservation, error) {
	var out Reservation
	err := c.c.Do(ctx, httpclient.Request{Method: "POST", Path: httpclient.Path("/v1/reservations", orderID, "release"), Out: &out, IdempotencyKey: "release-" + orderID})
	return out, err
}

// Mismatch is a variation whose stock does not add up: its counts against
// the sums of its ledger's deltas, and its reserved and sold counts against
// its held and committed reservation lines.
type Mismatch struct {
	VariationID     string   `json:"variation_id"`
	Available       int64    `json:"available"`
	Reserved        int64    `json:"reserved"`
	Sold            int64    `json:"sold"`
	LedgerAvailable int64    `json:"ledger_available"`
	LedgerReserved  int64    `json:"ledger_reserved"`
	LedgerSold      int64    `json:"ledger_sold"`
	HeldQuantity    int64    `json:"held_quantity"`
	CommittedQty    int64    `json:"committed_quantity"`
	Problems        []string `json:"problems"`
}

// AuditReport is the result of an audit: the mismatches (none when all is
// well) and how many variations were checked.
type AuditReport struct {
	Items   []Mismatch `json:"items"`
	Checked int64      `json:"checked"`
}

// Audit checks every variation's stock against its ledger and its
// reservations; admins only (GET /v1/audit).
func (c *Client) Audit(ctx context.Context) (AuditReport, error) {
	var out AuditReport
	err := c.c.Get(ctx, "/v1/audit", nil, &out)
	return out, err
}
