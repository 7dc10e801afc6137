package user_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/shop/shopevents"
	"github.com/marketplace/marketplace/services/user/userclient"
	"github.com/marketplace/marketplace/services/user/userevents"
)

const annPassword = "correct horse battery"

// outbox returns the envelopes in the outbox, oldest first.
func (h *harness) outbox() []eventbus.Envelope {
	h.t.Helper()
	var rows []struct{ Envelope string }
	if err := h.db.Conn(context.Background()).Table("outbox").Select("envelope").Order("id").Scan(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	out := make([]eventbus.Envelope, 0, len(rows))
	for _, r := range rows {
		var env eventbus.Envelope
		if err := json.Unmarshal([]byte(r.Envelope), &env); err != nil {
			h.t.Fatal(err)
		}
		out = append(out, env)
	}
	return out
}

// deleted returns the payloads of the user.deleted events in the outbox.
func (h *harness) deleted() []userevents.UserDeleted {
	h.t.Helper()
	var out []userevents.UserDeleted
	for _, env := range h.outbox() {
		if env.Type != "user.deleted" {
			continue
		}
		p, err := eventbus.Decode[userevents.UserDeleted](env)
		if err != nil {
			h.t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func (h *harness) tryLogin(email, password, ip string) error {
	h.t.Helper()
	_, err := h.client.Login(context.Background(), userclient.LoginRequest{Email: email, Password: password, IP: ip})
	return err
}

// wantLocked fails unless err is the per-account 429 saying to wait secs.
func wantLocked(t *testing.T, err error, secs int) {
	t.Helper()
	fe := testkit.WantFault(t, err, fault.TooMany)
	if want := fmt.Sprintf("too many failed attempts; try again in %d seconds", secs); fe.Message != want {
		t.Fatalf("message %q, want %q", fe.Message, want)
	}
}

func (h *harness) admin() userclient.User {
	h.t.Helper()
	a, err := h.svc.CreateUser(context.Background(), "Root", "root@example.com", "admin password", actor.Admin)
	if err != nil {
		h.t.Fatal(err)
	}
	return a
}

func TestLoginThrottlePerAccount(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.register("Ann", "ann@example.com", annPassword)
		// Every attempt claims another address: the lock is per account,
		// so a forged X-Forwarded-For (whatever the web makes of it) does
		// not get around it.
		ip := func(i int) string { return fmt.Sprintf("198.51.100.%d", i) }
		for i := range 5 {
			testkit.WantFault(t, h.tryLogin("ann@example.com", "wrong password", ip(i)), fault.Unauthenticated)
		}
		sessions := h.count("sessions")
		// Locked: even the right password is refused.
		wantLocked(t, h.tryLogin("ann@example.com", annPassword, ip(10)), 1)
		wantLocked(t, h.tryLogin(" ANN@example.com", annPassword, ip(11)), 1)
		if n := h.count("sessions"); n != sessions {
			t.Fatal("a locked account signed in")
		}

		// The lock ends after 2^0 seconds; the next failure locks for 2^1.
		h.clock.Advance(time.Second)
		testkit.WantFault(t, h.tryLogin("ann@example.com", "wrong password", ip(12)), fault.Unauthenticated)
		wantLocked(t, h.tryLogin("ann@example.com", annPassword, ip(13)), 2)
		h.clock.Advance(1500 * time.Millisecond)
		wantLocked(t, h.tryLogin("ann@example.com", annPassword, ip(14)), 1)
		h.clock.Advance(500 * time.Millisecond)
		h.login("ann@example.com", annPassword)

		// The success reset the count: four failures lock nothing, and the
		// fifth locks for one second again.
		for i := range 4 {
			testkit.WantFault(t, h.tryLogin("ann@example.com", "wrong password", ip(i)), fault.Unauthenticated)
		}
		h.login("ann@example.com", annPassword)
		for i := range 5 {
			testkit.WantFault(t, h.tryLogin("ann@example.com", "wrong password", ip(i)), fault.Unauthenticated)
		}
		wantLocked(t, h.tryLogin("ann@example.com", annPassword, ip(20)), 1)

		// Other accounts are not affected.
		h.register("Bo", "bo@example.com", annPassword)
		h.login("bo@example.com", annPassword)
	})
}

// The lock grows to 15 minutes and no further.
func TestLoginThrottleCap(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	for i := range 20 {
		testkit.WantFault(t, h.tryLogin("ann@example.com", "wrong password", ""), fault.Unauthenticated)
		if i >= 4 {
			wait := min(time.Duration(1<<(i-4))*time.Second, 15*time.Minute)
			wantLocked(t, h.tryLogin("ann@example.com", "wrong password", ""), int(wait/time.Second))
			h.clock.Advance(wait)
		}
	}
}

// An email without an account is throttled just like one with an account,
// so the answers do not tell them apart.
func TestLoginThrottleUnknownEmail(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		for range 5 {
			testkit.WantFault(t, h.tryLogin("nobody@example.com", annPassword, ""), fault.Unauthenticated)
		}
		wantLocked(t, h.tryLogin("Nobody@Example.com", annPassword, ""), 1)
		// Registering the address does not lift the lock.
		h.register("Nobody", "nobody@example.com", annPassword)
		wantLocked(t, h.tryLogin("nobody@example.com", annPassword, ""), 1)
		h.clock.Advance(time.Second)
		h.login("nobody@example.com", annPassword)
		if n := h.count("login_throttle"); n != 0 {
			t.Fatalf("%d throttling records after the success", n)
		}
	})
}

