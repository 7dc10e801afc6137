package testkit

import (
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// WantFault fails t unless err is of target's category and carries a
// message, and, when fields are given, names exactly those fields. It
// returns the categorized error for further checks.
func WantFault(t testing.TB, err error, target *fault.Error, fields ...string) *fault.Error {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("err = %v, want %s", err, target.Category)
	}
	fe, _ := fault.As(err)
	if fe.Message == "" {
		t.Fatal("error without a message")
	}
	if len(fields) > 0 {
		fields = slices.Sorted(slices.Values(fields))
		if got := slices.Sorted(maps.Keys(fe.Fields)); !slices.Equal(got, fields) {
			t.Fatalf("fields %v (%v), want %v", got, fe.Fields, fields)
		}
	}
	return fe
}
