package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/views/components"
	"github.com/marketplace/marketplace/views/seller"
)

// orderFilters are the tabs of the seller's orders page: the state each
// shows ("" for all) and its label.
var orderFilters = []struct{ status, label, empty string }{
	{"", "All", "When shoppers buy from your shop, their orders show up here."},
	{orderclient.StatusPendingPayment, "To pay", "No order is waiting for its payment."},
	{orderclient.StatusPaid, "To ship", "Nothing to ship: every paid order is on its way."},
	{orderclient.StatusShipped, "Shipped", "No shipped orders yet."},
	{orderclient.StatusCancelled, "Cancelled", "No cancelled orders."},
}

func sellerOrdersURL(status string, page int) string {
	q := url.Values{}
	if status != "" {
		q.Set("status", status)
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/seller/orders"
	}
	return "/seller/orders?" + q.Encode()
}

// sellerOrders is GET /seller/orders: the shop's orders, by state.
func (w *Web) sellerOrders(c echo.Context) error {
	s := shopOf(c)
	status := c.QueryParam("status")
	empty := ""
	for _, f := range orderFilters {
		if f.status == status {
			empty = f.empty
		}
	}
	if empty == "" {
		return fault.Invalidf("unknown order state %q", status)
	}
	page, err := pageParam(c, "page")
	if err != nil {
		return err
	}
	res, err := w.cfg.Clients.Order.ShopOrders(c.Request().Context(), status, page)
	if err != nil {
		return err
	}
	v := seller.OrdersPage{Shell: shell(s, seller.TabOrders), Status: status, Empty: empty}
	for _, f := range orderFilters {
		v.Filters = append(v.Filters, seller.OrderFilter{Label: f.label, URL: sellerOrdersURL(f.status, 1), Active: f.status == status})
	}
	if res.Total > 0 {
		v.Summary = components.Plural(res.Total, "order", "orders")
	}
	now := time.Now()
	for _, o := range res.Items {
		v.Rows = append(v.Rows, sellerOrderRow(o, now))
	}
	v.Pages = pageLinks(page, res.PerPage, res.Total, func(n int) string { return sellerOrdersURL(status, n) })
	return w.render(c, http.StatusOK, seller.Orders(w.page(c, "Orders"), v))
}

func sellerOrderRow(o orderclient.Order, now time.Time) seller.OrderRow {
	placed, placedAt := formatDateTime(o.CreatedAt)
	row := seller.OrderRow{
		ID: o.ID, ShortID: shortID(o.ID), Placed: placed, PlacedAt: placedAt, Status: orderStatus(o.Status),
		Total: formatMoney(o.Total.Amount, o.Total.Currency), Items: itemsLabel(o.Lines), Address: shipAddress(o.Address),
		CanShip: o.Status == orderclient.StatusPaid,
	}
	for _, l := range o.Lines {
		row.Lines = append(row.Lines, seller.OrderLine{
			ProductName: l.ProductName, Option: l.VariationName, SKU: l.SKU, Quantity: formatCount(l.Quantity),
			UnitPrice: formatMoney(l.UnitPrice.Amount, l.UnitPrice.Currency), LineTotal: formatMoney(l.LineTotal.Amount, l.LineTotal.Currency),
		})
	}
	switch o.Status {
	case orderclient.StatusPendingPayment:
		if by, _ := payBefore(o.ExpiresAt, now); by != "" {
			row.Note = "The buyer has until " + by + " to pay. Its items are held for them."
		}
	case orderclient.StatusPaid:
		row.Note = "Paid: pack it and send it to the address below."
	case orderclient.StatusCancelled:
		row.Note = cancelReason(o.CancelReason, false) + "."
	}
	return row
}

// shipOrder is POST /seller/orders/{id}/ship: the order service lets only
// the shop's owner ship a paid order.
func (w *Web) shipOrder(c echo.Context) error {
	status := c.FormValue("status")
	if !knownOrderFilter(status) {
		status = ""
	}
	back := sellerOrdersURL(status, 1)
	o, err := w.cfg.Clients.Order.Ship(c.Request().Context(), c.Param("id"))
	bs := w.session(c)
	switch {
	case errors.Is(err, fault.Conflict):
		fe, _ := fault.As(err)
		bs.warn(fullSentence(fe.Message))
		return w.redirect(c, back)
	case err != nil:
		return err
	}
	bs.flash("Order " + shortID(o.ID) + " is marked as shipped. The buyer can follow it on their order page.")
	return w.redirect(c, back)
}

func knownOrderFilter(status string) bool {
	for _, f := range orderFilters {
		if f.status == status {
			return true
		}
	}
	return false
}