func TestLoginThrottlePerAddress(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		h.register("Ann", "ann@example.com", annPassword)
		const ip = "198.51.100.9"
		// 30 failures on 30 accounts: no account is locked, the address is.
		for i := range 30 {
			testkit.WantFault(t, h.tryLogin(fmt.Sprintf("user%d@example.com", i), "wrong password", ip), fault.Unauthenticated)
			h.clock.Advance(time.Second)
		}
		err := h.tryLogin("ann@example.com", annPassword, ip)
		fe := testkit.WantFault(t, err, fault.TooMany)
		if want := "too many failed sign-in attempts from your network; try again in 570 seconds"; fe.Message != want {
			t.Fatalf("message %q, want %q", fe.Message, want)
		}
		// Another address is fine, and so is a successful attempt's.
		if err := h.tryLogin("ann@example.com", annPassword, "198.51.100.10"); err != nil {
			t.Fatal(err)
		}
		// An IPv6 client is counted per /64.
		for i := range 30 {
			testkit.WantFault(t, h.tryLogin(fmt.Sprintf("user%d@example.com", i), "wrong password", fmt.Sprintf("2001:db8:0:1::%x", i+1)), fault.Unauthenticated)
		}
		testkit.WantFault(t, h.tryLogin("bo@example.com", annPassword, "2001:db8:0:1:ffff::1"), fault.TooMany)
		// The window slides: ten minutes after the first failures the
		// address may try again.
		h.clock.Advance(10 * time.Minute)
		if err := h.tryLogin("ann@example.com", annPassword, ip); err != nil {
			t.Fatalf("after the window: %v", err)
		}
	})
}

