package domain

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

var now = time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

const (
	v1 = "00000000-0000-4000-8000-000000000001"
	v2 = "00000000-0000-4000-8000-000000000002"
	v3 = "00000000-0000-4000-8000-000000000003"
	v4 = "00000000-0000-4000-8000-000000000004"
)

func validRequest() CheckoutRequest {
	return CheckoutRequest{
		ID:      "018f0000-0000-7000-8000-000000000001",
		Address: Address{FullName: "Ada Lovelace", Address: "1 Main St", City: "London", PostalCode: "N1 9GU", Country: "GB"},
		Lines:   []CheckoutLine{{VariationID: v1, Quantity: 2, ExpectedPrice: 2400}},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*CheckoutRequest)
		fields []string // nil: valid
	}{
		{"valid", func(*CheckoutRequest) {}, nil},
		{"checkout id not a uuid", func(r *CheckoutRequest) { r.ID = "abc" }, []string{"checkout_id"}},
		{"no checkout id", func(r *CheckoutRequest) { r.ID = "" }, []string{"checkout_id"}},
		{"no full name", func(r *CheckoutRequest) { r.Address.FullName = "   " }, []string{"full_name"}},
		{"full name too long", func(r *CheckoutRequest) { r.Address.FullName = strings.Repeat("é", 101) }, []string{"full_name"}},
		{"full name of 100 characters", func(r *CheckoutRequest) { r.Address.FullName = strings.Repeat("é", 100) }, nil},
		{"address too long", func(r *CheckoutRequest) { r.Address.Address = strings.Repeat("a", 201) }, []string{"address"}},
		{"no city", func(r *CheckoutRequest) { r.Address.City = "" }, []string{"city"}},
		{"postal code too long", func(r *CheckoutRequest) { r.Address.PostalCode = strings.Repeat("1", 21) }, []string{"postal_code"}},
		{"country of one letter", func(r *CheckoutRequest) { r.Address.Country = "G" }, []string{"country"}},
		{"country too long", func(r *CheckoutRequest) { r.Address.Country = strings.Repeat("a", 57) }, []string{"country"}},
		{"whole address missing", func(r *CheckoutRequest) { r.Address = Address{} },
			[]string{"full_name", "address", "city", "postal_code", "country"}},
		{"no lines", func(r *CheckoutRequest) { r.Lines = nil }, []string{"lines"}},
		{"quantity 0", func(r *CheckoutRequest) { r.Lines[0].Quantity = 0 }, []string{"lines[0].quantity"}},
		{"quantity -1", func(r *CheckoutRequest) { r.Lines[0].Quantity = -1 }, []string{"lines[0].quantity"}},
		{"quantity 21", func(r *CheckoutRequest) { r.Lines[0].Quantity = 21 }, []string{"lines[0].quantity"}},
		{"quantity 20", func(r *CheckoutRequest) { r.Lines[0].Quantity = 20 }, nil},
		{"negative price", func(r *CheckoutRequest) { r.Lines[0].ExpectedPrice = -5 }, []string{"lines[0].expected_price"}},
		{"variation not a uuid", func(r *CheckoutRequest) { r.Lines[0].VariationID = "mug" }, []string{"lines[0].variation_id"}},
		{"variation twice", func(r *CheckoutRequest) {
			r.Lines = append(r.Lines, CheckoutLine{VariationID: v2, Quantity: 1}, CheckoutLine{VariationID: v1, Quantity: 1})
		}, []string{"lines[2].variation_id"}},
		{"101 lines", func(r *CheckoutRequest) {
			r.Lines = nil
			for i := range 101 {
				r.Lines = append(r.Lines, CheckoutLine{VariationID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Quantity: 1})
			}
		}, []string{"lines"}},
		{"100 lines", func(r *CheckoutRequest) {
			r.Lines = nil
			for i := range 100 {
				r.Lines = append(r.Lines, CheckoutLine{VariationID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Quantity: 1})
			}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRequest()
			tt.change(&r)
			err := r.Normalized().Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("valid request refused: %v", err)
				}
				return
			}
			fe, ok := fault.As(err)
			if !ok || fe.Category != fault.CategoryInvalid {
				t.Fatalf("err = %v, want invalid input", err)
			}
			if got, want := slices.Sorted(maps.Keys(fe.Fields)), slices.Sorted(slices.Values(tt.fields)); !slices.Equal(got, want) {
				t.Fatalf("fields %v, want %v", fe.Fields, want)
			}
		})
	}
}

