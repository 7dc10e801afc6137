package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/id"
	"github.com/marketplace/marketplace/services/user/internal/domain"
)

// SignedIn is a session with its user. Token is set only when the session
// was just created: it is the only copy, the store keeps its hash.
type SignedIn struct {
	Token   string
	Session *domain.Session
	User    *domain.User
}

// errBadCredentials is the one answer to every failed login, whichever
// half was wrong.
var errBadCredentials = fault.Unauthenticatedf("the email or password is incorrect")

// Login checks an email and password and opens a new session. ip is the
// client address as the web frontend determined it: for the session record
// and the per-address limit.
//
// Two limits slow down password guessing. Per address (in memory): at most
// IPFailures failed attempts per IPWindow. Per account (in the database,
// keyed by the normalized email whether or not an account has it, so that
// the answers reveal nothing about accounts): after domain.FreeFailures
// consecutive failures the email is locked for a growing time, and while
// it is locked every attempt, even with the right password, is refused
// without hashing. Both refusals are fault.TooMany.
func (a *App) Login(ctx context.Context, email, password, ip string) (SignedIn, error) {
	now := a.clock.Now()
	ipKey := domain.IPKey(ip)
	if wait, ok := a.ips.begin(ipKey, now); !ok {
		return SignedIn{}, fault.TooManyf("too many failed sign-in attempts from your network; try again in %d seconds",
			domain.WaitSeconds(wait))
	}
	s, err := a.login(ctx, email, password, ip, now)
	if !errors.Is(err, errBadCredentials) {
		// A success, a locked account (no password was checked) or a fault
		// of ours: not a failed attempt of this address.
		a.ips.forget(ipKey, now)
	}
	return s, err
}

func (a *App) login(ctx context.Context, email, password, ip string, now time.Time) (SignedIn, error) {
	email, bad := domain.NormalizeEmail(email)
	if bad == "" {
		// Something that is not an email address has no account to
		// protect; the address limit still counts it.
		if err := a.beginAttempt(ctx, email, now); err != nil {
			return SignedIn{}, err
		}
	}
	if len(password) > domain.MaxPasswordBytes {
		// No account has such a password; refusing before hashing bounds
		// the work a request can cause. The answer does not depend on the
		// email, so it reveals nothing about accounts.
		return SignedIn{}, errBadCredentials
	}
	u, err := a.store.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, domain.ErrUserNotFound):
		// Spend the time a real check takes, so the response time does not
		// tell which emails have accounts.
		if err := a.hasher.CheckDummy(ctx, password); err != nil {
			return SignedIn{}, err
		}
		return SignedIn{}, errBadCredentials
	case err != nil:
		return SignedIn{}, fmt.Errorf("login: look up email: %w", err)
	}
	ok, err := a.hasher.Check(ctx, password, u.PasswordHash())
	if err != nil {
		return SignedIn{}, err
	}
	if !ok {
		return SignedIn{}, errBadCredentials
	}
	if err := a.store.ResetLoginThrottle(ctx, email); err != nil {
		return SignedIn{}, fmt.Errorf("login: %w", err)
	}

	token := newToken()
	s, err := domain.NewSession(id.New(), domain.HashToken(token), u.ID(), ip, now)
	if err != nil {
		return SignedIn{}, err
	}
	if err := a.store.AddSession(ctx, s); err != nil {
		return SignedIn{}, fmt.Errorf("login: %w", err)
	}
	return SignedIn{Token: token, Session: s, User: u}, nil
}

// beginAttempt records a password attempt on a normalized email in
// advance (see domain.LoginThrottle.Begin), or refuses it with
// fault.TooMany while the email is locked.
func (a *App) beginAttempt(ctx context.Context, email string, now time.Time) error {
	var (
		wait time.Duration
		ok   bool
	)
	err := a.store.UpdateLoginThrottle(ctx, email, now, func(t *domain.LoginThrottle) { wait, ok = t.Begin(now) })
	if err != nil {
		return fmt.Errorf("sign-in throttle: %w", err)
	}
	if !ok {
		return fault.TooManyf("too many failed attempts; try again in %d seconds", domain.WaitSeconds(wait))
	}
	return nil
}

// verifyPassword checks the password of a signed-in user's own account
// (to change the password or delete the account) under the same
// per-account throttling as sign-in, so a stolen session cannot be used
// to guess the password either.
func (a *App) verifyPassword(ctx context.Context, u *domain.User, password string) (bool, error) {
	if err := a.beginAttempt(ctx, u.Email(), a.clock.Now()); err != nil {
		return false, err
	}
	if len(password) > domain.MaxPasswordBytes {
		return false, nil
	}
	ok, err := a.hasher.Check(ctx, password, u.PasswordHash())
	if err != nil || !ok {
		return false, err
	}
	if err := a.store.ResetLoginThrottle(ctx, u.Email()); err != nil {
		return false, err
	}
	return true, nil
}

// newToken returns 256 random bits, base64url without padding.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails; it crashes the program if it cannot
	return base64.RawURLEncoding.EncodeToString(b)
}