func TestUpdateProfile(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ann := h.register("Ann", "ann@example.com", annPassword)
		bo := h.register("Bo", "bo@example.com", annPassword)
		admin := h.admin()
		events := len(h.outbox())

		h.clock.Advance(time.Minute)
		got, err := h.client.UpdateProfile(as(ann), ann.ID, userclient.ProfileRequest{Name: "  Ann Marie Lee "})
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Ann Marie Lee" || got.ID != ann.ID || got.Email != ann.Email || got.Role != "shopper" {
			t.Fatalf("updated %+v", got)
		}
		if fresh, _ := h.client.Get(as(ann), ann.ID); fresh != got {
			t.Fatalf("get after update: %+v", fresh)
		}

		for _, name := range []string{"", "   ", strings.Repeat("x", 101), "Ann\nLee"} {
			_, err := h.client.UpdateProfile(as(ann), ann.ID, userclient.ProfileRequest{Name: name})
			testkit.WantFault(t, err, fault.Invalid, "name")
		}
		_, err = h.client.UpdateProfile(as(bo), ann.ID, userclient.ProfileRequest{Name: "Hacked"})
		testkit.WantFault(t, err, fault.Forbidden)
		_, err = h.client.UpdateProfile(as(admin), ann.ID, userclient.ProfileRequest{Name: "Hacked"})
		testkit.WantFault(t, err, fault.Forbidden)
		_, err = h.client.UpdateProfile(context.Background(), ann.ID, userclient.ProfileRequest{Name: "Hacked"})
		testkit.WantFault(t, err, fault.Unauthenticated)
		ghost := userclient.User{ID: id.New(), Role: "shopper"}
		_, err = h.client.UpdateProfile(as(ghost), ghost.ID, userclient.ProfileRequest{Name: "Ghost"})
		testkit.WantFault(t, err, fault.NotFound)

		if fresh, _ := h.client.Get(as(ann), ann.ID); fresh.Name != "Ann Marie Lee" {
			t.Fatalf("a refused update changed the name: %+v", fresh)
		}
		if n := len(h.outbox()); n != events {
			t.Fatalf("profile changes wrote %d events", n-events)
		}
	})
}

func TestChangePassword(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := context.Background()
		ann := h.register("Ann", "ann@example.com", annPassword)
		bo := h.register("Bo", "bo@example.com", annPassword)
		admin := h.admin()
		current := h.login("ann@example.com", annPassword)
		other := h.login("ann@example.com", annPassword)
		third := h.login("ann@example.com", annPassword)
		bos := h.login("bo@example.com", annPassword)

		change := func(who context.Context, userID string, r userclient.PasswordRequest) error {
			return h.client.ChangePasswordKeepingSession(who, userID, current.Token, r)
		}
		const next = "a brand new passphrase"
		tests := []struct {
			name   string
			req    userclient.PasswordRequest
			fields []string
		}{
			{"wrong current", userclient.PasswordRequest{Current: "wrong password", New: next}, []string{"current"}},
			{"no current", userclient.PasswordRequest{New: next}, []string{"current"}},
			{"short new", userclient.PasswordRequest{Current: annPassword, New: "short"}, []string{"new"}},
			{"new is the email", userclient.PasswordRequest{Current: annPassword, New: "ANN@example.com"}, []string{"new"}},
			{"both wrong", userclient.PasswordRequest{Current: "wrong password", New: "short"}, []string{"current", "new"}},
		}
		for _, tt := range tests {
			testkit.WantFault(t, change(as(ann), ann.ID, tt.req), fault.Invalid, tt.fields...)
		}
		testkit.WantFault(t, change(as(bo), ann.ID, userclient.PasswordRequest{Current: annPassword, New: next}), fault.Forbidden)
		testkit.WantFault(t, change(as(admin), ann.ID, userclient.PasswordRequest{Current: annPassword, New: next}), fault.Forbidden)
		testkit.WantFault(t, change(ctx, ann.ID, userclient.PasswordRequest{Current: annPassword, New: next}), fault.Unauthenticated)
		for _, s := range []userclient.Session{current, other, third} {
			if _, err := h.client.Resolve(ctx, s.Token); err != nil {
				t.Fatalf("a refused change revoked a session: %v", err)
			}
		}
		h.login("ann@example.com", annPassword) // the refused attempts changed nothing (and the success resets the count)

		if err := change(as(ann), ann.ID, userclient.PasswordRequest{Current: annPassword, New: next}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.client.Resolve(ctx, current.Token); err != nil {
			t.Fatalf("the caller's own session was revoked: %v", err)
		}
		for _, s := range []userclient.Session{other, third} {
			_, err := h.client.Resolve(ctx, s.Token)
			testkit.WantFault(t, err, fault.Unauthenticated)
		}
		if _, err := h.client.Resolve(ctx, bos.Token); err != nil {
			t.Fatalf("another user's session was revoked: %v", err)
		}
		testkit.WantFault(t, h.tryLogin("ann@example.com", annPassword, ""), fault.Unauthenticated)
		h.login("ann@example.com", next)

		// Without the caller's token every session goes.
		if err := h.client.ChangePassword(as(ann), ann.ID, userclient.PasswordRequest{Current: next, New: annPassword}); err != nil {
			t.Fatal(err)
		}
		_, err := h.client.Resolve(ctx, current.Token)
		testkit.WantFault(t, err, fault.Unauthenticated)
		h.login("ann@example.com", annPassword)
	})
}

