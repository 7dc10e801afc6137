package eventbus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/marketplace/marketplace/services/platform/correlation"
)

// Handler applies one event. Returning an error asks for a retry; an error
// marked Permanent dead-letters the event at once.
type Handler func(ctx context.Context, env Envelope) error

// Retry bounds how often and how fast a failing event is retried before it
// is dead-lettered.
type Retry struct {
	Attempts int           // total tries, including the first
	Initial  time.Duration // wait before the second try; doubles each time
	Max      time.Duration // cap on the wait
}

// DefaultRetry rides out a short outage of a dependency (about 20 seconds)
// before giving up on an event.
var DefaultRetry = Retry{Attempts: 8, Initial: 200 * time.Millisecond, Max: 10 * time.Second}

func (r Retry) backoff(attempt int) time.Duration {
	d := r.Initial << (attempt - 1)
	if d <= 0 || d > r.Max {
		d = r.Max
	}
	return d
}

// Router consumes one queue and dispatches each event to the handler for
// its name.
type Router struct {
	transport Transport
	sub       Subscription
	handlers  map[string]Handler
	retry     Retry
	workers   int
	log       *slog.Logger
	metrics   *Metrics
	mws       []Middleware
	running   atomic.Bool
}

// Middleware wraps every handler of a router (the inbox is one).
type Middleware func(Handler) Handler

// RouterOption configures a Router.
type RouterOption func(*Router)

// WithRetry sets the retry policy.
func WithRetry(r Retry) RouterOption { return func(rt *Router) { rt.retry = r } }

// WithWorkers sets how many events are handled at once.
func WithWorkers(n int) RouterOption { return func(rt *Router) { rt.workers = n } }

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) RouterOption { return func(rt *Router) { rt.log = l } }

// WithMetrics records outcomes in m.
func WithMetrics(m *Metrics) RouterOption { return func(rt *Router) { rt.metrics = m } }

// WithMiddleware wraps every handler with mws, the first outermost.
func WithMiddleware(mws ...Middleware) RouterOption {
	return func(rt *Router) { rt.mws = append(rt.mws, mws...) }
}

// WithPrefetch sets how many deliveries may be unacknowledged at once.
func WithPrefetch(n int) RouterOption { return func(rt *Router) { rt.sub.Prefetch = n } }

// NewRouter returns a router for queue on t.
func NewRouter(t Transport, queue string, opts ...RouterOption) *Router {
	r := &Router{
		transport: t,
		sub:       Subscription{Queue: queue, Prefetch: DefaultPrefetch},
		handlers:  map[string]Handler{},
		retry:     DefaultRetry,
		workers:   4,
		log:       slog.Default(),
	}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Handle routes events named event to h, wrapped in the router's
// middleware (the inbox). It panics when called twice for one name or
// after Run: both are wiring mistakes.
func (r *Router) Handle(event string, h Handler) {
	for i := len(r.mws) - 1; i >= 0; i-- {
		h = r.mws[i](h)
	}
	r.handle(event, h)
}

// HandleIdempotent routes events named event to h without the router's
// middleware. It is for handlers that are idempotent by themselves, such
// as an upsert that keeps the highest version: the inbox's record would
// only repeat what the handler's own guard already decides, at the cost of
// a write per event.
func (r *Router) HandleIdempotent(event string, h Handler) { r.handle(event, h) }

func (r *Router) handle(event string, h Handler) {
	if r.running.Load() {
		panic("eventbus: Handle after Run")
	}
	if _, dup := r.handlers[event]; dup {
		panic("eventbus: two handlers for " + event)
	}
	r.handlers[event] = h
	r.sub.Topics = append(r.sub.Topics, event)
}

// On routes events of payload type T to h, decoding the payload first.
func On[T Payload](r *Router, h func(ctx context.Context, env Envelope, data T) error) {
	var zero T
	r.Handle(zero.EventName(), func(ctx context.Context, env Envelope) error {
		data, err := Decode[T](env)
		if err != nil {
			return err
		}
		return h(ctx, env, data)
	})
}

// OnIdempotent is On for a handler that is idempotent by itself (see
// HandleIdempotent).
func OnIdempotent[T Payload](r *Router, h func(ctx context.Context, env Envelope, data T) error) {
	var zero T
	r.HandleIdempotent(zero.EventName(), func(ctx context.Context, env Envelope) error {
		data, err := Decode[T](env)
		if err != nil {
			return err
		}
		return h(ctx, env, data)
	})
}

// Subscription returns the queue and topics the router consumes.
func (r *Router) Subscription() Subscription { return r.sub }

// Queue returns the router's queue name.
func (r *Router) Queue() string { return r.sub.Queue }

// Run consumes until ctx ends, then waits for the events in hand.
func (r *Router) Run(ctx context.Context) error {
	if err := r.sub.Validate(); err != nil {
		return err
	}
	r.running.Store(true)
	jobs := make(chan Delivery)
	var wg sync.WaitGroup
	for range max(r.workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range jobs {
				r.process(ctx, d)
			}
		}()
	}
	err := r.transport.Consume(ctx, r.sub, func(d Delivery) {
		select {
		case jobs <- d:
		case <-ctx.Done():
			_ = d.Requeue()
		}
	})
	close(jobs)
	wg.Wait()
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("consume %s: %w", r.sub.Queue, err)
	}
	return nil
}

