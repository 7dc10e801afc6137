package domain_test

import (
	"errors"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/payment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
)

var now = time.Date(2026, 6, 7, 8, 9, 10, 0, time.UTC)

func order() domain.Order {
	return domain.Order{OrderID: "o1", BuyerID: "u1", ShopID: "s1", Amount: 4800, Currency: "eur", Version: 1}
}

func TestNewPayment(t *testing.T) {
	tests := []struct {
		name string
		edit func(*domain.Order)
		ok   bool
	}{
		{"valid", func(*domain.Order) {}, true},
		{"free", func(o *domain.Order) { o.Amount = 0 }, true},
		{"no shop", func(o *domain.Order) { o.ShopID = "" }, true},
		{"no id", func(o *domain.Order) { o.OrderID = "" }, false},
		{"no buyer", func(o *domain.Order) { o.BuyerID = "" }, false},
		{"negative", func(o *domain.Order) { o.Amount = -1 }, false},
		{"no currency", func(o *domain.Order) { o.Currency = "" }, false},
		{"bad currency", func(o *domain.Order) { o.Currency = "EU1" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := order()
			tt.edit(&o)
			p, err := domain.NewPayment("p1", o, now)
			if !tt.ok {
				if err == nil {
					t.Fatal("accepted")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Status() != domain.StatusPending || p.Currency() != "EUR" || p.Amount() != o.Amount || !p.CreatedAt().Equal(now) {
				t.Fatalf("payment %+v", p.Record())
			}
		})
	}
}

func TestPaymentLifeCycle(t *testing.T) {
	type step func(p *domain.Payment) error
	succeed := func(p *domain.Payment) error { return p.Succeed("ch_1", now) }
	cancel := func(p *domain.Payment) error {
		if !p.Cancel(now) {
			return errors.New("not cancelled")
		}
		return nil
	}
	refund := func(p *domain.Payment) error { return p.Refunded(now) }
	tests := []struct {
		name      string
		steps     []step
		status    domain.Status
		chargeErr error // CheckChargeable after the steps
		wantErr   bool  // of the last step
	}{
		{"pending", nil, domain.StatusPending, nil, false},
		{"paid", []step{succeed}, domain.StatusSucceeded, domain.ErrAlreadyPaid, false},
		{"paid twice", []step{succeed, succeed}, domain.StatusSucceeded, domain.ErrAlreadyPaid, true},
		{"cancelled", []step{cancel}, domain.StatusCancelled, domain.ErrCancelled, false},
		{"paid after cancel", []step{cancel, succeed}, domain.StatusCancelled, domain.ErrCancelled, true},
		{"cancel after paid", []step{succeed, cancel}, domain.StatusSucceeded, domain.ErrAlreadyPaid, true},
		{"refunded", []step{succeed, refund}, domain.StatusRefunded, domain.ErrCancelled, false},
		{"refund unpaid", []step{refund}, domain.StatusPending, nil, true},
		{"refund twice", []step{succeed, refund, refund}, domain.StatusRefunded, domain.ErrCancelled, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := domain.NewPayment("p1", order(), now)
			if err != nil {
				t.Fatal(err)
			}
			var last error
			for _, s := range tt.steps {
				last = s(p)
			}
			if (last != nil) != tt.wantErr {
				t.Fatalf("last step: %v, want error %v", last, tt.wantErr)
			}
			if p.Status() != tt.status {
				t.Fatalf("status %s, want %s", p.Status(), tt.status)
			}
			if err := p.CheckChargeable(); err != tt.chargeErr {
				t.Fatalf("chargeable: %v, want %v", err, tt.chargeErr)
			}
			if p.NeedsRefund() != (tt.status == domain.StatusSucceeded) {
				t.Fatalf("needs refund %v in %s", p.NeedsRefund(), tt.status)
			}
			if (p.RefundedAt() != nil) != (tt.status == domain.StatusRefunded) {
				t.Fatalf("refunded at %v in %s", p.RefundedAt(), tt.status)
			}
		})
	}
}

func TestPaymentAccess(t *testing.T) {
	p, err := domain.NewPayment("p1", order(), now)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		who          actor.Actor
		pay, visible bool
	}{
		{"buyer", actor.Actor{UserID: "u1", Role: actor.Shopper}, true, true},
		{"other shopper", actor.Actor{UserID: "u2", Role: actor.Shopper}, false, false},
		{"seller", actor.Actor{UserID: "u3", Role: actor.Seller}, false, false},
		{"admin", actor.Actor{UserID: "u4", Role: actor.Admin}, false, true},
		{"anonymous", actor.Actor{}, false, false},
	}
	for _, tt := range tests {
		if got := p.PayableBy(tt.who); got != tt.pay {
			t.Errorf("%s may pay: %v, want %v", tt.name, got, tt.pay)
		}
		if got := p.VisibleTo(tt.who); got != tt.visible {
			t.Errorf("%s may see: %v, want %v", tt.name, got, tt.visible)
		}
	}
}

func TestOrderVersionOnlyGrows(t *testing.T) {
	p, _ := domain.NewPayment("p1", order(), now)
	if p.SeeOrderVersion(1) || !p.SeeOrderVersion(3) || p.SeeOrderVersion(2) || p.OrderVersion() != 3 {
		t.Fatalf("version %d", p.OrderVersion())
	}
}

func TestAttempt(t *testing.T) {
	p, _ := domain.NewPayment("p1", order(), now)
	c, _ := domain.ParseCard("4000 0000 0000 9995")
	a := domain.NewAttempt("a1", p, "key", "hash", c, now)
	if a.Status() != domain.AttemptPending || a.CardLast4() != "9995" || a.Record().Key != "key" {
		t.Fatalf("attempt %+v", a.Record())
	}
	if !a.SameRequest("p1", "hash") || a.SameRequest("p1", "other") || a.SameRequest("p2", "hash") {
		t.Fatal("SameRequest")
	}
	a.Decline("", "no", now)
	if a.Status() != domain.AttemptFailed || a.Reason() != domain.ReasonDeclined {
		t.Fatalf("declined %+v", a.Record())
	}
	b := domain.NewAttempt("a2", p, "key2", "hash", c, now)
	b.Approve("ch_1", now)
	if b.Status() != domain.AttemptSucceeded || b.Record().ChargeID != "ch_1" || b.Reason() != "" {
		t.Fatalf("approved %+v", b.Record())
	}
}
