package domain_test

import (
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/user/internal/domain"
)

func TestSessionLifetime(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s, err := domain.NewSession("s1", domain.HashToken("tok"), "u1", "::ffff:10.0.0.1", start)
	if err != nil {
		t.Fatal(err)
	}
	if s.IP() != "10.0.0.1" {
		t.Errorf("ip = %q", s.IP())
	}
	tests := []struct {
		name    string
		at      time.Time
		revoked bool
		want    bool
	}{
		{"at sign-in", start, false, true},
		{"a day before expiry", start.Add(13 * 24 * time.Hour), false, true},
		{"at expiry", start.Add(domain.SessionLifetime), false, false},
		{"after 15 days", start.Add(15 * 24 * time.Hour), false, false},
		{"revoked", start.Add(time.Minute), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var revokedAt *time.Time
			if tt.revoked {
				r := start
				revokedAt = &r
			}
			got := domain.RebuildSession(s.ID(), s.TokenHash(), s.UserID(), s.IP(), s.CreatedAt(), s.ExpiresAt(), revokedAt)
			if got.Active(tt.at) != tt.want {
				t.Fatalf("Active(%v) = %v, want %v", tt.at, !tt.want, tt.want)
			}
		})
	}
}

func TestSessionRejectsGarbageIP(t *testing.T) {
	s, err := domain.NewSession("s1", "h", "u1", "not an ip'; drop table", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if s.IP() != "" {
		t.Fatalf("ip = %q, want it dropped", s.IP())
	}
}

func TestHashToken(t *testing.T) {
	h := domain.HashToken("abc")
	// SHA-256("abc"), the FIPS 180-2 test vector.
	if h != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("HashToken = %s", h)
	}
}
