package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The cookie's values survive a round trip through the store's JSON
// serializer, flashes included, and a value of another type is refused
// instead of being written in a form that would read back differently.
func TestSessionCookieRoundTrip(t *testing.T) {
	key := []byte(strings.Repeat("k", 32))
	store := newCookieStore(key, key, false)

	req := httptest.NewRequest(http.MethodGet, "/", nil)
	s, err := store.New(req, cookieName)
	if err != nil {
		t.Fatal(err)
	}
	s.Values[keyToken] = "tok-123"
	s.Values[keyCSRF] = "csrf-<&>\""
	s.AddFlash("Saved.")
	s.AddFlash("Welcome back.")
	rec := httptest.NewRecorder()
	if err := s.Save(req, rec); err != nil {
		t.Fatalf("save: %v", err)
	}

	next := httptest.NewRequest(http.MethodGet, "/", nil)
	for _, c := range rec.Result().Cookies() {
		next.AddCookie(c)
	}
	got, err := store.Get(next, cookieName)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if got.IsNew {
		t.Fatal("the cookie was not read back")
	}
	if got.Values[keyToken] != "tok-123" || got.Values[keyCSRF] != "csrf-<&>\"" {
		t.Fatalf("values %v", got.Values)
	}
	if fl := got.Flashes(); len(fl) != 2 || fl[0] != "Saved." || fl[1] != "Welcome back." {
		t.Fatalf("flashes %v", fl)
	}

	bad, _ := store.New(httptest.NewRequest(http.MethodGet, "/", nil), cookieName)
	bad.Values[keyToken] = 42
	if err := bad.Save(req, httptest.NewRecorder()); err == nil {
		t.Fatal("a non-string value was written")
	}
}
