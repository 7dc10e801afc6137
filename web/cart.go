package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/user/userclient"
	"github.com/marketplace/marketplace/views/cart"
	"github.com/marketplace/marketplace/views/catalog"
)

// A signed-in user's cart is their own (cartclient.Mine); a guest's is a
// guest cart that the web creates at the first add and whose id the
// browser session keeps. At login and registration the guest cart is
// merged into the user's (see signIn).

// keyCartLoaded holds the visitor's cart once loaded in a request.
const keyCartLoaded = "cart"

// cartRef is the cart the visitor's requests address: Mine when signed
// in, else the guest cart's id ("" when the guest has none yet).
func (w *Web) cartRef(c echo.Context) string {
	if _, ok := currentUser(c); ok {
		return cartclient.Mine
	}
	return w.session(c).get(keyGuestCart)
}

// loadCart returns the visitor's cart, asking the cart service once per
// request. A guest without a cart, or whose cart is gone, has an empty
// one.
func (w *Web) loadCart(c echo.Context) (cartclient.Cart, error) {
	if ct, ok := c.Get(keyCartLoaded).(cartclient.Cart); ok {
		return ct, nil
	}
	w.mergeLeftover(c)
	ref := w.cartRef(c)
	if ref == "" {
		return cartclient.Cart{}, nil
	}
	ct, err := w.cfg.Clients.Cart.Get(c.Request().Context(), ref)
	if errors.Is(err, fault.NotFound) && ref != cartclient.Mine {
		w.session(c).set(keyGuestCart, "") // merged or expired
		ct, err = cartclient.Cart{}, nil
	}
	if err != nil {
		return cartclient.Cart{}, err
	}
	w.cartChanged(c, ct)
	return ct, nil
}

// cartChanged keeps the cart a change returned, for the rest of the
// request, and its count for the header's badge of the next pages.
func (w *Web) cartChanged(c echo.Context, ct cartclient.Cart) {
	c.Set(keyCartLoaded, ct)
	w.session(c).set(keyCartCount, strconv.FormatInt(ct.ItemCount, 10)+"@"+strconv.FormatInt(time.Now().Unix(), 10))
}

// cartStale forgets the badge's cached count after a change whose new
// cart this frontend did not see (a checkout, a merge).
func (w *Web) cartStale(c echo.Context) { w.session(c).set(keyCartCount, "") }

// badgeTTL is how long the badge trusts the count it last saw. The cart can
// change without this frontend (an item whose product was deleted, the
// items of an order that expired): the badge may lag that long; the cart
// page itself always asks.
const badgeTTL = time.Minute

// cartCount is the header badge's number: the count this frontend last saw
// if recent, else the cart service's. A cart service that does not answer
// costs the badge, not the page.
func (w *Web) cartCount(c echo.Context) int64 {
	if ct, ok := c.Get(keyCartLoaded).(cartclient.Cart); ok {
		return ct.ItemCount
	}
	if n, at, ok := strings.Cut(w.session(c).get(keyCartCount), "@"); ok {
		count, err1 := strconv.ParseInt(n, 10, 64)
		seen, err2 := strconv.ParseInt(at, 10, 64)
		if err1 == nil && err2 == nil && time.Since(time.Unix(seen, 0)) < badgeTTL {
			return count
		}
	}
	ct, err := w.loadCart(c)
	if err != nil {
		w.log.Warn("load the cart for the header", "err", err)
		return 0
	}
	return ct.ItemCount
}

// signIn starts a fresh browser session holding the new server session's
// token (new cookie contents and a new CSRF token at every login), and
// merges the visitor's guest cart into the user's.
func (w *Web) signIn(c echo.Context, s userclient.Session) {
	bs := w.session(c)
	guest := bs.get(keyGuestCart)
	bs.renew()
	bs.set(keyToken, s.Token)
	if guest == "" {
		return
	}
	ctx := actor.With(c.Request().Context(), actor.Actor{UserID: s.User.ID, Role: actor.Role(s.User.Role)})
	if w.mergeGuestCart(ctx, guest) {
		bs.set(keyGuestCart, guest) // try again on the next page
	}
}

