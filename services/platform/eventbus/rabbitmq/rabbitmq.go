// Package rabbitmq is the event bus of the distributed mode, on RabbitMQ.
//
// Topology: one durable topic exchange (marketplace.events) where the
// routing key is the event name; one durable queue per consuming service,
// bound to the names it listens to; a direct dead-letter exchange
// (marketplace.dead) and a dead-letter queue per service queue. Messages
// are persistent, published with confirms and mandatory (so an event that no
// queue would receive is reported, not silently dropped), and consumed with
// manual acks and a prefetch limit. Connections are re-dialled with backoff
// whenever they drop; publishers and consumers carry on by themselves.
package rabbitmq

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	"github.com/marketplace/marketplace/services/platform/eventbus"
)

// Config says where the broker is and how the topology is named.
type Config struct {
	URL          string
	Exchange     string // default "marketplace.events"
	DeadExchange string // default "marketplace.dead"
	Name         string // connection name shown in the management UI
	// Namespace, when set, prefixes the exchanges and queues ("ns.") so
	// several marketplaces (or test runs) can share one broker.
	Namespace string
	Logger    *slog.Logger
	// SettleGrace is how long a stopping consumer waits for the deliveries
	// in hand to be settled before closing its channel, which requeues
	// them (default 10s).
	SettleGrace time.Duration
}

// Transport is the RabbitMQ transport.
type Transport struct {
	cfg      Config
	log      *slog.Logger
	pubConn  *connector // publishing and consuming use separate connections,
	subConn  *connector // so flow control on one never stalls the other
	pubMu    sync.Mutex
	pubCh    *amqp.Channel
	returns  chan amqp.Return
	closing  chan struct{}
	closeOne sync.Once
}

// publishChunk bounds the messages in flight on the publishing channel, and
// with it the returns that can pile up before they are read.
const publishChunk = 256

// New returns a transport; it connects lazily and reconnects by itself.
func New(cfg Config) *Transport {
	if cfg.Exchange == "" {
		cfg.Exchange = "marketplace.events"
	}
	if cfg.DeadExchange == "" {
		cfg.DeadExchange = "marketplace.dead"
	}
	if cfg.Namespace != "" {
		cfg.Exchange = cfg.Namespace + "." + cfg.Exchange
		cfg.DeadExchange = cfg.Namespace + "." + cfg.DeadExchange
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.SettleGrace <= 0 {
		cfg.SettleGrace = 10 * time.Second
	}
	t := &Transport{cfg: cfg, log: cfg.Logger, closing: make(chan struct{})}
	t.pubConn = &connector{url: cfg.URL, name: cfg.Name + " publish", setup: t.declareExchanges}
	t.subConn = &connector{url: cfg.URL, name: cfg.Name + " consume", setup: t.declareExchanges}
	return t
}

// connector holds one connection and re-dials it when it is gone.
type connector struct {
	url   string
	name  string
	setup func(*amqp.Channel) error
	mu    sync.Mutex
	conn  *amqp.Connection
}

func (c *connector) get() (*amqp.Connection, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil && !c.conn.IsClosed() {
		return c.conn, nil
	}
	conn, err := amqp.DialConfig(c.url, amqp.Config{
		Heartbeat:  10 * time.Second,
		Locale:     "en_US",
		Properties: amqp.Table{"connection_name": c.name},
		Dial:       amqp.DefaultDial(5 * time.Second),
	})
	if err != nil {
		return nil, fmt.Errorf("connect to rabbitmq: %w", err)
	}
	ch, err := conn.Channel()
	if err == nil {
		err = c.setup(ch)
		_ = ch.Close()
	}
	if err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("rabbitmq topology: %w", err)
	}
	c.conn = conn
	return conn, nil
}

func (c *connector) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		_ = c.conn.Close()
		c.conn = nil
	}
}