// Guessing the current password through a stolen session is throttled
// like signing in.
func TestChangePasswordThrottled(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	ann := h.register("Ann", "ann@example.com", annPassword)
	for range 5 {
		err := h.client.ChangePassword(as(ann), ann.ID, userclient.PasswordRequest{Current: "wrong password", New: "a brand new passphrase"})
		testkit.WantFault(t, err, fault.Invalid, "current")
	}
	err := h.client.ChangePassword(as(ann), ann.ID, userclient.PasswordRequest{Current: annPassword, New: "a brand new passphrase"})
	wantLocked(t, err, 1)
	wantLocked(t, h.tryLogin("ann@example.com", annPassword, ""), 1)
	h.clock.Advance(time.Second)
	h.login("ann@example.com", annPassword)
}

func TestDeleteUser(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := context.Background()
		ann := h.register("Ann", "ann@example.com", annPassword)
		bo := h.register("Bo", "bo@example.com", annPassword)
		admin := h.admin()
		annSession := h.login("ann@example.com", annPassword)
		boSession := h.login("bo@example.com", annPassword)

		testkit.WantFault(t, h.client.Delete(as(ann), ann.ID, userclient.DeleteRequest{Password: "wrong password"}), fault.Invalid, "password")
		testkit.WantFault(t, h.client.Delete(as(ann), ann.ID, userclient.DeleteRequest{}), fault.Invalid, "password")
		testkit.WantFault(t, h.client.Delete(as(bo), ann.ID, userclient.DeleteRequest{Password: annPassword}), fault.Forbidden)
		seller := userclient.User{ID: id.New(), Role: "seller"}
		testkit.WantFault(t, h.client.Delete(as(seller), ann.ID, userclient.DeleteRequest{Password: annPassword}), fault.Forbidden)
		testkit.WantFault(t, h.client.Delete(ctx, ann.ID, userclient.DeleteRequest{Password: annPassword}), fault.Unauthenticated)
		if _, err := h.client.Resolve(ctx, annSession.Token); err != nil || h.count("users") != 3 || len(h.deleted()) != 0 {
			t.Fatalf("a refused delete changed something: %v", err)
		}

		// The user themself, with the password.
		h.clock.Advance(time.Minute)
		if err := h.client.Delete(as(ann), ann.ID, userclient.DeleteRequest{Password: annPassword}); err != nil {
			t.Fatal(err)
		}
		_, err := h.client.Resolve(ctx, annSession.Token)
		testkit.WantFault(t, err, fault.Unauthenticated)
		_, err = h.client.Get(as(admin), ann.ID)
		testkit.WantFault(t, err, fault.NotFound)
		testkit.WantFault(t, h.tryLogin("ann@example.com", annPassword, ""), fault.Unauthenticated)
		evs := h.deleted()
		if len(evs) != 1 || evs[0].UserID != ann.ID || !evs[0].DeletedAt.Equal(start.Add(time.Minute)) {
			t.Fatalf("user.deleted events %+v", evs)
		}
		// The email is free again, for a new account.
		again := h.register("Ann Again", "ann@example.com", annPassword)
		if again.ID == ann.ID {
			t.Fatal("the new account got the old id")
		}

		// An admin, without a password (and without a body at all).
		req, _ := http.NewRequest(http.MethodDelete, h.url+"/v1/users/"+bo.ID, nil)
		req.Header.Set(httpserver.HeaderToken, internalToken)
		req.Header.Set(actor.HeaderUserID, admin.ID)
		req.Header.Set(actor.HeaderRole, "admin")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("admin delete: status %d", resp.StatusCode)
		}
		_, err = h.client.Resolve(ctx, boSession.Token)
		testkit.WantFault(t, err, fault.Unauthenticated)
		testkit.WantFault(t, h.client.Delete(as(admin), bo.ID, userclient.DeleteRequest{}), fault.NotFound)
		if evs := h.deleted(); len(evs) != 2 || evs[1].UserID != bo.ID {
			t.Fatalf("user.deleted events %+v", evs)
		}
		if n := h.count("sessions"); n != 0 {
			t.Fatalf("%d sessions of deleted users kept", n)
		}
	})
}

