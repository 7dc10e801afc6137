package user_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/clock"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/user"
	"github.com/marketplace/marketplace/services/user/userclient"
	"github.com/marketplace/marketplace/services/user/userevents"
)

const internalToken = "component-test-internal-token"

var start = time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.UTC)

// harness is one user service over real HTTP, with its database at hand
// for checking what was (not) written.
type harness struct {
	t      *testing.T
	url    string
	client *userclient.Client
	svc    *user.Service
	db     *database.DB
	deps   host.Deps
	clock  *clock.Manual
}

func newHarness(t *testing.T, dbURL string) *harness {
	t.Helper()
	ctx := context.Background()
	clk := clock.NewManual(start)
	log := slog.New(slog.DiscardHandler)
	deps, err := host.NewDeps(ctx, host.Config{Name: "user", DatabaseURL: dbURL, Clock: clk, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { deps.DB.Close() })
	svc, err := user.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	e := httpserver.New(httpserver.Options{Service: "user", Logger: log})
	svc.Routes(e.Group("/v1", httpserver.Internal(internalToken)))
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return &harness{
		t: t, url: srv.URL, svc: svc, db: deps.DB, deps: deps, clock: clk,
		client: userclient.New(srv.URL, httpclient.Options{Token: internalToken}),
	}
}

func (h *harness) count(table string) int64 {
	h.t.Helper()
	var n int64
	if err := h.db.Conn(context.Background()).Table(table).Count(&n).Error; err != nil {
		h.t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func (h *harness) register(name, email, password string) userclient.User {
	h.t.Helper()
	u, err := h.client.Register(context.Background(), userclient.RegisterRequest{Name: name, Email: email, Password: password})
	if err != nil {
		h.t.Fatalf("register %s: %v", email, err)
	}
	return u
}

func (h *harness) login(email, password string) userclient.Session {
	h.t.Helper()
	s, err := h.client.Login(context.Background(), userclient.LoginRequest{Email: email, Password: password, IP: "203.0.113.7"})
	if err != nil {
		h.t.Fatalf("login %s: %v", email, err)
	}
	return s
}

// events returns the payloads of the user.created rows in the outbox.
func (h *harness) events() []userevents.UserCreated {
	h.t.Helper()
	var rows []struct {
		Type     string
		Envelope string
	}
	if err := h.db.Conn(context.Background()).Table("outbox").Select("type, envelope").Order("id").Scan(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	var out []userevents.UserCreated
	for _, r := range rows {
		if r.Type != "user.created" {
			h.t.Fatalf("outbox has a %s event", r.Type)
		}
		var env eventbus.Envelope
		if err := json.Unmarshal([]byte(r.Envelope), &env); err != nil {
			h.t.Fatal(err)
		}
		if env.Source != "user" || env.Version != 1 || !id.Valid(env.ID) {
			h.t.Fatalf("envelope %+v", env)
		}
		p, err := eventbus.Decode[userevents.UserCreated](env)
		if err != nil {
			h.t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// as returns a context acting as u.
func as(u userclient.User) context.Context {
	return actor.With(context.Background(), actor.Actor{UserID: u.ID, Role: actor.Role(u.Role)})
}

func TestRegister(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		u := h.register("  Ann Lee ", " Ann@Example.com ", "correct horse battery")
		if !id.Valid(u.ID) || u.Name != "Ann Lee" || u.Email != "ann@example.com" || u.Role != "shopper" || !u.CreatedAt.Equal(start) {
			t.Fatalf("registered %+v", u)
		}
		if n := h.count("users"); n != 1 {
			t.Fatalf("%d users", n)
		}
		evs := h.events()
		if len(evs) != 1 {
			t.Fatalf("%d events in the outbox, want 1", len(evs))
		}
		want := userevents.UserCreated{UserID: u.ID, Name: "Ann Lee", Role: "shopper", CreatedAt: start}
		if got := evs[0]; got.UserID != want.UserID || got.Name != want.Name || got.Role != want.Role || !got.CreatedAt.Equal(want.CreatedAt) {
			t.Fatalf("event %+v, want %+v", got, want)
		}

		var stored struct{ Email, PasswordHash string }
		if err := h.db.Conn(context.Background()).Table("users").Select("email, password_hash").Take(&stored).Error; err != nil {
			t.Fatal(err)
		}
		if stored.Email != "ann@example.com" || !strings.HasPrefix(stored.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") ||
			strings.Contains(stored.PasswordHash, "correct horse") {
			t.Fatalf("stored %+v", stored)
		}

		got, err := h.client.Get(as(u), u.ID)
		if err != nil || got != u {
			t.Fatalf("get after register: %+v, %v", got, err)
		}
	})
}

func TestRegisterRejectsInvalidInput(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.register("Ann", "ann@example.com", "correct horse battery")
		tests := []struct {
			name   string
			req    userclient.RegisterRequest
			fields []string
		}{
			{"bad email", userclient.RegisterRequest{Name: "Bo", Email: "bo-at-example.com", Password: "correct horse"}, []string{"email"}},
			{"email with a display name", userclient.RegisterRequest{Name: "Bo", Email: "Bo <bo@example.com>", Password: "correct horse"}, []string{"email"}},
			{"short password", userclient.RegisterRequest{Name: "Bo", Email: "bo@example.com", Password: "short"}, []string{"password"}},
			{"empty name", userclient.RegisterRequest{Name: "  ", Email: "bo@example.com", Password: "correct horse"}, []string{"name"}},
			{"password equal to email", userclient.RegisterRequest{Name: "Bo", Email: "bo@example.com", Password: "BO@example.com"}, []string{"password"}},
			{"all at once", userclient.RegisterRequest{Email: "nope", Password: "nope"}, []string{"name", "email", "password"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := h.client.Register(context.Background(), tt.req)
				fe := testkit.WantFault(t, err, fault.Invalid, tt.fields...)
				for _, f := range tt.fields {
					if fe.Fields[f] == "" {
						t.Errorf("field %s has no message", f)
					}
				}
				if u, o := h.count("users"), h.count("outbox"); u != 1 || o != 1 {
					t.Fatalf("after a rejected registration: %d users, %d outbox rows; want 1 and 1", u, o)
				}
			})
		}
	})
}

func TestRegisterRejectsDuplicateEmail(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.register("Ann", "ann@example.com", "correct horse battery")
		for _, email := range []string{"ann@example.com", "ANN@Example.COM", " ann@example.com "} {
			_, err := h.client.Register(context.Background(), userclient.RegisterRequest{Name: "Other", Email: email, Password: "another password"})
			fe := testkit.WantFault(t, err, fault.Conflict, "email")
			if fe.Message != "an account with this email already exists" {
				t.Fatalf("message %q", fe.Message)
			}
		}
		if u, o := h.count("users"), h.count("outbox"); u != 1 || o != 1 {
			t.Fatalf("%d users, %d outbox rows; want 1 and 1", u, o)
		}
	})
}

// Concurrent signups with one email all pass the early check; the unique
// index must let exactly one through.
func TestRegisterConcurrentDuplicates(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		const n = 6
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				email := "race@example.com"
				if i%2 == 1 {
					email = "Race@Example.com"
				}
				_, errs[i] = h.client.Register(context.Background(), userclient.RegisterRequest{Name: "Racer", Email: email, Password: "correct horse"})
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, fault.Conflict):
			default:
				t.Fatalf("unexpected error: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d registrations succeeded, want 1", ok)
		}
		if u, o := h.count("users"), h.count("outbox"); u != 1 || o != 1 {
			t.Fatalf("%d users, %d outbox rows; want 1 and 1", u, o)
		}
	})
}