func (t *Transport) declareExchanges(ch *amqp.Channel) error {
	if err := ch.ExchangeDeclare(t.cfg.Exchange, amqp.ExchangeTopic, true, false, false, false, nil); err != nil {
		return fmt.Errorf("declare exchange %s: %w", t.cfg.Exchange, err)
	}
	if err := ch.ExchangeDeclare(t.cfg.DeadExchange, amqp.ExchangeDirect, true, false, false, false, nil); err != nil {
		return fmt.Errorf("declare exchange %s: %w", t.cfg.DeadExchange, err)
	}
	return nil
}

func (t *Transport) declare(ch *amqp.Channel, sub eventbus.Subscription) error {
	dead := eventbus.DeadQueue(sub.Queue)
	if _, err := ch.QueueDeclare(dead, true, false, false, false, nil); err != nil {
		return fmt.Errorf("declare queue %s: %w", dead, err)
	}
	if err := ch.QueueBind(dead, dead, t.cfg.DeadExchange, false, nil); err != nil {
		return fmt.Errorf("bind queue %s: %w", dead, err)
	}
	// Messages rejected without our own dead-lettering (an unreadable body)
	// still reach the dead-letter queue through these arguments.
	args := amqp.Table{"x-dead-letter-exchange": t.cfg.DeadExchange, "x-dead-letter-routing-key": dead}
	if _, err := ch.QueueDeclare(sub.Queue, true, false, false, false, args); err != nil {
		return fmt.Errorf("declare queue %s: %w", sub.Queue, err)
	}
	for _, topic := range sub.Topics {
		if err := ch.QueueBind(sub.Queue, topic, t.cfg.Exchange, false, nil); err != nil {
			return fmt.Errorf("bind %s to %s: %w", sub.Queue, topic, err)
		}
	}
	return nil
}

// Declare creates the subscription's queues and bindings.
func (t *Transport) Declare(ctx context.Context, sub eventbus.Subscription) error {
	if err := sub.Validate(); err != nil {
		return err
	}
	sub.Queue = t.queue(sub.Queue)
	return t.withChannel(ctx, func(ch *amqp.Channel) error { return t.declare(ch, sub) })
}

// queue maps a service's queue name into the namespace.
func (t *Transport) queue(name string) string {
	if t.cfg.Namespace == "" {
		return name
	}
	return t.cfg.Namespace + "." + name
}

// withChannel runs fn on a fresh channel of the consuming connection.
func (t *Transport) withChannel(ctx context.Context, fn func(*amqp.Channel) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	conn, err := t.subConn.get()
	if err != nil {
		return err
	}
	ch, err := conn.Channel()
	if err != nil {
		return fmt.Errorf("open rabbitmq channel: %w", err)
	}
	defer ch.Close()
	return fn(ch)
}

// Ping dials the broker if needed and reports whether it is reachable.
func (t *Transport) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := t.pubConn.get()
	return err
}

// Close closes both connections; consumers return.
func (t *Transport) Close() error {
	t.closeOne.Do(func() { close(t.closing) })
	t.pubMu.Lock()
	t.pubCh = nil
	t.pubMu.Unlock()
	t.pubConn.close()
	t.subConn.close()
	return nil
}

// publishChannel returns the confirm-mode channel used for publishing,
// opening it (and the connection) if needed. Caller holds pubMu.
func (t *Transport) publishChannel() (*amqp.Channel, chan amqp.Return, error) {
	if t.pubCh != nil && !t.pubCh.IsClosed() {
		return t.pubCh, t.returns, nil
	}
	conn, err := t.pubConn.get()
	if err != nil {
		return nil, nil, err
	}
	ch, err := conn.Channel()
	if err != nil {
		return nil, nil, fmt.Errorf("open rabbitmq channel: %w", err)
	}
	if err := ch.Confirm(false); err != nil {
		_ = ch.Close()
		return nil, nil, fmt.Errorf("enable publisher confirms: %w", err)
	}
	// The broker sends basic.return before the ack of the same message, and
	// the client hands returns over in frame order, so once a message's
	// confirm is in, its return (if any) is already in this buffer.
	t.returns = ch.NotifyReturn(make(chan amqp.Return, publishChunk+16))
	t.pubCh = ch
	return ch, t.returns, nil
}

