package testkit

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/host"
)

// Outcome is how a delivered event was settled.
type Outcome string

// Outcomes of Deliver.
const (
	Acked        Outcome = "acked"
	DeadLettered Outcome = "dead-lettered"
	Requeued     Outcome = "requeued"
)

// Deliver runs a served service's consumer on each envelope, one after the
// other, wired as the host wires it (router, inbox), and returns how each
// was settled. It is for testing handlers: redeliveries, order, bad
// payloads. The transports themselves are tested by the bus contract.
func Deliver(t testing.TB, s Served, envs ...eventbus.Envelope) []Outcome {
	t.Helper()
	sub, ok := s.Service.(host.Subscriber)
	if !ok {
		t.Fatalf("%s consumes no events", s.Deps.Name)
	}
	deps := s.Deps
	deps.Registry = prometheus.NewRegistry() // one router per call: fresh metrics
	tr := &scripted{envs: envs, outcomes: make([]Outcome, len(envs))}
	r := host.ConsumerRouter(deps, tr, sub, eventbus.WithWorkers(1),
		eventbus.WithRetry(eventbus.Retry{Attempts: 2, Initial: time.Millisecond, Max: time.Millisecond}))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.Run(ctx); err != nil {
		t.Fatalf("deliver: %v", err)
	}
	return tr.outcomes
}

// scripted is a transport that hands out a fixed list of envelopes, each
// after the previous one was settled.
type scripted struct {
	envs     []eventbus.Envelope
	outcomes []Outcome
}

func (s *scripted) Consume(ctx context.Context, sub eventbus.Subscription, deliver func(eventbus.Delivery)) error {
	for i, env := range s.envs {
		d := &scriptedDelivery{env: env, done: make(chan Outcome, 1)}
		deliver(d)
		select {
		case s.outcomes[i] = <-d.done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func (s *scripted) Publish(context.Context, []eventbus.Envelope) error { return errors.ErrUnsupported }
func (s *scripted) Declare(context.Context, eventbus.Subscription) error {
	return nil
}
func (s *scripted) DeadLetters(context.Context, string, int) ([]eventbus.DeadLetter, error) {
	return nil, nil
}
func (s *scripted) Replay(context.Context, string, []string) (int, error) { return 0, nil }
func (s *scripted) Ping(context.Context) error                            { return nil }
func (s *scripted) Close() error                                          { return nil }

type scriptedDelivery struct {
	env  eventbus.Envelope
	once sync.Once
	done chan Outcome
}

func (d *scriptedDelivery) settle(o Outcome) error {
	d.once.Do(func() { d.done <- o })
	return nil
}
func (d *scriptedDelivery) Envelope() eventbus.Envelope { return d.env }
func (d *scriptedDelivery) Redelivered() bool           { return false }
func (d *scriptedDelivery) Ack() error                  { return d.settle(Acked) }
func (d *scriptedDelivery) Requeue() error              { return d.settle(Requeued) }
func (d *scriptedDelivery) DeadLetter(string) error     { return d.settle(DeadLettered) }

// Event wraps payload p in an envelope from source, as an outbox would.
func Event(t testing.TB, source string, p eventbus.Payload) eventbus.Envelope {
	t.Helper()
	env, err := eventbus.NewEnvelope(context.Background(), source, p, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	return env
}
