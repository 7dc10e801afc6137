package e2e

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/platform/testkit"
)

// demoProducts is how many product cards the home page's "New arrivals"
// grid shows with the demo data.
const demoProducts = 8

// TestJourneyEmbedded walks the journeys against the all-in-one binary
// (SQLite, in-process event bus).
func TestJourneyEmbedded(t *testing.T) {
	testkit.Chromium(t) // skip (or fail under CI) before starting anything
	dir := artifacts(t, "embedded")
	data := t.TempDir()
	admin := newAccount("Ada Admin", "admin")
	createAdminEmbedded(t, data, admin)
	_, base := startMarketplace(t, dir, data)
	journeys(t, dir, base, admin)
}

// TestJourneyDistributed walks the same journeys against one process per
// service plus the web frontend (PostgreSQL, RabbitMQ).
func TestJourneyDistributed(t *testing.T) {
	testkit.Chromium(t)
	dir := artifacts(t, "distributed")
	admin := newAccount("Ada Admin", "admin")
	base := startDistributed(t, dir, admin)
	journeys(t, dir, base, admin)
}

// journeys runs every journey on one site, in order: the accounts journey
// counts users, so it goes first.
func journeys(t *testing.T, dir, base string, admin account) {
	for _, sub := range []string{"accounts", "seller", "buyer", "admin"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("accounts", func(t *testing.T) { journey(t, filepath.Join(dir, "accounts"), base, admin) })
	t.Run("seller", func(t *testing.T) { sellerJourney(t, filepath.Join(dir, "seller"), base) })
	t.Run("buyer", func(t *testing.T) { buyerJourney(t, filepath.Join(dir, "buyer"), base) })
	t.Run("admin", func(t *testing.T) { adminJourney(t, filepath.Join(dir, "admin"), base, admin) })
}

// journey is what a shopper, an admin and a newcomer do on a fresh site
// whose accounts are admin and the demo accounts.
func journey(t *testing.T, dir, base string, admin account) {
	b := newBrowser(t, dir, base)
	shopper := newAccount("Sam Shopper", "sam")
	accounts := 1 + len(demo.Sellers) + len(demo.Shoppers) // the admin and the demo accounts

	sam := b.person("shopper")

	// (a) The home page lists the demo products.
	if status := sam.navigate("/"); status != 200 {
		sam.fail("GET / answered %d, want 200", status)
	}
	sam.do("wait for the product grid", chromedp.WaitVisible(chromedp.CSS("#product-grid article.product-card")))
	if n := eval[int](sam, `document.querySelectorAll("#product-grid article.product-card").length`); n != demoProducts {
		sam.fail("the home page shows %d product cards, want %d", n, demoProducts)
	}
	sam.signedOut()
	sam.shot("home-anonymous")

	// (b) Registering signs the shopper in and lands on the home page.
	status := sam.register(shopper)
	accounts++
	if status != 200 || sam.path() != "/" {
		sam.fail("registering led to %s (%d), want / (200)", sam.path(), status)
	}
	sam.signedInAs(shopper.Name)
	if f := sam.flash(); !strings.Contains(f, shopper.Name) {
		sam.fail("the flash after registering says %q, want a welcome naming %q", f, shopper.Name)
	}
	sam.shot("registered-home")

	// (c) Logging out.
	status = sam.submit("log out", `form[action="/logout"] button[type="submit"]`)
	if status != 200 || sam.path() != "/" {
		sam.fail("logging out led to %s (%d), want / (200)", sam.path(), status)
	}
	sam.signedOut()
	if f := sam.flash(); !strings.Contains(f, "logged out") {
		sam.fail("the flash after logging out says %q, want it to say so", f)
	}
	sam.shot("logged-out")

	// (d) Logging in again with the same credentials.
	if status := sam.navigate("/login"); status != 200 {
		sam.fail("GET /login answered %d, want 200", status)
	}
	status = sam.login(shopper)
	if status != 200 || sam.path() != "/" {
		sam.fail("logging in led to %s (%d), want / (200)", sam.path(), status)
	}
	sam.signedInAs(shopper.Name)
	sam.shot("logged-in-again")

	// (e) A shopper may not open the admin dashboard.
	if status := sam.navigate("/admin"); status != 403 {
		sam.fail("GET /admin as a shopper answered %d, want 403", status)
	}
	if sam.path() != "/admin" {
		sam.fail("GET /admin as a shopper ended on %s, want an error page at /admin", sam.path())
	}
	if got := sam.text(".error-page .error-code"); got != "403" {
		sam.fail("the error page shows the code %q, want 403", got)
	}
	if eval[bool](sam, `document.getElementById("stat-users-total") !== null`) {
		sam.fail("the 403 page shows the dashboard's figures")
	}
	sam.signedInAs(shopper.Name)
	sam.shot("admin-forbidden")

	// (f) The admin is sent to the login page first, then sees the
	// dashboard; a newcomer's signup shows up in its count, which
	// analytics keeps from the user.created events.
	ada := b.person("admin")
	if status := ada.navigate("/admin"); status != 200 {
		ada.fail("GET /admin while signed out ended with %d, want the login page (200)", status)
	}
	if got, want := ada.path(), "/login?next="+url.QueryEscape("/admin"); got != want {
		ada.fail("GET /admin while signed out ended on %s, want %s", got, want)
	}
	ada.shot("login-for-admin")
	status = ada.login(admin)
	if status != 200 || ada.path() != "/admin" {
		ada.fail("logging in as admin led to %s (%d), want /admin (200)", ada.path(), status)
	}
	ada.signedInAs(admin.Name)
	ada.usersTotal(accounts, 15*time.Second)
	ada.shot("dashboard-before-signup")

	newcomer := newAccount("Nia Newcomer", "nia")
	nia := b.person("newcomer")
	status = nia.register(newcomer)
	accounts++
	if status != 200 || nia.path() != "/" {
		nia.fail("registering led to %s (%d), want / (200)", nia.path(), status)
	}
	nia.signedInAs(newcomer.Name)
	nia.shot("registered")

	ada.usersTotal(accounts, 15*time.Second)
	ada.shot("dashboard-after-signup")

	// (g) Registering with an email already in use shows the form again,
	// with the email marked.
	dup := account{Name: "Second Sam", Email: shopper.Email, Password: "another password 123"}
	sly := b.person("duplicate")
	status = sly.register(dup)
	if status != 422 {
		sly.fail("registering with a used email answered %d, want 422", status)
	}
	if sly.path() != "/register" {
		sly.fail("registering with a used email ended on %s, want the form again at /register", sly.path())
	}
	if got := get(sly, "read the email field's aria-invalid",
		chromedp.AttributeValue(chromedp.CSS("#register-form #field-email"), "aria-invalid")); !got.Exists || got.Value != "true" {
		sly.fail(`the email field has aria-invalid=%q (present: %v), want "true"`, got.Value, got.Exists)
	}
	if msg := sly.text("#email-error"); !strings.Contains(msg, "already") {
		sly.fail("the email field's error says %q, want it to say the address is already used", msg)
	}
	if eval[bool](sly, `document.querySelector('#register-form #field-name[aria-invalid="true"]') !== null`) {
		sly.fail("the name field is marked invalid, but only the email is wrong")
	}
	if got := get(sly, "read the name field", chromedp.Value(chromedp.CSS("#register-form #field-name"))); got != dup.Name {
		sly.fail("the form kept the name %q, want %q", got, dup.Name)
	}
	if got := get(sly, "read the password field", chromedp.Value(chromedp.CSS("#register-form #field-password"))); got != "" {
		sly.fail("the form echoed the password back")
	}
	if eval[bool](sly, `document.getElementById("nav-user") !== null`) {
		sly.fail("a failed registration signed the visitor in")
	}
	sly.shot("register-email-taken")

	// The failed registration created no account.
	ada.usersTotal(accounts, 2*time.Second)
}