func (t *Transport) dropPublishChannel() {
	if t.pubCh != nil {
		_ = t.pubCh.Close()
		t.pubCh = nil
	}
}

// Publish sends the batch to the events exchange with the event name as
// routing key, and waits for the broker's confirms.
func (t *Transport) Publish(ctx context.Context, batch []eventbus.Envelope) error {
	msgs := make([]outgoing, 0, len(batch))
	failed := map[string]error{}
	for _, env := range batch {
		body, err := env.Marshal()
		if err != nil {
			failed[env.ID] = err
			continue
		}
		msgs = append(msgs, outgoing{id: env.ID, key: env.Type, msg: publishing(env, body)})
	}
	for chunk := range slices.Chunk(msgs, publishChunk) {
		f, err := t.publish(ctx, t.cfg.Exchange, chunk)
		if err != nil {
			// The channel or connection failed: nothing of the batch can be
			// counted on (some may have arrived; consumers absorb repeats).
			return fmt.Errorf("rabbitmq publish: %w", err)
		}
		for id, e := range f {
			failed[id] = e
		}
	}
	if len(failed) > 0 {
		return &eventbus.PublishError{Failed: failed}
	}
	return nil
}

type outgoing struct {
	id  string
	key string
	msg amqp.Publishing
}

func publishing(env eventbus.Envelope, body []byte) amqp.Publishing {
	return amqp.Publishing{
		ContentType:   "application/json",
		DeliveryMode:  amqp.Persistent,
		MessageId:     env.ID,
		Type:          env.Type,
		AppId:         env.Source,
		CorrelationId: env.CorrelationID,
		Timestamp:     env.OccurredAt,
		Headers:       amqp.Table{"version": int32(env.Version), "causation_id": env.CausationID},
		Body:          body,
	}
}

// publish sends msgs to exchange and returns the ids the broker refused
// (nacked, or returned as unroutable). An error means the channel failed
// and no confirm can be trusted.
func (t *Transport) publish(ctx context.Context, exchange string, msgs []outgoing) (map[string]error, error) {
	t.pubMu.Lock()
	defer t.pubMu.Unlock()
	ch, returns, err := t.publishChannel()
	if err != nil {
		return nil, err
	}
	confirms := make([]*amqp.DeferredConfirmation, 0, len(msgs))
	for _, m := range msgs {
		dc, err := ch.PublishWithDeferredConfirmWithContext(ctx, exchange, m.key, true, false, m.msg)
		if err != nil {
			t.dropPublishChannel()
			return nil, err
		}
		confirms = append(confirms, dc)
	}
	failed := map[string]error{}
	for i, dc := range confirms {
		ok, err := dc.WaitContext(ctx)
		if err != nil {
			// Confirms may still arrive for this batch; start clean next time.
			t.dropPublishChannel()
			return nil, fmt.Errorf("wait for confirms: %w", err)
		}
		if !ok {
			failed[msgs[i].id] = eventbus.ErrNotConfirmed
		}
	}
	if ch.IsClosed() {
		// A closing channel nacks everything pending: not the broker's word.
		t.dropPublishChannel()
		return nil, errors.New("channel closed while waiting for confirms")
	}
	for {
		select {
		case r := <-returns:
			if slices.ContainsFunc(msgs, func(m outgoing) bool { return m.id == r.MessageId }) {
				failed[r.MessageId] = fmt.Errorf("%w (%s)", eventbus.ErrUnroutable, r.RoutingKey)
			}
		default:
			return failed, nil
		}
	}
}

