package web

import (
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/views/cart"
	"github.com/marketplace/marketplace/views/components"
)

// checkoutFields maps the services' names of the address fields to the
// form's.
var checkoutFields = map[string]string{
	"full_name": "full_name", "address": "address", "city": "city", "postal_code": "postal_code", "country": "country",
	"address.full_name": "full_name", "address.address": "address", "address.city": "city",
	"address.postal_code": "postal_code", "address.country": "country",
}

// checkoutForm is GET /checkout. Every rendering of the form gets a fresh
// checkout id: the idempotency key of the checkout it sends.
func (w *Web) checkoutForm(c echo.Context) error {
	ct, err := w.loadCart(c)
	if err != nil {
		return err
	}
	if len(ct.Groups) == 0 {
		w.session(c).flash("Your cart is empty: add something to check out.")
		return w.redirect(c, "/cart")
	}
	u, _ := currentUser(c)
	v := cart.CheckoutView{Form: cart.CheckoutForm{CheckoutID: id.New(), FullName: u.Name}, Cart: w.cartView(c, ct)}
	return w.render(c, http.StatusOK, cart.Checkout(w.page(c, "Checkout"), v))
}

// checkout is POST /checkout: the cart service turns the cart into one
// order per shop. The same checkout id again returns the first result, so
// a double click or a retry lands on the same orders.
func (w *Web) checkout(c echo.Context) error {
	form := cart.CheckoutForm{
		CheckoutID: strings.TrimSpace(c.FormValue("checkout_id")),
		FullName:   strings.TrimSpace(c.FormValue("full_name")),
		Address:    strings.TrimSpace(c.FormValue("address")),
		City:       strings.TrimSpace(c.FormValue("city")),
		PostalCode: strings.TrimSpace(c.FormValue("postal_code")),
		Country:    strings.TrimSpace(c.FormValue("country")),
	}
	if !id.Valid(form.CheckoutID) {
		// Not sent by our form (which always has one): this request is its
		// own checkout.
		form.CheckoutID = id.New()
	}
	ctx := c.Request().Context()
	w.cartStale(c) // whatever happens, the cart may have changed
	res, err := w.cfg.Clients.Cart.Checkout(ctx, cartclient.CheckoutRequest{
		CheckoutID: form.CheckoutID,
		Address: orderclient.Address{
			FullName: form.FullName, Address: form.Address, City: form.City, PostalCode: form.PostalCode, Country: form.Country,
		},
	})
	if err != nil {
		return w.checkoutFailed(c, form, err)
	}
	bs := w.session(c)
	if len(res.Failed) > 0 {
		ct, lerr := w.loadCart(c) // the failed shops' items stay: their names for the notices
		if lerr != nil {
			w.log.Warn("load the cart after a checkout", "err", lerr)
		}
		bs.warn(failureNotices(res.Failed, ct)...)
	}
	switch len(res.Orders) {
	case 0:
		return w.redirect(c, "/cart")
	case 1:
		bs.flash("Thank you! Your order is placed: pay for it below.")
		return w.redirect(c, orderURL(res.Orders[0].ID))
	default:
		bs.flash("Thank you! " + components.Plural(int64(len(res.Orders)), "order is", "orders are") + " placed, one per shop: pay for each of them.")
		return w.redirect(c, "/orders")
	}
}

// checkoutFailed answers a checkout the cart service refused: a conflict
// (prices changed: the cart now shows the new ones) sends the shopper back
// to the cart with the message; address problems come back on the form,
// with the same checkout id.
func (w *Web) checkoutFailed(c echo.Context, form cart.CheckoutForm, err error) error {
	bs := w.session(c)
	if errors.Is(err, fault.Conflict) {
		fe, _ := fault.As(err)
		bs.warn(fullSentence(fe.Message))
		return w.redirect(c, "/cart")
	}
	pr, ok := formProblems(err, checkoutFields)
	if !ok {
		return err
	}
	ct, lerr := w.loadCart(c)
	if lerr != nil {
		return lerr
	}
	if len(ct.Groups) == 0 {
		bs.flash("Your cart is empty: add something to check out.")
		return w.redirect(c, "/cart")
	}
	form.Errors, form.Error = pr.Fields, pr.General
	v := cart.CheckoutView{Form: form, Cart: w.cartView(c, ct)}
	return w.render(c, http.StatusUnprocessableEntity, cart.Checkout(w.page(c, "Checkout"), v))
}

// failureNotices says, for each shop whose order could not be placed,
// why: "Nordic Clay Studio: only 2 left of Stoneware Mug — these items
// stay in your cart." ct (the cart after the checkout) names the items.
func failureNotices(failed []orderclient.ShopFailure, ct cartclient.Cart) []string {
	const most = 4 // the notices travel in the session cookie
	var out []string
	for i, f := range failed {
		if i == most {
			out = append(out, components.Plural(int64(len(failed)-most), "more shop", "more shops")+
				" could not take your order; their items stay in your cart.")
			break
		}
		shop := f.ShopName
		if shop == "" {
			for _, g := range ct.Groups {
				if g.ShopID == f.ShopID {
					shop = g.ShopName
				}
			}
		}
		var what []string
		for variationID, msg := range f.Lines {
			part := strings.TrimSpace(msg)
			if it, ok := findItem(ct, variationID); ok {
				name := it.ProductName
				if it.VariationName != "" {
					name += " (" + it.VariationName + ")"
				}
				part += " of " + name
			}
			what = append(what, part)
		}
		sort.Strings(what)
		reason := strings.Join(what, "; ")
		if reason == "" {
			reason = strings.TrimSpace(f.Reason)
		}
		if reason == "" {
			reason = "the order could not be placed"
		}
		out = append(out, truncate(orUnknownShop(shop)+": "+reason, 240)+" — these items stay in your cart.")
	}
	return out
}

// fullSentence is a service message as a sentence of its own: capitalized
// and ending with a full stop.
func fullSentence(s string) string {
	s = sentence(s)
	for _, end := range []string{".", "!", "?", "…"} {
		if s == "" || strings.HasSuffix(s, end) {
			return s
		}
	}
	return s + "."
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func orderURL(id string) string { return "/orders/" + url.PathEscape(id) }