func TestHash(t *testing.T) {
	a := validRequest()
	b := validRequest()
	b.Address.City = "  London "
	if a.Normalized().Hash() != b.Normalized().Hash() {
		t.Fatal("the same request after trimming hashes differently")
	}
	for name, change := range map[string]func(*CheckoutRequest){
		"quantity": func(r *CheckoutRequest) { r.Lines[0].Quantity = 3 },
		"price":    func(r *CheckoutRequest) { r.Lines[0].ExpectedPrice = 1 },
		"address":  func(r *CheckoutRequest) { r.Address.PostalCode = "X" },
		"line":     func(r *CheckoutRequest) { r.Lines = append(r.Lines, CheckoutLine{VariationID: v2, Quantity: 1}) },
	} {
		c := validRequest()
		change(&c)
		if c.Hash() == a.Hash() {
			t.Errorf("a different %s hashes the same", name)
		}
	}
}

func TestPlanCheckout(t *testing.T) {
	buyer := actor.Actor{UserID: "buyer", Role: actor.Shopper}
	catalog := map[string]Variation{
		v1: {ID: v1, Price: 2400, Currency: "EUR", ShopID: "shop-a", ShopName: "A", OwnerID: "owner-a", ProductID: "p1"},
		v2: {ID: v2, Price: 1200, Currency: "EUR", ShopID: "shop-b", ShopName: "B", OwnerID: "owner-b", ProductID: "p2"},
		v3: {ID: v3, Price: 500, Currency: "EUR", ShopID: "shop-a", ShopName: "A", OwnerID: "owner-a", ProductID: "p3"},
	}
	n := 0
	newID := func() string { n++; return fmt.Sprintf("id-%02d", 10-n) } // ids that sort against their making
	tests := []struct {
		name     string
		lines    []CheckoutLine
		orders   map[string]int64 // shop -> total
		failures map[string]map[string]string
		err      error
	}{
		{"two shops", []CheckoutLine{{v1, 2, 2400}, {v2, 1, 1200}, {v3, 3, 500}},
			map[string]int64{"shop-a": 6300, "shop-b": 1200}, nil, nil},
		{"price changed fails its shop only", []CheckoutLine{{v1, 1, 2300}, {v3, 1, 500}, {v2, 1, 1200}},
			map[string]int64{"shop-b": 1200}, map[string]map[string]string{"shop-a": {v1: "price changed to €24.00"}}, nil},
		{"unknown variation fails without a shop", []CheckoutLine{{v4, 1, 100}, {v2, 1, 1200}},
			map[string]int64{"shop-b": 1200}, map[string]map[string]string{"": {v4: LineNoLongerSold}}, nil},
		{"every shop failing is a result", []CheckoutLine{{v2, 1, 1}},
			map[string]int64{}, map[string]map[string]string{"shop-b": {v2: "price changed to €12.00"}}, nil},
		{"nothing known is refused", []CheckoutLine{{v4, 1, 100}}, nil, nil, ErrNothingAvailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRequest()
			r.Lines = tt.lines
			p, err := PlanCheckout(r, buyer, catalog, now, newID)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int64{}
			for i, o := range p.Orders {
				got[o.ShopID] = o.Total()
				if o.Status != StatusReserving || o.BuyerID != "buyer" || o.CheckoutID != r.ID || o.Version != 0 ||
					o.Currency != "EUR" || o.Address != r.Address || o.ShopOwnerID != "owner-"+o.ShopID[5:] {
					t.Fatalf("order %+v", o)
				}
				if i > 0 && p.Orders[i-1].ID > o.ID {
					t.Fatal("orders not sorted by id")
				}
			}
			if !maps.Equal(got, tt.orders) {
				t.Fatalf("orders %v, want %v", got, tt.orders)
			}
			if len(p.Checkout.Failed) != len(tt.failures) {
				t.Fatalf("failures %+v, want %v", p.Checkout.Failed, tt.failures)
			}
			for _, f := range p.Checkout.Failed {
				if !maps.Equal(f.Lines, tt.failures[f.ShopID]) || f.Reason == "" {
					t.Fatalf("failure %+v, want lines %v", f, tt.failures[f.ShopID])
				}
			}
			if p.Checkout.RequestHash != r.Hash() || p.Checkout.BuyerID != "buyer" || p.Checkout.Done {
				t.Fatalf("checkout %+v", p.Checkout)
			}
		})
	}
}

