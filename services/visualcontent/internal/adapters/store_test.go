package adapters_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/visualcontent/internal/adapters"
	"github.com/marketplace/marketplace/services/visualcontent/internal/domain"
)

var t0 = time.Date(2026, 5, 6, 7, 8, 9, 123456000, time.UTC)

func banner(t *testing.T, placement, title string, position int, start, end *time.Time) domain.Banner {
	t.Helper()
	s, err := domain.NewSettings(domain.Input{Placement: placement, Title: title, Position: position, StartsAt: start, EndsAt: end})
	if err != nil {
		t.Fatal(err)
	}
	return domain.NewBanner(id.New(), s, t0)
}

func ptr(t time.Time) *time.Time { return &t }

func TestStore(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		db := testkit.OpenDB(t, url, "visualcontent")
		s := adapters.NewStore(db)
		ctx := context.Background()

		// A banner with everything set comes back as it went in.
		full := banner(t, "slider", "Full", 3, ptr(t0), ptr(t0.Add(time.Hour)))
		full.LinkURL, full.Alt = "https://example.com/x?y=1", "Alt text"
		if _, err := full.AcceptImage(full.ID+"/originals/u", t0); err != nil {
			t.Fatal(err)
		}
		imgs := []domain.Image{{Width: 1200, Height: 400, Key: domain.SliderSizes[0].Key(full.ID, full.ImageVersion)}}
		if _, ok := full.MarkReady(full.ImageVersion, imgs, t0.Add(time.Second)); !ok {
			t.Fatal("not ready")
		}
		if err := s.Add(ctx, full); err != nil {
			t.Fatal(err)
		}
		got, err := s.Banner(ctx, full.ID)
		if err != nil || !reflect.DeepEqual(got, full) {
			t.Fatalf("round trip:\n got %+v\nwant %+v\n%v", got, full, err)
		}
		draft := banner(t, "hero", "Draft", 0, nil, nil)
		if err := s.Add(ctx, draft); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Banner(ctx, draft.ID); err != nil || got.StartsAt != nil || got.EndsAt != nil || got.Images != nil || got.Status != domain.Draft {
			t.Fatalf("draft %+v, %v", got, err)
		}
		if _, err := s.Banner(ctx, id.New()); !errors.Is(err, domain.ErrBannerNotFound) {
			t.Fatalf("unknown: %v", err)
		}

		// Update writes only what fn says changed.
		if _, err := s.Update(ctx, draft.ID, func(b *domain.Banner) (bool, error) { b.Title = "Not saved"; return false, nil }); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Banner(ctx, draft.ID); got.Title != "Draft" {
			t.Fatalf("saved %q", got.Title)
		}
		wantErr := errors.New("no")
		if _, err := s.Update(ctx, draft.ID, func(b *domain.Banner) (bool, error) { b.Title = "x"; return true, wantErr }); !errors.Is(err, wantErr) {
			t.Fatalf("fn's error: %v", err)
		}
		u, err := s.Update(ctx, draft.ID, func(b *domain.Banner) (bool, error) { b.Active = false; b.Title = "Saved"; return true, nil })
		if err != nil || u.Title != "Saved" {
			t.Fatalf("%+v, %v", u, err)
		}
		if got, _ := s.Banner(ctx, draft.ID); got.Title != "Saved" || got.Active {
			t.Fatalf("stored %+v", got)
		}
		if _, err := s.Update(ctx, id.New(), func(*domain.Banner) (bool, error) { return true, nil }); !errors.Is(err, domain.ErrBannerNotFound) {
			t.Fatalf("unknown: %v", err)
		}

		// Showing: the window's bounds to the microsecond.
		for _, at := range []struct {
			at   time.Time
			want bool
		}{
			{t0.Add(-time.Microsecond), false}, {t0, true}, {t0.Add(time.Hour - time.Microsecond), true}, {t0.Add(time.Hour), false},
		} {
			shown, err := s.Showing(ctx, at.at)
			if err != nil || (len(shown) == 1) != at.want || at.want && shown[0].ID != full.ID {
				t.Fatalf("at %v: %+v, %v", at.at, shown, err)
			}
		}

		// Seeding is recorded once.
		for i, want := range []bool{true, false} {
			fresh, err := s.MarkSeeded(ctx, "demo", t0)
			if err != nil || fresh != want {
				t.Fatalf("mark %d: %v, %v", i, fresh, err)
			}
		}
		if done, err := s.Seeded(ctx, "demo"); err != nil || !done {
			t.Fatalf("seeded: %v, %v", done, err)
		}
		if done, _ := s.Seeded(ctx, "other"); done {
			t.Fatal("seeded other")
		}

		if ok, err := s.Delete(ctx, full.ID); err != nil || !ok {
			t.Fatalf("delete: %v, %v", ok, err)
		}
		if ok, err := s.Delete(ctx, full.ID); err != nil || ok {
			t.Fatalf("delete again: %v, %v", ok, err)
		}
	})
}

// The home page's query is served by the partial index, already in order
// (no sort step), on both engines.
func TestShowingUsesItsIndex(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		db := testkit.OpenDB(t, url, "visualcontent")
		const q = `SELECT * FROM banners WHERE status = 'ready' AND active = TRUE
			AND (starts_at IS NULL OR starts_at <= ?) AND (ends_at IS NULL OR ends_at > ?)
			ORDER BY placement, position, created_at, id`
		var plan []string
		err := db.InTx(context.Background(), func(ctx context.Context) error {
			c := db.Conn(ctx)
			if db.Dialect() == database.SQLite {
				var rows []struct{ Detail string }
				err := c.Raw("EXPLAIN QUERY PLAN "+q, t0, t0).Scan(&rows).Error
				for _, r := range rows {
					plan = append(plan, r.Detail)
				}
				return err
			}
			// An empty table is read whole otherwise.
			if err := c.Exec("SET LOCAL enable_seqscan = off").Error; err != nil {
				return err
			}
			var rows []struct {
				Plan string `gorm:"column:QUERY PLAN"`
			}
			err := c.Raw("EXPLAIN "+q, t0, t0).Scan(&rows).Error
			for _, r := range rows {
				plan = append(plan, r.Plan)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		all := strings.Join(plan, "\n")
		if !strings.Contains(all, "banners_showing") || strings.Contains(strings.ToLower(all), "sort") {
			t.Fatalf("plan:\n%s", all)
		}
	})
}
