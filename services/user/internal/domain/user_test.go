package domain_test

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/user/internal/domain"
)

func TestNewSignup(t *testing.T) {
	long := strings.Repeat("é", 129)
	tests := []struct {
		name                      string
		in                        [3]string // name, email, password
		role                      actor.Role
		bad                       []string // field keys expected in the error, sorted
		wantName, wantEmail, want string   // normalized values when valid
	}{
		{name: "valid", in: [3]string{"Ann Lee", "ann@example.com", "correct horse"}, role: actor.Shopper,
			wantName: "Ann Lee", wantEmail: "ann@example.com"},
		{name: "trims and lower-cases", in: [3]string{"  Ann  ", "  Ann@Example.COM ", "correct horse"}, role: actor.Seller,
			wantName: "Ann", wantEmail: "ann@example.com"},
		{name: "unicode name at the limit", in: [3]string{strings.Repeat("ü", 100), "a@b.co", "12345678"}, role: actor.Admin,
			wantName: strings.Repeat("ü", 100), wantEmail: "a@b.co"},
		{name: "password of 8 multi-byte characters", in: [3]string{"A", "a@b.co", "éééééééé"}, role: actor.Shopper,
			wantName: "A", wantEmail: "a@b.co"},
		{name: "password of 128 characters", in: [3]string{"A", "a@b.co", strings.Repeat("x", 128)}, role: actor.Shopper,
			wantName: "A", wantEmail: "a@b.co"},

		{name: "empty name", in: [3]string{"   ", "a@b.co", "12345678"}, role: actor.Shopper, bad: []string{"name"}},
		{name: "name too long", in: [3]string{strings.Repeat("x", 101), "a@b.co", "12345678"}, role: actor.Shopper, bad: []string{"name"}},
		{name: "name with a line break", in: [3]string{"Ann\nLee", "a@b.co", "12345678"}, role: actor.Shopper, bad: []string{"name"}},
		{name: "name with a NUL", in: [3]string{"Ann\x00", "a@b.co", "12345678"}, role: actor.Shopper, bad: []string{"name"}},
		{name: "name not UTF-8", in: [3]string{"Ann\xff", "a@b.co", "12345678"}, role: actor.Shopper, bad: []string{"name"}},

		{name: "empty email", in: [3]string{"A", " ", "12345678"}, role: actor.Shopper, bad: []string{"email"}},
		{name: "no at sign", in: [3]string{"A", "ann.example.com", "12345678"}, role: actor.Shopper, bad: []string{"email"}},
		{name: "display name", in: [3]string{"A", "Ann <ann@example.com>", "12345678"}, role: actor.Shopper, bad: []string{"email"}},
		{name: "angle brackets", in: [3]string{"A", "<ann@example.com>", "12345678"}, role: actor.Shopper, bad: []string{"email"}},
		{name: "two addresses", in: [3]string{"A", "a@b.co, c@d.co", "12345678"}, role: actor.Shopper, bad: []string{"email"}},
		{name: "email too long", in: [3]string{"A", strings.Repeat("a", 60) + "@" + strings.Repeat("b", 190) + ".com", "12345678"},
			role: actor.Shopper, bad: []string{"email"}},

		{name: "short password", in: [3]string{"A", "a@b.co", "1234567"}, role: actor.Shopper, bad: []string{"password"}},
		{name: "long password", in: [3]string{"A", "a@b.co", strings.Repeat("x", 129)}, role: actor.Shopper, bad: []string{"password"}},
		{name: "long multi-byte password", in: [3]string{"A", "a@b.co", long}, role: actor.Shopper, bad: []string{"password"}},
		{name: "password is the email", in: [3]string{"A", "Ann@Example.com", "ann@example.COM"}, role: actor.Shopper, bad: []string{"password"}},

		{name: "unknown role", in: [3]string{"A", "a@b.co", "12345678"}, role: "root", bad: []string{"role"}},
		{name: "everything wrong at once", in: [3]string{"", "nope", "short"}, role: "", bad: []string{"email", "name", "password", "role"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := domain.NewSignup(tt.in[0], tt.in[1], tt.in[2], tt.role)
			if len(tt.bad) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if s.Name() != tt.wantName || s.Email() != tt.wantEmail || s.Password() != tt.in[2] || s.Role() != tt.role {
					t.Fatalf("got %q %q %q %q", s.Name(), s.Email(), s.Password(), s.Role())
				}
				return
			}
			if !errors.Is(err, fault.Invalid) {
				t.Fatalf("err = %v, want fault.Invalid", err)
			}
			fe, _ := fault.As(err)
			if got := slices.Sorted(maps.Keys(fe.Fields)); !slices.Equal(got, tt.bad) {
				t.Fatalf("fields %v (%v), want %v", got, fe.Fields, tt.bad)
			}
			for k, msg := range fe.Fields {
				if msg == "" {
					t.Errorf("field %s has no message", k)
				}
			}
		})
	}
}

