package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/marketplace/marketplace/services/platform/testkit"
)

// stepTimeout bounds one browser step (a navigation, a wait, a read).
const stepTimeout = 20 * time.Second

// browser is one headless Chromium for a test. Each person gets a browser
// context of their own (like an incognito window), so cookies never mix.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string // the site, e.g. http://127.0.0.1:1234
	dir  string // artifacts folder
	step int    // screenshot counter, across persons
}

// newBrowser starts Chromium; it skips the test (fails it under CI) when
// there is none.
func newBrowser(t *testing.T, dir, base string) *browser {
	t.Helper()
	path := testkit.Chromium(t)
	profile := t.TempDir() // removed after the browser stopped (cleanups run last-in first-out)
	logFile, err := os.Create(filepath.Join(dir, "chromium.log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logFile.Close() })
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(logFile),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithErrorf(func(format string, args ...any) {
		fmt.Fprintf(logFile, "chromedp error: "+format+"\n", args...)
	}))
	t.Cleanup(cancel)
	// The first run starts the browser and binds it to ctx: no timeout here.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium (%s): %v", path, err)
	}
	return &browser{t: t, ctx: ctx, base: base, dir: dir}
}

// person is someone using the site in a browser context of their own.
type person struct {
	b    *browser
	name string
	ctx  context.Context
}

// person opens a fresh browser context with one tab for name.
func (b *browser) person(name string) *person {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab, bound to ctx
		b.t.Fatalf("open a browser context for %s: %v", name, err)
	}
	return &person{b: b, name: name, ctx: ctx}
}

// fail takes a screenshot of what the person sees and ends the test.
func (p *person) fail(format string, args ...any) {
	p.b.t.Helper()
	msg := fmt.Sprintf(format, args...)
	if file, err := p.screenshot("FAILED-" + p.name); err == nil {
		msg += "\n(screenshot: " + file + ")"
	}
	if u, err := run(p, chromedp.Location()); err == nil {
		msg += "\n(page: " + u + ")"
	}
	p.b.t.Fatalf("%s: %s", p.name, msg)
}

// run runs one action with the step timeout.
func run[T any](p *person, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// get runs an action that reads a value, failing the test on error.
func get[T any](p *person, what string, a chromedp.Action[T]) T {
	p.b.t.Helper()
	v, err := run(p, a)
	if err != nil {
		p.fail("%s: %v", what, err)
	}
	return v
}

// do runs steps in order, failing the test on error.
func (p *person) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.b.t.Helper()
	if _, err := run(p, chromedp.Steps(steps...)); err != nil {
		p.fail("%s: %v", what, err)
	}
}

// navigate opens path on the site and returns the HTTP status of the
// document (after redirects).
func (p *person) navigate(path string) int64 {
	p.b.t.Helper()
	return get(p, "open "+path, chromedp.NavigateResponse(p.b.base+path)).Status
}

// submit clicks the element (a submit button) and returns the HTTP status
// of the page it leads to (after redirects).
func (p *person) submit(what string, button chromedp.CSS) int64 {
	p.b.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(button))
	if err != nil {
		p.fail("%s: %v", what, err)
	}
	return resp.Status
}

// text returns the text of the first element sel matches, once visible.
func (p *person) text(sel chromedp.CSS) string {
	p.b.t.Helper()
	return strings.TrimSpace(get(p, "read "+string(sel), chromedp.Text(sel)))
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](p *person, expr string) T {
	p.b.t.Helper()
	return get(p, "evaluate "+expr, chromedp.Evaluate[T](expr))
}

// path returns the current URL's path and query.
func (p *person) path() string {
	p.b.t.Helper()
	u := get(p, "read the location", chromedp.Location())
	return strings.TrimPrefix(u, p.b.base)
}

var unsafeName = regexp.MustCompile(`[^a-z0-9]+`)

