package app

import (
	"github.com/marketplace/marketplace/services/order/internal/domain"
	"github.com/marketplace/marketplace/services/order/orderevents"
)

// eventOrder is an order as its events carry it.
func eventOrder(o *domain.Order) orderevents.Order {
	lines := make([]orderevents.Line, len(o.Lines))
	for i, l := range o.Lines {
		lines[i] = orderevents.Line{
			VariationID: l.VariationID, ProductID: l.ProductID, SKU: l.SKU, ProductName: l.ProductName,
			VariationName: l.VariationName, Quantity: l.Quantity, UnitPrice: l.UnitPrice, LineTotal: l.Total(),
		}
	}
	return orderevents.Order{
		OrderID: o.ID, CheckoutID: o.CheckoutID, BuyerID: o.BuyerID, ShopID: o.ShopID, ShopOwnerID: o.ShopOwnerID,
		Lines: lines, Total: o.Total(), Currency: o.Currency, Version: o.Version,
	}
}

func orderCreated(o *domain.Order) orderevents.OrderCreated {
	a := o.Address
	return orderevents.OrderCreated{
		Order: eventOrder(o),
		Address: orderevents.Address{
			FullName: a.FullName, Address: a.Address, City: a.City, PostalCode: a.PostalCode, Country: a.Country,
		},
		ExpiresAt: o.ExpiresAt, CreatedAt: o.CreatedAt,
	}
}