// mergeGuestCart merges a guest cart into the acting user's and reports
// whether it should be tried again later (the cart service failed). A
// guest cart that is gone or refused is forgotten: it was merged already,
// or expired.
func (w *Web) mergeGuestCart(ctx context.Context, guestID string) (retry bool) {
	_, err := w.cfg.Clients.Cart.Merge(ctx, guestID)
	if err == nil {
		return false
	}
	switch fault.CategoryOf(err) {
	case fault.CategoryUnavailable, fault.CategoryInternal:
		w.log.Warn("merge the guest cart", "cart", guestID, "err", err)
		return true
	}
	w.log.Info("guest cart not merged", "cart", guestID, "err", err)
	return false
}

// mergeLeftover finishes a merge that failed at login.
func (w *Web) mergeLeftover(c echo.Context) {
	if _, ok := currentUser(c); !ok {
		return
	}
	bs := w.session(c)
	guest := bs.get(keyGuestCart)
	if guest == "" {
		return
	}
	if !w.mergeGuestCart(c.Request().Context(), guest) {
		bs.set(keyGuestCart, "")
	}
}

// ---------- Add to cart ----------

var buyFields = map[string]string{
	"quantity": "quantity", "variation_id": "variation_id", "variation": "variation_id",
}

// addToCart is POST /cart/items from the product page's form. A guest
// without a cart gets one here. Problems come back on the product page
// (422), or with htmx on the form alone.
func (w *Web) addToCart(c echo.Context) error {
	ctx := c.Request().Context()
	form := catalog.BuyForm{
		VariationID: strings.TrimSpace(c.FormValue("variation_id")),
		Quantity:    strings.TrimSpace(c.FormValue("quantity")),
	}
	productID := strings.TrimSpace(c.FormValue("product_id"))
	var pr problems
	qty, msg := parseCartQuantity(form.Quantity, 1)
	if msg != "" {
		pr.add("quantity", msg)
	}
	if form.VariationID == "" {
		pr.add("variation_id", "Choose an option.")
	}
	var ct cartclient.Cart
	if !pr.any() {
		var err error
		ct, err = w.addItem(c, cartclient.AddItemRequest{VariationID: form.VariationID, Quantity: qty})
		switch {
		case err == nil:
		case errors.Is(err, fault.NotFound):
			pr.General = "This option is no longer available. Please choose another."
		default:
			var ok bool
			if pr, ok = formProblems(err, buyFields); !ok {
				return err
			}
		}
	}
	if productID == "" {
		productID = w.productOfVariation(ctx, ct, form.VariationID)
	}
	if pr.any() {
		if productID == "" {
			// Not from a product page we know of: nowhere to show the form.
			return fault.Invalidf("%s", firstProblem(pr))
		}
		form.Errors, form.Error = pr.Fields, pr.General
		return w.buyFailed(c, productID, form)
	}
	w.cartChanged(c, ct)
	added := "Added to your cart: " + addedWhat(ct, form.VariationID, qty) + "."
	if isFragmentRequest(c) && productID != "" {
		v, err := w.buyBoxView(c, productID)
		if err != nil {
			return err
		}
		v.Buy = catalog.BuyForm{VariationID: form.VariationID, Added: added}
		return w.render(c, http.StatusOK, catalog.BuyBoxFragment(w.session(c).get(keyCSRF), v, ct.ItemCount))
	}
	w.session(c).flash(added)
	if productID == "" {
		return w.redirect(c, "/cart")
	}
	return w.redirect(c, productURL(productID))
}

// addItem adds to the visitor's cart, starting a guest cart when needed
// (and again when the session's guest cart is gone).
func (w *Web) addItem(c echo.Context, r cartclient.AddItemRequest) (cartclient.Cart, error) {
	ctx := c.Request().Context()
	ref := w.cartRef(c)
	fresh := false
	if ref == "" {
		id, err := w.newGuestCart(c)
		if err != nil {
			return cartclient.Cart{}, err
		}
		ref, fresh = id, true
	}
	ct, err := w.cfg.Clients.Cart.AddItem(ctx, ref, r)
	if !errors.Is(err, fault.NotFound) || ref == cartclient.Mine || fresh {
		return ct, err
	}
	// Not found: the variation, or the guest cart (expired)?
	if _, gerr := w.cfg.Clients.Cart.Get(ctx, ref); !errors.Is(gerr, fault.NotFound) {
		return ct, err
	}
	id, nerr := w.newGuestCart(c)
	if nerr != nil {
		return cartclient.Cart{}, nerr
	}
	return w.cfg.Clients.Cart.AddItem(ctx, id, r)
}

