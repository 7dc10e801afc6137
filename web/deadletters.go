package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/opsclient"
	"github.com/marketplace/marketplace/views/admin"
	"github.com/marketplace/marketplace/views/components"
)

// Dead letters: every event-consuming service's messages that kept
// failing, listed and replayed by admins (each service checks the role
// again).

const deadLettersPath = "/admin/dead-letters"

// deadLetterLimit is the most messages a service lists on the page.
const deadLetterLimit = 100

// Payload excerpts: the preview in the table, the fuller text under it.
const (
	previewRunes = 120
	payloadRunes = 4000
)

// opsTimeout bounds one service's answer, so that one slow service does
// not hold up the page.
const opsTimeout = 5 * time.Second

// deadLetters is GET /admin/dead-letters. The services are asked at the
// same time; one that does not answer shows its error in its section.
func (w *Web) deadLetters(c echo.Context) error {
	ops := w.cfg.Clients.Ops
	v := admin.DeadLettersPage{Services: make([]admin.DeadLetterService, len(ops))}
	var wg sync.WaitGroup
	for i, o := range ops {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(c.Request().Context(), opsTimeout)
			defer cancel()
			v.Services[i] = w.serviceDeadLetters(ctx, o)
		})
	}
	wg.Wait()
	return w.render(c, http.StatusOK, admin.DeadLetters(w.page(c, "Dead letters"), v))
}

func (w *Web) serviceDeadLetters(ctx context.Context, o *opsclient.Client) admin.DeadLetterService {
	s := admin.DeadLetterService{Name: o.Name()}
	d, err := o.DeadLetters(ctx, deadLetterLimit)
	if err != nil {
		w.log.Warn("list dead letters", "service", o.Name(), "err", err)
		s.Error = "The " + o.Name() + " service did not answer: " + opsError(err)
		return s
	}
	s.Queue = d.Queue
	for _, m := range d.Items {
		occurred, occurredISO := formatDateTime(m.OccurredAt)
		failed, failedISO := formatDateTime(m.FailedAt)
		s.Items = append(s.Items, admin.DeadLetterRow{
			EventID: m.EventID, Type: m.Type, Source: m.Source,
			OccurredAt: occurred, OccurredAtISO: occurredISO, FailedAt: failed, FailedAtISO: failedISO,
			Reason: m.Reason, Preview: excerptRunes(m.Data, previewRunes), Payload: excerptRunes(m.Data, payloadRunes),
		})
	}
	s.Summary = components.Plural(int64(len(s.Items)), "message", "messages")
	if len(s.Items) == deadLetterLimit {
		s.Summary = "The oldest " + s.Summary + " (there may be more)."
	}
	return s
}

// opsError says why a service could not be asked, without the details
// of the call.
func opsError(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "it took too long."
	case errors.Is(err, fault.Forbidden), errors.Is(err, fault.Unauthenticated):
		return "it refused the request."
	}
	if fe, ok := fault.As(err); ok && fe.Message != "" && !errors.Is(err, fault.Unavailable) {
		return strings.TrimSuffix(fe.Message, ".") + "."
	}
	return "it is unreachable or failing."
}

// excerptRunes shortens s to at most n characters, marking a cut with an
// ellipsis; it never splits a character.
func excerptRunes(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// replayDeadLetters is POST /admin/dead-letters/{service}/replay: one
// message (event_id) or all of the service's (all=true), back on its
// queue; then back to the list with how many went.
func (w *Web) replayDeadLetters(c echo.Context) error {
	name := c.Param("service")
	var o *opsclient.Client
	for _, s := range w.cfg.Clients.Ops {
		if s.Name() == name {
			o = s
		}
	}
	if o == nil {
		return fault.NotFoundf("no service %q", name)
	}
	var ids []string
	switch id := strings.TrimSpace(c.FormValue("event_id")); {
	case id != "":
		ids = []string{id}
	case c.FormValue("all") != "true":
		return fault.Invalidf("choose a message to replay, or replay all")
	}
	n, err := o.Replay(c.Request().Context(), ids)
	if err != nil {
		return err
	}
	msg := "Replayed " + components.Plural(int64(n), "message", "messages") + " of " + name + "."
	if n == 0 {
		msg = "Nothing to replay for " + name + ": the message was already replayed."
	}
	w.session(c).flash(msg)
	return w.redirect(c, deadLettersPath+"#dead-letters-"+name)
}
