package web

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"
)

// The browser session is a gorilla/sessions cookie, signed and encrypted.
// It holds only the user service's session token (which the user service
// can revoke), the CSRF token and one-shot flash messages; never the user's
// identity or role, which are looked up on every request.
const (
	cookieName = "mkt_session"
	keyToken   = "token"
	keyCSRF    = "csrf"
	// keyHasShop remembers whether the signed-in user has an open shop
	// ("yes" or "no"), for the header's link; the seller pages refresh it.
	keyHasShop = "has_shop"
	// keyGuestCart is the id of a visitor's guest cart, until they sign in
	// and it is merged into their own (see signIn).
	keyGuestCart = "guest_cart"
	// keyCartCount caches the header badge's number as "count@unix time",
	// written whenever this frontend sees the cart, so that pages need not
	// ask the cart service each time (see cartCount).
	keyCartCount = "cart_count"
	// keyNotices holds one-shot warnings (newline-separated) for the next
	// page, e.g. the shops whose order failed at checkout.
	keyNotices = "notices"
	sessionTTL = 14 * 24 * time.Hour
)

// newCookieStore returns a cookie store with safe settings: gorilla's
// defaults (SameSite unset, HttpOnly off, 30 days) are not.
func newCookieStore(hashKey, blockKey []byte, secure bool) *sessions.CookieStore {
	store := sessions.NewCookieStore(hashKey, blockKey)
	store.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   int(sessionTTL / time.Second),
		HttpOnly: true,
		Secure:   secure,
		SameSite: http.SameSiteLaxMode,
	}
	store.MaxAge(store.Options.MaxAge) // also bounds the signed timestamp
	for _, codec := range store.Codecs {
		if sc, ok := codec.(*securecookie.SecureCookie); ok {
			sc.SetSerializer(sessionSerializer{})
		}
	}
	return store
}

// sessionSerializer writes the cookie's values as JSON. gorilla's default,
// gob, builds its type information afresh for every cookie it decodes: a
// tenth of the frontend's CPU under load. The session holds only strings
// and gorilla's flash list, which JSON carries as they are; anything else
// is refused rather than silently changed.
type sessionSerializer struct{}

func (sessionSerializer) Serialize(src any) ([]byte, error) {
	values, ok := src.(map[any]any)
	if !ok {
		return nil, fmt.Errorf("session values: unexpected %T", src)
	}
	out := make(map[string]any, len(values))
	for k, v := range values {
		key, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("session key %v: not a string", k)
		}
		switch v := v.(type) {
		case string:
		case []any: // flashes
			for _, f := range v {
				if _, ok := f.(string); !ok {
					return nil, fmt.Errorf("session value %q: unexpected %T in list", key, f)
				}
			}
		default:
			return nil, fmt.Errorf("session value %q: unexpected %T", key, v)
		}
		out[key] = v
	}
	return json.Marshal(out)
}

func (sessionSerializer) Deserialize(src []byte, dst any) error {
	values, ok := dst.(*map[any]any)
	if !ok {
		return fmt.Errorf("session values: unexpected %T", dst)
	}
	var in map[string]any
	if err := json.Unmarshal(src, &in); err != nil {
		return fmt.Errorf("session values: %w", err)
	}
	if *values == nil {
		*values = make(map[any]any, len(in))
	}
	for k, v := range in {
		(*values)[k] = v
	}
	return nil
}

// browserSession wraps the cookie session of one request.
type browserSession struct {
	s     *sessions.Session
	dirty bool
}

func (w *Web) session(c echo.Context) *browserSession {
	if bs, ok := c.Get("session").(*browserSession); ok {
		return bs
	}
	s, err := w.store.Get(c.Request(), cookieName)
	if err != nil {
		// A cookie we cannot read (old keys, tampering) starts afresh.
		s, _ = w.store.New(c.Request(), cookieName)
		s.IsNew = true
	}
	bs := &browserSession{s: s}
	c.Set("session", bs)
	return bs
}

func (bs *browserSession) get(key string) string {
	v, _ := bs.s.Values[key].(string)
	return v
}

func (bs *browserSession) set(key, value string) {
	if value == "" {
		delete(bs.s.Values, key)
	} else {
		bs.s.Values[key] = value
	}
	bs.dirty = true
}

func (bs *browserSession) flash(msg string) {
	bs.s.AddFlash(msg)
	bs.dirty = true
}

func (bs *browserSession) popFlash() string {
	fl := bs.s.Flashes()
	if len(fl) == 0 {
		return ""
	}
	bs.dirty = true
	msg, _ := fl[len(fl)-1].(string)
	return msg
}

// maxNotices bounds the warnings kept for the next page, in bytes: they
// travel in the cookie, which browsers cap at 4 KB.
const maxNotices = 1500

// warn keeps warnings for the next page; what does not fit is dropped.
func (bs *browserSession) warn(msgs ...string) {
	all := bs.get(keyNotices)
	for _, m := range msgs {
		m = strings.ReplaceAll(strings.TrimSpace(m), "\n", " ")
		if m == "" || len(all)+len(m)+1 > maxNotices {
			continue
		}
		if all != "" {
			all += "\n"
		}
		all += m
	}
	bs.set(keyNotices, all)
}

func (bs *browserSession) popNotices() []string {
	all := bs.get(keyNotices)
	if all == "" {
		return nil
	}
	bs.set(keyNotices, "")
	return strings.Split(all, "\n")
}

// save writes the cookie if anything changed. It must run before the
// response body is written.
func (bs *browserSession) save(c echo.Context) error {
	if !bs.dirty {
		return nil
	}
	bs.dirty = false
	return bs.s.Save(c.Request(), c.Response())
}

// renew gives the browser a fresh session at a privilege change (login,
// logout): a new CSRF token, and whatever token the caller sets.
func (bs *browserSession) renew() {
	for k := range bs.s.Values {
		if k != "_flash" {
			delete(bs.s.Values, k)
		}
	}
	bs.set(keyCSRF, randomToken())
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