func (w *Web) newGuestCart(c echo.Context) (string, error) {
	ct, err := w.cfg.Clients.Cart.CreateGuest(c.Request().Context())
	if err != nil {
		return "", err
	}
	w.session(c).set(keyGuestCart, ct.ID)
	return ct.ID, nil
}

// productOfVariation finds the product page of a variation: in the cart,
// or else from the product service.
func (w *Web) productOfVariation(ctx context.Context, ct cartclient.Cart, variationID string) string {
	if variationID == "" {
		return ""
	}
	if it, ok := findItem(ct, variationID); ok {
		return it.ProductID
	}
	m, err := w.cfg.Clients.Product.Variations(ctx, []string{variationID})
	if err != nil {
		return ""
	}
	return m[variationID].ProductID
}

func findItem(ct cartclient.Cart, variationID string) (cartclient.Item, bool) {
	for _, g := range ct.Groups {
		for _, it := range g.Items {
			if it.VariationID == variationID {
				return it, true
			}
		}
	}
	return cartclient.Item{}, false
}

// addedWhat names what was added: "2 × Stoneware mug, Blue".
func addedWhat(ct cartclient.Cart, variationID string, qty int64) string {
	it, ok := findItem(ct, variationID)
	if !ok {
		return strconv.FormatInt(qty, 10) + " × this item"
	}
	name := it.ProductName
	if it.VariationName != "" {
		name += ", " + it.VariationName
	}
	return strconv.FormatInt(qty, 10) + " × " + name
}

// buyFailed shows the add-to-cart form again with its problems: the
// product page (422), or with htmx the form alone.
func (w *Web) buyFailed(c echo.Context, productID string, form catalog.BuyForm) error {
	if isFragmentRequest(c) {
		v, err := w.buyBoxView(c, productID)
		if err != nil {
			return err
		}
		v.Buy = form
		return w.render(c, http.StatusUnprocessableEntity, catalog.BuyBox(w.session(c).get(keyCSRF), v))
	}
	v, err := w.productView(c, productID, 1, nil)
	if err != nil {
		return err
	}
	v.Buy = form
	return w.render(c, http.StatusUnprocessableEntity, catalog.ProductPage(w.page(c, v.Name), v))
}

// parseCartQuantity reads a quantity typed into a cart form: a whole
// number from least. The cart service checks the upper limits (stock, per
// line), which depend on what the cart holds.
func parseCartQuantity(s string, least int64) (int64, string) {
	s = strings.TrimSpace(s)
	want := "Enter a quantity of " + strconv.FormatInt(least, 10) + " or more."
	if s == "" {
		return 0, want
	}
	neg := strings.HasPrefix(s, "-")
	digits := strings.TrimPrefix(s, "-")
	if !allDigits(digits) {
		return 0, "Enter the quantity as a whole number."
	}
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > 6 {
		if neg {
			return 0, want
		}
		return 0, "You can add at most " + strconv.Itoa(cartclient.MaxLineQuantity) + " of one option."
	}
	n, _ := strconv.ParseInt("0"+digits, 10, 64)
	if neg {
		n = -n
	}
	if n < least {
		return 0, want
	}
	return n, ""
}

// ---------- The cart page ----------

var cartItemFields = map[string]string{"quantity": "quantity"}

func (w *Web) cartPage(c echo.Context) error {
	ct, err := w.loadCart(c)
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, cart.Page(w.page(c, "Your cart"), w.cartView(c, ct)))
}