// Consume declares sub and delivers its messages until ctx ends,
// reconnecting with backoff whenever the connection or channel is lost.
func (t *Transport) Consume(ctx context.Context, sub eventbus.Subscription, deliver func(eventbus.Delivery)) error {
	if err := sub.Validate(); err != nil {
		return err
	}
	sub.Queue = t.queue(sub.Queue)
	wait := 100 * time.Millisecond
	for {
		started := time.Now()
		err := t.consumeOnce(ctx, sub, deliver)
		if ctx.Err() != nil {
			return nil
		}
		select {
		case <-t.closing:
			return nil
		default:
		}
		if time.Since(started) > 30*time.Second {
			wait = 100 * time.Millisecond // it was healthy for a while
		}
		t.log.Warn("rabbitmq consumer lost, reconnecting", "queue", sub.Queue, "wait", wait, "err", err)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil
		case <-t.closing:
			return nil
		}
		wait = min(wait*2, 5*time.Second)
	}
}

func (t *Transport) consumeOnce(ctx context.Context, sub eventbus.Subscription, deliver func(eventbus.Delivery)) error {
	conn, err := t.subConn.get()
	if err != nil {
		return err
	}
	ch, err := conn.Channel()
	if err != nil {
		return fmt.Errorf("open channel: %w", err)
	}
	defer ch.Close()
	if err := t.declare(ch, sub); err != nil {
		return err
	}
	prefetch := sub.Prefetch
	if prefetch <= 0 {
		prefetch = eventbus.DefaultPrefetch
	}
	if err := ch.Qos(prefetch, 0, false); err != nil {
		return fmt.Errorf("set prefetch: %w", err)
	}
	tag := fmt.Sprintf("%s-%d", sub.Queue, time.Now().UnixNano())
	deliveries, err := ch.Consume(sub.Queue, tag, false, false, false, false, nil)
	if err != nil {
		return fmt.Errorf("consume %s: %w", sub.Queue, err)
	}
	var inFlight sync.WaitGroup
	defer func() {
		// Stop new deliveries, let the ones in hand settle, then close
		// (closing requeues whatever is still unsettled).
		_ = ch.Cancel(tag, false)
		waitTimeout(&inFlight, t.cfg.SettleGrace)
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.closing:
			return nil
		case m, ok := <-deliveries:
			if !ok {
				return errors.New("delivery channel closed")
			}
			env, err := eventbus.Unmarshal(m.Body)
			if err != nil {
				t.log.Error("rabbitmq: unreadable message dead-lettered", "queue", sub.Queue, "message_id", m.MessageId, "err", err)
				_ = m.Nack(false, false)
				continue
			}
			inFlight.Add(1)
			deliver(&delivery{t: t, queue: sub.Queue, m: m, env: env, done: inFlight.Done})
		}
	}
}

func waitTimeout(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
	}
}

type delivery struct {
	t     *Transport
	queue string
	m     amqp.Delivery
	env   eventbus.Envelope
	once  sync.Once
	done  func()
}

var errSettled = errors.New("rabbitmq: delivery already settled")

func (d *delivery) Envelope() eventbus.Envelope { return d.env }
func (d *delivery) Redelivered() bool           { return d.m.Redelivered }

func (d *delivery) settle(f func() error) error {
	err := errSettled
	d.once.Do(func() { err = f(); d.done() })
	return err
}

func (d *delivery) Ack() error { return d.settle(func() error { return d.m.Ack(false) }) }

func (d *delivery) Requeue() error { return d.settle(func() error { return d.m.Nack(false, true) }) }

// DeadLetter publishes a copy with the reason to the dead-letter queue and
// acks the original; if that copy cannot be confirmed, the broker's own
// dead-lettering takes the message (without our reason header).
func (d *delivery) DeadLetter(reason string) error {
	return d.settle(func() error {
		msg := publishing(d.env, d.m.Body)
		msg.Headers["x-reason"] = reason
		msg.Headers["x-queue"] = d.queue
		msg.Headers["x-failed-at"] = time.Now().UTC().Format(time.RFC3339Nano)
		dead := eventbus.DeadQueue(d.queue)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		failed, err := d.t.publish(ctx, d.t.cfg.DeadExchange, []outgoing{{id: d.env.ID, key: dead, msg: msg}})
		if err == nil && len(failed) == 0 {
			return d.m.Ack(false)
		}
		return d.m.Nack(false, false)
	})
}

