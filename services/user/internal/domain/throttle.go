package domain

import (
	"net/netip"
	"time"
)

// Rules of sign-in throttling per account.
const (
	// FreeFailures is how many consecutive failures an account's email
	// may have before it is locked.
	FreeFailures = 5
	// MaxLock caps how long one lock lasts.
	MaxLock = 15 * time.Minute
)

// LockFor returns how long an email is locked after its failures-th
// consecutive failure: nothing for the first FreeFailures-1, then
// 2^(failures-FreeFailures) seconds (1s, 2s, 4s, ...), capped at MaxLock.
func LockFor(failures int) time.Duration {
	if failures < FreeFailures {
		return 0
	}
	n := failures - FreeFailures
	if n >= 30 { // far past the cap; shifting further would overflow
		return MaxLock
	}
	return min(time.Duration(1<<n)*time.Second, MaxLock)
}

// LoginThrottle is the sign-in record of one normalized email, kept
// whether or not an account has that email, so that throttling reveals
// nothing about which accounts exist.
type LoginThrottle struct {
	failures    int
	lockedUntil time.Time
}

// RebuildLoginThrottle restores a stored record; lockedUntil is the zero
// time when the email was never locked.
func RebuildLoginThrottle(failures int, lockedUntil time.Time) *LoginThrottle {
	return &LoginThrottle{failures: failures, lockedUntil: lockedUntil}
}

// Failures is the number of consecutive failed attempts (counting the ones
// still being checked).
func (t *LoginThrottle) Failures() int { return t.failures }

// LockedUntil is when the current lock ends, or the zero time.
func (t *LoginThrottle) LockedUntil() time.Time { return t.lockedUntil }

// Begin starts an attempt at now. While the email is locked it refuses and
// returns how long the lock still lasts; the attempt must then not check
// the password at all. Otherwise it counts the attempt as a failure in
// advance (a success resets the record), so that a burst of parallel
// attempts cannot all slip past the lock while their passwords are being
// hashed, and locks the email when the count calls for it.
func (t *LoginThrottle) Begin(now time.Time) (wait time.Duration, ok bool) {
	if now.Before(t.lockedUntil) {
		return t.lockedUntil.Sub(now), false
	}
	t.failures++
	if d := LockFor(t.failures); d > 0 {
		t.lockedUntil = now.Add(d).UTC()
	}
	return 0, true
}

// WaitSeconds rounds a wait up to whole seconds, at least 1, for messages.
func WaitSeconds(d time.Duration) int {
	s := int((d + time.Second - 1) / time.Second)
	return max(s, 1)
}

// IPKey returns the key that sign-in attempts from address raw are counted
// under: the address itself for IPv4, its /64 network for IPv6 (one
// subscriber usually holds a whole /64). It returns "" for anything that
// is not an IP address; such attempts are not counted per address.
func IPKey(raw string) string {
	addr, err := netip.ParseAddr(raw)
	if err != nil {
		return ""
	}
	addr = addr.Unmap().WithZone("")
	if addr.Is4() {
		return addr.String()
	}
	p, err := addr.Prefix(64)
	if err != nil {
		return ""
	}
	return p.String()
}