// setCartQuantity is POST /cart/items/{variation_id}: a new quantity for
// a line, 0 removes it. With htmx the cart is swapped in place, with the
// header's badge.
func (w *Web) setCartQuantity(c echo.Context) error {
	variationID := c.Param("variation_id")
	typed := strings.TrimSpace(c.FormValue("quantity"))
	qty, msg := parseCartQuantity(typed, 0)
	ref := w.cartRef(c)
	if ref == "" {
		// A guest without a cart: nothing to change.
		return w.cartUpdated(c, cartclient.Cart{}, "Your cart is empty.")
	}
	if msg == "" {
		ctx := c.Request().Context()
		var (
			ct  cartclient.Cart
			err error
		)
		if qty == 0 {
			ct, err = w.cfg.Clients.Cart.Remove(ctx, ref, variationID)
		} else {
			ct, err = w.cfg.Clients.Cart.SetQuantity(ctx, ref, variationID, qty)
		}
		switch {
		case err == nil:
			done := "Your cart is updated."
			if qty == 0 {
				done = "Removed from your cart."
			}
			return w.cartUpdated(c, ct, done)
		case errors.Is(err, fault.NotFound):
			// The line (or the guest cart) is gone already.
			ct, lerr := w.loadCart(c)
			if lerr != nil {
				return lerr
			}
			if qty == 0 {
				return w.cartUpdated(c, ct, "Removed from your cart.")
			}
			return w.cartUpdated(c, ct, "That item is no longer in your cart.")
		}
		pr, ok := formProblems(err, cartItemFields)
		if !ok {
			return err
		}
		msg = firstProblem(pr)
	}
	ct, err := w.loadCart(c)
	if err != nil {
		return err
	}
	v := w.cartView(c, ct)
	marked := false
	for gi := range v.Groups {
		for ii := range v.Groups[gi].Items {
			if it := &v.Groups[gi].Items[ii]; it.VariationID == variationID {
				it.Error, it.Typed, marked = msg, typed, true
			}
		}
	}
	if !marked {
		v.Error = msg
	}
	if isFragmentRequest(c) {
		return w.render(c, http.StatusUnprocessableEntity, cart.Fragment(w.session(c).get(keyCSRF), v, ""))
	}
	return w.render(c, http.StatusUnprocessableEntity, cart.Page(w.page(c, "Your cart"), v))
}

// cartUpdated ends a successful change of the cart: htmx gets the cart
// and the badge, a browser goes back to the cart.
func (w *Web) cartUpdated(c echo.Context, ct cartclient.Cart, msg string) error {
	w.cartChanged(c, ct)
	if isFragmentRequest(c) {
		return w.render(c, http.StatusOK, cart.Fragment(w.session(c).get(keyCSRF), w.cartView(c, ct), msg))
	}
	w.session(c).flash(msg)
	return w.redirect(c, "/cart")
}

// cartView turns the cart into what the cart and checkout pages show.
func (w *Web) cartView(c echo.Context, ct cartclient.Cart) cart.View {
	_, signedIn := currentUser(c)
	v := cart.View{ItemCount: ct.ItemCount, Total: formatMoney(ct.Total.Amount, ct.Total.Currency), SignedIn: signedIn}
	for _, g := range ct.Groups {
		gv := cart.Group{ShopID: g.ShopID, ShopName: orUnknownShop(g.ShopName), Subtotal: formatMoney(g.Subtotal.Amount, g.Subtotal.Currency)}
		for _, it := range g.Items {
			iv := cart.Item{
				VariationID: it.VariationID, ProductName: it.ProductName, Option: it.VariationName, SKU: it.SKU,
				ThumbURL: it.ThumbURL, UnitPrice: formatMoney(it.UnitPrice.Amount, it.UnitPrice.Currency),
				Quantity: it.Quantity, LineTotal: formatMoney(it.LineTotal.Amount, it.LineTotal.Currency),
				Max: cartclient.MaxLineQuantity,
			}
			if it.ProductID != "" && it.Problem != cartclient.ProblemUnavailable {
				iv.ProductURL = productURL(it.ProductID)
			}
			if iv.ProductName == "" {
				iv.ProductName = "A product no longer listed"
			}
			iv.Problem, iv.ProblemKind = itemProblem(it)
			if iv.Problem != "" && it.Problem != cartclient.ProblemPriceChanged {
				v.Problems = true
			}
			gv.Items = append(gv.Items, iv)
		}
		v.Groups = append(v.Groups, gv)
	}
	return v
}

func orUnknownShop(name string) string {
	if name == "" {
		return "A shop"
	}
	return name
}

// itemProblem says what stands in the way of buying an item.
func itemProblem(it cartclient.Item) (string, string) {
	switch it.Problem {
	case cartclient.ProblemOutOfStock:
		return "Out of stock", cart.ProblemOutOfStock
	case cartclient.ProblemNotEnough:
		if it.Available <= 0 {
			return "Out of stock", cart.ProblemOutOfStock
		}
		return "Only " + formatCount(it.Available) + " left: lower the quantity to buy it", cart.ProblemNotEnough
	case cartclient.ProblemUnavailable:
		return "No longer available", cart.ProblemUnavailable
	case cartclient.ProblemPriceChanged:
		return "Price changed from " + formatMoney(it.AddedPrice.Amount, it.AddedPrice.Currency) +
			" to " + formatMoney(it.UnitPrice.Amount, it.UnitPrice.Currency), cart.ProblemPriceChanged
	}
	return "", ""
}
