package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/payment/internal/domain"
	"github.com/marketplace/marketplace/services/payment/paymentevents"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
)

// PayInput is one request to pay an order with a card.
type PayInput struct {
	OrderID        string
	IdempotencyKey string
	CardNumber     string // as typed; never stored, logged or echoed
}

// Pay tries to pay an order of the acting user with a card and returns the
// payment with its attempts. A declined card is not an error: the payment
// comes back with a new failed attempt. The same Idempotency-Key with the
// same request again returns the payment without charging again; with a
// different request it is domain.ErrKeyReused. A paid order is
// domain.ErrAlreadyPaid, a cancelled one domain.ErrCancelled. A card
// number that is not valid is fault.Fields on card_number and never
// reaches the gateway.
//
// When the payment is not open yet (order.created has not arrived), the
// order service is asked, as the actor, and the payment is opened from its
// answer if the order awaits payment.
//
// Concurrency: everything from the key lookup to the outbox happens in one
// transaction that holds the payment's row lock (FOR UPDATE on PostgreSQL;
// SQLite runs one writing transaction at a time). Requests for one order
// therefore run one after the other: the second of two identical requests
// finds the first one's attempt under its key and replays it, and of two
// requests with different keys the second finds the order paid. The
// attempt is claimed under the buyer's key (unique index) before the
// gateway is asked, so even the same key sent for two different orders at
// once charges at most one of them.
//
// The sandbox answers in process, so the gateway is called inside that
// transaction. A real, remote provider must not be called while a row lock
// is held: there the claim would commit first (payment marked "charging",
// attempt "pending", in one short transaction), the provider would be
// called outside any transaction with the provider key (domain.ProviderKey)
// so that a repeated call returns the first charge instead of a second,
// and a second transaction would complete the attempt and the payment and
// add the event. A request meeting a pending attempt of its key would
// answer "in progress" (or wait), and a sweeper would finish attempts left
// pending by a crash by asking the provider under the same key.
func (a *App) Pay(ctx context.Context, who actor.Actor, in PayInput) (PaymentView, error) {
	if who.Anonymous() {
		return PaymentView{}, errSignIn
	}
	if err := domain.CheckIdempotencyKey(in.IdempotencyKey); err != nil {
		return PaymentView{}, err
	}
	card, err := domain.ParseCard(in.CardNumber)
	if err != nil {
		return PaymentView{}, err
	}
	opening, err := a.payable(ctx, who, in.OrderID)
	if err != nil {
		return PaymentView{}, err
	}
	hash := domain.RequestHash(a.hashKey, in.OrderID, card)

	var (
		out     PaymentView
		attempt *domain.Attempt // nil when the request was a repeat
	)
	err = a.tx.InTx(ctx, func(ctx context.Context) error {
		if opening != nil {
			if _, err := a.store.InsertPayment(ctx, opening); err != nil {
				return err
			}
		}
		p, err := a.store.LockPayment(ctx, in.OrderID)
		if err != nil {
			return err
		}
		if !p.PayableBy(who) {
			return domain.ErrNotYours
		}
		prior, found, err := a.store.AttemptByKey(ctx, who.UserID, in.IdempotencyKey)
		if err != nil {
			return err
		}
		if found {
			out, err = a.replay(ctx, p, prior, hash)
			return err
		}
		if err := p.CheckChargeable(); err != nil {
			return err
		}

		now := a.clock.Now()
		att := domain.NewAttempt(id.New(), p, in.IdempotencyKey, hash, card, now)
		claimed, err := a.store.ClaimAttempt(ctx, att)
		if err != nil {
			return err
		}
		if !claimed {
			// The same key was claimed meanwhile, for another order (this
			// order's requests wait on its lock): that one was asked first.
			prior, found, err := a.store.AttemptByKey(ctx, who.UserID, in.IdempotencyKey)
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("idempotency key of buyer %s is taken but has no attempt", who.UserID)
			}
			out, err = a.replay(ctx, p, prior, hash)
			return err
		}

		res, err := a.gateway.Charge(ctx, Charge{
			Amount: p.Amount(), Currency: p.Currency(), Card: card,
			IdempotencyKey: domain.ProviderKey(who.UserID, in.IdempotencyKey),
		})
		if err != nil {
			// Rolling back frees the key: a retry with it asks again, and
			// the provider key makes that safe.
			return fault.Unavailablef("the payment gateway did not answer; nothing was recorded, try again with the same Idempotency-Key").WithCause(err)
		}
		now = a.clock.Now()
		if res.Approved {
			att.Approve(res.ChargeID, now)
			if err := p.Succeed(res.ChargeID, now); err != nil {
				return err
			}
			if err := a.store.SavePayment(ctx, p); err != nil {
				return err
			}
		} else {
			att.Decline(res.Reason, res.Message, now)
		}
		if err := a.store.SaveAttempt(ctx, att); err != nil {
			return err
		}
		if err := a.events.Add(ctx, attemptEvent(p, att)); err != nil {
			return err
		}
		attempt = att
		out, err = a.view(ctx, p)
		return err
	})
	if err != nil {
		return PaymentView{}, wrap(err, "pay order %s", in.OrderID)
	}
	if attempt == nil {
		a.log.Info("payment request repeated: answered from its idempotency key", "order_id", in.OrderID, "payment_id", out.Payment.ID())
		return out, nil
	}
	// card logs as its last four digits only
	a.log.Info("payment attempt", "order_id", in.OrderID, "payment_id", out.Payment.ID(), "attempt_id", attempt.ID(),
		"status", attempt.Status(), "reason", attempt.Reason(), "card", card)
	return out, nil
}