// The account and its user.deleted event commit together.
func TestDeleteUserIsAtomicWithItsEvent(t *testing.T) {
	h := newHarness(t, testkit.SQLite(t))
	ann := h.register("Ann", "ann@example.com", annPassword)
	s := h.login("ann@example.com", annPassword)
	exec := func(q string) {
		if err := h.db.Conn(context.Background()).Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	exec("ALTER TABLE outbox RENAME TO outbox_away")
	if err := h.client.Delete(as(ann), ann.ID, userclient.DeleteRequest{Password: annPassword}); err == nil {
		t.Fatal("deleted without an outbox")
	}
	exec("ALTER TABLE outbox_away RENAME TO outbox")
	if _, err := h.client.Resolve(context.Background(), s.Token); err != nil || h.count("users") != 1 {
		t.Fatalf("the account went without its event: %v", err)
	}
}

func shopCreated(t *testing.T, shopID, ownerID string, version int64) eventbus.Envelope {
	return testkit.Event(t, "shop", shopevents.ShopCreated{
		Shop:      shopevents.Shop{ShopID: shopID, OwnerID: ownerID, Name: "A shop", Slug: "a-shop", Version: version},
		CreatedAt: start,
	})
}

func shopDeleted(t *testing.T, shopID, ownerID string, version int64) eventbus.Envelope {
	return testkit.Event(t, "shop", shopevents.ShopDeleted{ShopID: shopID, OwnerID: ownerID, Version: version, DeletedAt: start})
}

func TestShopEventsSetTheRole(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		served := testkit.Served{URL: h.url, Deps: h.deps, Service: h.svc}
		ann := h.register("Ann", "ann@example.com", annPassword)
		bo := h.register("Bo", "bo@example.com", annPassword)
		admin := h.admin()
		role := func(u userclient.User) string {
			t.Helper()
			got, err := h.client.Get(as(admin), u.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got.Role
		}
		deliver := func(envs ...eventbus.Envelope) {
			t.Helper()
			for i, o := range testkit.Deliver(t, served, envs...) {
				if o != testkit.Acked {
					t.Fatalf("event %d (%s): %s", i, envs[i].Type, o)
				}
			}
		}
		events := len(h.outbox())

		// shop.created, delivered twice, makes the owner a seller once.
		shop1 := id.New()
		created := shopCreated(t, shop1, ann.ID, 1)
		h.clock.Advance(time.Minute)
		deliver(created)
		if role(ann) != "seller" {
			t.Fatalf("after shop.created: %s", role(ann))
		}
		var updated time.Time
		if err := h.db.Conn(context.Background()).Table("users").Where("id = ?", ann.ID).Select("updated_at").Scan(&updated).Error; err != nil {
			t.Fatal(err)
		}
		h.clock.Advance(time.Minute)
		deliver(created)
		var again time.Time
		_ = h.db.Conn(context.Background()).Table("users").Where("id = ?", ann.ID).Select("updated_at").Scan(&again).Error
		if !again.Equal(updated) || !updated.Equal(start.Add(time.Minute)) {
			t.Fatalf("updated at %v, then %v", updated, again)
		}
		// The signed-in session shows the new role.
		if s := h.login("ann@example.com", annPassword); s.User.Role != "seller" {
			t.Fatalf("session role %s", s.User.Role)
		}

		// shop.deleted makes them a shopper again; twice is once; the
		// stale shop.created that arrives after it changes nothing.
		deleted := shopDeleted(t, shop1, ann.ID, 3)
		deliver(deleted, deleted, shopCreated(t, shop1, ann.ID, 1))
		if role(ann) != "shopper" {
			t.Fatalf("after shop.deleted: %s", role(ann))
		}
		// A new shop of the same owner counts.
		deliver(shopCreated(t, id.New(), ann.ID, 1))
		if role(ann) != "seller" {
			t.Fatalf("after a second shop: %s", role(ann))
		}

		// Out of order: the deletion overtakes the creation.
		shop3 := id.New()
		deliver(shopDeleted(t, shop3, bo.ID, 2), shopCreated(t, shop3, bo.ID, 1))
		if role(bo) != "shopper" {
			t.Fatalf("bo after deleted-then-created: %s", role(bo))
		}

		// Admins stay admins.
		adminShop := id.New()
		deliver(shopCreated(t, adminShop, admin.ID, 1))
		if role(admin) != "admin" {
			t.Fatalf("admin with a shop: %s", role(admin))
		}
		deliver(shopDeleted(t, adminShop, admin.ID, 2))
		if role(admin) != "admin" {
			t.Fatalf("admin without a shop: %s", role(admin))
		}

		// Events about users never heard of are acknowledged and ignored.
		deliver(shopCreated(t, id.New(), id.New(), 1), shopDeleted(t, id.New(), id.New(), 2))
		if n := h.count("users"); n != 3 {
			t.Fatalf("%d users", n)
		}

		// A payload without ids cannot be applied, ever.
		if o := testkit.Deliver(t, served, shopCreated(t, "", "", 1)); o[0] != testkit.DeadLettered {
			t.Fatalf("an event without ids was %s", o[0])
		}
		if n := len(h.outbox()); n != events {
			t.Fatalf("the consumers wrote %d events", n-events)
		}
	})
}