// The account and its event commit together: when the event cannot be
// written, the account is not created either.
func TestRegisterIsAtomicWithItsEvent(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		exec := func(q string) {
			if err := h.db.Conn(context.Background()).Exec(q).Error; err != nil {
				t.Fatal(err)
			}
		}
		exec("ALTER TABLE outbox RENAME TO outbox_away")
		_, err := h.client.Register(context.Background(), userclient.RegisterRequest{Name: "Ann", Email: "ann@example.com", Password: "correct horse"})
		if err == nil {
			t.Fatal("registration succeeded without an outbox")
		}
		exec("ALTER TABLE outbox_away RENAME TO outbox")
		if u := h.count("users"); u != 0 {
			t.Fatalf("%d users written without their event", u)
		}
		h.register("Ann", "ann@example.com", "correct horse")
		if u, o := h.count("users"), h.count("outbox"); u != 1 || o != 1 {
			t.Fatalf("%d users, %d outbox rows; want 1 and 1", u, o)
		}
	})
}

func TestLoginAndResolve(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		u := h.register("Ann", "ann@example.com", "correct horse battery")
		s1 := h.login("  ANN@example.com", "correct horse battery")
		if len(s1.Token) != 43 || strings.ContainsAny(s1.Token, "+/=") {
			t.Fatalf("token %q is not 32 bytes of base64url", s1.Token)
		}
		if s1.User != u || !s1.ExpiresAt.Equal(start.Add(14*24*time.Hour)) {
			t.Fatalf("session %+v", s1)
		}

		got, err := h.client.Resolve(context.Background(), s1.Token)
		if err != nil {
			t.Fatal(err)
		}
		if got.Token != "" || got.User != u || !got.ExpiresAt.Equal(s1.ExpiresAt) {
			t.Fatalf("resolved %+v", got)
		}

		s2 := h.login("ann@example.com", "correct horse battery")
		if s2.Token == s1.Token {
			t.Fatal("a second login reused the token")
		}
		for _, s := range []userclient.Session{s1, s2} {
			if _, err := h.client.Resolve(context.Background(), s.Token); err != nil {
				t.Fatalf("resolve: %v", err)
			}
		}

		// Only hashes of the tokens are stored, each under its own session id.
		var rows []struct{ ID, TokenHash, UserID, IP string }
		if err := h.db.Conn(context.Background()).Table("sessions").Order("id").Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || rows[0].ID == rows[1].ID || !id.Valid(rows[0].ID) {
			t.Fatalf("sessions %+v", rows)
		}
		for i, s := range []userclient.Session{s1, s2} {
			sum := sha256.Sum256([]byte(s.Token))
			if rows[i].TokenHash != hex.EncodeToString(sum[:]) || rows[i].UserID != u.ID || rows[i].IP != "203.0.113.7" {
				t.Fatalf("session row %+v", rows[i])
			}
		}
	})
}

