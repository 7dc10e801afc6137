package order_test

import (
	"context"
	"maps"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

func TestCheckoutTwoShops(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		before := h.available(mugSand, bowl, shirtWhiteS)
		req := request(line(mugSand, 2), line(shirtWhiteS, 3), line(bowl, 1))
		res := h.checkout(buyer, req)

		if res.CheckoutID != req.CheckoutID || len(res.Failed) != 0 || len(res.Orders) != 2 {
			t.Fatalf("result %+v", res)
		}
		byShop := map[string]orderclient.Order{}
		for _, o := range res.Orders {
			byShop[o.ShopID] = o
		}
		a, b := byShop[shopA.ID], byShop[shopB.ID]
		if a.Total != (orderclient.Money{Amount: 2*2400 + 5400, Currency: "EUR"}) || b.Total.Amount != 3*2900 {
			t.Fatalf("totals %+v and %+v", a.Total, b.Total)
		}
		for _, o := range res.Orders {
			if o.Status != orderclient.StatusPendingPayment || o.BuyerID != buyer.UserID || o.CheckoutID != req.CheckoutID ||
				o.Address != address || !o.ExpiresAt.Equal(start.Add(hold)) || !o.CreatedAt.Equal(start) ||
				len(o.Timeline) != 1 || o.Timeline[0].Status != "placed" || !o.Timeline[0].At.Equal(start) {
				t.Fatalf("order %+v", o)
			}
		}
		if a.ShopOwnerID != shopA.OwnerID || a.ShopName != shopA.Name || b.ShopOwnerID != shopB.OwnerID {
			t.Fatalf("shops of %+v, %+v", a, b)
		}
		// Lines keep the request's order within a shop, with the snapshot.
		if len(a.Lines) != 2 || a.Lines[0].VariationID != mugSand.ID || a.Lines[1].VariationID != bowl.ID {
			t.Fatalf("lines %+v", a.Lines)
		}
		l := a.Lines[0]
		if l.SKU != mugSand.SKU || l.VariationName != mugSand.Name || l.ProductName != demo.Products[0].Name ||
			l.ProductID != demo.Products[0].ID || l.Quantity != 2 || l.UnitPrice.Amount != 2400 || l.LineTotal.Amount != 4800 {
			t.Fatalf("line %+v", l)
		}

		// The stock is held.
		after := h.available(mugSand, bowl, shirtWhiteS)
		want := map[string]int64{mugSand.ID: before[mugSand.ID] - 2, bowl.ID: before[bowl.ID] - 1, shirtWhiteS.ID: before[shirtWhiteS.ID] - 3}
		if !maps.Equal(after, want) {
			t.Fatalf("available %v, want %v", after, want)
		}

		// order.created carries everything its consumers need.
		created := h.events("order.created", "")
		if len(created) != 2 {
			t.Fatalf("%d order.created", len(created))
		}
		for _, e := range created {
			o := byShop[e.Created.ShopID]
			c := e.Created
			if c.OrderID != o.ID || c.CheckoutID != req.CheckoutID || c.BuyerID != buyer.UserID || c.ShopOwnerID != o.ShopOwnerID ||
				c.Total != o.Total.Amount || c.Currency != "EUR" || c.Version != 1 || len(c.Lines) != len(o.Lines) ||
				!c.ExpiresAt.Equal(o.ExpiresAt) || !c.CreatedAt.Equal(start) ||
				c.Address != (orderevents.Address{FullName: address.FullName, Address: address.Address, City: address.City, PostalCode: address.PostalCode, Country: address.Country}) {
				t.Fatalf("order.created %+v for %+v", c, o)
			}
			if c.Lines[0].LineTotal != o.Lines[0].LineTotal.Amount || c.Lines[0].SKU != o.Lines[0].SKU {
				t.Fatalf("event lines %+v", c.Lines)
			}
		}

		// The buyer finds them; each shop's owner finds theirs.
		for _, o := range res.Orders {
			sameJSON(t, "order read back", h.get(buyer, o.ID), o)
		}
		mine, err := h.client.Mine(as(buyer), 1)
		if err != nil || mine.Total != 2 || len(mine.Items) != 2 || mine.PerPage != 20 || mine.Page != 1 {
			t.Fatalf("mine %+v, %v", mine, err)
		}
		shop, err := h.client.ShopOrders(as(ownerB), "", 1)
		if err != nil || shop.Total != 1 || shop.Items[0].ID != b.ID {
			t.Fatalf("shop orders %+v, %v", shop, err)
		}
		shop, err = h.client.ShopOrders(as(ownerB), orderclient.StatusPaid, 1)
		if err != nil || shop.Total != 0 || len(shop.Items) != 0 {
			t.Fatalf("paid shop orders %+v, %v", shop, err)
		}
		_, err = h.client.ShopOrders(as(ownerB), "failed", 1)
		testkit.WantFault(t, err, fault.Invalid, "status")
		_, err = h.client.Mine(context.Background(), 1)
		testkit.WantFault(t, err, fault.Unauthenticated)
		if none, err := h.client.Mine(as(other), 1); err != nil || none.Total != 0 || len(none.Items) != 0 {
			t.Fatalf("another shopper's orders: %+v, %v", none, err)
		}
	})
}

