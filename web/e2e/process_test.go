package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestGracefulShutdown sends SIGTERM to the all-in-one binary while it
// serves the home page to many clients: it must finish every response it
// started and exit 0, promptly.
func TestGracefulShutdown(t *testing.T) {
	dir := artifacts(t, "shutdown")
	p, base := startMarketplace(t, dir, t.TempDir(), "--demo=false")

	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 0},
	}
	defer client.CloseIdleConnections()
	if err := fetchHome(client, base); err != nil {
		t.Fatalf("GET / before the load: %v", err)
	}

	const workers = 50
	var (
		ok, refused, afterSignal atomic.Int64
		signalled                atomic.Bool
		stop                     = make(chan struct{})
		mu                       sync.Mutex
		problems                 []string
		wg                       sync.WaitGroup
		warm                     = make(chan struct{})
		warmOnce                 sync.Once
	)
	for range workers {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				started := signalled.Load()
				err := fetchHome(client, base)
				var noResponse *noResponseError
				switch {
				case err == nil:
					if n := ok.Add(1); n >= 2*workers {
						warmOnce.Do(func() { close(warm) })
					}
					if started {
						afterSignal.Add(1)
					}
				case errors.As(err, &noResponse):
					// The listener is closed (or closing): the request
					// never got an answer. That is expected after the
					// signal, and only then.
					refused.Add(1)
					if !started && !signalled.Load() {
						mu.Lock()
						problems = append(problems, "before SIGTERM: "+err.Error())
						mu.Unlock()
					}
					if signalled.Load() {
						return // the server is going away: this worker is done
					}
				default:
					mu.Lock()
					problems = append(problems, err.Error())
					mu.Unlock()
				}
			}
		})
	}

	// Signal once the load is on: every worker has had time to complete a
	// couple of requests.
	select {
	case <-warm:
	case <-time.After(30 * time.Second):
		close(stop)
		wg.Wait()
		t.Fatalf("only %d requests succeeded in 30s before the signal", ok.Load())
	}
	okBefore := ok.Load()
	signalled.Store(true)
	sent := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("send SIGTERM: %v", err)
	}
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		close(stop)
		wg.Wait()
		t.Fatalf("the marketplace did not exit within 10s of SIGTERM")
	}
	took := time.Since(sent)
	close(stop)
	wg.Wait()

	if code := p.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("the marketplace exited with code %d after SIGTERM, want 0 (%v)", code, p.err)
	}
	// The same problem tends to hit many requests at once: report each
	// kind once, with how often it happened.
	kinds := map[string]int{}
	var order []string
	for _, pr := range problems {
		if kinds[pr] == 0 {
			order = append(order, pr)
		}
		kinds[pr]++
	}
	for _, pr := range order {
		t.Errorf("%d request(s): %s", kinds[pr], pr)
	}
	t.Logf("exited %s after SIGTERM; %d pages served before the signal, %d by requests started after it, %d requests got no response",
		took.Round(time.Millisecond), okBefore, afterSignal.Load(), refused.Load())
	if !strings.Contains(tail(p.stderr, 20), "marketplace stopped") {
		t.Errorf("the log does not end with the stop message; stderr tail:\n%s", tail(p.stderr, 20))
	}
}

// noResponseError is a request that got no response at all: refused,
// reset before the status line, or sent on a connection the server closed.
type noResponseError struct{ err error }

func (e *noResponseError) Error() string { return "no response: " + e.err.Error() }