func TestLoginRejectsBadCredentials(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.register("Ann", "ann@example.com", "correct horse battery")
		tests := []struct{ name, email, password string }{
			{"wrong password", "ann@example.com", "wrong horse battery"},
			{"unknown email", "bo@example.com", "correct horse battery"},
			{"not an email", "ann", "correct horse battery"},
			{"empty", "", ""},
			{"huge password", "ann@example.com", strings.Repeat("x", 10000)},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := h.client.Login(context.Background(), userclient.LoginRequest{Email: tt.email, Password: tt.password})
				fe := testkit.WantFault(t, err, fault.Unauthenticated)
				if fe.Message != "the email or password is incorrect" {
					t.Fatalf("message %q", fe.Message)
				}
			})
		}
		if n := h.count("sessions"); n != 0 {
			t.Fatalf("%d sessions after failed logins", n)
		}
	})
}

func TestLogout(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.register("Ann", "ann@example.com", "correct horse battery")
		s1 := h.login("ann@example.com", "correct horse battery")
		s2 := h.login("ann@example.com", "correct horse battery")
		ctx := context.Background()
		if err := h.client.Logout(ctx, s1.Token); err != nil {
			t.Fatal(err)
		}
		_, err := h.client.Resolve(ctx, s1.Token)
		testkit.WantFault(t, err, fault.Unauthenticated)
		if _, err := h.client.Resolve(ctx, s2.Token); err != nil {
			t.Fatalf("the other session was signed out too: %v", err)
		}
		// Signing out again, or with a token never issued, is a no-op.
		if err := h.client.Logout(ctx, s1.Token); err != nil {
			t.Fatal(err)
		}
		if err := h.client.Logout(ctx, "never-issued"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSessionExpires(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.register("Ann", "ann@example.com", "correct horse battery")
		s := h.login("ann@example.com", "correct horse battery")
		h.clock.Advance(13 * 24 * time.Hour)
		if _, err := h.client.Resolve(context.Background(), s.Token); err != nil {
			t.Fatalf("after 13 days: %v", err)
		}
		h.clock.Advance(2 * 24 * time.Hour)
		_, err := h.client.Resolve(context.Background(), s.Token)
		testkit.WantFault(t, err, fault.Unauthenticated)
	})
}

func TestSessionTokenRequired(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := context.Background()
		_, err := h.client.Resolve(ctx, "")
		testkit.WantFault(t, err, fault.Unauthenticated)
		testkit.WantFault(t, h.client.Logout(ctx, ""), fault.Unauthenticated)
		_, err = h.client.Resolve(ctx, "not-a-token")
		testkit.WantFault(t, err, fault.Unauthenticated)
	})
}