func TestReplays(t *testing.T) {
	c := &Checkout{BuyerID: "u1", RequestHash: "h"}
	if err := c.Replays(actor.Actor{UserID: "u1"}, "h"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		who  string
		hash string
	}{{"u1", "other"}, {"u2", "h"}} {
		if err := c.Replays(actor.Actor{UserID: tt.who}, tt.hash); !errors.Is(err, ErrCheckoutReused) {
			t.Fatalf("%v: err = %v", tt, err)
		}
	}
}

func order(status Status) *Order {
	return &Order{ID: "o", BuyerID: "buyer", ShopOwnerID: "owner", Status: status, Version: 1, ExpiresAt: now.Add(time.Minute),
		Lines: []Line{{VariationID: v1, Quantity: 2, UnitPrice: 150}, {VariationID: v2, Quantity: 1, UnitPrice: 99}}}
}

func TestTransitions(t *testing.T) {
	all := []Status{StatusReserving, StatusFailed, StatusPendingPayment, StatusPaid, StatusShipped, StatusCancelled}
	tests := []struct {
		name string
		do   func(*Order) (bool, error)
		ok   map[Status]Status // from -> to, for those that change
		same []Status          // no change, no error
	}{
		{"pay", func(o *Order) (bool, error) { return o.Pay("pay-1", now, now, "s"), nil },
			map[Status]Status{StatusPendingPayment: StatusPaid},
			[]Status{StatusReserving, StatusFailed, StatusPaid, StatusShipped, StatusCancelled}},
		{"ship", func(o *Order) (bool, error) { return true, o.Ship(now, "s") },
			map[Status]Status{StatusPaid: StatusShipped}, nil},
		{"cancel", func(o *Order) (bool, error) {
			changed, _, err := o.Cancel(orderevents.ReasonByBuyer, now, "s")
			return changed, err
		}, map[Status]Status{StatusPendingPayment: StatusCancelled, StatusPaid: StatusCancelled}, []Status{StatusCancelled}},
	}
	for _, tt := range tests {
		for _, from := range all {
			t.Run(tt.name+" from "+string(from), func(t *testing.T) {
				o := order(from)
				changed, err := tt.do(o)
				switch to, ok := tt.ok[from]; {
				case ok:
					if err != nil || !changed || o.Status != to || o.Version != 2 || len(o.Timeline) != 1 || !o.UpdatedAt.Equal(now) {
						t.Fatalf("changed %v, err %v, order %+v", changed, err, o)
					}
				case slices.Contains(tt.same, from):
					if err != nil || changed || o.Status != from || o.Version != 1 || len(o.Timeline) != 0 {
						t.Fatalf("changed %v, err %v, order %+v", changed, err, o)
					}
				default:
					if err == nil || o.Status != from || o.Version != 1 || len(o.Timeline) != 0 {
						t.Fatalf("err %v, order %+v", err, o)
					}
				}
			})
		}
	}
	o := order(StatusShipped)
	if _, _, err := o.Cancel("x", now, "s"); !errors.Is(err, ErrShippedNoCancel) {
		t.Fatalf("cancel shipped: %v", err)
	}
	o = order(StatusPendingPayment)
	if err := o.Ship(now, "s"); !errors.Is(err, ErrOnlyPaidShips) {
		t.Fatalf("ship unpaid: %v", err)
	}
	o = order(StatusPaid)
	if _, wasPaid, _ := o.Cancel("x", now, "s"); !wasPaid || o.CancelReason != "x" || o.Timeline[0].Note != "x" {
		t.Fatalf("cancel paid: %+v", o)
	}
	o = order(StatusReserving)
	o.Version = 0
	if err := o.Place(now, now.Add(time.Hour), "s"); err != nil || o.Version != 1 || o.Status != StatusPendingPayment ||
		!o.ExpiresAt.Equal(now.Add(time.Hour)) || o.Timeline[0].Status != StepPlaced {
		t.Fatalf("place: %v %+v", err, o)
	}
	if o.Total() != 399 {
		t.Fatalf("total %d", o.Total())
	}
}

