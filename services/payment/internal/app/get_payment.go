package app

import (
	"context"

	"github.com/marketplace/marketplace/services/payment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
)

// GetPayment returns an order's payment with its attempts to its buyer or
// an admin; domain.ErrPaymentNotFound before order.created (or a first
// attempt) opened it.
func (a *App) GetPayment(ctx context.Context, who actor.Actor, orderID string) (PaymentView, error) {
	if who.Anonymous() {
		return PaymentView{}, errSignIn
	}
	p, err := a.store.Payment(ctx, orderID)
	if err != nil {
		return PaymentView{}, wrap(err, "payment of order %s", orderID)
	}
	if !p.VisibleTo(who) {
		return PaymentView{}, domain.ErrNotVisible
	}
	v, err := a.view(ctx, p)
	return v, wrap(err, "payment of order %s", orderID)
}
