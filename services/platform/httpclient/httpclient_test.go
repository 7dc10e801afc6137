package httpclient_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/correlation"
	"github.com/marketplace/marketplace/services/platform/fault"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/platform/httpserver"
)

const token = "s3cret-token"

// server is a service with one route per behaviour under test.
func server(t *testing.T, flaky *atomic.Int32) *httptest.Server {
	t.Helper()
	e := httpserver.New(httpserver.Options{Service: "test", BodyLimit: "1K", Ready: []httpserver.Check{
		{Name: "database", Fn: func(context.Context) error { return errors.New("down") }},
	}})
	v1 := e.Group("/v1", httpserver.Internal(token))
	v1.GET("/whoami", func(c echo.Context) error {
		a := actor.From(c.Request().Context())
		return c.JSON(200, map[string]string{"user": a.UserID, "role": string(a.Role),
			"correlation": correlation.From(c.Request().Context())})
	})
	v1.GET("/missing", func(c echo.Context) error { return fault.NotFoundf("no such product") })
	v1.POST("/things", func(c echo.Context) error {
		var in struct {
			Name string `json:"name"`
		}
		if err := httpserver.Bind(c, &in); err != nil {
			return err
		}
		if in.Name == "" {
			return fault.Fields(map[string]string{"name": "name is required"})
		}
		return c.JSON(201, in)
	})
	v1.GET("/flaky", func(c echo.Context) error {
		if flaky.Add(1) < 3 {
			return fault.Unavailablef("warming up")
		}
		return c.JSON(200, map[string]bool{"ok": true})
	})
	v1.POST("/flaky", func(c echo.Context) error {
		flaky.Add(1)
		return fault.Unavailablef("warming up")
	})
	v1.GET("/panic", func(c echo.Context) error { panic("secret internal detail") })
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv
}

func TestErrorsMapBackToCategories(t *testing.T) {
	var flaky atomic.Int32
	srv := server(t, &flaky)
	c := httpclient.New("test", srv.URL, httpclient.Options{Token: token})
	ctx := context.Background()

	err := c.Get(ctx, "/v1/missing", nil, nil)
	if !errors.Is(err, fault.NotFound) || !strings.Contains(err.Error(), "no such product") {
		t.Fatalf("missing: %v", err)
	}
	err = c.Post(ctx, "/v1/things", map[string]string{}, nil)
	fe, ok := fault.As(err)
	if !ok || !errors.Is(err, fault.Invalid) || fe.Fields["name"] == "" {
		t.Fatalf("invalid: %v (fields %v)", err, fe)
	}
	var out struct{ Name string }
	if err := c.Post(ctx, "/v1/things", map[string]string{"name": "x"}, &out); err != nil || out.Name != "x" {
		t.Fatalf("valid post: %v %+v", err, out)
	}
	err = c.Post(ctx, "/v1/things", map[string]string{"name": strings.Repeat("x", 2000)}, nil)
	if !errors.Is(err, fault.TooLarge) {
		t.Fatalf("oversized body: %v, want too large", err)
	}
	bad := httpclient.New("test", srv.URL, httpclient.Options{Token: "wrong"})
	if err := bad.Get(ctx, "/v1/whoami", nil, nil); !errors.Is(err, fault.Unauthenticated) {
		t.Fatalf("wrong token: %v", err)
	}
}

func TestActorAndCorrelationTravel(t *testing.T) {
	var flaky atomic.Int32
	srv := server(t, &flaky)
	c := httpclient.New("test", srv.URL, httpclient.Options{Token: token})
	ctx := correlation.With(actor.With(context.Background(), actor.Actor{UserID: "u1", Role: actor.Admin}), "corr-1")
	var got map[string]string
	if err := c.Get(ctx, "/v1/whoami", nil, &got); err != nil {
		t.Fatal(err)
	}
	if got["user"] != "u1" || got["role"] != "admin" || got["correlation"] != "corr-1" {
		t.Fatalf("server saw %v", got)
	}
}

// Without the token, acting-user headers are not believed: the request is
// refused before any handler sees them.
func TestForgedActorWithoutTokenRefused(t *testing.T) {
	var flaky atomic.Int32
	srv := server(t, &flaky)
	req, _ := http.NewRequest("GET", srv.URL+"/v1/whoami", nil)
	req.Header.Set(actor.HeaderUserID, "u1")
	req.Header.Set(actor.HeaderRole, "admin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("status %d, want 401", resp.StatusCode)
	}
}

func TestRetriesOnlyIdempotentRequests(t *testing.T) {
	var flaky atomic.Int32
	srv := server(t, &flaky)
	c := httpclient.New("test", srv.URL, httpclient.Options{Token: token})
	if err := c.Get(context.Background(), "/v1/flaky", nil, nil); err != nil {
		t.Fatalf("a GET failing twice with 503 then succeeding: %v", err)
	}
	flaky.Store(0)
	err := c.Post(context.Background(), "/v1/flaky", nil, nil)
	if !errors.Is(err, fault.Unavailable) || flaky.Load() != 1 {
		t.Fatalf("POST without idempotency key: err %v after %d attempts, want one attempt", err, flaky.Load())
	}
	flaky.Store(0)
	_ = c.Do(context.Background(), httpclient.Request{Method: "POST", Path: "/v1/flaky", IdempotencyKey: "k1"})
	if flaky.Load() != 3 {
		t.Fatalf("POST with an idempotency key made %d attempts, want 3", flaky.Load())
	}
}

func TestPanicAndReadiness(t *testing.T) {
	var flaky atomic.Int32
	srv := server(t, &flaky)
	req, _ := http.NewRequest("GET", srv.URL+"/v1/panic", nil)
	req.Header.Set(httpserver.HeaderToken, token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || strings.Contains(string(body), "secret internal detail") || strings.Contains(string(body), "goroutine") {
		t.Fatalf("panic: status %d body %s", resp.StatusCode, body)
	}
	resp, err = http.Get(srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 {
		t.Fatalf("readyz with a failing check: %d", resp.StatusCode)
	}
	resp, err = http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "marketplace_http_requests_total") {
		t.Fatal("metrics do not count requests")
	}
}

// FilePath keeps a path that followed a frontend's image prefix to the
// files under base: anything that could reach another route is not found.
func TestFilePath(t *testing.T) {
	for _, ok := range []string{
		"0a1b/thumb.jpg",
		"0193c7e2-8c1f-7a2b-9c3d-4e5f60718293/v3/1920x600.jpg",
		"a_b-c.d",
	} {
		if got, err := httpclient.FilePath("/v1/files", ok); err != nil || got != "/v1/files/"+ok {
			t.Errorf("FilePath(%q) = %q, %v", ok, got, err)
		}
	}
	for _, bad := range []string{
		"", "/abs", "a//b", "../v1/banners", "a/../../v1/banners", "a/./b", ".hidden", "a/b/",
		"a?x=1", "a#b", "a%2F..", `a\b`, "a b", "a/b/c/d/e/f/g/h/i",
	} {
		if got, err := httpclient.FilePath("/v1/files", bad); !errors.Is(err, fault.NotFound) {
			t.Errorf("FilePath(%q) = %q, %v; want not found", bad, got, err)
		}
	}
}