func TestGetUser(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ann := h.register("Ann", "ann@example.com", "correct horse battery")
		bo := h.register("Bo", "bo@example.com", "correct horse battery")
		admin, err := h.svc.CreateUser(context.Background(), "Root", "root@example.com", "admin password", actor.Admin)
		if err != nil {
			t.Fatal(err)
		}

		if got, err := h.client.Get(as(ann), ann.ID); err != nil || got != ann {
			t.Fatalf("self: %+v, %v", got, err)
		}
		_, err = h.client.Get(as(bo), ann.ID)
		testkit.WantFault(t, err, fault.Forbidden)
		_, err = h.client.Get(context.Background(), ann.ID)
		testkit.WantFault(t, err, fault.Forbidden)
		if got, err := h.client.Get(as(admin), ann.ID); err != nil || got != ann {
			t.Fatalf("admin: %+v, %v", got, err)
		}
		_, err = h.client.Get(as(admin), id.New())
		testkit.WantFault(t, err, fault.NotFound)
	})
}

func TestCreateUser(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := context.Background()
		for _, role := range []actor.Role{actor.Admin, actor.Seller, actor.Shopper} {
			email := string(role) + "@example.com"
			u, err := h.svc.CreateUser(ctx, "A "+string(role), email, "correct horse", role)
			if err != nil {
				t.Fatal(err)
			}
			if u.Role != string(role) || u.Email != email {
				t.Fatalf("created %+v", u)
			}
			s := h.login(email, "correct horse")
			if s.User.Role != string(role) {
				t.Fatalf("logged in as %+v", s.User)
			}
		}
		_, err := h.svc.CreateUser(ctx, "", "x", "y", "root")
		testkit.WantFault(t, err, fault.Invalid, "name", "email", "password", "role")
		_, err = h.svc.CreateUser(ctx, "Again", "ADMIN@example.com", "correct horse", actor.Admin)
		testkit.WantFault(t, err, fault.Conflict, "email")

		evs := h.events()
		if len(evs) != 3 || evs[0].Role != "admin" || evs[1].Role != "seller" || evs[2].Role != "shopper" {
			t.Fatalf("events %+v", evs)
		}
	})
}

// Requests the typed client cannot make: bad bodies and a missing internal
// token still get a clear error.
func TestMalformedRequests(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	tests := []struct {
		name, path, contentType, body, token string
		status                               int
	}{
		{"truncated JSON", "/v1/users", "application/json", `{"name": "Ann", "email":`, internalToken, 422},
		{"not JSON", "/v1/sessions", "application/json", `email=ann`, internalToken, 422},
		{"wrong type", "/v1/sessions", "application/json", `{"email": 5}`, internalToken, 422},
		{"form body", "/v1/users", "application/x-www-form-urlencoded", `name=Ann`, internalToken, 422},
		{"empty body", "/v1/users", "application/json", ``, internalToken, 422},
		{"no internal token", "/v1/users", "application/json", `{}`, "", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, h.url+tt.path, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", tt.contentType)
			if tt.token != "" {
				req.Header.Set(httpserver.HeaderToken, tt.token)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			var body httpserver.ErrorBody
			if err := json.Unmarshal(raw, &body); err != nil {
				t.Fatalf("body %q: %v", raw, err)
			}
			if resp.StatusCode != tt.status || body.Error.Message == "" || body.Error.Code == "" {
				t.Fatalf("status %d, body %s", resp.StatusCode, raw)
			}
		})
	}
	if n := h.count("users"); n != 0 {
		t.Fatalf("%d users", n)
	}
}

// No response carries a password hash or a token hash.
func TestResponsesCarryNoSecrets(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	h.register("Ann", "ann@example.com", "correct horse battery")
	s := h.login("ann@example.com", "correct horse battery")
	for _, r := range []struct {
		method, path, body string
		header             http.Header
	}{
		{http.MethodPost, "/v1/users", `{"name":"Bo","email":"bo@example.com","password":"correct horse"}`, nil},
		{http.MethodPost, "/v1/sessions", `{"email":"ann@example.com","password":"correct horse battery"}`, nil},
		{http.MethodGet, "/v1/session", "", http.Header{userclient.HeaderSessionToken: {s.Token}}},
		{http.MethodGet, "/v1/users/" + s.User.ID, "", http.Header{actor.HeaderUserID: {s.User.ID}, actor.HeaderRole: {"shopper"}}},
	} {
		req, _ := http.NewRequest(r.method, h.url+r.path, strings.NewReader(r.body))
		maps.Copy(req.Header, r.header)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(httpserver.HeaderToken, internalToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		sum := sha256.Sum256([]byte(s.Token))
		if resp.StatusCode >= 300 || strings.Contains(string(raw), "argon2id") || strings.Contains(string(raw), hex.EncodeToString(sum[:])) ||
			strings.Contains(strings.ToLower(string(raw)), "hash") {
			t.Fatalf("%s %s: %d %s", r.method, r.path, resp.StatusCode, raw)
		}
	}
}
