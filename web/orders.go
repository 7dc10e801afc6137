package web

import (
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"

	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/order/orderevents"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/views/components"
	"github.com/marketplace/marketplace/views/orders"
)

// ---------- The list ----------

// myOrders is GET /orders: the signed-in user's orders, newest first.
func (w *Web) myOrders(c echo.Context) error {
	page, err := pageParam(c, "page")
	if err != nil {
		return err
	}
	res, err := w.cfg.Clients.Order.Mine(c.Request().Context(), page)
	if err != nil {
		return err
	}
	var v orders.ListView
	if res.Total > 0 {
		v.Summary = components.Plural(res.Total, "order", "orders")
	}
	for _, o := range res.Items {
		human, machine := formatDate(o.CreatedAt)
		v.Rows = append(v.Rows, orders.Row{
			ID: o.ID, ShortID: shortID(o.ID), URL: orderURL(o.ID), ShopName: orUnknownShop(o.ShopName), Date: human, DateTime: machine,
			Status: orderStatus(o.Status), Total: formatMoney(o.Total.Amount, o.Total.Currency), Items: itemsLabel(o.Lines),
		})
	}
	v.Pages = pageLinks(page, res.PerPage, res.Total, func(n int) string { return "/orders?page=" + strconv.Itoa(n) })
	return w.render(c, http.StatusOK, orders.List(w.page(c, "Your orders"), v))
}

// orderStatus is an order's state as a badge.
func orderStatus(s string) components.Status {
	switch s {
	case orderclient.StatusPendingPayment:
		return components.Status{Label: "Waiting for payment", Value: s, Kind: orders.KindPending}
	case orderclient.StatusPaid:
		return components.Status{Label: "Paid", Value: s, Kind: orders.KindPaid}
	case orderclient.StatusShipped:
		return components.Status{Label: "Shipped", Value: s, Kind: orders.KindShipped}
	case orderclient.StatusCancelled:
		return components.Status{Label: "Cancelled", Value: s, Kind: orders.KindCancelled}
	}
	return components.Status{Label: sentence(strings.ReplaceAll(s, "_", " ")), Value: s, Kind: orders.KindPending}
}

func itemsLabel(lines []orderclient.Line) string {
	var n int64
	for _, l := range lines {
		n += l.Quantity
	}
	return components.Plural(n, "item", "items")
}

// ---------- The order page ----------

// orderPage is GET /orders/{id}. The order service decides who may see
// it (its buyer, its shop's owner, an admin): anyone else gets 403.
func (w *Web) orderPage(c echo.Context) error {
	v, err := w.orderView(c, c.Param("id"))
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, orders.Page(w.page(c, "Order from "+v.ShopName), v))
}

// orderStatusFragment is GET /orders/{id}/status: it answers the status
// part's polling while a payment is being confirmed (an htmx fragment); a
// browser is sent to the order page.
func (w *Web) orderStatusFragment(c echo.Context) error {
	if !isFragmentRequest(c) {
		return w.redirect(c, orderURL(c.Param("id")))
	}
	v, err := w.orderView(c, c.Param("id"))
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, orders.Status(w.session(c).get(keyCSRF), v))
}