func TestSeed(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := context.Background()
		// Someone took a demo address before the first seeding.
		squatter := h.register("Not Alice", demo.Shoppers[0].Email, annPassword)
		for range 2 {
			if err := h.svc.Seed(ctx); err != nil {
				t.Fatal(err)
			}
		}
		want := len(demo.Sellers) + len(demo.Shoppers)
		if n := h.count("users"); n != int64(want) { // the squatter instead of Alice
			t.Fatalf("%d users, want %d", n, want)
		}
		if evs := h.events(); len(evs) != want {
			t.Fatalf("%d user.created events, want %d", len(evs), want)
		}
		for _, du := range []demo.User{demo.Sellers[0], demo.Shoppers[1]} {
			s := h.login(du.Email, demo.Password)
			if s.User.ID != du.ID || s.User.Role != du.Role || s.User.Name != du.Name {
				t.Fatalf("demo user %+v signed in as %+v", du, s.User)
			}
		}
		if s := h.login(demo.Shoppers[0].Email, annPassword); s.User.ID != squatter.ID {
			t.Fatalf("the squatter's account was replaced: %+v", s.User)
		}
	})
}

// Concurrent changes of one account queue instead of failing.
func TestConcurrentProfileUpdates(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ann := h.register("Ann", "ann@example.com", annPassword)
		errs := make([]error, 8)
		var wg sync.WaitGroup
		for i := range errs {
			wg.Go(func() {
				_, errs[i] = h.client.UpdateProfile(as(ann), ann.ID, userclient.ProfileRequest{Name: fmt.Sprintf("Ann %d", i)})
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}
