package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/netip"
	"time"
)

// SessionLifetime is how long a session stays valid after sign-in.
const SessionLifetime = 14 * 24 * time.Hour

// ErrSessionNotFound says no session has that token.
var ErrSessionNotFound = errors.New("session not found")

// HashToken returns what the store keeps of a session token: its SHA-256,
// hex-encoded. The token has 256 random bits, so a plain fast hash is
// enough; a stolen table still lets no one sign in.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Session is one sign-in of a user.
type Session struct {
	id        string
	tokenHash string
	userID    string
	createdAt time.Time
	expiresAt time.Time
	revokedAt *time.Time
	ip        string
}

// NewSession starts a session for userID that expires SessionLifetime from
// now. ip is the client address as reported by the caller; anything that
// is not an IP address is dropped rather than stored.
func NewSession(id, tokenHash, userID, ip string, now time.Time) (*Session, error) {
	switch {
	case id == "":
		return nil, errors.New("new session: empty id")
	case tokenHash == "":
		return nil, errors.New("new session: empty token hash")
	case userID == "":
		return nil, errors.New("new session: empty user id")
	}
	now = now.UTC()
	return &Session{
		id: id, tokenHash: tokenHash, userID: userID, ip: cleanIP(ip),
		createdAt: now, expiresAt: now.Add(SessionLifetime),
	}, nil
}

func cleanIP(raw string) string {
	addr, err := netip.ParseAddr(raw)
	if err != nil {
		return ""
	}
	return addr.Unmap().String()
}

// RebuildSession restores a stored session.
func RebuildSession(id, tokenHash, userID, ip string, createdAt, expiresAt time.Time, revokedAt *time.Time) *Session {
	s := &Session{
		id: id, tokenHash: tokenHash, userID: userID, ip: ip,
		createdAt: createdAt.UTC(), expiresAt: expiresAt.UTC(),
	}
	if revokedAt != nil {
		t := revokedAt.UTC()
		s.revokedAt = &t
	}
	return s
}

// ID is the session's UUIDv7.
func (s *Session) ID() string { return s.id }

// TokenHash is HashToken of the session's token.
func (s *Session) TokenHash() string { return s.tokenHash }

// UserID is the signed-in user.
func (s *Session) UserID() string { return s.userID }

// IP is the client address at sign-in, or "".
func (s *Session) IP() string { return s.ip }

// CreatedAt is the sign-in time.
func (s *Session) CreatedAt() time.Time { return s.createdAt }

// ExpiresAt is when the session stops being valid.
func (s *Session) ExpiresAt() time.Time { return s.expiresAt }

// RevokedAt is when the session was signed out, or nil.
func (s *Session) RevokedAt() *time.Time { return s.revokedAt }

// Active reports whether the session is valid at now: not revoked and not
// expired.
func (s *Session) Active(now time.Time) bool {
	return s.revokedAt == nil && now.Before(s.expiresAt)
}