func TestDue(t *testing.T) {
	for _, tt := range []struct {
		status Status
		at     time.Time
		due    bool
	}{
		{StatusPendingPayment, now, false},
		{StatusPendingPayment, now.Add(time.Minute), true},
		{StatusPendingPayment, now.Add(time.Hour), true},
		{StatusPaid, now.Add(time.Hour), false},
		{StatusCancelled, now.Add(time.Hour), false},
	} {
		if got := order(tt.status).Due(tt.at); got != tt.due {
			t.Errorf("%s at %v: due %v, want %v", tt.status, tt.at, got, tt.due)
		}
	}
}

func TestWho(t *testing.T) {
	o := order(StatusPaid)
	buyer := actor.Actor{UserID: "buyer", Role: actor.Shopper}
	owner := actor.Actor{UserID: "owner", Role: actor.Seller}
	admin := actor.Actor{UserID: "admin", Role: actor.Admin}
	other := actor.Actor{UserID: "other", Role: actor.Seller}
	anon := actor.Actor{}
	tests := []struct {
		who    actor.Actor
		read   bool
		cancel error
		reason string
		ship   error
	}{
		{buyer, true, nil, orderevents.ReasonByBuyer, ErrNotTheShopOwner},
		{owner, true, ErrMayNotCancel, "", nil},
		{admin, true, nil, orderevents.ReasonByAdmin, ErrNotTheShopOwner},
		{other, false, ErrMayNotCancel, "", ErrNotTheShopOwner},
		{anon, false, ErrSignIn, "", ErrSignIn},
	}
	for _, tt := range tests {
		if got := o.CanRead(tt.who); got != tt.read {
			t.Errorf("%v reads: %v", tt.who, got)
		}
		reason, err := o.CancelReasonFor(tt.who)
		if !errors.Is(err, tt.cancel) || reason != tt.reason {
			t.Errorf("%v cancels: %q, %v", tt.who, reason, err)
		}
		if err := o.CanShip(tt.who); !errors.Is(err, tt.ship) {
			t.Errorf("%v ships: %v", tt.who, err)
		}
	}
}

func TestFormatMoney(t *testing.T) {
	for _, tt := range []struct {
		amount   int64
		currency string
		want     string
	}{
		{1200, "EUR", "€12.00"},
		{5, "EUR", "€0.05"},
		{123456, "USD", "$1234.56"},
		{990, "CHF", "9.90 CHF"},
		{-250, "GBP", "-£2.50"},
	} {
		if got := FormatMoney(tt.amount, tt.currency); got != tt.want {
			t.Errorf("FormatMoney(%d, %s) = %q, want %q", tt.amount, tt.currency, got, tt.want)
		}
	}
}

func TestDeclinedStep(t *testing.T) {
	if s := DeclinedStep("insufficient_funds", now, "s"); s.Note != "payment declined: insufficient funds" || s.Status != StepPaymentDeclined {
		t.Fatalf("%+v", s)
	}
}
