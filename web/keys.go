package web

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// DecodeKey reads a key given as hex or base64 (standard or URL, padded or
// not), as operators paste them into the environment.
func DecodeKey(name, s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if b, err := hex.DecodeString(s); err == nil && len(b) >= 32 {
		return b, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) >= 32 {
			return b, nil
		}
	}
	return nil, fmt.Errorf("%s must be at least 32 random bytes, in hex or base64 (try: openssl rand -hex 32)", name)
}
