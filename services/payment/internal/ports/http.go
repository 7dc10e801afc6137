// Package ports exposes the payment service's use cases: its JSON API
// under /v1 (thin echo handlers) with the mapping to paymentclient's wire
// types, and its event consumers.
package ports

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/payment/internal/app"
	"github.com/marketplace/marketplace/services/payment/internal/domain"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/httpserver"
)

// HeaderIdempotencyKey carries the key that makes a payment safe to retry.
const HeaderIdempotencyKey = "Idempotency-Key"

// HTTP serves the API.
type HTTP struct{ app *app.App }

// NewHTTP returns the handlers over a.
func NewHTTP(a *app.App) *HTTP { return &HTTP{app: a} }

// Routes registers the API on g (the /v1 group behind the internal token).
func (h *HTTP) Routes(g *echo.Group) {
	g.GET("/orders/:id/payment", h.get)
	g.POST("/orders/:id/payment/attempts", h.pay)
}

func (h *HTTP) get(c echo.Context) error {
	ctx := c.Request().Context()
	v, err := h.app.GetPayment(ctx, actor.From(ctx), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Payment(v))
}

func (h *HTTP) pay(c echo.Context) error {
	var in paymentclient.PayRequest
	if err := httpserver.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	v, err := h.app.Pay(ctx, actor.From(ctx), app.PayInput{
		OrderID: c.Param("id"), IdempotencyKey: c.Request().Header.Get(HeaderIdempotencyKey), CardNumber: in.CardNumber,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, Payment(v))
}

// Payment is the wire form of a payment with its attempts, newest first.
func Payment(v app.PaymentView) paymentclient.Payment {
	p := v.Payment
	out := paymentclient.Payment{
		ID: p.ID(), OrderID: p.OrderID(), BuyerID: p.BuyerID(), Status: string(p.Status()),
		Amount:     paymentclient.Money{Amount: p.Amount(), Currency: p.Currency()},
		Attempts:   make([]paymentclient.Attempt, 0, len(v.Attempts)),
		RefundedAt: p.RefundedAt(), CreatedAt: p.CreatedAt(), UpdatedAt: p.UpdatedAt(),
	}
	for _, a := range v.Attempts {
		out.Attempts = append(out.Attempts, Attempt(a))
	}
	return out
}

// Attempt is the wire form of an attempt: of the card, the last four
// digits only.
func Attempt(a *domain.Attempt) paymentclient.Attempt {
	return paymentclient.Attempt{
		ID: a.ID(), Status: string(a.Status()), Reason: a.Reason(), Message: a.Message(),
		CardLast4: a.CardLast4(), At: a.At(),
	}
}
