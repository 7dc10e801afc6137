package domain_test

import (
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/user/internal/domain"
)

func TestLockFor(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {1, 0}, {4, 0},
		{5, time.Second}, {6, 2 * time.Second}, {7, 4 * time.Second}, {10, 32 * time.Second},
		{14, 512 * time.Second}, {15, domain.MaxLock}, {16, domain.MaxLock},
		{40, domain.MaxLock}, {1 << 30, domain.MaxLock},
	}
	for _, tt := range tests {
		if got := domain.LockFor(tt.failures); got != tt.want {
			t.Errorf("LockFor(%d) = %v, want %v", tt.failures, got, tt.want)
		}
	}
}

func TestLoginThrottleBegin(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name         string
		failures     int
		lockedUntil  time.Time
		at           time.Time
		wantOK       bool
		wantWait     time.Duration
		wantFailures int
		wantLocked   time.Time
	}{
		{name: "first attempt", at: now, wantOK: true, wantFailures: 1},
		{name: "fourth attempt", failures: 3, at: now, wantOK: true, wantFailures: 4},
		{name: "fifth attempt locks for a second", failures: 4, at: now, wantOK: true, wantFailures: 5,
			wantLocked: now.Add(time.Second)},
		{name: "locked", failures: 5, lockedUntil: now.Add(time.Second), at: now, wantWait: time.Second,
			wantFailures: 5, wantLocked: now.Add(time.Second)},
		{name: "just before the end", failures: 5, lockedUntil: now.Add(time.Second), at: now.Add(999 * time.Millisecond),
			wantWait: time.Millisecond, wantFailures: 5, wantLocked: now.Add(time.Second)},
		{name: "lock over: counted, locked longer", failures: 5, lockedUntil: now, at: now, wantOK: true,
			wantFailures: 6, wantLocked: now.Add(2 * time.Second)},
		{name: "capped", failures: 20, lockedUntil: now.Add(-time.Hour), at: now, wantOK: true,
			wantFailures: 21, wantLocked: now.Add(domain.MaxLock)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := domain.RebuildLoginThrottle(tt.failures, tt.lockedUntil)
			wait, ok := th.Begin(tt.at)
			if ok != tt.wantOK || wait != tt.wantWait || th.Failures() != tt.wantFailures || !th.LockedUntil().Equal(tt.wantLocked) {
				t.Fatalf("Begin = %v, %v; record %d until %v; want %v, %v; %d until %v",
					wait, ok, th.Failures(), th.LockedUntil(), tt.wantWait, tt.wantOK, tt.wantFailures, tt.wantLocked)
			}
		})
	}
}

func TestWaitSeconds(t *testing.T) {
	for d, want := range map[time.Duration]int{
		0: 1, time.Millisecond: 1, time.Second: 1, 1001 * time.Millisecond: 2, 15 * time.Minute: 900,
	} {
		if got := domain.WaitSeconds(d); got != want {
			t.Errorf("WaitSeconds(%v) = %d, want %d", d, got, want)
		}
	}
}

func TestIPKey(t *testing.T) {
	tests := map[string]string{
		"203.0.113.7":               "203.0.113.7",
		"::ffff:203.0.113.7":        "203.0.113.7",
		"2001:db8:1:2:3:4:5:6":      "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1":      "2001:db8:1:2::/64",
		"fe80::1%eth0":              "fe80::/64",
		"":                          "",
		"not an address":            "",
		"203.0.113.7:443":           "",
		"203.0.113.7, 198.51.100.1": "",
	}
	for in, want := range tests {
		if got := domain.IPKey(in); got != want {
			t.Errorf("IPKey(%q) = %q, want %q", in, got, want)
		}
	}
}
