package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/user"
)

// signInAdmin creates an admin in the user service and signs them in.
func signInAdmin(t *testing.T, base string, svc services) *browser {
	t.Helper()
	users := svc.user.Service.(*user.Service)
	if _, err := users.CreateUser(t.Context(), "Ada Admin", "ada@example.com", "admin password", actor.Admin); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, base)
	b.mustPost("/login", "/login", url.Values{"email": {"ada@example.com"}, "password": {"admin password"}})
	return b
}

// outboxEvents returns the events a served service has written to its
// outbox, oldest first, of the given types (all when none): what its relay
// would publish (events do not flow in the test site).
func outboxEvents(t *testing.T, s testkit.Served, types ...string) []eventbus.Envelope {
	t.Helper()
	var rows []struct{ Type, Envelope string }
	if err := s.Deps.DB.Conn(context.Background()).Table("outbox").Select("type, envelope").Order("id").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	var out []eventbus.Envelope
	for _, r := range rows {
		if len(types) > 0 && !contains(types, r.Type) {
			continue
		}
		env, err := eventbus.Unmarshal([]byte(r.Envelope))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, env)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Every admin page and form refuses shoppers and sellers (403) and sends
// anonymous visitors to log in, and a refused request changes nothing.
// Each visitor carries a valid CSRF token, so that it is the role that is
// refused, not the form.
func TestAdminAreaIsForAdminsOnly(t *testing.T) {
	srv, svc := siteWith(t, withOps(opsFor(t, "shop", true)))
	admin := signInAdmin(t, srv.URL, svc)
	bannerID := uploadBanner(t, admin, bannerFields("Winter sale", "hero"))
	deadID := deadLetterIDs(t, admin, "shop")[0]

	anon := newBrowser(t, srv.URL)
	shopper := newBrowser(t, srv.URL)
	shopper.register("Sam", "sam@example.com", "long enough pw")
	seller := openShop(t, srv.URL, "Selma", "selma@example.com")

	banner := "/admin/banners/" + bannerID
	pages := []string{
		"/admin", "/admin?days=7", "/admin/banners", banner, banner + "/row", "/admin/dead-letters", "/admin/stock-audit",
	}
	forms := []struct {
		path   string
		form   url.Values
		upload bool
	}{
		{"/admin/banners", nil, true},
		{banner + "/image", nil, true},
		{banner, url.Values{"title": {"Hacked"}, "placement": {"hero"}, "position": {"0"}}, false},
		{banner + "/active", url.Values{"active": {"false"}}, false},
		{banner + "/move", url.Values{"direction": {"down"}}, false},
		{banner + "/delete", nil, false},
		{"/admin/dead-letters/shop/replay", url.Values{"all": {"true"}}, false},
		{"/admin/dead-letters/shop/replay", url.Values{"event_id": {deadID}}, false},
		{"/admin/reviews/0190a000-0000-7000-8000-00000000dead/hidden", url.Values{"hidden": {"true"}}, false},
	}
	for _, who := range []struct {
		name string
		b    *browser
		want int
	}{
		{"anonymous", anon, http.StatusSeeOther},
		{"shopper", shopper, http.StatusForbidden},
		{"seller", seller, http.StatusForbidden},
	} {
		t.Run(who.name, func(t *testing.T) {
			check := func(what string, resp *http.Response, body string) {
				t.Helper()
				if resp.StatusCode != who.want {
					t.Errorf("%s: %d, want %d", what, resp.StatusCode, who.want)
				}
				if who.want == http.StatusSeeOther && !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
					t.Errorf("%s sends the anonymous visitor to %q, want the login page", what, resp.Header.Get("Location"))
				}
				if who.want == http.StatusForbidden && !strings.Contains(body, "administrators") {
					t.Errorf("%s: the error page does not say the page is for administrators", what)
				}
			}
			for _, p := range pages {
				resp, body := who.b.get(p)
				check("GET "+p, resp, body)
			}
			// An htmx request for the range switch's fragment is refused too.
			// (Anonymous visitors are sent to log in with HX-Redirect.)
			resp, body := who.b.hx(http.MethodGet, "/admin?days=7", "", nil)
			redirected := strings.HasPrefix(resp.Header.Get("HX-Redirect"), "/login?next=")
			if strings.Contains(body, "stat-users-total") || resp.StatusCode == http.StatusOK && !redirected {
				t.Errorf("htmx GET /admin?days=7: %d (HX-Redirect %q)", resp.StatusCode, resp.Header.Get("HX-Redirect"))
			}
			tokenPage := "/" // the log-out form
			if who.b == anon {
				tokenPage = "/login"
			}
			csrf := who.b.csrf(tokenPage)
			for _, f := range forms {
				if f.upload {
					resp, body := who.b.upload(f.path, [][2]string{{"_csrf", csrf}, {"title", "Hacked"}, {"placement", "hero"}}, "b.png", pngFile(t))
					check("POST "+f.path, resp, body)
					continue
				}
				form := url.Values{"_csrf": {csrf}}
				for k, v := range f.form {
					form[k] = v
				}
				resp, body := who.b.post(f.path, form)
				check("POST "+f.path, resp, body)
			}
		})
	}

	// Nothing the refused requests asked for happened.
	_, body := admin.get("/admin/banners")
	root := parse(t, body)
	row := byID(root, "banner-"+bannerID)
	if row == nil || !strings.Contains(textOf(row), "Winter sale") || strings.Contains(body, "Hacked") {
		t.Fatalf("the banner changed\n%s", excerpt(body))
	}
	if v, _ := attr(row, "data-status"); v == "deleting" {
		t.Fatal("a refused request deleted the banner")
	}
	if n := strings.Count(body, `class="banner-row`); n != 1 {
		t.Fatalf("%d banners after the refused uploads, want 1", n)
	}
	if got := deadLetterIDs(t, admin, "shop"); len(got) != 1 || got[0] != deadID {
		t.Fatalf("dead letters after the refused replays: %v", got)
	}
}
