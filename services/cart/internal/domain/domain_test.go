package domain

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/platform/fault"
)

var now = time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

func TestTheContractsConstants(t *testing.T) {
	if MaxLineQuantity != cartclient.MaxLineQuantity || MaxLines != cartclient.MaxLines {
		t.Fatal("limits differ from cartclient's")
	}
	for mine, theirs := range map[string]string{
		ProblemNone: cartclient.ProblemNone, ProblemOutOfStock: cartclient.ProblemOutOfStock,
		ProblemNotEnough: cartclient.ProblemNotEnough, ProblemUnavailable: cartclient.ProblemUnavailable,
		ProblemPriceChanged: cartclient.ProblemPriceChanged,
	} {
		if mine != theirs {
			t.Fatalf("problem %q is %q in cartclient", mine, theirs)
		}
	}
}

func eur(n int64) Money { return Money{Amount: n, Currency: "EUR"} }

// offer is a variation of shop s at price with available stock.
func offer(vid, shop string, price, available int64) Offer {
	return Offer{VariationID: vid, ProductID: "p-" + vid, ShopID: shop, Price: eur(price), Available: available, AvailableKnown: true}
}

// cartWith is a cart holding the variations with their quantities, in
// that order, added at price 100.
func cartWith(lines ...any) *Cart {
	var ls []Line
	for i := 0; i < len(lines); i += 2 {
		vid := lines[i].(string)
		ls = append(ls, Line{VariationID: vid, ProductID: "p-" + vid, ShopID: "s1", Quantity: int64(lines[i+1].(int)),
			AddedPrice: eur(100), Position: int64(i/2 + 1), AddedAt: now})
	}
	return RebuildCart("c", "", 3, ls, now, now)
}

func quantities(c *Cart) map[string]int64 {
	out := map[string]int64{}
	for _, l := range c.Lines() {
		out[l.VariationID] = l.Quantity
	}
	return out
}

func wantErr(t *testing.T, err error, target *fault.Error, contains string) {
	t.Helper()
	switch {
	case target == nil && err != nil:
		t.Fatalf("err = %v", err)
	case target == nil:
		return
	case !errors.Is(err, target):
		t.Fatalf("err = %v, want %s", err, target.Category)
	}
	if fe, _ := fault.As(err); !strings.Contains(fe.Message, contains) {
		t.Fatalf("message %q, want %q", fe.Message, contains)
	}
}

func TestAdd(t *testing.T) {
	full := func() *Cart {
		var args []any
		for i := range MaxLines {
			args = append(args, fmt.Sprintf("v%d", i), 1)
		}
		return cartWith(args...)
	}
	gone := offer("a", "s1", 100, 10)
	gone.Gone = true
	for _, tc := range []struct {
		name   string
		cart   *Cart
		offer  Offer
		q      int64
		err    *fault.Error
		msg    string
		wantQ  int64
		change bool
	}{
		{"new line", cartWith(), offer("a", "s1", 100, 5), 2, nil, "", 2, true},
		{"more of a line", cartWith("a", 2), offer("a", "s1", 100, 5), 3, nil, "", 5, true},
		{"zero", cartWith(), offer("a", "s1", 100, 5), 0, fault.Invalid, "at least 1", 0, false},
		{"negative", cartWith(), offer("a", "s1", 100, 5), -1, fault.Invalid, "at least 1", 0, false},
		{"21 in all", cartWith("a", 19), offer("a", "s1", 100, 50), 2, fault.Invalid, "at most 20", 19, false},
		{"exactly 20", cartWith("a", 19), offer("a", "s1", 100, 50), 1, nil, "", 20, true},
		{"above stock", cartWith("a", 2), offer("a", "s1", 100, 3), 2, fault.Invalid, "only 3 available", 2, false},
		{"out of stock", cartWith(), offer("a", "s1", 100, 0), 1, fault.Invalid, "out of stock", 0, false},
		{"gone", cartWith(), gone, 1, fault.NotFound, "no such", 0, false},
		{"full cart, new line", full(), offer("a", "s1", 100, 5), 1, fault.Conflict, "at most 100", 0, false},
		{"full cart, more of a line", full(), offer("v7", "s1", 100, 5), 1, nil, "", 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.cart.Version()
			err := tc.cart.Add(tc.offer, tc.q, now)
			wantErr(t, err, tc.err, tc.msg)
			if got := quantities(tc.cart)[tc.offer.VariationID]; got != tc.wantQ {
				t.Fatalf("quantity %d, want %d", got, tc.wantQ)
			}
			if changed := tc.cart.Version() != v; changed != tc.change {
				t.Fatalf("version %d -> %d", v, tc.cart.Version())
			}
		})
	}
}

