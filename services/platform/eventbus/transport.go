package eventbus

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Publisher hands events to the bus.
type Publisher interface {
	// Publish returns nil once the bus has taken responsibility for every
	// envelope in batch (RabbitMQ: a publisher confirm; in-process: stored).
	// When only some were taken it returns a *PublishError naming the
	// others; any other error means none can be assumed taken.
	Publish(ctx context.Context, batch []Envelope) error
}

// Transport is a message bus: RabbitMQ or the in-process bus. Both keep the
// same semantics: durable queues per consumer, bindings by event name,
// explicit acks, redelivery of what was not acked, dead-letter queues.
type Transport interface {
	Publisher
	// Declare creates the subscription's queue, its dead-letter queue and
	// its bindings (idempotent), so events route to it before anyone
	// consumes.
	Declare(ctx context.Context, sub Subscription) error
	// Consume declares sub and hands each delivery to deliver, until ctx
	// ends. It survives connection loss by itself. Deliveries not settled
	// when it returns are redelivered later.
	Consume(ctx context.Context, sub Subscription, deliver func(Delivery)) error
	// DeadLetters lists up to limit dead letters of queue, oldest first.
	DeadLetters(ctx context.Context, queue string, limit int) ([]DeadLetter, error)
	// Replay moves dead letters of queue back onto the queue: those with
	// the given event ids, or all when ids is empty. It returns how many.
	Replay(ctx context.Context, queue string, ids []string) (int, error)
	// Ping reports whether the bus is reachable.
	Ping(ctx context.Context) error
	// Close releases connections.
	Close() error
}

// Subscription is a consumer's durable queue and the events bound to it.
type Subscription struct {
	Queue    string
	Topics   []string
	Prefetch int // deliveries in flight at once; 0 picks DefaultPrefetch
}

// DefaultPrefetch bounds unacknowledged deliveries per consumer.
const DefaultPrefetch = 64

// DeadQueue names the dead-letter queue of queue.
func DeadQueue(queue string) string { return queue + ".dead" }

// Validate checks a subscription before anything is declared.
func (s Subscription) Validate() error {
	if s.Queue == "" || strings.ContainsAny(s.Queue, " *#") {
		return fmt.Errorf("subscription: bad queue name %q", s.Queue)
	}
	if len(s.Topics) == 0 {
		return fmt.Errorf("subscription %s: no topics", s.Queue)
	}
	for _, t := range s.Topics {
		if t == "" || strings.ContainsAny(t, " *#") {
			return fmt.Errorf("subscription %s: bad topic %q (exact event names only)", s.Queue, t)
		}
	}
	return nil
}

// Delivery is one message handed to a consumer. Exactly one of Ack,
// Requeue or DeadLetter must be called.
type Delivery interface {
	Envelope() Envelope
	// Redelivered reports whether the bus delivered this message before.
	Redelivered() bool
	// Ack settles the message as done.
	Ack() error
	// Requeue hands the message back for later redelivery.
	Requeue() error
	// DeadLetter moves the message to the dead-letter queue with a reason.
	DeadLetter(reason string) error
}

// DeadLetter is a message that kept failing.
type DeadLetter struct {
	Envelope Envelope
	Queue    string
	Reason   string
	FailedAt time.Time
}

// ErrUnroutable says that no queue is bound to the event's name: nobody
// would receive it, so it was not taken.
var ErrUnroutable = errors.New("unroutable: no queue is bound for this event")

// ErrNotConfirmed says the bus did not confirm an envelope.
var ErrNotConfirmed = errors.New("not confirmed by the bus")

// PublishError names the envelopes of a batch that were not taken, each
// with its reason; all others were taken.
type PublishError struct {
	Failed map[string]error
}

func (e *PublishError) Error() string {
	ids := make([]string, 0, len(e.Failed))
	for id := range e.Failed {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	fmt.Fprintf(&b, "publish: %d event(s) not taken", len(ids))
	for i, id := range ids {
		if i == 3 {
			b.WriteString(", ...")
			break
		}
		fmt.Fprintf(&b, "; %s: %v", id, e.Failed[id])
	}
	return b.String()
}

// Unwrap lets errors.Is find ErrUnroutable among the causes.
func (e *PublishError) Unwrap() []error {
	out := make([]error, 0, len(e.Failed))
	for _, err := range e.Failed {
		out = append(out, err)
	}
	return out
}

// FailedIDs returns which envelope ids err says were not taken: all of
// batch unless err is a *PublishError.
func FailedIDs(err error, batch []Envelope) map[string]error {
	if err == nil {
		return nil
	}
	var pe *PublishError
	if errors.As(err, &pe) {
		return pe.Failed
	}
	out := make(map[string]error, len(batch))
	for _, e := range batch {
		out[e.ID] = err
	}
	return out
}

func asPermanent(err error, p *permanentError) bool { return errors.As(err, p) }