// orderView loads an order and, for its buyer (or an admin), its payment.
func (w *Web) orderView(c echo.Context, orderID string) (orders.OrderView, error) {
	ctx := c.Request().Context()
	var (
		o   orderclient.Order
		pay *paymentclient.Payment
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		o, err = w.cfg.Clients.Order.Get(gctx, orderID)
		return err
	})
	g.Go(func() error {
		p, err := w.cfg.Clients.Payment.ForOrder(gctx, orderID)
		switch {
		case err == nil:
			pay = &p
		case errors.Is(err, fault.NotFound), errors.Is(err, fault.Forbidden):
			// Not opened yet (the payment service opens it when it hears
			// of the order), or not this user's to see.
		default:
			w.log.Warn("payment of an order", "order", orderID, "err", err)
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return orders.OrderView{}, err
	}
	u, _ := currentUser(c)
	return orderView(o, pay, u.ID, actor.Role(u.Role) == actor.Admin, time.Now()), nil
}

// orderView builds the order page. pay is the order's payment, nil when
// there is none (yet) or it is not the viewer's to see.
func orderView(o orderclient.Order, pay *paymentclient.Payment, viewerID string, admin bool, now time.Time) orders.OrderView {
	placed, placedAt := formatDateTime(o.CreatedAt)
	v := orders.OrderView{
		ID: o.ID, URL: orders.URL(o.ID), ShortID: shortID(o.ID), ShopName: orUnknownShop(o.ShopName),
		Placed: placed, PlacedAt: placedAt, Status: orderStatus(o.Status),
		Total:   formatMoney(o.Total.Amount, o.Total.Currency),
		Address: shipAddress(o.Address),
		IsBuyer: viewerID != "" && viewerID == o.BuyerID,
	}
	for _, l := range o.Lines {
		v.Lines = append(v.Lines, orders.Line{
			ProductName: l.ProductName, ProductURL: productURL(l.ProductID), Option: l.VariationName, SKU: l.SKU,
			ThumbURL: l.ThumbURL, UnitPrice: formatMoney(l.UnitPrice.Amount, l.UnitPrice.Currency),
			Quantity: formatCount(l.Quantity), LineTotal: formatMoney(l.LineTotal.Amount, l.LineTotal.Currency),
		})
	}
	pending := o.Status == orderclient.StatusPendingPayment
	if pay != nil {
		v.Confirming = pending && pay.Status == paymentclient.StatusSucceeded
		if v.Confirming {
			v.Status.Label = "Confirming payment"
		}
		for _, a := range pay.Attempts {
			when, at := formatDateTime(a.At)
			at2 := orders.Attempt{When: when, DateTime: at, Card: cardLabel(a.CardLast4), OK: a.Status == paymentclient.AttemptSucceeded}
			if at2.OK {
				at2.Result = "Paid"
			} else {
				at2.Result = "Declined: " + declineReason(a)
			}
			v.Attempts = append(v.Attempts, at2)
		}
		if pay.Status == paymentclient.StatusRefunded {
			v.PaymentNote = "Your payment of " + formatMoney(pay.Amount.Amount, pay.Amount.Currency) + " is refunded"
			if pay.RefundedAt != nil {
				human, _ := formatDate(*pay.RefundedAt)
				v.PaymentNote += " (" + human + ")"
			}
			v.PaymentNote += "."
		}
	}
	v.CanPay = pending && !v.Confirming && (pay == nil || pay.Status == paymentclient.StatusPending)
	if v.CanPay {
		v.PayBefore, v.PayByAt = payBefore(o.ExpiresAt, now)
		v.Pay.Key = id.New()
		v.TestCards = testCards
	}
	if (v.IsBuyer || admin) && !v.Confirming && (pending || o.Status == orderclient.StatusPaid) {
		v.CanCancel = true
		if o.Status == orderclient.StatusPaid {
			v.Refund = "You paid " + v.Total + ": cancelling refunds it to your card."
			if !v.IsBuyer {
				v.Refund = "The buyer paid " + v.Total + ": cancelling refunds it to their card."
			}
		}
	}
	switch o.Status {
	case orderclient.StatusPaid:
		v.StateNote = "Paid. " + v.ShopName + " is preparing your order for shipping."
		if !v.IsBuyer {
			v.StateNote = "Paid. Waiting for " + v.ShopName + " to ship it."
		}
	case orderclient.StatusShipped:
		v.StateNote = "On its way: " + v.ShopName + " has shipped this order."
	case orderclient.StatusCancelled:
		v.StateNote = cancelledNote(o.CancelReason, v.IsBuyer)
	}
	v.Timeline = timelineOf(o, pay, v.IsBuyer)
	return v
}

// testCards are the sandbox gateway's documented cards.
var testCards = []orders.TestCard{
	{Number: paymentclient.CardSucceeds, Outcome: "Succeeds: the order is paid"},
	{Number: paymentclient.CardDeclined, Outcome: "Declined by the bank"},
	{Number: paymentclient.CardInsufficientFunds, Outcome: "Declined: insufficient funds"},
	{Number: "4242 4242 4242 4241", Outcome: "Not a valid card number (fails the Luhn check)"},
}

func shortID(id string) string {
	if len(id) > 8 {
		id = id[len(id)-8:] // UUIDv7: the end is the random part
	}
	return strings.ToUpper(id)
}

func cardLabel(last4 string) string {
	if last4 == "" {
		return "Card"
	}
	return "Card ending in " + last4
}

// shipAddress is an address line by line.
func shipAddress(a orderclient.Address) components.Address {
	return components.Address{
		FullName: a.FullName, Street: a.Address, PostalCity: strings.TrimSpace(a.PostalCode + " " + a.City), Country: a.Country,
	}
}

// payBefore is the time by which an unpaid order must be paid: "14:05
// UTC", with the day when it is not today.
func payBefore(expires, now time.Time) (string, string) {
	if expires.IsZero() {
		return "", ""
	}
	e := expires.UTC()
	human := e.Format("15:04") + " UTC"
	if n := now.UTC(); e.YearDay() != n.YearDay() || e.Year() != n.Year() {
		human += " on " + e.Format("2 Jan")
	}
	return human, e.Format(time.RFC3339)
}

// declineReason says why an attempt failed, for people.
func declineReason(a paymentclient.Attempt) string {
	if m := strings.TrimSpace(a.Message); m != "" {
		return strings.TrimSuffix(m, ".")
	}
	switch a.Reason {
	case paymentevents.ReasonInsufficientFunds:
		return "insufficient funds"
	case paymentevents.ReasonDeclined:
		return "the card was declined"
	case "":
		return "the card was declined"
	}
	return strings.ReplaceAll(a.Reason, "_", " ")
}

// timelineOf is the order's history, oldest first. The declined payment
// attempts are added from the payment when the order's own timeline does
// not record them.
func timelineOf(o orderclient.Order, pay *paymentclient.Payment, isBuyer bool) []orders.Step {
	var steps []orders.Step
	failures := false
	at := make([]time.Time, 0, len(o.Timeline))
	for _, s := range o.Timeline {
		st := orders.Step{Note: s.Note}
		switch s.Status {
		case "placed", orderclient.StatusPendingPayment:
			st.Label, st.Kind = "Order placed", orders.KindPending
		case orderclient.StatusPaid:
			st.Label, st.Kind = "Paid", orders.KindPaid
		case orderclient.StatusShipped:
			st.Label, st.Kind = "Shipped", orders.KindShipped
		case orderclient.StatusCancelled:
			st.Label, st.Kind = "Cancelled", orders.KindCancelled
			reason := s.Note
			if reason == "" {
				reason = o.CancelReason
			}
			st.Note = cancelReason(reason, isBuyer)
		default:
			st.Label, st.Kind = sentence(strings.ReplaceAll(s.Status, "_", " ")), orders.KindPending
			if strings.Contains(s.Status, "fail") || strings.Contains(s.Status, "declin") {
				st.Label, st.Kind, failures = "Payment declined", orders.KindFailed, true
				note := strings.TrimSpace(s.Note)
				for _, prefix := range []string{"payment declined:", "payment failed:"} {
					if len(note) >= len(prefix) && strings.EqualFold(note[:len(prefix)], prefix) {
						note = strings.TrimSpace(note[len(prefix):])
					}
				}
				st.Note = sentence(note)
			}
		}
		st.When, st.DateTime = formatDateTime(s.At)
		steps = append(steps, st)
		at = append(at, s.At)
	}
	if pay != nil && !failures {
		for _, a := range pay.Attempts {
			if a.Status != paymentclient.AttemptFailed {
				continue
			}
			st := orders.Step{Label: "Payment declined", Note: sentence(declineReason(a)), Kind: orders.KindFailed}
			st.When, st.DateTime = formatDateTime(a.At)
			steps = append(steps, st)
			at = append(at, a.At)
		}
	}
	idx := make([]int, len(steps))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return at[idx[i]].Before(at[idx[j]]) })
	out := make([]orders.Step, len(steps))
	for i, k := range idx {
		out[i] = steps[k]
	}
	return out
}

