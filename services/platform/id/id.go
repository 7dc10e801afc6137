// Package id makes identifiers: UUIDv7 strings, which sort by creation time.
package id

import "github.com/google/uuid"

// New returns a fresh UUIDv7 in its canonical text form.
func New() string {
	// NewV7 only fails when the system random source fails, and then nothing
	// else can work either.
	return uuid.Must(uuid.NewV7()).String()
}

// Valid reports whether s is a canonical UUID string.
func Valid(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}
