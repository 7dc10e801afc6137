package app

import (
	"fmt"
	"testing"
	"time"
)

func TestIPLimiter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	l := newIPLimiter(3, 10*time.Minute)
	for i := range 3 {
		if _, ok := l.begin("a", now.Add(time.Duration(i)*time.Minute)); !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	wait, ok := l.begin("a", now.Add(5*time.Minute))
	if ok || wait != 5*time.Minute {
		t.Fatalf("fourth attempt: ok %v, wait %v; want refused for 5m", ok, wait)
	}
	if _, ok := l.begin("b", now.Add(5*time.Minute)); !ok {
		t.Fatal("another address was refused")
	}
	if _, ok := l.begin("", now); !ok {
		t.Fatal("an unknown address was refused")
	}
	// The oldest attempt leaves the window after exactly 10 minutes.
	if _, ok := l.begin("a", now.Add(10*time.Minute)); !ok {
		t.Fatal("refused after the window moved on")
	}
	if _, ok := l.begin("a", now.Add(10*time.Minute)); ok {
		t.Fatal("accepted a fourth attempt in the window")
	}
	// A success takes its attempt back.
	l.forget("a", now.Add(10*time.Minute))
	if _, ok := l.begin("a", now.Add(10*time.Minute)); !ok {
		t.Fatal("a forgotten attempt still counts")
	}
	l.forget("nobody", now) // not an error
}

func TestIPLimiterSweeps(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	l := newIPLimiter(3, time.Minute)
	for i := range 2000 {
		l.begin(fmt.Sprint(i), now)
	}
	l.begin("late", now.Add(2*time.Minute))
	for i := range 2000 {
		l.begin(fmt.Sprint("x", i), now.Add(2*time.Minute))
	}
	if n := len(l.hits); n > 2001 {
		t.Fatalf("%d keys kept; the expired ones were not swept", n)
	}
}