// cancelledNote says who cancelled an order, or why.
func cancelledNote(reason string, isBuyer bool) string {
	switch reason {
	case orderevents.ReasonExpired:
		return "This order was cancelled because it was not paid in time. Its items are back on sale."
	case orderevents.ReasonByBuyer:
		if isBuyer {
			return "You cancelled this order."
		}
		return "The buyer cancelled this order."
	case orderevents.ReasonByAdmin:
		return "The marketplace cancelled this order."
	}
	return "This order is cancelled."
}

// cancelReason says why an order was cancelled.
func cancelReason(reason string, isBuyer bool) string {
	switch reason {
	case orderevents.ReasonExpired:
		return "Not paid in time"
	case orderevents.ReasonByBuyer:
		if isBuyer {
			return "Cancelled by you"
		}
		return "Cancelled by the buyer"
	case orderevents.ReasonByAdmin:
		return "Cancelled by the marketplace"
	}
	return sentence(reason)
}

// ---------- Paying ----------

var payFields = map[string]string{"card_number": "card_number", "card": "card_number", "number": "card_number"}

// payOrder is POST /orders/{id}/pay. The form's idempotency key (fresh at
// every rendering) makes a double click one attempt. A declined card is
// not an error of the payment service: the page shows the attempt and why.
func (w *Web) payOrder(c echo.Context) error {
	orderID := c.Param("id")
	card := strings.TrimSpace(c.FormValue("card_number"))
	key := strings.TrimSpace(c.FormValue("idempotency_key"))
	if !id.Valid(key) {
		key = id.New()
	}
	var pr problems
	if card == "" {
		pr.add("card_number", "Enter a card number.")
	} else {
		p, err := w.cfg.Clients.Payment.Pay(c.Request().Context(), orderID, key, paymentclient.PayRequest{CardNumber: card})
		switch {
		case err == nil && len(p.Attempts) > 0 && p.Attempts[0].Status == paymentclient.AttemptFailed:
			pr.General = "The payment was declined: " + declineReason(p.Attempts[0]) + ". Try another card."
		case err == nil:
			w.session(c).flash("Payment received. Thank you!")
			return w.redirect(c, orderURL(orderID))
		case errors.Is(err, fault.Conflict):
			fe, _ := fault.As(err)
			w.session(c).warn(fullSentence(fe.Message))
			return w.redirect(c, orderURL(orderID))
		case errors.Is(err, fault.NotFound):
			// The order exists (or orderView below says otherwise), its
			// payment is not open yet: the payment service opens it when it
			// hears of the order.
			pr.General = "We are still preparing the payment of this order. Please try again in a moment."
		default:
			var ok bool
			if pr, ok = formProblems(err, payFields); !ok {
				return err
			}
		}
	}
	v, err := w.orderView(c, orderID)
	if err != nil {
		return err
	}
	v.Pay.Errors, v.Pay.Error = pr.Fields, pr.General
	return w.render(c, http.StatusUnprocessableEntity, orders.Page(w.page(c, "Order from "+v.ShopName), v))
}