func TestAddKeepsPriceAndOrder(t *testing.T) {
	c := NewCart("c", "u", now)
	if c.Version() != 1 || c.IsGuest() {
		t.Fatalf("new cart %+v", c)
	}
	for _, o := range []Offer{offer("b", "s2", 300, 9), offer("a", "s1", 200, 9), offer("b", "s2", 999, 9)} {
		if err := c.Add(o, 1, now); err != nil {
			t.Fatal(err)
		}
	}
	ls := c.Lines()
	if len(ls) != 2 || ls[0].VariationID != "b" || ls[0].Quantity != 2 || ls[0].AddedPrice != eur(300) || ls[1].Position <= ls[0].Position {
		t.Fatalf("lines %+v", ls)
	}
}

func TestSetQuantity(t *testing.T) {
	gone := offer("a", "s1", 100, 0)
	gone.Gone = true
	for _, tc := range []struct {
		name  string
		vid   string
		q     int64
		offer Offer
		err   *fault.Error
		wantQ int64
	}{
		{"more within stock", "a", 5, offer("a", "s1", 100, 5), nil, 5},
		{"more than stock", "a", 6, offer("a", "s1", 100, 5), fault.Invalid, 4},
		{"less, even above stock", "a", 3, offer("a", "s1", 100, 1), nil, 3},
		{"less of a gone item", "a", 1, gone, nil, 1},
		{"more of a gone item", "a", 5, gone, fault.Invalid, 4},
		{"above the limit", "a", 21, offer("a", "s1", 100, 50), fault.Invalid, 4},
		{"negative", "a", -1, offer("a", "s1", 100, 5), fault.Invalid, 4},
		{"zero removes", "a", 0, offer("a", "s1", 100, 5), nil, 0},
		{"not in the cart", "x", 1, offer("x", "s1", 100, 5), fault.NotFound, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := cartWith("a", 4, "b", 1)
			err := c.SetQuantity(tc.vid, tc.q, tc.offer, now)
			wantErr(t, err, tc.err, "")
			if got := quantities(c)[tc.vid]; got != tc.wantQ {
				t.Fatalf("quantity %d, want %d", got, tc.wantQ)
			}
		})
	}
}

func TestRemove(t *testing.T) {
	c := cartWith("a", 1, "b", 2)
	if err := c.Remove("a", now); err != nil || c.Version() != 4 {
		t.Fatalf("remove: %v, version %d", err, c.Version())
	}
	wantErr(t, c.Remove("a", now), fault.NotFound, "not in the cart")
	if c.RemoveWhere(func(l Line) bool { return l.VariationID == "x" }, now) || c.Version() != 4 {
		t.Fatal("removing nothing changed the cart")
	}
	if !c.RemoveWhere(func(l Line) bool { return l.ShopID == "s1" }, now) || !c.Empty() || c.Version() != 5 {
		t.Fatalf("remove where: %+v", c.Lines())
	}
}

