package adapters

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/marketplace/marketplace/services/analytics/internal/domain"
	"github.com/marketplace/marketplace/services/platform/database"
)

// chunkRows bounds the rows of one statement, so that its parameters stay
// well under both engines' limits (SQLite's is 32766).
const chunkRows = 1000

// chunks calls fn on consecutive pieces of items of at most n each.
func chunks[T any](items []T, n int, fn func([]T) error) error {
	for len(items) > 0 {
		k := min(n, len(items))
		if err := fn(items[:k]); err != nil {
			return err
		}
		items = items[k:]
	}
	return nil
}

// valuesList returns "(?, ?), (?, ?)" for rows rows of cols columns.
func valuesList(rows, cols int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

// table stores one kind of entity T as rows R. cols[0] is the key.
type table[T any, R any] struct {
	db     *database.DB
	name   string
	cols   []string
	values func(T) []any // in cols' order
	entity func(R) T
}

// Lock implements app.Entities: in one statement it adds an empty row for
// each id not there yet and returns every row, locked (on PostgreSQL the
// no-op update takes the row lock; a SQLite transaction holds the
// database's write lock already). Ids come sorted, so writers lock rows in
// one order.
func (t table[T, R]) Lock(ctx context.Context, ids []string) (map[string]T, error) {
	db := t.db.Conn(ctx)
	key := t.cols[0]
	out := make(map[string]T, len(ids))
	err := chunks(ids, chunkRows, func(ids []string) error {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		var rows []R
		err := db.Raw(`INSERT INTO `+t.name+` (`+key+`) VALUES `+valuesList(len(ids), 1)+
			` ON CONFLICT (`+key+`) DO UPDATE SET `+key+` = excluded.`+key+
			` RETURNING `+strings.Join(t.cols, ", "), args...).Scan(&rows).Error
		if err != nil {
			return fmt.Errorf("lock %s rows: %w", t.name, err)
		}
		for _, r := range rows {
			e := t.entity(r)
			out[t.values(e)[0].(string)] = e
		}
		return nil
	})
	return out, err
}

// Save implements app.Entities.
func (t table[T, R]) Save(ctx context.Context, items []T) error {
	db := t.db.Conn(ctx)
	set := make([]string, 0, len(t.cols)-1)
	for _, c := range t.cols[1:] {
		set = append(set, c+" = excluded."+c)
	}
	head := `INSERT INTO ` + t.name + ` (` + strings.Join(t.cols, ", ") + `) VALUES `
	tail := ` ON CONFLICT (` + t.cols[0] + `) DO UPDATE SET ` + strings.Join(set, ", ")
	return chunks(items, chunkRows, func(items []T) error {
		args := make([]any, 0, len(items)*len(t.cols))
		for _, e := range items {
			args = append(args, t.values(e)...)
		}
		if err := db.Exec(head+valuesList(len(items), len(t.cols))+tail, args...).Error; err != nil {
			return fmt.Errorf("save %s rows: %w", t.name, err)
		}
		return nil
	})
}

// nullTime is a known time or NULL for a zero one.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// fromNull is the time a nullable column holds, zero for NULL.
func fromNull(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

var orderCols = []string{"order_id", "shop_id", "shop_owner_id", "currency", "total", "created_at", "paid_at", "cancelled_at"}

type orderRow struct {
	OrderID, ShopID, ShopOwnerID, Currency string
	Total                                  int64
	CreatedAt, PaidAt, CancelledAt         *time.Time
}

func (r orderRow) entity() domain.Order {
	return domain.Order{
		ID: r.OrderID, ShopID: r.ShopID, OwnerID: r.ShopOwnerID, Currency: r.Currency, Total: r.Total,
		CreatedAt: fromNull(r.CreatedAt), PaidAt: fromNull(r.PaidAt), CancelledAt: fromNull(r.CancelledAt),
	}
}

func orderValues(o domain.Order) []any {
	return []any{o.ID, o.ShopID, o.OwnerID, o.Currency, o.Total, nullTime(o.CreatedAt), nullTime(o.PaidAt), nullTime(o.CancelledAt)}
}

var shopCols = []string{"shop_id", "owner_id", "name", "name_version", "created_at", "deleted_at"}

type shopRow struct {
	ShopID, OwnerID, Name string
	NameVersion           int64
	CreatedAt, DeletedAt  *time.Time
}

func (r shopRow) entity() domain.Shop {
	return domain.Shop{
		ID: r.ShopID, OwnerID: r.OwnerID, Name: r.Name, NameVersion: r.NameVersion,
		CreatedAt: fromNull(r.CreatedAt), DeletedAt: fromNull(r.DeletedAt),
	}
}

func shopValues(s domain.Shop) []any {
	return []any{s.ID, s.OwnerID, s.Name, s.NameVersion, nullTime(s.CreatedAt), nullTime(s.DeletedAt)}
}

var userCols = []string{"user_id", "created_at", "deleted_at"}

type userRow struct {
	UserID               string
	CreatedAt, DeletedAt *time.Time
}

func (r userRow) entity() domain.User {
	return domain.User{ID: r.UserID, CreatedAt: fromNull(r.CreatedAt), DeletedAt: fromNull(r.DeletedAt)}
}

func userValues(u domain.User) []any {
	return []any{u.ID, nullTime(u.CreatedAt), nullTime(u.DeletedAt)}
}

var reviewCols = []string{"comment_id", "shop_id", "product_id", "rating", "version", "hidden", "deleted", "created_at"}

type reviewRow struct {
	CommentID, ShopID, ProductID string
	Rating                       int
	Version                      int64
	Hidden, Deleted              bool
	CreatedAt                    *time.Time
}

func (r reviewRow) entity() domain.Review {
	return domain.Review{
		ID: r.CommentID, ShopID: r.ShopID, ProductID: r.ProductID, Rating: r.Rating, Version: r.Version,
		Hidden: r.Hidden, Deleted: r.Deleted, CreatedAt: fromNull(r.CreatedAt),
	}
}

func reviewValues(r domain.Review) []any {
	return []any{r.ID, r.ShopID, r.ProductID, r.Rating, r.Version, r.Hidden, r.Deleted, nullTime(r.CreatedAt)}
}

var attemptCols = []string{"attempt_id", "order_id", "shop_id", "outcome", "at"}

type attemptRow struct {
	AttemptID, OrderID, ShopID string
	Outcome                    int
	At                         *time.Time
}

func (r attemptRow) entity() domain.Attempt {
	return domain.Attempt{ID: r.AttemptID, OrderID: r.OrderID, ShopID: r.ShopID, Outcome: r.Outcome, At: fromNull(r.At)}
}

func attemptValues(a domain.Attempt) []any {
	return []any{a.ID, a.OrderID, a.ShopID, a.Outcome, nullTime(a.At)}
}