func TestCheckoutStatements(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.checkout(buyer, request(line(mugSand, 1))) // warm up
		req := request(line(mugSand, 1), line(bowl, 1), line(shirtWhiteS, 2))
		n := h.db.Statements()
		h.checkout(buyer, req)
		first := h.db.Statements() - n
		n = h.db.Statements()
		h.checkout(buyer, req)
		replay := h.db.Statements() - n
		t.Logf("SQL statements of the order service: %d for a checkout of two shops, %d for its replay", first, replay)
		if first > 8 || replay > 4 {
			t.Fatalf("%d statements for a checkout, %d for a replay: want at most 8 and 4", first, replay)
		}
	})
}

func TestCheckoutPartialFailures(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)

		// Shop A's line asks for more than is available: shop A fails, B
		// goes on.
		before := h.available(plates, mugSand, shirtWhiteS)
		res := h.checkout(buyer, request(line(mugSand, 1), line(plates, 20), line(shirtWhiteS, 1)))
		if len(res.Orders) != 1 || res.Orders[0].ShopID != shopB.ID || len(res.Failed) != 1 {
			t.Fatalf("result %+v", res)
		}
		f := res.Failed[0]
		if f.ShopID != shopA.ID || f.ShopName != shopA.Name || f.Reason == "" ||
			!maps.Equal(f.Lines, map[string]string{plates.ID: "only 6 left"}) {
			t.Fatalf("failure %+v", f)
		}
		if got := h.available(plates, mugSand, shirtWhiteS); got[plates.ID] != before[plates.ID] ||
			got[mugSand.ID] != before[mugSand.ID] || got[shirtWhiteS.ID] != before[shirtWhiteS.ID]-1 {
			t.Fatalf("available %v, before %v", got, before)
		}
		// The failed order is kept, shown to nobody, announced nowhere.
		if h.count("orders", "status = ?", "failed") != 1 || h.count("orders", "") != 2 || len(h.events("order.created", "")) != 1 {
			t.Fatal("the failed order is not kept as failed, or was announced")
		}
		var failedID string
		if err := h.db.Conn(context.Background()).Raw(`SELECT id FROM orders WHERE status = 'failed'`).Scan(&failedID).Error; err != nil {
			t.Fatal(err)
		}
		for _, who := range []actor.Actor{buyer, ownerA, admin} {
			_, err := h.client.Get(as(who), failedID)
			testkit.WantFault(t, err, fault.NotFound)
		}
		if mine, _ := h.client.Mine(as(buyer), 1); mine.Total != 1 {
			t.Fatalf("the buyer sees %d orders", mine.Total)
		}
		if shop, _ := h.client.ShopOrders(as(ownerA), "", 1); shop.Total != 0 {
			t.Fatalf("shop A sees %d orders", shop.Total)
		}

		// A price that changed fails its shop.
		wrong := line(mugSand, 1)
		wrong.ExpectedPrice = 2300
		before = h.available(mugSand, bowl)
		res = h.checkout(buyer, request(wrong, line(bowl, 1), line(shirtWhiteS, 1)))
		if len(res.Orders) != 1 || res.Orders[0].ShopID != shopB.ID || len(res.Failed) != 1 ||
			res.Failed[0].ShopID != shopA.ID || !maps.Equal(res.Failed[0].Lines, map[string]string{mugSand.ID: "price changed to €24.00"}) {
			t.Fatalf("result %+v", res)
		}
		if got := h.available(mugSand, bowl); !maps.Equal(got, before) {
			t.Fatalf("available %v, before %v", got, before)
		}

		// A variation nobody sells any more fails without a shop.
		gone := id.New()
		res = h.checkout(buyer, request(orderclient.CheckoutLine{VariationID: gone, Quantity: 1, ExpectedPrice: 100}, line(shirtWhiteS, 1)))
		if len(res.Orders) != 1 || len(res.Failed) != 1 || res.Failed[0].ShopID != "" ||
			!maps.Equal(res.Failed[0].Lines, map[string]string{gone: "no longer sold"}) {
			t.Fatalf("result %+v", res)
		}

		// When every shop fails there are no orders, but a result.
		res = h.checkout(buyer, request(line(plates, 20)))
		if len(res.Orders) != 0 || len(res.Failed) != 1 {
			t.Fatalf("result %+v", res)
		}
	})
}