// screenshot saves a full-page PNG as <dir>/<NN>-<step>.png.
func (p *person) screenshot(step string) (string, error) {
	p.b.step++
	name := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(step), "-"), "-")
	file := filepath.Join(p.b.dir, fmt.Sprintf("%02d-%s.png", p.b.step, name))
	png, err := run(p, chromedp.FullScreenshot(100))
	if err != nil {
		return "", err
	}
	return file, os.WriteFile(file, png, 0o644)
}

// shot saves a screenshot of a step, failing the test when it cannot.
func (p *person) shot(step string) {
	p.b.t.Helper()
	if _, err := p.screenshot(p.name + "-" + step); err != nil {
		p.b.t.Fatalf("%s: screenshot %q: %v", p.name, step, err)
	}
}

// fill types values into the form's fields, by input id.
func (p *person) fill(form string, fields map[string]string, order ...string) {
	p.b.t.Helper()
	p.do("wait for "+form, chromedp.WaitVisible(chromedp.CSS(form)))
	for _, id := range order {
		sel := form + " #" + id
		// Emptied by script: chromedp's Clear fails on an empty textarea.
		eval[bool](p, `(() => { const e = document.querySelector(`+strconv.Quote(sel)+`); e.value = ""; return true })()`)
		p.do("fill "+sel, chromedp.SendKeys(chromedp.CSS(sel), fields[id]))
	}
}

// register fills in and sends the registration form and returns the
// status of the page it leads to.
func (p *person) register(a account) int64 {
	p.b.t.Helper()
	if status := p.navigate("/register"); status != 200 {
		p.fail("GET /register answered %d, want 200", status)
	}
	p.fill("#register-form", map[string]string{
		"field-name": a.Name, "field-email": a.Email, "field-password": a.Password,
	}, "field-name", "field-email", "field-password")
	p.shot("register-form-filled")
	return p.submit("send the registration form", `#register-form button[type="submit"]`)
}

// login signs in from the page the person is on, which must show the
// login form, and returns the status of the page it leads to.
func (p *person) login(a account) int64 {
	p.b.t.Helper()
	p.fill("#login-form", map[string]string{"field-email": a.Email, "field-password": a.Password},
		"field-email", "field-password")
	p.shot("login-form-filled")
	return p.submit("send the login form", `#login-form button[type="submit"]`)
}

// signedInAs checks the header names the signed-in user.
func (p *person) signedInAs(name string) {
	p.b.t.Helper()
	if got := p.text("#nav-user"); got != name {
		p.fail("the header shows %q as the signed-in user, want %q", got, name)
	}
}

// signedOut checks the header offers to log in and names nobody.
func (p *person) signedOut() {
	p.b.t.Helper()
	if got := p.text(`.site-nav a[href="/login"]`); got != "Log in" {
		p.fail("the header's login link says %q, want %q", got, "Log in")
	}
	if eval[bool](p, `document.getElementById("nav-user") !== null`) {
		p.fail("the header still shows a signed-in user (#nav-user) after logging out")
	}
}

// flash returns the flash message, or "" when there is none.
func (p *person) flash() string {
	p.b.t.Helper()
	return strings.TrimSpace(eval[string](p, `(document.querySelector("#flash") || {}).textContent || ""`))
}

// usersTotal reads the admin dashboard's user count, reloading /admin
// until it equals want (the count is updated from events, so it lags).
// It fails when the count passes want or does not reach it in time.
func (p *person) usersTotal(want int, within time.Duration) {
	p.b.t.Helper()
	deadline := time.Now().Add(within)
	for first := true; ; first = false {
		if !first {
			p.do("reload /admin", chromedp.Reload())
		}
		raw := p.text("#stat-users-total")
		n, err := strconv.Atoi(raw)
		switch {
		case err == nil && n == want:
			return
		case err == nil && n > want:
			p.fail("the dashboard counts %d users, want %d: more accounts than were created", n, want)
		case time.Now().After(deadline):
			p.fail("the dashboard shows %q users after %s, want %d", raw, within, want)
		}
		time.Sleep(250 * time.Millisecond) // poll interval between reloads
	}
}