type outcomeKey struct{}

// outcome lets the inbox tell the router that a delivery was a duplicate.
type outcome struct{ duplicate atomic.Bool }

// MarkDuplicate records, for metrics, that the event in ctx was already
// applied and was skipped.
func MarkDuplicate(ctx context.Context) {
	if o, ok := ctx.Value(outcomeKey{}).(*outcome); ok {
		o.duplicate.Store(true)
	}
}

func (r *Router) process(ctx context.Context, d Delivery) {
	env := d.Envelope()
	log := r.log.With("queue", r.sub.Queue, "event", env.Type, "event_id", env.ID, "correlation_id", env.CorrelationID)
	h, ok := r.handlers[env.Type]
	if !ok {
		r.settle(log, env, "dead_lettered", d.DeadLetter("no handler for "+env.Type))
		return
	}
	hctx := correlation.WithCause(correlation.With(ctx, env.CorrelationID), env.ID)
	for attempt := 1; ; attempt++ {
		o := &outcome{}
		start := time.Now()
		err := r.call(context.WithValue(hctx, outcomeKey{}, o), h, env)
		r.metrics.observe(r.sub.Queue, env.Type, time.Since(start))
		if err == nil {
			result := "processed"
			if o.duplicate.Load() {
				result = "duplicate"
			}
			r.settle(log, env, result, d.Ack())
			return
		}
		if ctx.Err() != nil {
			// Shutting down: hand the event back untouched.
			r.settle(log, env, "requeued", d.Requeue())
			return
		}
		if IsPermanent(err) || attempt >= r.retry.Attempts {
			log.Error("event dead-lettered", "attempt", attempt, "err", err)
			r.settle(log, env, "dead_lettered", d.DeadLetter(fmt.Sprintf("attempt %d: %v", attempt, err)))
			return
		}
		wait := r.retry.backoff(attempt)
		log.Warn("event handler failed, retrying", "attempt", attempt, "retry_in", wait, "err", err)
		r.metrics.count(r.sub.Queue, env.Type, "retried")
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			r.settle(log, env, "requeued", d.Requeue())
			return
		}
	}
}

func (r *Router) settle(log *slog.Logger, env Envelope, result string, err error) {
	r.metrics.count(r.sub.Queue, env.Type, result)
	if err != nil {
		// The bus redelivers what was not settled; the inbox absorbs the repeat.
		log.Warn("settling delivery failed", "result", result, "err", err)
	}
}

// call runs h, turning a panic into a permanent error so one bad event
// cannot take the consumer down or loop forever.
func (r *Router) call(ctx context.Context, h Handler, env Envelope) (err error) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("event handler panicked", "event", env.Type, "event_id", env.ID, "panic", p, "stack", string(debug.Stack()))
			err = Permanent(fmt.Errorf("handler panicked: %v", p))
		}
	}()
	return h(ctx, env)
}

// Metrics counts consumer outcomes and handler latency.
type Metrics struct {
	outcomes *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics registers the consumer metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "marketplace_events_consumed_total",
			Help: "Events settled by consumers, by queue, event and outcome (processed, duplicate, retried, dead_lettered, requeued).",
		}, []string{"queue", "event", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "marketplace_event_handler_seconds",
			Help:    "Time spent in event handlers, per attempt.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}, []string{"queue", "event"}),
	}
	reg.MustRegister(m.outcomes, m.duration)
	return m
}

func (m *Metrics) count(queue, event, outcome string) {
	if m != nil {
		m.outcomes.WithLabelValues(queue, event, outcome).Inc()
	}
}

func (m *Metrics) observe(queue, event string, d time.Duration) {
	if m != nil {
		m.duration.WithLabelValues(queue, event).Observe(d.Seconds())
	}
}