// replay answers a request whose key was used before: with the payment as
// it is now when it is the same request, domain.ErrKeyReused otherwise.
func (a *App) replay(ctx context.Context, p *domain.Payment, prior *domain.Attempt, hash string) (PaymentView, error) {
	if !prior.SameRequest(p.ID(), hash) {
		return PaymentView{}, domain.ErrKeyReused
	}
	return a.view(ctx, p)
}

// payable checks that who may pay the order and, when its payment is not
// open yet, asks the order service and returns the payment to open.
func (a *App) payable(ctx context.Context, who actor.Actor, orderID string) (*domain.Payment, error) {
	p, err := a.store.Payment(ctx, orderID)
	switch {
	case err == nil:
		if !p.PayableBy(who) {
			return nil, domain.ErrNotYours
		}
		return nil, nil
	case !errors.Is(err, domain.ErrPaymentNotFound):
		return nil, wrap(err, "payment of order %s", orderID)
	case a.orders == nil:
		return nil, err
	}
	o, err := a.orders.Order(ctx, who, orderID)
	if err != nil {
		return nil, wrap(err, "ask the order service about order %s", orderID)
	}
	if o.BuyerID != who.UserID {
		return nil, domain.ErrNotYours
	}
	switch o.State {
	case OrderAwaitingPayment:
	case OrderPaid:
		return nil, domain.ErrAlreadyPaid
	case OrderCancelled:
		return nil, domain.ErrCancelled
	default:
		return nil, fault.Conflictf("this order cannot be paid now")
	}
	opening, err := domain.NewPayment(id.New(), o.Order, a.clock.Now())
	if err != nil {
		return nil, fmt.Errorf("open payment of order %s from the order service: %w", orderID, err)
	}
	return opening, nil
}

// attemptEvent announces a completed attempt.
func attemptEvent(p *domain.Payment, att *domain.Attempt) eventbus.Payload {
	base := paymentevents.Attempt{
		PaymentID: p.ID(), AttemptID: att.ID(), OrderID: p.OrderID(), BuyerID: p.BuyerID(), ShopID: p.ShopID(),
		Amount: p.Amount(), Currency: p.Currency(), CardLast4: att.CardLast4(), At: att.At(),
	}
	if att.Status() == domain.AttemptSucceeded {
		return paymentevents.PaymentSucceeded{Attempt: base}
	}
	return paymentevents.PaymentFailed{Attempt: base, Reason: att.Reason()}
}
