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