// ---------- Cancelling ----------

// cancelOrder is POST /orders/{id}/cancel, confirmed with a tick. A paid
// order is refunded (the payment service hears of the cancellation).
func (w *Web) cancelOrder(c echo.Context) error {
	orderID := c.Param("id")
	if c.FormValue("confirm") != "yes" {
		v, err := w.orderView(c, orderID)
		if err != nil {
			return err
		}
		v.CancelError = "Tick the box to confirm that you want to cancel this order."
		return w.render(c, http.StatusUnprocessableEntity, orders.Page(w.page(c, "Order from "+v.ShopName), v))
	}
	o, err := w.cfg.Clients.Order.Cancel(c.Request().Context(), orderID)
	bs := w.session(c)
	switch {
	case errors.Is(err, fault.Conflict):
		fe, _ := fault.As(err)
		bs.warn(fullSentence(fe.Message))
		return w.redirect(c, orderURL(orderID))
	case err != nil:
		return err
	}
	msg := "The order is cancelled."
	if wasPaid(o) {
		msg += " The payment of " + formatMoney(o.Total.Amount, o.Total.Currency) + " is being refunded to the card."
	}
	bs.flash(msg)
	return w.redirect(c, orderURL(orderID))
}

func wasPaid(o orderclient.Order) bool {
	for _, s := range o.Timeline {
		if s.Status == orderclient.StatusPaid {
			return true
		}
	}
	return false
}
