package domain

// OrderFact is what one order event says: the order and its lines.
type OrderFact struct {
	Order Order
	Lines []Line
}

// Facts is what one event, or a batch of events, says about the entities.
// Events analytics only logs say nothing.
type Facts struct {
	Orders       []OrderFact
	Shops        []Shop
	Users        []User
	Reviews      []Review
	Attempts     []Attempt
	CartActivity []CartDay // carts that held a shop's items when created or updated
	Checkouts    []CartDay // carts checked out with a shop's items
}

// Append adds what o says to f.
func (f *Facts) Append(o Facts) {
	f.Orders = append(f.Orders, o.Orders...)
	f.Shops = append(f.Shops, o.Shops...)
	f.Users = append(f.Users, o.Users...)
	f.Reviews = append(f.Reviews, o.Reviews...)
	f.Attempts = append(f.Attempts, o.Attempts...)
	f.CartActivity = append(f.CartActivity, o.CartActivity...)
	f.Checkouts = append(f.Checkouts, o.Checkouts...)
}

// Len counts the facts.
func (f Facts) Len() int {
	return len(f.Orders) + len(f.Shops) + len(f.Users) + len(f.Reviews) + len(f.Attempts) +
		len(f.CartActivity) + len(f.Checkouts)
}

// OwnerShops are the owner-to-shop links the facts name: from shop events
// and from orders, which carry their shop's owner.
func (f Facts) OwnerShops() []OwnerShop {
	var out []OwnerShop
	for _, s := range f.Shops {
		if s.OwnerID != "" && s.ID != "" {
			out = append(out, OwnerShop{OwnerID: s.OwnerID, ShopID: s.ID})
		}
	}
	for _, o := range f.Orders {
		if o.Order.OwnerID != "" && o.Order.ShopID != "" {
			out = append(out, OwnerShop{OwnerID: o.Order.OwnerID, ShopID: o.Order.ShopID})
		}
	}
	return out
}

// ShopCurrencies are the currencies the facts' orders were priced in.
func (f Facts) ShopCurrencies() []ShopCurrency {
	var out []ShopCurrency
	for _, o := range f.Orders {
		if o.Order.ShopID != "" && o.Order.Currency != "" {
			out = append(out, ShopCurrency{ShopID: o.Order.ShopID, Currency: o.Order.Currency})
		}
	}
	return out
}

// ProductNames are the product names the facts' order lines carry.
func (f Facts) ProductNames() []ProductName {
	var out []ProductName
	for _, o := range f.Orders {
		for _, l := range o.Lines {
			if l.ProductID != "" && l.Name != "" {
				out = append(out, ProductName{ProductID: l.ProductID, Name: l.Name, OrderID: o.Order.ID})
			}
		}
	}
	return out
}
