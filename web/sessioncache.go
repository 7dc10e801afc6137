package web

import (
	"crypto/sha256"
	"sync"
	"time"

	"github.com/marketplace/marketplace/services/user/userclient"
)

// sessionCache remembers, for a moment, what the user service said of a
// session token. Every page asks who the visitor is; a purchase takes
// about eight requests within a few seconds, and each would otherwise be a
// call to the user service and a query. The price is bounded: a session
// revoked through another frontend process keeps working here for at most
// sessionCacheTTL; revocations made through this process (log out, change
// of password, deletion) take effect at once.
type sessionCache struct {
	mu sync.Mutex
	m  map[[32]byte]cachedSession
}

type cachedSession struct {
	s  userclient.Session
	at time.Time
}

const (
	sessionCacheTTL = 2 * time.Second
	sessionCacheMax = 10000
)

func newSessionCache() *sessionCache { return &sessionCache{m: map[[32]byte]cachedSession{}} }

// key hashes the token: the cache holds no usable token.
func key(token string) [32]byte { return sha256.Sum256([]byte(token)) }

func (c *sessionCache) get(token string) (userclient.Session, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key(token)]
	if !ok || time.Since(e.at) > sessionCacheTTL {
		return userclient.Session{}, false
	}
	return e.s, true
}

func (c *sessionCache) put(token string, s userclient.Session) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= sessionCacheMax {
		now := time.Now()
		for k, e := range c.m {
			if now.Sub(e.at) > sessionCacheTTL {
				delete(c.m, k)
			}
		}
		if len(c.m) >= sessionCacheMax {
			clear(c.m) // all fresh: a burst of new visitors; start over
		}
	}
	c.m[key(token)] = cachedSession{s: s, at: time.Now()}
}

// forgetUser drops every cached session of a user (a changed password or
// name, a deleted account, a logout).
func (c *sessionCache) forgetUser(userID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		if e.s.User.ID == userID {
			delete(c.m, k)
		}
	}
}
