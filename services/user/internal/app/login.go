package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"

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
// client address for the session record.
func (a *App) Login(ctx context.Context, email, password, ip string) (SignedIn, error) {
	if len(password) > domain.MaxPasswordBytes {
		// No account has such a password; refusing before hashing bounds
		// the work a request can cause. The answer does not depend on the
		// email, so it reveals nothing about accounts.
		return SignedIn{}, errBadCredentials
	}
	email, _ = domain.NormalizeEmail(email)
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

	token := newToken()
	s, err := domain.NewSession(id.New(), domain.HashToken(token), u.ID(), ip, a.clock.Now())
	if err != nil {
		return SignedIn{}, err
	}
	if err := a.store.AddSession(ctx, s); err != nil {
		return SignedIn{}, fmt.Errorf("login: %w", err)
	}
	return SignedIn{Token: token, Session: s, User: u}, nil
}

// newToken returns 256 random bits, base64url without padding.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails; it crashes the program if it cannot
	return base64.RawURLEncoding.EncodeToString(b)
}
