package httpserver_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/marketplace/marketplace/services/platform/httpserver"
)

// A body over the server's limit is refused with 413 and a JSON message
// before the handler sees it; the default limit is 1 MB, and a service
// that asks for more (uploads) gets it.
func TestBodyLimit(t *testing.T) {
	serve := func(limit string) string {
		e := httpserver.New(httpserver.Options{Service: "test", Logger: slog.New(slog.DiscardHandler), BodyLimit: limit})
		e.POST("/echo", func(c echo.Context) error {
			n, err := io.Copy(io.Discard, c.Request().Body)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, map[string]int64{"read": n})
		})
		srv := httptest.NewServer(e)
		t.Cleanup(srv.Close)
		return srv.URL
	}
	post := func(url string, n int) (int, map[string]any) {
		t.Helper()
		resp, err := http.Post(url+"/echo", "application/octet-stream", bytes.NewReader(make([]byte, n)))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatalf("%d bytes: the answer is not JSON: %v", n, err)
		}
		return resp.StatusCode, body
	}

	plain, uploads := serve(""), serve("3M")
	if st, body := post(plain, 500_000); st != http.StatusOK || body["read"] != float64(500_000) {
		t.Fatalf("500 kB under the default limit: %d %v", st, body)
	}
	st, body := post(plain, 2<<20)
	fe, _ := body["error"].(map[string]any)
	if st != http.StatusRequestEntityTooLarge || fe["code"] != "too_large" || fe["message"] != "the request is larger than this endpoint accepts" {
		t.Fatalf("2 MiB under the default limit: %d %v, want 413 too_large with a message", st, body)
	}
	if st, body := post(uploads, 2<<20); st != http.StatusOK || body["read"] != float64(2<<20) {
		t.Fatalf("2 MiB under a 3M limit: %d %v", st, body)
	}
}
