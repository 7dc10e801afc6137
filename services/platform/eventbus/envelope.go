// Package eventbus moves events between services: the envelope every event
// travels in, the transport interface that RabbitMQ and the in-process bus
// implement with the same semantics, and the consumer router that gives
// handlers retries, dead-lettering, panic recovery and correlation ids.
//
// Services never publish directly: they write events to their outbox in
// the business transaction, and the outbox relay publishes them (see
// package outbox). Consumers wrap their handlers with the inbox (package
// inbox) so that a redelivered event changes state once.
package eventbus

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/platform/correlation"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
)

// Payload is implemented by every event payload struct in a <service>events
// package: the event's name (also its routing key) and schema version.
type Payload interface {
	EventName() string
	EventVersion() int
}

// Envelope is an event on the wire: metadata plus the JSON payload.
type Envelope struct {
	ID            string          `json:"id"`
	Type          string          `json:"type"`
	Version       int             `json:"version"`
	Source        string          `json:"source"`
	OccurredAt    time.Time       `json:"occurred_at"`
	CorrelationID string          `json:"correlation_id,omitempty"`
	CausationID   string          `json:"causation_id,omitempty"`
	Data          json.RawMessage `json:"data"`
}

// NewEnvelope wraps p for sending from service source. The correlation and
// causation ids come from ctx, so an event written while handling a request
// or another event stays tied to it.
func NewEnvelope(ctx context.Context, source string, p Payload, at time.Time) (Envelope, error) {
	data, err := json.Marshal(p)
	if err != nil {
		return Envelope{}, fmt.Errorf("encode %s payload: %w", p.EventName(), err)
	}
	cid := correlation.From(ctx)
	eid := id.New()
	if cid == "" {
		cid = eid // an event that starts a chain correlates with itself
	}
	return Envelope{
		ID:            eid,
		Type:          p.EventName(),
		Version:       p.EventVersion(),
		Source:        source,
		OccurredAt:    at.UTC(),
		CorrelationID: cid,
		CausationID:   correlation.Cause(ctx),
		Data:          data,
	}, nil
}

// Decode reads the payload of env into a T. A payload that does not match
// is a permanent failure: retrying cannot fix it.
func Decode[T Payload](env Envelope) (T, error) {
	var p T
	if env.Type != p.EventName() {
		return p, Permanent(fmt.Errorf("decode event %s: want type %s, got %s", env.ID, p.EventName(), env.Type))
	}
	if env.Version > p.EventVersion() {
		return p, Permanent(fmt.Errorf("decode event %s: version %d is newer than the %d this consumer knows", env.ID, env.Version, p.EventVersion()))
	}
	if err := json.Unmarshal(env.Data, &p); err != nil {
		return p, Permanent(fmt.Errorf("decode event %s (%s): %w", env.ID, env.Type, err))
	}
	return p, nil
}

// Marshal encodes the envelope as its wire body.
func (e Envelope) Marshal() ([]byte, error) { return json.Marshal(e) }

// Unmarshal decodes a wire body.
func Unmarshal(b []byte) (Envelope, error) {
	var e Envelope
	if err := json.Unmarshal(b, &e); err != nil {
		return e, fault.Invalidf("malformed event envelope").WithCause(err)
	}
	if e.ID == "" || e.Type == "" {
		return e, fault.Invalidf("event envelope lacks id or type")
	}
	return e, nil
}

// permanentError marks a handler failure that retries cannot fix.
type permanentError struct{ err error }

func (p permanentError) Error() string { return p.err.Error() }
func (p permanentError) Unwrap() error { return p.err }

// Permanent marks err as not worth retrying: the router dead-letters the
// event at once.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return asPermanent(err, &p)
}
