package cart_test

import (
	"slices"
	"testing"

	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/product/productevents"
	"github.com/marketplace/marketplace/services/shop/shopevents"
	"github.com/marketplace/marketplace/services/user/userevents"
	"github.com/marketplace/marketplace/services/warehouse/warehouseevents"
)

func TestPriceChangeShowsAndVersionsKeepTheNewest(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.listed(newShop("Threadline"), "Shirt", []int64{2900, 3100}, 10, 10)
		h.add(alice, cartclient.Mine, p.Vids[0], 1)
		n := len(h.events())

		p.Prices = []int64{3200, 3100}
		h.deliver("product", updated(p, 3))
		it := item(t, h.get(alice, cartclient.Mine), p.Vids[0])
		if it.Problem != cartclient.ProblemPriceChanged || it.UnitPrice.Amount != 3200 || it.AddedPrice.Amount != 2900 || it.LineTotal.Amount != 3200 {
			t.Fatalf("item after the price change %+v", it)
		}
		// An older event arriving late changes nothing.
		p.Prices = []int64{2500, 3100}
		h.deliver("product", updated(p, 2), created(p, 1))
		if it := item(t, h.get(alice, cartclient.Mine), p.Vids[0]); it.UnitPrice.Amount != 3200 {
			t.Fatalf("older event applied: %+v", it)
		}
		// Prices are the projection's, not the cart's: no cart event.
		if es := h.eventsSince(n); len(es) != 0 {
			t.Fatalf("events %v", types(es))
		}

		// Shop names keep the newest too.
		h.deliver("shop", shopevents.ShopUpdated{Shop: shopevents.Shop{ShopID: p.Shop.ID, Name: "Threadline Apparel", Version: 3}})
		h.deliver("shop", shopevents.ShopUpdated{Shop: shopevents.Shop{ShopID: p.Shop.ID, Name: "Old name", Version: 2}})
		if c := h.get(alice, cartclient.Mine); c.Groups[0].ShopName != "Threadline Apparel" {
			t.Fatalf("shop name %q", c.Groups[0].ShopName)
		}

		// A variation left out of a product.updated is gone: its line
		// stays, marked, out of the total.
		h.add(alice, cartclient.Mine, p.Vids[1], 2)
		p.Vids, p.Prices = p.Vids[:1], p.Prices[:1]
		h.deliver("product", updated(p, 4))
		c := h.get(alice, cartclient.Mine)
		gone := item(t, c, c.Groups[0].Items[1].VariationID)
		if gone.Problem != cartclient.ProblemUnavailable || c.Total.Amount != 2500 || c.ItemCount != 3 {
			t.Fatalf("after a variation went: %+v", c)
		}
		_, err := h.client.AddItem(as(alice), cartclient.Mine, cartclient.AddItemRequest{VariationID: gone.VariationID, Quantity: 1})
		testkit.WantFault(t, err, fault.NotFound)
	})
}

func TestStockEventsShowProblems(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.listed(newShop("Volt & Wire"), "Cable", []int64{900, 1200}, 5, 5)
		g := h.guest()
		h.add(nobody, g.ID, p.Vids[0], 2)
		h.add(nobody, g.ID, p.Vids[1], 3)

		decreased := func(vid string, available, version int64) warehouseevents.StockDecreased {
			return warehouseevents.StockDecreased{StockChange: warehouseevents.StockChange{
				VariationID: vid, Quantity: 1, Available: available, Reason: "reserved", MovementID: id.New(), Version: version, At: start,
			}}
		}
		h.deliver("warehouse", decreased(p.Vids[0], 0, 5), decreased(p.Vids[1], 1, 4))
		c := h.get(nobody, g.ID)
		if it := item(t, c, p.Vids[0]); it.Problem != cartclient.ProblemOutOfStock || it.Available != 0 {
			t.Fatalf("sold out %+v", it)
		}
		if it := item(t, c, p.Vids[1]); it.Problem != cartclient.ProblemNotEnough || it.Available != 1 {
			t.Fatalf("not enough %+v", it)
		}
		// Out of stock still counts in the total: the order service decides.
		if c.Total.Amount != 2*900+3*1200 {
			t.Fatalf("total %+v", c.Total)
		}
		// Older movements arriving late change nothing.
		h.deliver("warehouse", decreased(p.Vids[0], 3, 4), decreased(p.Vids[1], 4, 3))
		c = h.get(nobody, g.ID)
		if item(t, c, p.Vids[0]).Available != 0 || item(t, c, p.Vids[1]).Available != 1 {
			t.Fatalf("older stock applied %+v", c)
		}
		// Lowering a quantity is allowed above the stock; raising is not.
		if _, err := h.client.SetQuantity(as(nobody), g.ID, p.Vids[1], 2); err != nil {
			t.Fatal(err)
		}
		_, err := h.client.SetQuantity(as(nobody), g.ID, p.Vids[0], 3)
		if fe := testkit.WantFault(t, err, fault.Invalid, "quantity"); fe.Fields["quantity"] != "out of stock" {
			t.Fatalf("raise sold out: %v", fe.Fields)
		}
	})
}

