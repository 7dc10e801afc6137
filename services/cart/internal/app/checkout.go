package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/marketplace/marketplace/services/cart/cartevents"
	"github.com/marketplace/marketplace/services/cart/internal/domain"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
)

// CheckoutInput is a checkout request. IdempotencyKey is the header's
// value; when given it must be the checkout id.
type CheckoutInput struct {
	CheckoutID     string
	IdempotencyKey string
	Address        domain.Address
}

var (
	errPricesChanged = fault.Conflictf("some prices changed since you added the items: please check your cart")
	errIDReused      = fault.Conflictf("this checkout id was used for another checkout: start the checkout again")
	errRecorded      = errors.New("the checkout was recorded meanwhile")
)

// Checkout turns the acting user's cart into orders, one per shop, and
// returns the result as the order service put it (JSON). The checkout id
// makes it idempotent: the same request again returns the recorded result
// without ordering anything, another request with the same id is
// fault.Conflict.
//
// When a price changed since an item was added, nothing is ordered: the
// items take the current price (the shopper has now seen it), cart.updated
// is written, and the answer is fault.Conflict. Unavailable items are left
// out and stay in the cart. The lines of the shops whose orders were
// placed leave the cart; cart.checked_out and cart.updated are written with
// the result.
//
// A checkout that orders costs six SQL statements: two reads (the record,
// the cart with its offers), and one transaction with the record, the
// removed lines, the cart's version and the events.
func (a *App) Checkout(ctx context.Context, who actor.Actor, in CheckoutInput) ([]byte, error) {
	if who.Anonymous() {
		return nil, errSignIn
	}
	if !id.Valid(in.CheckoutID) {
		return nil, fault.Fields(map[string]string{"checkout_id": "the checkout id must be a UUID"})
	}
	if in.IdempotencyKey != "" && in.IdempotencyKey != in.CheckoutID {
		return nil, fault.Fields(map[string]string{"checkout_id": "the checkout id must be the Idempotency-Key"})
	}
	addr, err := domain.NewAddress(in.Address)
	if err != nil {
		return nil, err
	}
	hash := requestHash(in.CheckoutID, addr)

	switch rec, found, err := a.store.Checkout(ctx, in.CheckoutID); {
	case err != nil:
		return nil, wrap(err, "checkout %s", in.CheckoutID)
	case found:
		return replay(rec, who, hash)
	}

	c, offers, err := a.store.CartOf(ctx, who.UserID, false)
	switch {
	case errors.Is(err, domain.ErrCartNotFound) || (err == nil && c.Empty()):
		return a.recordedMeanwhile(ctx, in.CheckoutID, who, hash, fault.Invalidf("your cart is empty"))
	case err != nil:
		return nil, wrap(err, "checkout %s", in.CheckoutID)
	}
	if changed := c.PriceChanged(offers); len(changed) > 0 {
		if err := a.confirmPrices(ctx, who.UserID, changed); err != nil {
			return nil, wrap(err, "checkout %s: confirm prices", in.CheckoutID)
		}
		return nil, errPricesChanged
	}

	req := OrderRequest{CheckoutID: in.CheckoutID, Address: addr}
	for _, l := range c.Lines() {
		if o, ok := offers[l.VariationID]; ok && !o.Gone {
			req.Lines = append(req.Lines, OrderLine{VariationID: l.VariationID, Quantity: l.Quantity, ExpectedPrice: o.Price.Amount})
		}
	}
	if len(req.Lines) == 0 {
		return a.recordedMeanwhile(ctx, in.CheckoutID, who, hash,
			fault.Invalidf("nothing in your cart can be ordered now: remove the unavailable items"))
	}
	res, err := a.orders.Checkout(ctx, req)
	if err != nil {
		return nil, wrap(err, "checkout %s: place orders", in.CheckoutID)
	}

	rec := CheckoutRecord{ID: in.CheckoutID, UserID: who.UserID, CartID: c.ID(), RequestHash: hash, Result: res.Wire, CreatedAt: a.clock.Now()}
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		added, err := a.store.AddCheckout(ctx, rec)
		if err != nil {
			return err
		}
		if !added {
			return errRecorded
		}
		return a.checkedOut(ctx, c, rec, res)
	})
	if errors.Is(err, errRecorded) {
		return a.recordedMeanwhile(ctx, in.CheckoutID, who, hash, err)
	}
	if err != nil {
		return nil, wrap(err, "checkout %s: record", in.CheckoutID)
	}
	return res.Wire, nil
}

