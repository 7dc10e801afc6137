// Package app holds the analytics use cases: applying events to the
// projections and reading them for dashboards.
package app

import (
	"context"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Event is a consumed event as analytics keeps it.
type Event struct {
	ID, Type, Source string
	OccurredAt       time.Time
	Data             string
}

// Store keeps the projections.
type Store interface {
	// RecordEvent keeps a consumed event in the log and reports whether it
	// is new (a redelivered event is already there).
	RecordEvent(ctx context.Context, e Event) (bool, error)
	// AddCounter adds delta to a platform counter.
	AddCounter(ctx context.Context, name string, delta int64) error
	// AddDaily adds delta to a metric's value on day (YYYY-MM-DD).
	AddDaily(ctx context.Context, metric, day string, delta int64) error
	Counter(ctx context.Context, name string) (int64, error)
	// Daily returns the metric's values from day from to day to inclusive;
	// days without a row are absent.
	Daily(ctx context.Context, metric, from, to string) (map[string]int64, error)
}

// Transactor runs fn in one transaction carried by ctx.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Analytics is the analytics application.
type Analytics struct {
	store Store
	tx    Transactor
	now   func() time.Time
}

// New returns the use cases.
func New(store Store, tx Transactor, now func() time.Time) *Analytics {
	return &Analytics{store: store, tx: tx, now: now}
}

// Metric and counter names.
const (
	CounterUsers = "users_total"
	MetricSignup = "signups"
)

const dayLayout = "2006-01-02"

// Consume logs a consumed event and, if it is new, applies project to the
// projections, in one transaction. The event log is the consumer's inbox:
// a redelivered event finds its id there and changes nothing.
func (a *Analytics) Consume(ctx context.Context, e Event, project func(ctx context.Context) error) error {
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		fresh, err := a.store.RecordEvent(ctx, e)
		if err != nil {
			return err
		}
		if !fresh {
			eventbus.MarkDuplicate(ctx)
			return nil
		}
		if project == nil {
			return nil
		}
		return project(ctx)
	})
}

// UserCreated counts a new account. It runs inside the consumer's inbox
// transaction, so a redelivered event is never counted twice.
func (a *Analytics) UserCreated(ctx context.Context, createdAt time.Time) error {
	if err := a.store.AddCounter(ctx, CounterUsers, 1); err != nil {
		return err
	}
	return a.store.AddDaily(ctx, MetricSignup, createdAt.UTC().Format(dayLayout), 1)
}

// DayCount is one day's value.
type DayCount struct {
	Day   string
	Count int64
}

// Summary is the platform's headline numbers.
type Summary struct {
	UsersTotal int64
	Signups    []DayCount
}

// PlatformSummary returns the admin dashboard's numbers; admins only.
func (a *Analytics) PlatformSummary(ctx context.Context) (Summary, error) {
	if !actor.From(ctx).IsAdmin() {
		return Summary{}, fault.Forbiddenf("only administrators can see platform analytics")
	}
	total, err := a.store.Counter(ctx, CounterUsers)
	if err != nil {
		return Summary{}, err
	}
	today := a.now().UTC()
	from := today.AddDate(0, 0, -29)
	daily, err := a.store.Daily(ctx, MetricSignup, from.Format(dayLayout), today.Format(dayLayout))
	if err != nil {
		return Summary{}, err
	}
	s := Summary{UsersTotal: total}
	for d := from; !d.After(today); d = d.AddDate(0, 0, 1) {
		day := d.Format(dayLayout)
		s.Signups = append(s.Signups, DayCount{Day: day, Count: daily[day]})
	}
	return s, nil
}