func TestProductAndShopDeletionDropItems(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		clay, volt := newShop("Nordic Clay"), newShop("Volt & Wire")
		mug := h.listed(clay, "Mug", []int64{2400}, 10)
		bowl := h.listed(clay, "Bowl", []int64{5400}, 10)
		lamp := h.listed(volt, "Lamp", []int64{4500}, 10)

		g := h.guest()
		h.add(nobody, g.ID, mug.Vids[0], 1)
		h.add(nobody, g.ID, lamp.Vids[0], 1)
		mine := h.add(alice, cartclient.Mine, mug.Vids[0], 2)
		h.add(alice, cartclient.Mine, bowl.Vids[0], 1)
		other := h.add(bob, cartclient.Mine, lamp.Vids[0], 1)
		n := len(h.events())

		// Delivered twice: applied once.
		env := testkit.Event(t, "product", productevents.ProductDeleted{
			ProductID: mug.ID, ShopID: clay.ID, OwnerID: seller.UserID, VariationIDs: mug.Vids, Version: 2, DeletedAt: start,
		})
		h.deliverEnvelopes(env, env)
		es := h.eventsSince(n)
		got := types(es)
		slices.Sort(got)
		if want := []string{"cart.updated " + g.ID, "cart.updated " + mine.ID}; !slices.Equal(got, slices.Sorted(slices.Values(want))) {
			t.Fatalf("events %v, want %v", got, want)
		}
		if u := lastUpdate(t, es, mine.ID); len(u.Items) != 1 || u.Items[0].VariationID != bowl.Vids[0] {
			t.Fatalf("cart.updated %+v", u)
		}
		if q := quantities(h.get(nobody, g.ID)); len(q) != 1 || q[lamp.Vids[0]] != 1 {
			t.Fatalf("guest cart %v", q)
		}
		// The product can no longer be added, and a late update does not
		// bring it back.
		h.deliver("product", updated(mug, 1))
		_, err := h.client.AddItem(as(alice), cartclient.Mine, cartclient.AddItemRequest{VariationID: mug.Vids[0], Quantity: 1})
		testkit.WantFault(t, err, fault.NotFound)

		// A shop deleted: its items leave every cart.
		n = len(h.events())
		env = testkit.Event(t, "shop", shopevents.ShopDeleted{ShopID: volt.ID, OwnerID: seller.UserID, Version: 2, DeletedAt: start})
		h.deliverEnvelopes(env, env)
		got = types(h.eventsSince(n))
		slices.Sort(got)
		if want := slices.Sorted(slices.Values([]string{"cart.updated " + g.ID, "cart.updated " + other.ID})); !slices.Equal(got, want) {
			t.Fatalf("events %v, want %v", got, want)
		}
		if c := h.get(bob, cartclient.Mine); c.ID != other.ID || len(c.Groups) != 0 {
			t.Fatalf("bob's cart %+v", c)
		}
		_, err = h.client.AddItem(as(bob), cartclient.Mine, cartclient.AddItemRequest{VariationID: lamp.Vids[0], Quantity: 1})
		testkit.WantFault(t, err, fault.NotFound)
		if c := h.get(alice, cartclient.Mine); len(quantities(c)) != 1 {
			t.Fatalf("alice's cart %+v", c)
		}
	})
}

