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
		if s.InternalToken != "" && s.SessionHashKey != "" && s.SessionBlockKey != "" {
			return s, nil
		}
	case !errors.Is(err, fs.ErrNotExist):
		return s, fmt.Errorf("read %s: %w", path, err)
	}
	s = secrets{InternalToken: randomHex(32), SessionHashKey: randomHex(64), SessionBlockKey: randomHex(32)}
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