// DeadLetters lists up to limit dead letters of queue. It takes them
// without acking and then closes the channel, which puts them back in order.
func (t *Transport) DeadLetters(ctx context.Context, queue string, limit int) ([]eventbus.DeadLetter, error) {
	queue = t.queue(queue)
	var out []eventbus.DeadLetter
	err := t.withChannel(ctx, func(ch *amqp.Channel) error {
		for len(out) < limit {
			m, ok, err := ch.Get(eventbus.DeadQueue(queue), false)
			if err != nil {
				return fmt.Errorf("list dead letters of %s: %w", queue, err)
			}
			if !ok {
				return nil
			}
			out = append(out, deadLetter(queue, m))
		}
		return nil
	})
	return out, err
}

func deadLetter(queue string, m amqp.Delivery) eventbus.DeadLetter {
	env, err := eventbus.Unmarshal(m.Body)
	if err != nil {
		env = eventbus.Envelope{ID: m.MessageId, Type: "(unreadable)"}
	}
	dl := eventbus.DeadLetter{Envelope: env, Queue: queue, Reason: "rejected by the broker"}
	if r, ok := m.Headers["x-reason"].(string); ok {
		dl.Reason = r
	}
	if s, ok := m.Headers["x-failed-at"].(string); ok {
		dl.FailedAt, _ = time.Parse(time.RFC3339Nano, s)
	}
	return dl
}

// Replay moves matching dead letters back onto queue through the default
// exchange (so only that queue gets them again). Each is acked from the
// dead-letter queue only after the broker confirmed its copy.
func (t *Transport) Replay(ctx context.Context, queue string, ids []string) (int, error) {
	queue = t.queue(queue)
	n := 0
	err := t.withChannel(ctx, func(ch *amqp.Channel) error {
		for {
			m, ok, err := ch.Get(eventbus.DeadQueue(queue), false)
			if err != nil {
				return fmt.Errorf("replay %s: %w", queue, err)
			}
			if !ok {
				return nil
			}
			if len(ids) > 0 && !slices.Contains(ids, m.MessageId) {
				continue // left unacked: back in the queue when the channel closes
			}
			env, err := eventbus.Unmarshal(m.Body)
			if err != nil {
				continue
			}
			failed, err := t.publish(ctx, "", []outgoing{{id: env.ID, key: queue, msg: publishing(env, m.Body)}})
			if err != nil {
				return fmt.Errorf("replay %s: %w", queue, err)
			}
			if len(failed) > 0 {
				return fmt.Errorf("replay %s: %v", queue, failed[env.ID])
			}
			if err := m.Ack(false); err != nil {
				return fmt.Errorf("replay %s: ack dead letter: %w", queue, err)
			}
			n++
		}
	})
	return n, err
}

var _ eventbus.Transport = (*Transport)(nil)

// DeleteExchanges removes the transport's two exchanges: for tearing down
// a namespace.
func (t *Transport) DeleteExchanges(ctx context.Context) error {
	return t.withChannel(ctx, func(ch *amqp.Channel) error {
		for _, ex := range []string{t.cfg.Exchange, t.cfg.DeadExchange} {
			if err := ch.ExchangeDelete(ex, false, false); err != nil {
				return fmt.Errorf("delete exchange %s: %w", ex, err)
			}
		}
		return nil
	})
}

// DeleteQueue removes queue and its dead-letter queue, with whatever they
// hold. For decommissioning a consumer, and for tests.
func (t *Transport) DeleteQueue(ctx context.Context, queue string) error {
	queue = t.queue(queue)
	return t.withChannel(ctx, func(ch *amqp.Channel) error {
		for _, q := range []string{queue, eventbus.DeadQueue(queue)} {
			if _, err := ch.QueueDelete(q, false, false, false); err != nil {
				return fmt.Errorf("delete queue %s: %w", q, err)
			}
		}
		return nil
	})
}
