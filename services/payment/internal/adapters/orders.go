package adapters

import (
	"context"

	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/payment/internal/app"
	"github.com/marketplace/marketplace/services/payment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
)

// Orders asks the order service about orders.
type Orders struct{ c *orderclient.Client }

// NewOrders returns the adapter over the order service's client.
func NewOrders(c *orderclient.Client) *Orders { return &Orders{c: c} }

var _ app.Orders = (*Orders)(nil)

// Order implements app.Orders.
func (o *Orders) Order(ctx context.Context, who actor.Actor, orderID string) (app.OrderSnapshot, error) {
	ord, err := o.c.Get(actor.With(ctx, who), orderID)
	if err != nil {
		return app.OrderSnapshot{}, err
	}
	state := app.OrderOther
	switch ord.Status {
	case orderclient.StatusPendingPayment:
		state = app.OrderAwaitingPayment
	case orderclient.StatusPaid, orderclient.StatusShipped:
		state = app.OrderPaid
	case orderclient.StatusCancelled:
		state = app.OrderCancelled
	}
	return app.OrderSnapshot{
		Order: domain.Order{
			OrderID: orderID, BuyerID: ord.BuyerID, ShopID: ord.ShopID,
			Amount: ord.Total.Amount, Currency: ord.Total.Currency,
		},
		State: state,
	}, nil
}
