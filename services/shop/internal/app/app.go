package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/shop/internal/domain"
	"github.com/marketplace/marketplace/services/shop/shopevents"
)

// ListLimit bounds the open shops one listing returns.
const ListLimit = 500

// App runs the use cases.
type App struct {
	store  Store
	tx     Transactor
	events Events
	clock  clock.Clock
}

// Deps are what the use cases are built from.
type Deps struct {
	Store  Store
	Tx     Transactor
	Events Events
	Clock  clock.Clock
}

// New returns the use cases over d.
func New(d Deps) (*App, error) {
	if d.Store == nil || d.Tx == nil || d.Events == nil {
		return nil, errors.New("shop app: store, transactor and events are required")
	}
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	return &App{store: d.Store, tx: d.Tx, events: d.Events, clock: d.Clock}, nil
}

// raceRuns bounds how often a use case that lost a race on a unique index
// runs. A lost race on the owner or the name ends at the next run, which
// sees the winner and answers precisely; n openings whose names make the
// same slug take up to n runs, as each run has one winner.
const raceRuns = 10

// inTxRetrying runs fn in a transaction, again when it lost a race on a
// unique index.
func (a *App) inTxRetrying(ctx context.Context, fn func(ctx context.Context) error) error {
	var err error
	for range raceRuns {
		err = a.tx.InTx(ctx, fn)
		if !errors.Is(err, ErrUniqueRace) {
			return err
		}
	}
	return fault.Conflictf("too many shops are being saved at the same time; please try again").
		WithCause(fmt.Errorf("gave up after %d runs: %w", raceRuns, err))
}

// freeSlug returns the first free slug for name.
func (a *App) freeSlug(ctx context.Context, name string) (string, error) {
	used, err := a.store.SlugsFrom(ctx, domain.Slugify(name))
	if err != nil {
		return "", err
	}
	taken := make(map[string]bool, len(used))
	for _, s := range used {
		taken[s] = true
	}
	return domain.Slug(name, func(s string) bool { return taken[s] }), nil
}

// checkName fails with domain.ErrNameTaken when an open shop other than
// exceptID has the name.
func (a *App) checkName(ctx context.Context, name, exceptID string) error {
	taken, err := a.store.NameTaken(ctx, domain.NameKey(name), exceptID)
	switch {
	case err != nil:
		return err
	case taken:
		return domain.ErrNameTaken
	}
	return nil
}

func payload(s *domain.Shop) shopevents.Shop {
	return shopevents.Shop{
		ShopID: s.ID(), OwnerID: s.OwnerID(), Name: s.Name(), Slug: s.Slug(),
		Description: s.Description(), Version: s.Version(),
	}
}

func deleted(s *domain.Shop) shopevents.ShopDeleted {
	return shopevents.ShopDeleted{ShopID: s.ID(), OwnerID: s.OwnerID(), Version: s.Version(), DeletedAt: *s.ClosedAt()}
}
