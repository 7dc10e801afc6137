package app

import (
	"context"
	"fmt"

	"github.com/marketplace/marketplace/services/order/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// OrderPage is one page of orders, newest first.
type OrderPage struct {
	Orders  []*domain.Order
	Page    int
	PerPage int
	Total   int64
}

// MyOrders returns a page of the signed-in user's orders as a buyer.
func (a *App) MyOrders(ctx context.Context, who actor.Actor, page int) (OrderPage, error) {
	if who.Anonymous() {
		return OrderPage{}, domain.ErrSignIn
	}
	return a.orders(ctx, OrderQuery{BuyerID: who.UserID, Page: page})
}

// ShopOrders returns a page of the orders of the shop the signed-in user
// owns, optionally of one status ("" for all).
func (a *App) ShopOrders(ctx context.Context, who actor.Actor, status string, page int) (OrderPage, error) {
	if who.Anonymous() {
		return OrderPage{}, domain.ErrSignIn
	}
	s := domain.Status(status)
	if s != "" && !s.Visible() {
		return OrderPage{}, fault.Fields(map[string]string{"status": "the status must be pending_payment, paid, shipped or cancelled"})
	}
	return a.orders(ctx, OrderQuery{ShopOwnerID: who.UserID, Status: s, Page: page})
}

func (a *App) orders(ctx context.Context, q OrderQuery) (OrderPage, error) {
	if q.Page < 1 {
		return OrderPage{}, fault.Fields(map[string]string{"page": "the page must be 1 or more"})
	}
	q.PerPage = PerPage
	orders, total, err := a.store.Orders(ctx, q)
	if err != nil {
		return OrderPage{}, fmt.Errorf("list orders: %w", err)
	}
	return OrderPage{Orders: orders, Page: q.Page, PerPage: q.PerPage, Total: total}, nil
}