func TestMerge(t *testing.T) {
	unknown := offer("u", "s1", 100, 0)
	unknown.AvailableKnown = false
	gone := offer("g", "s1", 100, 9)
	gone.Gone = true
	offers := map[string]Offer{
		"a": offer("a", "s1", 100, 4), "b": offer("b", "s1", 100, 50), "c": offer("c", "s2", 100, 0),
		"d": offer("d", "s2", 100, 9), "u": unknown, "g": gone, "low": offer("low", "s1", 100, 1),
	}
	for _, tc := range []struct {
		name   string
		user   *Cart
		guest  *Cart
		want   map[string]int64
		change bool
	}{
		{"add up within stock", cartWith("a", 2), cartWith("a", 3), map[string]int64{"a": 4}, true},
		{"add up within 20", cartWith("b", 10), cartWith("b", 15), map[string]int64{"b": 20}, true},
		{"never below what the user has", cartWith("low", 3), cartWith("low", 2), map[string]int64{"low": 3}, false},
		{"new lines after the user's", cartWith("a", 1), cartWith("d", 2, "a", 1), map[string]int64{"a": 2, "d": 2}, true},
		{"sold out new line left out", cartWith(), cartWith("c", 2), map[string]int64{}, false},
		{"unknown stock: limits only", cartWith(), cartWith("u", 25), map[string]int64{"u": 20}, true},
		{"gone left out", cartWith(), cartWith("g", 1), map[string]int64{}, false},
		{"nothing to merge", cartWith("a", 1), cartWith(), map[string]int64{"a": 1}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.user.Version()
			changed := tc.user.Merge(tc.guest.Lines(), offers, now)
			if got := quantities(tc.user); !maps.Equal(got, tc.want) || changed != tc.change || (tc.user.Version() != v) != changed {
				t.Fatalf("merged %v (changed %v), want %v (%v)", got, changed, tc.want, tc.change)
			}
		})
	}
	// New lines keep their order and price, after the user's.
	u := cartWith("a", 1)
	g := RebuildCart("g", "", 2, []Line{
		{VariationID: "d", ShopID: "s2", Quantity: 1, AddedPrice: eur(77), Position: 1},
		{VariationID: "b", ShopID: "s1", Quantity: 1, AddedPrice: eur(88), Position: 2},
	}, now, now)
	u.Merge(g.Lines(), offers, now)
	ls := u.Lines()
	if len(ls) != 3 || ls[1].VariationID != "d" || ls[1].AddedPrice != eur(77) || ls[2].VariationID != "b" {
		t.Fatalf("lines %+v", ls)
	}
}

func TestRestore(t *testing.T) {
	c := cartWith("a", 15)
	changed := c.Restore([]Line{
		{VariationID: "a", Quantity: 10, AddedPrice: eur(50)},
		{VariationID: "b", ShopID: "s2", Quantity: 25, AddedPrice: eur(60)},
	}, now)
	if q := quantities(c); !changed || q["a"] != 20 || q["b"] != 20 {
		t.Fatalf("restored %v", q)
	}
	if l, _ := c.Line("a"); l.AddedPrice != eur(100) {
		t.Fatalf("a user's line kept its price? %+v", l)
	}
	if l, _ := c.Line("b"); l.AddedPrice != eur(60) || l.Position != 2 {
		t.Fatalf("restored line %+v", l)
	}
	if c.Restore([]Line{{VariationID: "a", Quantity: 1}}, now) {
		t.Fatal("a full line changed")
	}
}

func TestPrices(t *testing.T) {
	c := cartWith("a", 1, "b", 1, "g", 1)
	gone := offer("g", "s1", 500, 9)
	gone.Gone = true
	offers := map[string]Offer{"a": offer("a", "s1", 120, 9), "b": offer("b", "s1", 100, 9), "g": gone}
	changed := c.PriceChanged(offers)
	if !slices.Equal(changed, []string{"a"}) {
		t.Fatalf("changed %v", changed)
	}
	if !c.ConfirmPrices(changed, offers, now) || len(c.PriceChanged(offers)) != 0 {
		t.Fatal("prices not confirmed")
	}
	if c.ConfirmPrices(changed, offers, now) {
		t.Fatal("confirming twice changed the cart")
	}
}

