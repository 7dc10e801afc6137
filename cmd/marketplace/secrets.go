package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// secrets are generated on the first run and kept in the data folder, so
// sessions survive a restart. Nobody needs to configure them for the
// embedded mode; the distributed mode takes them from the environment.
type secrets struct {
	InternalToken   string `json:"internal_token"`
	SessionHashKey  string `json:"session_hash_key"`
	SessionBlockKey string `json:"session_block_key"`
	PaymentHashKey  string `json:"payment_hash_key"` // keys the hash of payment requests
}

func loadSecrets(dataDir string) (secrets, error) {
	path := filepath.Join(dataDir, "secrets.json")
	var s secrets
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &s); err != nil {
			return s, fmt.Errorf("read %s: %w", path, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return s, fmt.Errorf("read %s: %w", path, err)
	}
	// Fill in what is missing (a new secret in a newer version), keeping
	// the others, so sessions survive the upgrade.
	changed := false
	for _, f := range []struct {
		v *string
		n int
	}{{&s.InternalToken, 32}, {&s.SessionHashKey, 64}, {&s.SessionBlockKey, 32}, {&s.PaymentHashKey, 32}} {
		if *f.v == "" {
			*f.v, changed = randomHex(f.n), true
		}
	}
	if !changed {
		return s, nil
	}
	b, _ = json.MarshalIndent(s, "", "  ")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return s, fmt.Errorf("write %s: %w", path, err)
	}
	return s, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b)
}