// recordedMeanwhile replays the checkout when the same request, sent twice
// at once, finished first elsewhere (and so emptied the cart this one
// read); otherwise it returns refusal.
func (a *App) recordedMeanwhile(ctx context.Context, checkoutID string, who actor.Actor, hash string, refusal error) ([]byte, error) {
	switch rec, found, err := a.store.Checkout(ctx, checkoutID); {
	case err != nil:
		return nil, wrap(err, "checkout %s", checkoutID)
	case found:
		return replay(rec, who, hash)
	}
	return nil, wrap(refusal, "checkout %s", checkoutID)
}

// checkedOut takes the ordered lines out of the cart c (as read before
// ordering; read again if it changed since) and writes cart.checked_out, in
// the transaction in ctx. It is the one event of this change: it names
// what left the cart, and its version tells consumers the cart moved on
// (a cart.updated beside it would say nothing new).
func (a *App) checkedOut(ctx context.Context, c *domain.Cart, rec CheckoutRecord, res OrderResult) error {
	if len(res.Orders) == 0 {
		return nil
	}
	ordered := map[string]bool{}
	checked := cartevents.CartCheckedOut{CheckoutID: rec.ID, OrderIDs: []string{}, At: rec.CreatedAt}
	checked.Items = []cartevents.Item{}
	for _, o := range res.Orders {
		checked.OrderIDs = append(checked.OrderIDs, o.ID)
		checked.Currency = o.Currency
		for _, l := range o.Lines {
			ordered[l.VariationID] = true
			checked.Items = append(checked.Items, cartevents.Item{
				VariationID: l.VariationID, ProductID: l.ProductID, ShopID: o.ShopID, Quantity: l.Quantity, UnitPrice: l.UnitPrice,
			})
		}
	}
	drop := func(l domain.Line) bool { return ordered[l.VariationID] }
	now := a.clock.Now()
	loaded, before := c.Version(), c.Lines()
	c.RemoveWhere(drop, now)
	err := a.store.SaveCart(ctx, c, loaded, before)
	if errors.Is(err, ErrStaleCart) {
		c, _, err = a.store.CartOf(ctx, rec.UserID, true)
		if errors.Is(err, domain.ErrCartNotFound) {
			return nil // deleted meanwhile (its owner was)
		}
		if err != nil {
			return err
		}
		loaded, before = c.Version(), c.Lines()
		c.RemoveWhere(drop, now)
		err = a.store.SaveCart(ctx, c, loaded, before)
	}
	if err != nil {
		return err
	}
	checked.CartID, checked.OwnerID, checked.Version = c.ID(), c.OwnerID(), c.Version()
	if checked.Currency == "" {
		checked.Currency = domain.DefaultCurrency
	}
	return a.events.Add(ctx, checked)
}

// confirmPrices takes the current prices of the changed lines as seen.
func (a *App) confirmPrices(ctx context.Context, userID string, changed []string) error {
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		c, offers, err := a.store.CartOf(ctx, userID, true)
		if err != nil {
			return err
		}
		loaded, before := c.Version(), c.Lines()
		if !c.ConfirmPrices(changed, offers, a.clock.Now()) {
			return nil
		}
		if err := a.store.SaveCart(ctx, c, loaded, before); err != nil {
			return err
		}
		return a.events.Add(ctx, cartUpdated(c, offers))
	})
}

// replay returns a recorded checkout's result to the same request of the
// same user, and refuses any other.
func replay(rec CheckoutRecord, who actor.Actor, hash string) ([]byte, error) {
	if rec.UserID != who.UserID || rec.RequestHash != hash {
		return nil, errIDReused
	}
	return rec.Result, nil
}

// requestHash identifies a checkout request: its id and address (the lines
// are the cart's).
func requestHash(checkoutID string, a domain.Address) string {
	b, _ := json.Marshal(struct {
		ID string
		A  domain.Address
	}{checkoutID, a})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