func TestProblemOf(t *testing.T) {
	l := Line{VariationID: "a", Quantity: 3, AddedPrice: eur(100)}
	unknownStock := offer("a", "s1", 100, 0)
	unknownStock.AvailableKnown = false
	gone := offer("a", "s1", 100, 9)
	gone.Gone = true
	for _, tc := range []struct {
		name  string
		offer Offer
		known bool
		want  string
	}{
		{"fine", offer("a", "s1", 100, 3), true, ProblemNone},
		{"unknown variation", Offer{}, false, ProblemUnavailable},
		{"gone", gone, true, ProblemUnavailable},
		{"price changed", offer("a", "s1", 90, 0), true, ProblemPriceChanged},
		{"out of stock", offer("a", "s1", 100, 0), true, ProblemOutOfStock},
		{"not enough", offer("a", "s1", 100, 2), true, ProblemNotEnough},
		{"stock unknown", unknownStock, true, ProblemNone},
	} {
		if got := ProblemOf(l, tc.offer, tc.known); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	c := RebuildCart("c", "", 5, []Line{
		{VariationID: "b1", ShopID: "B", Quantity: 1, AddedPrice: eur(1000), Position: 2},
		{VariationID: "a1", ShopID: "A", Quantity: 2, AddedPrice: eur(300), Position: 1},
		{VariationID: "a2", ShopID: "A", Quantity: 1, AddedPrice: eur(500), Position: 3},
		{VariationID: "x", ShopID: "B", Quantity: 4, AddedPrice: eur(50), Position: 4},
	}, now, now)
	offers := map[string]Offer{
		"a1": offer("a1", "A", 300, 9), "a2": offer("a2", "A", 600, 9), "b1": offer("b1", "B", 1000, 9),
	}
	a1 := offers["a1"]
	a1.ShopName = "Shop A"
	offers["a1"] = a1
	s := Summarize(c, offers)
	if len(s.Groups) != 2 || s.Groups[0].ShopID != "A" || s.Groups[0].ShopName != "Shop A" || s.Groups[1].ShopID != "B" {
		t.Fatalf("groups %+v", s.Groups)
	}
	if a := s.Groups[0]; len(a.Items) != 2 || a.Items[0].VariationID != "a1" || a.Items[1].Problem != ProblemPriceChanged ||
		a.Items[1].LineTotal != eur(600) || a.Subtotal != eur(1200) {
		t.Fatalf("group A %+v", a)
	}
	// x is unknown: shown as unavailable, out of the totals, in the count.
	if b := s.Groups[1]; b.Items[1].Problem != ProblemUnavailable || b.Subtotal != eur(1000) {
		t.Fatalf("group B %+v", b)
	}
	if s.Total != eur(2200) || s.ItemCount != 8 {
		t.Fatalf("total %+v, count %d", s.Total, s.ItemCount)
	}
	if e := Summarize(NewCart("e", "", now), nil); len(e.Groups) != 0 || e.Total != (Money{Currency: DefaultCurrency}) {
		t.Fatalf("empty %+v", e)
	}
}

func TestNewAddress(t *testing.T) {
	good := Address{FullName: " Alice Brown ", Address: "1 Main St", City: "Oslo", PostalCode: "0150", Country: "NO"}
	a, err := NewAddress(good)
	if err != nil || a.FullName != "Alice Brown" {
		t.Fatalf("good address: %+v %v", a, err)
	}
	for _, tc := range []struct {
		name   string
		change func(*Address)
		field  string
	}{
		{"no name", func(a *Address) { a.FullName = "  " }, "address.full_name"},
		{"long address", func(a *Address) { a.Address = strings.Repeat("x", 201) }, "address.address"},
		{"no city", func(a *Address) { a.City = "" }, "address.city"},
		{"long postal code", func(a *Address) { a.PostalCode = strings.Repeat("1", 21) }, "address.postal_code"},
		{"short country", func(a *Address) { a.Country = "N" }, "address.country"},
	} {
		a := good
		tc.change(&a)
		_, err := NewAddress(a)
		if fe, ok := fault.As(err); !ok || fe.Category != fault.CategoryInvalid || len(fe.Fields) != 1 || fe.Fields[tc.field] == "" {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
