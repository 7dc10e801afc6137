package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/comment/commentevents"
	"github.com/marketplace/marketplace/services/comment/internal/domain"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// App runs the use cases.
type App struct {
	store   Store
	tx      Transactor
	events  Events
	catalog Catalog
	clock   clock.Clock
}

// Deps are what the use cases are built from.
type Deps struct {
	Store   Store
	Tx      Transactor
	Events  Events
	Catalog Catalog
	Clock   clock.Clock
}

// New returns the use cases over d.
func New(d Deps) (*App, error) {
	if d.Store == nil || d.Tx == nil || d.Events == nil || d.Catalog == nil {
		return nil, errors.New("comment app: store, transactor, events and catalog are required")
	}
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	return &App{store: d.Store, tx: d.Tx, events: d.Events, catalog: d.Catalog, clock: d.Clock}, nil
}

// change runs fn in a transaction on the current state of review id,
// holding its product's rating lock (see Store.LockRating). check runs
// first, outside the transaction, on the review as read then: it decides
// whether the caller may change the review at all (the author and product
// of a review never change, so the early read is good enough for that).
func (a *App) change(ctx context.Context, id string, check func(*domain.Review) error,
	fn func(ctx context.Context, r *domain.Review, rating *domain.Rating) error,
) error {
	r, err := a.store.ReviewByID(ctx, id)
	if err != nil {
		return err
	}
	if err := check(r); err != nil {
		return err
	}
	return a.tx.InTx(ctx, func(ctx context.Context) error {
		rating, err := a.store.LockRating(ctx, r.ProductID())
		if err != nil {
			return err
		}
		// Read again under the lock: another change may have come first.
		cur, err := a.store.ReviewByID(ctx, id)
		if err != nil {
			return err
		}
		return fn(ctx, cur, &rating)
	})
}

// record applies a review change (before nil: written; after nil:
// deleted) to the product's rating, saves it and announces the change, in
// the transaction in ctx. The review itself is already written.
func (a *App) record(ctx context.Context, before, after *domain.Review, rating *domain.Rating) error {
	rating.Apply(before, after)
	if err := a.store.SaveRating(ctx, *rating); err != nil {
		return err
	}
	now := a.clock.Now()
	var ev eventbus.Payload
	switch {
	case before == nil:
		ev = commentevents.CommentCreated{Review: eventReview(after, *rating), CreatedAt: after.CreatedAt()}
	case after == nil:
		ev = commentevents.CommentDeleted{Review: eventReview(before, *rating), DeletedAt: now}
	default:
		ev = commentevents.CommentUpdated{Review: eventReview(after, *rating), Hidden: after.Hidden(), UpdatedAt: after.UpdatedAt()}
	}
	if err := a.events.Add(ctx, ev); err != nil {
		return fmt.Errorf("announce %s of review: %w", ev.EventName(), err)
	}
	return nil
}

func eventReview(r *domain.Review, rating domain.Rating) commentevents.Review {
	return commentevents.Review{
		CommentID: r.ID(), ProductID: r.ProductID(), ShopID: r.ShopID(), UserID: r.UserID(), Rating: r.Rating(),
		Product: commentevents.ProductRating{Average: rating.Average(), Count: rating.Count(), Version: rating.Version()},
	}
}

// snapshot copies a review, so that "before" survives the edit.
func snapshot(r *domain.Review) *domain.Review {
	c := *r
	return &c
}

// wrap adds context to an unexpected error; the categorized errors meant
// for the caller (not found, forbidden...) pass as they are.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	if _, ok := fault.As(err); ok {
		return err
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