// fetchHome GETs / and checks that a started response is a complete page
// with status 200.
func fetchHome(client *http.Client, base string) error {
	resp, err := client.Get(base + "/")
	if err != nil {
		return &noResponseError{err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("GET / answered %s, then the body was cut off after %d bytes: %v", resp.Status, len(body), err)
	}
	if resp.StatusCode != http.StatusOK {
		heading := "no error heading"
		if m := errorHeading.FindSubmatch(body); m != nil {
			heading = "error page: " + string(m[1])
		}
		return fmt.Errorf("GET / answered %s (%s)", resp.Status, heading)
	}
	if !bytes.HasSuffix(bytes.TrimSpace(body), []byte("</html>")) {
		return fmt.Errorf("GET / answered 200 with an incomplete page (%d bytes, ending %q)", len(body), lastBytes(body, 40))
	}
	return nil
}

var errorHeading = regexp.MustCompile(`<h1 id="error-heading">([^<]*)</h1>`)

func lastBytes(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// leakMarkers are what a Go stack trace or a raw error leaks.
var leakMarkers = []string{"goroutine ", ".go:", "panic:", "runtime/debug", "gorm.io", "echo.HTTPError"}

// TestNoStackTracesLeak checks the error pages and the static files of the
// all-in-one binary over plain HTTP: errors are proper pages that give
// nothing away, paths cannot escape the static folder, versioned assets
// are cached for good, and pages carry the security headers.
func TestNoStackTracesLeak(t *testing.T) {
	dir := artifacts(t, "leaks")
	_, base := startMarketplace(t, dir, t.TempDir(), "--demo=false")
	client := &http.Client{
		Timeout:       15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer client.CloseIdleConnections()

	type answer struct {
		status int
		header http.Header
		body   string
	}
	do := func(method, rawPath string, form url.Values) answer {
		t.Helper()
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, err := http.NewRequest(method, base, body)
		if err != nil {
			t.Fatal(err)
		}
		// Opaque sends the path exactly as written, dots and all.
		req.URL.Opaque = rawPath
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, rawPath, err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("%s %s: read body: %v", method, rawPath, err)
		}
		return answer{resp.StatusCode, resp.Header, string(b)}
	}
	// errorPage checks an error answer is the site's HTML error page with
	// the status, and leaks nothing.
	errorPage := func(what string, a answer, status int) {
		t.Helper()
		if a.status != status {
			t.Errorf("%s: status %d, want %d", what, a.status, status)
		}
		if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s: Content-Type %q, want an HTML page", what, ct)
		}
		if !strings.Contains(a.body, `class="error-page"`) || !strings.Contains(a.body, fmt.Sprintf(`<p class="error-code">%d</p>`, status)) {
			t.Errorf("%s: the body is not the site's error page for %d:\n%.400s", what, status, a.body)
		}
		for _, m := range leakMarkers {
			if strings.Contains(a.body, m) {
				t.Errorf("%s: the page contains %q, internals leak:\n%s", what, m, a.body)
			}
		}
		securityHeaders(t, what, a.header)
	}

	// A form posted without its CSRF token is refused with a page.
	a := do(http.MethodPost, "/login", url.Values{"email": {"someone@example.com"}, "password": {"whatever123"}})
	errorPage("POST /login without a CSRF token", a, http.StatusForbidden)

	// Unknown pages.
	errorPage("GET /products/does-not-exist", do(http.MethodGet, "/products/does-not-exist", nil), http.StatusNotFound)
	errorPage("GET /no/such/page", do(http.MethodGet, "/no/such/page", nil), http.StatusNotFound)

	// Paths that try to climb out of the static folder.
	for _, p := range []string{"/static/../../go.mod", "/static/..%2f..%2fgo.mod", "/static/%2e%2e/%2e%2e/go.mod", "/static/css/../../../go.mod"} {
		a := do(http.MethodGet, p, nil)
		if a.status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", p, a.status)
		}
		if strings.Contains(a.body, "module github.com/marketplace") {
			t.Errorf("GET %s served go.mod", p)
		}
	}

	// The home page links the stylesheet with its content hash; that URL
	// may be cached for good, the bare one only briefly.
	home := do(http.MethodGet, "/", nil)
	if home.status != http.StatusOK {
		t.Fatalf("GET /: status %d, want 200", home.status)
	}
	securityHeaders(t, "GET /", home.header)
	m := regexp.MustCompile(`href="(/static/css/app\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(home.body)
	if m == nil {
		t.Fatalf("the home page links no versioned /static/css/app.css?v=<hash>")
	}
	css := do(http.MethodGet, m[1], nil)
	if css.status != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200", m[1], css.status)
	}
	if cc := css.header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("GET %s: Cache-Control %q, want it immutable", m[1], cc)
	}
	if ct := css.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("GET %s: Content-Type %q, want text/css", m[1], ct)
	}
	if cc := do(http.MethodGet, "/static/css/app.css?v=stale", nil).header.Get("Cache-Control"); strings.Contains(cc, "immutable") {
		t.Errorf("GET /static/css/app.css with a wrong hash: Cache-Control %q, must not be immutable", cc)
	}
}

// securityHeaders checks the headers every page must carry.
func securityHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src") {
		t.Errorf("%s: Content-Security-Policy %q, want a policy with default-src", what, csp)
	}
	if v := h.Get("X-Content-Type-Options"); v != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q, want nosniff", what, v)
	}
}
