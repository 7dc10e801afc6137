package user_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

// Housekeeping deletes sessions a day after they ended (revoked or
// expired) and sign-in records a day after their last attempt; live
// sessions and recent records stay, and a forgotten record counts from
// zero again.
func TestHousekeepingForgetsEndedSessionsAndQuietSignInRecords(t *testing.T) {
	testkit.Dialects(t, func(t *testing.T, url string) {
		h := newHarness(t, url)
		ctx := context.Background()
		h.register("Ann", "ann@example.com", annPassword)
		kept := h.login("ann@example.com", annPassword)
		revoked := h.login("ann@example.com", annPassword)
		if err := h.client.Logout(ctx, revoked.Token); err != nil {
			t.Fatal(err)
		}
		// An email without an account gets a record too (and a lock).
		for i := range 6 {
			h.tryLogin("nobody@example.com", "guess", fmt.Sprintf("198.51.100.%d", i))
		}
		records := func() int64 { return h.count("login_throttle") }
		sessions := func() int64 { return h.count("sessions") }
		if sessions() != 2 || records() != 1 {
			t.Fatalf("%d sessions, %d sign-in records", sessions(), records())
		}

		h.clock.Advance(23 * time.Hour)
		if n, err := h.svc.Housekeeping(ctx); err != nil || n.Sessions != 0 || n.SignInRecords != 0 {
			t.Fatalf("after 23 hours: %+v, %v; want nothing deleted", n, err)
		}
		h.tryLogin("bo@example.com", "guess", "198.51.100.9") // a fresh record

		h.clock.Advance(2 * time.Hour)
		if n, err := h.svc.Housekeeping(ctx); err != nil || n.Sessions != 1 || n.SignInRecords != 1 {
			t.Fatalf("after 25 hours: %+v, %v; want the revoked session and nobody's record", n, err)
		}
		if sessions() != 1 || records() != 1 {
			t.Fatalf("%d sessions, %d sign-in records left", sessions(), records())
		}
		if s, err := h.client.Resolve(ctx, kept.Token); err != nil || s.User.Email != "ann@example.com" {
			t.Fatalf("the live session: %+v, %v", s, err)
		}
		// nobody@ starts from zero: four failures lock nothing.
		for range 4 {
			testkit.WantFault(t, h.tryLogin("nobody@example.com", "guess", "198.51.100.20"), fault.Unauthenticated)
		}

		// The live session expires 14 days after sign-in and goes a day later.
		h.clock.Advance(14*24*time.Hour - 25*time.Hour + 23*time.Hour)
		if n, err := h.svc.Housekeeping(ctx); err != nil || n.Sessions != 0 {
			t.Fatalf("a day before: %+v, %v", n, err)
		}
		h.clock.Advance(2 * time.Hour)
		if n, err := h.svc.Housekeeping(ctx); err != nil || n.Sessions != 1 {
			t.Fatalf("a day after it expired: %+v, %v", n, err)
		}
		if sessions() != 0 {
			t.Fatalf("%d sessions left", sessions())
		}
	})
}