func TestCheckoutIdempotent(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		before := h.available(mugSand, shirtWhiteS)
		// Shop C's speakers are 4 in stock: that shop fails.
		req := request(line(mugSand, 2), line(shirtWhiteS, 1), line(speakers, 20))
		results := make([]orderclient.CheckoutResult, 10)
		errs := make([]error, 10)
		var wg sync.WaitGroup
		for i := range results {
			wg.Go(func() { results[i], errs[i] = h.client.Checkout(as(buyer), req) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("request %d: %v", i, err)
			}
			sameJSON(t, "results", results[i], results[0])
		}
		if len(results[0].Orders) != 2 || len(results[0].Failed) != 1 {
			t.Fatalf("result %+v", results[0])
		}
		if h.count("checkouts", "") != 1 || h.count("orders", "") != 3 || h.count("orders", "status = ?", "pending_payment") != 2 ||
			len(h.events("order.created", "")) != 2 {
			t.Fatalf("%d checkouts, %d orders, %d order.created", h.count("checkouts", ""), h.count("orders", ""), len(h.events("order.created", "")))
		}
		after := h.available(mugSand, shirtWhiteS)
		if after[mugSand.ID] != before[mugSand.ID]-2 || after[shirtWhiteS.ID] != before[shirtWhiteS.ID]-1 {
			t.Fatalf("available %v, before %v", after, before)
		}

		// Later, the same again: the same answer, nothing changes.
		snap := h.snapshot()
		h.clock.Advance(100 * time.Millisecond)
		sameJSON(t, "replay", h.checkout(buyer, req), results[0])
		h.unchanged(snap)

		// The same id for another checkout, or by someone else, is refused.
		changed := req
		changed.Lines = []orderclient.CheckoutLine{line(mugSand, 3)}
		_, err := h.client.Checkout(as(buyer), changed)
		if fe := testkit.WantFault(t, err, fault.Conflict); fe.Message != "this checkout id was already used for a different checkout" {
			t.Fatalf("message %q", fe.Message)
		}
		moved := req
		moved.Address.City = "Paris"
		_, err = h.client.Checkout(as(buyer), moved)
		testkit.WantFault(t, err, fault.Conflict)
		_, err = h.client.Checkout(as(other), req)
		testkit.WantFault(t, err, fault.Conflict)
		h.unchanged(snap)
	})
}

func TestCheckoutBadInput(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.checkout(buyer, request(line(mugSand, 1)))
		stock := h.available(mugSand, bowl)
		snap := h.snapshot()
		withLine := func(l orderclient.CheckoutLine) orderclient.CheckoutRequest { return request(l) }
		noAddress := func(clear func(*orderclient.Address)) orderclient.CheckoutRequest {
			r := request(line(mugSand, 1))
			clear(&r.Address)
			return r
		}
		quantity := func(n int64) orderclient.CheckoutRequest {
			l := line(mugSand, 1)
			l.Quantity = n
			return withLine(l)
		}
		tests := []struct {
			name   string
			req    orderclient.CheckoutRequest
			fields []string
		}{
			{"quantity 0", quantity(0), []string{"lines[0].quantity"}},
			{"quantity -1", quantity(-1), []string{"lines[0].quantity"}},
			{"quantity 21", quantity(21), []string{"lines[0].quantity"}},
			{"unknown variation", withLine(orderclient.CheckoutLine{VariationID: id.New(), Quantity: 1, ExpectedPrice: 100}), []string{"lines"}},
			{"variation id not a uuid", withLine(orderclient.CheckoutLine{VariationID: "DEMO-01-1", Quantity: 1, ExpectedPrice: 2400}), []string{"lines[0].variation_id"}},
			{"no full name", noAddress(func(a *orderclient.Address) { a.FullName = "" }), []string{"full_name"}},
			{"no address", noAddress(func(a *orderclient.Address) { a.Address = " " }), []string{"address"}},
			{"no city", noAddress(func(a *orderclient.Address) { a.City = "" }), []string{"city"}},
			{"no postal code", noAddress(func(a *orderclient.Address) { a.PostalCode = "" }), []string{"postal_code"}},
			{"no country", noAddress(func(a *orderclient.Address) { a.Country = "" }), []string{"country"}},
			{"country too long", noAddress(func(a *orderclient.Address) { a.Country = strings.Repeat("x", 57) }), []string{"country"}},
			{"no address at all", noAddress(func(a *orderclient.Address) { *a = orderclient.Address{} }),
				[]string{"full_name", "address", "city", "postal_code", "country"}},
			{"empty lines", request(), []string{"lines"}},
			{"duplicate variation", request(line(mugSand, 1), line(bowl, 1), line(mugSand, 2)), []string{"lines[2].variation_id"}},
			{"checkout id not a uuid", func() orderclient.CheckoutRequest {
				r := request(line(mugSand, 1))
				r.CheckoutID = "checkout-1"
				return r
			}(), []string{"checkout_id"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := h.client.Checkout(as(buyer), tt.req)
				testkit.WantFault(t, err, fault.Invalid, tt.fields...)
				h.unchanged(snap)
			})
		}
		// Signed-in buyers only.
		_, err := h.client.Checkout(context.Background(), request(line(mugSand, 1)))
		testkit.WantFault(t, err, fault.Unauthenticated)
		// Not JSON at all.
		if code := h.post(buyer, "/v1/checkouts", `{"checkout_id": `); code != http.StatusUnprocessableEntity {
			t.Fatalf("malformed body: %d", code)
		}
		h.unchanged(snap)
		if got := h.available(mugSand, bowl); !maps.Equal(got, stock) {
			t.Fatalf("available %v, before %v", got, stock)
		}
	})
}

