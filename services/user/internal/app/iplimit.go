package app

import (
	"sync"
	"time"
)

// Limits of sign-in attempts per client address, kept in memory: each
// instance of the service counts on its own, which is enough to slow a
// single source down. The per-account limit (domain.LoginThrottle) is in
// the database and holds across instances.
const (
	IPFailures = 30               // failed attempts an address may make per IPWindow
	IPWindow   = 10 * time.Minute // the sliding window
)

// ipLimiter counts failed sign-in attempts per address key over a sliding
// window. Attempts are counted when they begin and taken back when they
// turn out not to be failures, so that a burst of parallel attempts is
// limited while its passwords are still being hashed.
type ipLimiter struct {
	mu      sync.Mutex
	max     int
	window  time.Duration
	hits    map[string][]time.Time // per key, oldest first
	sweepAt int                    // sweep expired keys when the map grows to this size
}

func newIPLimiter(max int, window time.Duration) *ipLimiter {
	return &ipLimiter{max: max, window: window, hits: map[string][]time.Time{}, sweepAt: 1024}
}

// begin counts an attempt from key at now. It refuses when key already
// has max attempts in the window, with how long until the oldest of them
// leaves it. An empty key is never limited.
func (l *ipLimiter) begin(key string, now time.Time) (wait time.Duration, ok bool) {
	if key == "" {
		return 0, true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	h := l.live(l.hits[key], now)
	if len(h) >= l.max {
		l.hits[key] = h
		return h[0].Add(l.window).Sub(now), false
	}
	l.hits[key] = append(h, now)
	if len(l.hits) >= l.sweepAt {
		l.sweep(now)
	}
	return 0, true
}

// forget takes back the attempt that key began at at: it succeeded, or it
// never got to check a password.
func (l *ipLimiter) forget(key string, at time.Time) {
	if key == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	h := l.hits[key]
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].Equal(at) {
			h = append(h[:i], h[i+1:]...)
			break
		}
	}
	if len(h) == 0 {
		delete(l.hits, key)
		return
	}
	l.hits[key] = h
}

// live drops the attempts of h that have left the window at now.
func (l *ipLimiter) live(h []time.Time, now time.Time) []time.Time {
	cutoff := now.Add(-l.window)
	i := 0
	for i < len(h) && !h[i].After(cutoff) {
		i++
	}
	if i == 0 {
		return h
	}
	return append([]time.Time(nil), h[i:]...)
}

// sweep removes keys without attempts in the window, so that the map
// holds only recent sources; the next sweep waits until it has doubled.
func (l *ipLimiter) sweep(now time.Time) {
	for k, h := range l.hits {
		if h = l.live(h, now); len(h) == 0 {
			delete(l.hits, k)
		} else {
			l.hits[k] = h
		}
	}
	l.sweepAt = max(1024, 2*len(l.hits))
}