func TestUserDeletedDeletesTheCart(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.listed(newShop("Paper Trail"), "Pen", []int64{500}, 10)
		c := h.add(alice, cartclient.Mine, p.Vids[0], 1)
		h.add(bob, cartclient.Mine, p.Vids[0], 1)
		n := len(h.events())

		env := testkit.Event(t, "user", userevents.UserDeleted{UserID: alice.UserID, DeletedAt: start})
		h.deliverEnvelopes(env, env)
		es := h.eventsSince(n)
		if len(es) != 1 || es[0].Type != "cart.deleted" || es[0].Deleted.CartID != c.ID || es[0].Deleted.OwnerID != alice.UserID ||
			es[0].Deleted.Version != c.Version+1 {
			t.Fatalf("events %+v", es)
		}
		if got := h.get(alice, cartclient.Mine); got.ID != "" || len(got.Groups) != 0 {
			t.Fatalf("alice's cart %+v", got)
		}
		if got := h.get(bob, cartclient.Mine); len(got.Groups) != 1 {
			t.Fatalf("bob's cart %+v", got)
		}
		// An order of hers expiring later brings no cart back.
		h.deliver("order", expired(alice.UserID, p, 1))
		if got := h.get(alice, cartclient.Mine); got.ID != "" {
			t.Fatalf("cart came back %+v", got)
		}
	})
}

// expired is order.cancelled for an order of the buyer with quantity of
// each of p's variations, at their prices.
func expired(buyerID string, p product, quantity int64) orderevents.OrderCancelled {
	o := orderevents.Order{OrderID: id.New(), CheckoutID: id.New(), BuyerID: buyerID, ShopID: p.Shop.ID, Currency: "EUR", Version: 2}
	for i, vid := range p.Vids {
		o.Lines = append(o.Lines, orderevents.Line{VariationID: vid, ProductID: p.ID, Quantity: quantity,
			UnitPrice: p.Prices[i], LineTotal: p.Prices[i] * quantity})
		o.Total += p.Prices[i] * quantity
	}
	return orderevents.OrderCancelled{Order: o, Reason: orderevents.ReasonExpired, CancelledAt: start}
}

func TestExpiredOrderComesBackToTheCart(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		p := h.listed(newShop("Green Corner"), "Fern", []int64{1500, 2500}, 30, 30)
		h.add(alice, cartclient.Mine, p.Vids[0], 15)

		// Delivered twice: restored once, within the limit of 20.
		env := testkit.Event(t, "order", expired(alice.UserID, p, 10))
		h.deliverEnvelopes(env, env)
		c := h.get(alice, cartclient.Mine)
		if q := quantities(c); q[p.Vids[0]] != 20 || q[p.Vids[1]] != 10 {
			t.Fatalf("restored %v", q)
		}
		if it := item(t, c, p.Vids[1]); it.AddedPrice.Amount != 2500 || it.Problem != "" {
			t.Fatalf("restored item %+v", it)
		}
		if u := lastUpdate(t, h.events(), c.ID); u.Version != c.Version || len(u.Items) != 2 {
			t.Fatalf("cart.updated %+v", u)
		}
		// Other reasons: nothing.
		n := len(h.events())
		other := expired(bob.UserID, p, 1)
		other.Reason = orderevents.ReasonByBuyer
		h.deliver("order", other)
		if got := h.get(bob, cartclient.Mine); got.ID != "" || len(h.events()) != n {
			t.Fatalf("a buyer's cancellation restored %+v", got)
		}
		// A buyer without a cart gets one.
		h.deliver("order", expired(bob.UserID, p, 2))
		got := h.get(bob, cartclient.Mine)
		if q := quantities(got); got.ID == "" || q[p.Vids[0]] != 2 || q[p.Vids[1]] != 2 {
			t.Fatalf("bob's cart %+v", got)
		}
		if es := h.eventsSince(n); len(es) != 2 || es[0].Type != "cart.created" || es[1].Type != "cart.updated" {
			t.Fatalf("events %v", types(es))
		}
	})
}