func TestCheckoutRecovers(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		stock := h.available(mugSand, shirtWhiteS)

		// The warehouse is down: the checkout is recorded, reserving, and
		// the client is told to come back.
		h.warehouse.down.Store(true)
		req := request(line(mugSand, 1), line(shirtWhiteS, 2))
		_, err := h.client.Checkout(as(buyer), req)
		testkit.WantFault(t, err, fault.Unavailable)
		if h.count("orders", "status = ?", "reserving") != 2 || len(h.events("", "")) != 0 {
			t.Fatal("the orders are not recorded as reserving, or were announced")
		}
		if mine, _ := h.client.Mine(as(buyer), 1); mine.Total != 0 {
			t.Fatal("a reserving order is shown")
		}

		// It comes back, and so does the client: the checkout resumes.
		h.warehouse.down.Store(false)
		res := h.checkout(buyer, req)
		if len(res.Orders) != 2 || h.count("orders", "status = ?", "pending_payment") != 2 || len(h.events("order.created", "")) != 2 {
			t.Fatalf("result %+v", res)
		}
		sameJSON(t, "replay", h.checkout(buyer, req), res)
		if got := h.available(mugSand, shirtWhiteS); got[mugSand.ID] != stock[mugSand.ID]-1 || got[shirtWhiteS.ID] != stock[shirtWhiteS.ID]-2 {
			t.Fatalf("available %v, before %v", got, stock)
		}

		// A client that never comes back: the worker finishes the checkout
		// once it has been reserving for more than a minute.
		h.warehouse.down.Store(true)
		lost := request(line(mugSand, 3))
		_, err = h.client.Checkout(as(buyer), lost)
		testkit.WantFault(t, err, fault.Unavailable)
		h.warehouse.down.Store(false)
		if n, err := h.svc.ResumeInterrupted(context.Background()); err != nil || n != 0 {
			t.Fatalf("resumed %d (%v) while the request may still be running", n, err)
		}
		h.clock.Advance(61 * time.Second)
		if n, err := h.svc.ResumeInterrupted(context.Background()); err != nil || n != 1 {
			t.Fatalf("resumed %d, %v", n, err)
		}
		if h.count("orders", "status = ?", "reserving") != 0 || len(h.events("order.created", "")) != 3 {
			t.Fatal("the interrupted checkout was not finished")
		}
		if got := h.available(mugSand); got[mugSand.ID] != stock[mugSand.ID]-4 {
			t.Fatalf("available %v", got)
		}
		again := h.checkout(buyer, lost)
		if len(again.Orders) != 1 || again.Orders[0].Status != orderclient.StatusPendingPayment ||
			!again.Orders[0].ExpiresAt.Equal(h.clock.Now().Add(hold)) {
			t.Fatalf("replay %+v", again)
		}
		if n, err := h.svc.ResumeInterrupted(context.Background()); err != nil || n != 0 {
			t.Fatalf("resumed %d, %v", n, err)
		}
	})
}