func TestNewUser(t *testing.T) {
	s, err := domain.NewSignup("Ann", "ann@example.com", "12345678", actor.Shopper)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600))
	u, err := domain.NewUser("id-1", s, "$argon2id$hash", now)
	if err != nil {
		t.Fatal(err)
	}
	if u.ID() != "id-1" || u.Email() != "ann@example.com" || u.Role() != actor.Shopper || u.PasswordHash() != "$argon2id$hash" {
		t.Fatalf("unexpected user %+v", u)
	}
	if u.CreatedAt().Location() != time.UTC || !u.CreatedAt().Equal(now) || !u.UpdatedAt().Equal(now) {
		t.Fatalf("times %v %v", u.CreatedAt(), u.UpdatedAt())
	}
	if _, err := domain.NewUser("id-2", domain.Signup{}, "h", now); err == nil {
		t.Fatal("an unvalidated signup made a user")
	}
	if _, err := domain.NewUser("id-2", s, "", now); err == nil {
		t.Fatal("a user without a password hash was made")
	}
}

func TestCanSee(t *testing.T) {
	tests := []struct {
		name  string
		actor actor.Actor
		want  bool
	}{
		{"self", actor.Actor{UserID: "u1", Role: actor.Shopper}, true},
		{"another shopper", actor.Actor{UserID: "u2", Role: actor.Shopper}, false},
		{"a seller", actor.Actor{UserID: "u2", Role: actor.Seller}, false},
		{"an admin", actor.Actor{UserID: "u3", Role: actor.Admin}, true},
		{"nobody", actor.Actor{}, false},
		{"nobody claiming admin", actor.Actor{Role: actor.Admin}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := domain.CanSee(tt.actor, "u1"); got != tt.want {
				t.Fatalf("CanSee = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRename(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	later := now.Add(time.Hour)
	tests := []struct {
		name, in, want string
		bad            bool
	}{
		{name: "new name", in: "  Ann Marie ", want: "Ann Marie"},
		{name: "same name", in: "Ann", want: "Ann"},
		{name: "empty", in: "  ", bad: true},
		{name: "too long", in: strings.Repeat("x", 101), bad: true},
		{name: "line break", in: "Ann\nLee", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := domain.RebuildUser("u1", "Ann", "ann@example.com", "h", actor.Shopper, now, now)
			err := u.Rename(tt.in, later)
			if tt.bad {
				if !errors.Is(err, fault.Invalid) {
					t.Fatalf("err = %v, want fault.Invalid", err)
				}
				if fe, _ := fault.As(err); fe.Fields["name"] == "" {
					t.Fatalf("fields %v", fe.Fields)
				}
				if u.Name() != "Ann" || !u.UpdatedAt().Equal(now) {
					t.Fatal("a rejected name changed the user")
				}
				return
			}
			if err != nil || u.Name() != tt.want {
				t.Fatalf("name %q, err %v", u.Name(), err)
			}
			if changed := tt.want != "Ann"; u.UpdatedAt().Equal(later) != changed {
				t.Fatalf("updated at %v", u.UpdatedAt())
			}
		})
	}
}

func TestSyncShopRole(t *testing.T) {
	tests := []struct {
		name    string
		role    actor.Role
		owns    bool
		want    actor.Role
		changed bool
	}{
		{"shopper opens a shop", actor.Shopper, true, actor.Seller, true},
		{"seller keeps a shop", actor.Seller, true, actor.Seller, false},
		{"seller closes the shop", actor.Seller, false, actor.Shopper, true},
		{"shopper without a shop", actor.Shopper, false, actor.Shopper, false},
		{"admin opens a shop", actor.Admin, true, actor.Admin, false},
		{"admin closes a shop", actor.Admin, false, actor.Admin, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := domain.RebuildUser("u1", "Ann", "ann@example.com", "h", tt.role, time.Time{}, time.Time{})
			if got := u.SyncShopRole(tt.owns, time.Now()); got != tt.changed || u.Role() != tt.want {
				t.Fatalf("changed %v, role %s; want %v, %s", got, u.Role(), tt.changed, tt.want)
			}
		})
	}
}

func TestCanEditAndDelete(t *testing.T) {
	tests := []struct {
		name                          string
		actor                         actor.Actor
		edit, remove, confirmPassword bool
	}{
		{"self", actor.Actor{UserID: "u1", Role: actor.Shopper}, true, true, true},
		{"admin self", actor.Actor{UserID: "u1", Role: actor.Admin}, true, true, true},
		{"another shopper", actor.Actor{UserID: "u2", Role: actor.Shopper}, false, false, false},
		{"a seller", actor.Actor{UserID: "u2", Role: actor.Seller}, false, false, false},
		{"an admin", actor.Actor{UserID: "u3", Role: actor.Admin}, false, true, false},
		{"nobody", actor.Actor{}, false, false, false},
		{"nobody claiming admin", actor.Actor{Role: actor.Admin}, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, confirm := domain.CanDelete(tt.actor, "u1")
			if got := domain.CanEdit(tt.actor, "u1"); got != tt.edit || ok != tt.remove || confirm != tt.confirmPassword {
				t.Fatalf("CanEdit %v, CanDelete %v %v; want %v, %v %v", got, ok, confirm, tt.edit, tt.remove, tt.confirmPassword)
			}
		})
	}
}
