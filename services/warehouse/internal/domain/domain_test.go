package domain_test

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/warehouse/internal/domain"
)

func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	fe, ok := fault.As(err)
	if !ok {
		t.Fatalf("err %v is not categorized", err)
	}
	return slices.Sorted(maps.Keys(fe.Fields))
}

func TestNewAdjustment(t *testing.T) {
	tests := []struct {
		name      string
		mode      string
		qty       int64
		reason    string
		bad       []string
		available int64 // for the delta of a valid one
		delta     int64
		wantWhy   string
	}{
		{name: "set", mode: "set", qty: 7, reason: "stock count", available: 3, delta: 4, wantWhy: "stock count"},
		{name: "set to zero", mode: "set", qty: 0, reason: "sold out", available: 3, delta: -3, wantWhy: "sold out"},
		{name: "set to the same", mode: "set", qty: 3, reason: "count", available: 3, delta: 0, wantWhy: "count"},
		{name: "add", mode: "add", qty: 5, reason: "  restock  ", available: 3, delta: 5, wantWhy: "restock"},
		{name: "remove", mode: "remove", qty: 2, reason: "damaged", available: 3, delta: -2, wantWhy: "damaged"},
		{name: "at the limit", mode: "add", qty: 1_000_000, reason: strings.Repeat("é", 200), available: 0, delta: 1_000_000,
			wantWhy: strings.Repeat("é", 200)},

		{name: "add zero", mode: "add", qty: 0, reason: "x", bad: []string{"quantity"}},
		{name: "remove zero", mode: "remove", qty: 0, reason: "x", bad: []string{"quantity"}},
		{name: "negative set", mode: "set", qty: -1, reason: "x", bad: []string{"quantity"}},
		{name: "negative add", mode: "add", qty: -5, reason: "x", bad: []string{"quantity"}},
		{name: "huge", mode: "set", qty: 1_000_001, reason: "x", bad: []string{"quantity"}},
		{name: "unknown mode", mode: "double", qty: 1, reason: "x", bad: []string{"mode"}},
		{name: "empty mode", mode: "", qty: 1, reason: "x", bad: []string{"mode"}},
		{name: "no reason", mode: "add", qty: 1, reason: "   ", bad: []string{"reason"}},
		{name: "long reason", mode: "add", qty: 1, reason: strings.Repeat("x", 201), bad: []string{"reason"}},
		{name: "reason with a line break", mode: "add", qty: 1, reason: "a\nb", bad: []string{"reason"}},
		{name: "reason not UTF-8", mode: "add", qty: 1, reason: "a\xff", bad: []string{"reason"}},
		{name: "everything wrong", mode: "x", qty: -1, reason: "", bad: []string{"mode", "reason"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := domain.NewAdjustment(tt.mode, tt.qty, tt.reason)
			if tt.bad != nil {
				if !errors.Is(err, fault.Invalid) {
					t.Fatalf("err = %v, want invalid", err)
				}
				if got := fieldsOf(t, err); !slices.Equal(got, tt.bad) {
					t.Fatalf("fields %v, want %v", got, tt.bad)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := a.DeltaFrom(tt.available); got != tt.delta {
				t.Fatalf("delta from %d = %d, want %d", tt.available, got, tt.delta)
			}
			if a.Reason() != tt.wantWhy {
				t.Fatalf("reason %q", a.Reason())
			}
		})
	}
}

func TestNewReserveRequest(t *testing.T) {
	many := make([]domain.Line, 101)
	for i := range many {
		many[i] = domain.Line{VariationID: strings.Repeat("v", i+1), Quantity: 1}
	}
	tests := []struct {
		name  string
		order string
		lines []domain.Line
		bad   []string
	}{
		{name: "valid", order: "o-1", lines: []domain.Line{{"a", 1}, {"b", 1000}}},
		{name: "100 lines", order: "o-1", lines: many[:100]},
		{name: "no order", order: "", lines: []domain.Line{{"a", 1}}, bad: []string{"order_id"}},
		{name: "order with a space", order: "o 1", lines: []domain.Line{{"a", 1}}, bad: []string{"order_id"}},
		{name: "order with a slash", order: "o/1", lines: []domain.Line{{"a", 1}}, bad: []string{"order_id"}},
		{name: "long order", order: strings.Repeat("o", 101), lines: []domain.Line{{"a", 1}}, bad: []string{"order_id"}},
		{name: "no lines", order: "o", bad: []string{"lines"}},
		{name: "101 lines", order: "o", lines: many, bad: []string{"lines"}},
		{name: "zero quantity", order: "o", lines: []domain.Line{{"a", 0}}, bad: []string{"lines[0].quantity"}},
		{name: "negative quantity", order: "o", lines: []domain.Line{{"a", 1}, {"b", -1}}, bad: []string{"lines[1].quantity"}},
		{name: "too many", order: "o", lines: []domain.Line{{"a", 1001}}, bad: []string{"lines[0].quantity"}},
		{name: "no variation", order: "o", lines: []domain.Line{{"", 1}}, bad: []string{"lines[0].variation_id"}},
		{name: "duplicate", order: "o", lines: []domain.Line{{"a", 1}, {"b", 1}, {"a", 2}}, bad: []string{"lines[2].variation_id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := domain.NewReserveRequest(tt.order, tt.lines)
			if tt.bad != nil {
				if got := fieldsOf(t, err); !errors.Is(err, fault.Invalid) || !slices.Equal(got, tt.bad) {
					t.Fatalf("err %v fields %v, want %v", err, got, tt.bad)
				}
				return
			}
			if err != nil || r.OrderID() != tt.order || !slices.Equal(r.Lines(), tt.lines) {
				t.Fatalf("request %+v, err %v", r, err)
			}
		})
	}
}

func TestSameLinesAndLockOrder(t *testing.T) {
	a := []domain.Line{{"b", 2}, {"a", 1}}
	if got := domain.LockOrder(a); got[0].VariationID != "a" || a[0].VariationID != "b" {
		t.Fatalf("lock order %v (input changed: %v)", got, a)
	}
	for _, tt := range []struct {
		x, y []domain.Line
		same bool
	}{
		{a, []domain.Line{{"a", 1}, {"b", 2}}, true},
		{a, []domain.Line{{"a", 1}, {"b", 3}}, false},
		{a, []domain.Line{{"a", 1}}, false},
		{a, []domain.Line{{"a", 1}, {"c", 2}}, false},
	} {
		if got := domain.SameLines(tt.x, tt.y); got != tt.same {
			t.Errorf("SameLines(%v, %v) = %v", tt.x, tt.y, got)
		}
	}
}

func TestSettle(t *testing.T) {
	tests := []struct {
		from, to    string
		allowReturn bool
		want        domain.Transition
		conflict    bool
	}{
		{domain.StateHeld, domain.StateCommitted, false, domain.Apply, false},
		{domain.StateHeld, domain.StateReleased, false, domain.Apply, false},
		{domain.StateCommitted, domain.StateCommitted, false, domain.AlreadyDone, false},
		{domain.StateReleased, domain.StateReleased, false, domain.AlreadyDone, false},
		{domain.StateCommitted, domain.StateReleased, false, 0, true},
		{domain.StateCommitted, domain.StateReleased, true, domain.Apply, false},
		{domain.StateReleased, domain.StateCommitted, true, 0, true},
	}
	for _, tt := range tests {
		got, err := domain.Settle("o", tt.from, tt.to, tt.allowReturn)
		if tt.conflict != errors.Is(err, fault.Conflict) || (!tt.conflict && (err != nil || got != tt.want)) {
			t.Errorf("%s -> %s: %v, %v", tt.from, tt.to, got, err)
		}
	}
	if d := domain.SettleDelta(domain.StateHeld, domain.StateCommitted, 3); d != (domain.Delta{Reserved: -3, Sold: 3}) {
		t.Errorf("commit delta %+v", d)
	}
	if d := domain.SettleDelta(domain.StateHeld, domain.StateReleased, 3); d != (domain.Delta{Available: 3, Reserved: -3}) {
		t.Errorf("release delta %+v", d)
	}
	if d := domain.SettleDelta(domain.StateCommitted, domain.StateReleased, 3); d != (domain.Delta{Available: 3, Sold: -3}) {
		t.Errorf("return delta %+v", d)
	}
}

func TestProductVersions(t *testing.T) {
	live := domain.ProductInfo{Version: 3}
	gone := domain.ProductInfo{Version: 3, Deleted: true}
	learned := domain.ProductInfo{Version: 0}
	tests := []struct {
		name      string
		p         domain.ProductInfo
		v         int64
		upd, dele bool
	}{
		{"newer update", live, 4, true, true},
		{"same version", live, 3, false, true},
		{"older", live, 2, false, true},
		{"after deletion", gone, 9, false, false},
		{"first event after the product service taught it", learned, 1, true, true},
	}
	for _, tt := range tests {
		if got := tt.p.AcceptsUpdate(tt.v); got != tt.upd {
			t.Errorf("%s: AcceptsUpdate = %v", tt.name, got)
		}
		if got := tt.p.AcceptsDelete(tt.v); got != tt.dele {
			t.Errorf("%s: AcceptsDelete = %v", tt.name, got)
		}
	}
}

func TestAuthorization(t *testing.T) {
	s := domain.Stock{OwnerID: "u1"}
	tests := []struct {
		a    actor.Actor
		want bool
	}{
		{actor.Actor{UserID: "u1", Role: actor.Seller}, true},
		{actor.Actor{UserID: "u2", Role: actor.Seller}, false},
		{actor.Actor{UserID: "u3", Role: actor.Shopper}, false},
		{actor.Actor{UserID: "u4", Role: actor.Admin}, true},
		{actor.Actor{}, false},
		{actor.Actor{Role: actor.Admin}, false}, // a role without a user is nobody
	}
	for _, tt := range tests {
		if got := s.ManagedBy(tt.a); got != tt.want {
			t.Errorf("%+v: %v", tt.a, got)
		}
	}
	if (domain.Stock{}).ManagedBy(actor.Actor{UserID: "", Role: actor.Seller}) {
		t.Error("an unowned row is managed by an anonymous seller")
	}
	if !(domain.Stock{Available: 5, Retired: true}).ManagedBy(actor.Actor{UserID: "a", Role: actor.Admin}) {
		t.Error("admin")
	}
	if n := (domain.Stock{Available: 5, Retired: true}).Sellable(); n != 0 {
		t.Errorf("retired sellable %d", n)
	}
}

func TestLineProblemsAndAudit(t *testing.T) {
	for _, tt := range []struct {
		s     domain.Stock
		known bool
		want  string
	}{
		{domain.Stock{}, false, "unknown variation"},
		{domain.Stock{Available: 9, Retired: true}, true, "no longer sold"},
		{domain.Stock{}, true, "sold out"},
		{domain.Stock{Available: 2}, true, "only 2 left"},
	} {
		if got := domain.LineProblem(tt.s, tt.known); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.s, got, tt.want)
		}
	}
	err := domain.NotEnoughStock(map[string]string{"v1": "only 2 left"})
	if fe, _ := fault.As(err); !errors.Is(err, fault.Conflict) || fe.Fields["v1"] != "only 2 left" {
		t.Fatalf("conflict %v", err)
	}

	clean := domain.AuditRow{Available: 3, Reserved: 2, Sold: 1, LedgerAvailable: 3, LedgerReserved: 2, LedgerSold: 1, HeldQuantity: 2, CommittedQty: 1}
	if p := clean.Problems(); len(p) != 0 {
		t.Fatalf("clean row has problems %v", p)
	}
	off := clean
	off.Available = 4
	if p := off.Problems(); len(p) != 2 {
		t.Fatalf("problems %v, want available and total", p)
	}
	held := clean
	held.HeldQuantity = 5
	if p := held.Problems(); len(p) != 1 {
		t.Fatalf("problems %v", p)
	}
}
