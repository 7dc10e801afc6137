package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/marketplace/marketplace/services/demo"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/user"
)

// average reads the product page's average rating ("4.5") and count.
func average(t *testing.T, body string) (string, string) {
	t.Helper()
	root := parse(t, body)
	avg := byID(root, "reviews-average")
	if avg == nil {
		t.Fatalf("no #reviews-average\n%s", excerpt(body))
	}
	m := regexp.MustCompile(`([0-9.]+) out of 5, ([0-9]+) reviews?`).FindStringSubmatch(textOf(avg))
	if m == nil {
		return "", "0"
	}
	return m[1], m[2]
}

func TestReviewFlow(t *testing.T) {
	srv, svc := siteWith(t)
	p := demo.Products[0]
	page := "/products/" + p.ID

	anon := newBrowser(t, srv.URL)
	resp, body := anon.get(page)
	if resp.StatusCode != 200 || byID(parse(t, body), "reviews") == nil {
		t.Fatalf("product page: %d", resp.StatusCode)
	}
	if !strings.Contains(body, `href="/login?next=`+url.QueryEscape(page+"#reviews")+`"`) || !strings.Contains(body, "Log in to write a review") {
		t.Fatal("anonymous visitors are not invited to log in to review")
	}
	if strings.Contains(body, `action="`+page+`/reviews"`) {
		t.Fatal("anonymous visitors get the review form")
	}
	before, count := average(t, body)

	b := newBrowser(t, srv.URL)
	b.register("Rita <b>", "rita@example.com", "long enough pw")
	_, body = b.get(page)
	if byID(parse(t, body), "review-form") == nil {
		t.Fatal("no review form for a signed-in user")
	}
	path := page + "/reviews"
	if resp, _ := b.post(path, url.Values{"rating": {"5"}}); resp.StatusCode != 403 {
		t.Fatalf("review without _csrf: %d", resp.StatusCode)
	}
	resp, body = b.post(path, url.Values{"_csrf": {b.csrf(page)}, "rating": {"0"}, "body": {"Meh"}})
	if resp.StatusCode != 422 {
		t.Fatalf("rating 0: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "review-rating-1", "Choose a rating")
	if !strings.Contains(body, ">Meh</textarea>") {
		t.Error("the review text is not kept")
	}
	resp, body = b.post(path, url.Values{"_csrf": {b.csrf(page)}, "rating": {"4"}, "body": {strings.Repeat("é", 2001)}})
	if resp.StatusCode != 422 {
		t.Fatalf("too long a review: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "review-body", "2,000 characters")
	if !strings.Contains(body, `id="review-rating-4" name="rating" value="4" checked`) {
		t.Error("the chosen rating is not kept")
	}

	if loc := b.mustPost(page, path, url.Values{"rating": {"1"}, "body": {"Broke <at once>."}}); loc != page+"#reviews" {
		t.Fatalf("review: to %q", loc)
	}
	_, body = b.get(page)
	after, newCount := average(t, body)
	if after == before || newCount == count {
		t.Fatalf("the average did not change: %s (%s) before, %s (%s) after", before, count, after, newCount)
	}
	if strings.Contains(body, "<at once>") || strings.Contains(body, "Rita <b>") {
		t.Fatal("review text rendered unescaped")
	}
	root := parse(t, body)
	own := byID(root, "own-review")
	if own == nil || byID(root, "review-form") != nil {
		t.Fatal("after reviewing, the user does not see their own review instead of the form")
	}
	if !strings.Contains(textOf(byID(root, "review-list")), "Rita <b>") {
		t.Error("the review does not show its author's name")
	}
	edit := byID(root, "edit-review-form")
	if edit == nil {
		t.Fatal("no edit form")
	}
	action, _ := attr(edit, "action")
	action, _, _ = strings.Cut(action, "#") // the fragment is for the browser

	// A second review of the same product is refused by the service.
	resp, body = b.post(path, url.Values{"_csrf": {b.csrf(page)}, "rating": {"5"}})
	if resp.StatusCode != 422 || !strings.Contains(body, "role=\"alert\"") {
		t.Fatalf("a second review: %d", resp.StatusCode)
	}

	// Editing with htmx: the section and, out of band, the rating under the
	// name come back.
	csrf := b.csrf(page)
	resp, frag := b.hx(http.MethodPost, action, csrf, url.Values{"rating": {"9"}, "product_id": {p.ID}})
	if resp.StatusCode != 422 || !strings.HasPrefix(frag, `<section id="reviews"`) {
		t.Fatalf("htmx edit with a bad rating: %d %.80q", resp.StatusCode, frag)
	}
	mustBeInvalid(t, frag, "edit-review-rating-1", "Choose a rating")
	resp, frag = b.hx(http.MethodPost, action, csrf, url.Values{"rating": {"5"}, "body": {"Replaced."}, "product_id": {p.ID}})
	if resp.StatusCode != 200 || !strings.HasPrefix(frag, `<section id="reviews"`) ||
		!strings.Contains(frag, `id="product-rating" class="product-rating" hx-swap-oob="true"`) || !strings.Contains(frag, "Replaced.") {
		t.Fatalf("htmx edit: %d\n%s", resp.StatusCode, frag)
	}
	edited, _ := average(t, frag)
	if edited == after {
		t.Fatalf("the edit did not change the average (%s)", edited)
	}

	// An admin hides it: shoppers no longer see it, the author still does.
	users := svc.user.Service.(*user.Service)
	if _, err := users.CreateUser(t.Context(), "Ada Admin", "ada@example.com", "admin password", actor.Admin); err != nil {
		t.Fatal(err)
	}
	admin := newBrowser(t, srv.URL)
	admin.mustPost("/login", "/login", url.Values{"email": {"ada@example.com"}, "password": {"admin password"}})
	_, body = admin.get(page)
	reviewID := regexp.MustCompile(`^/reviews/([^"/]+)$`).FindStringSubmatch(action)
	if reviewID == nil {
		t.Fatalf("no review id in %q", action)
	}
	hide := "/admin/reviews/" + reviewID[1] + "/hidden"
	if !strings.Contains(body, `action="`+hide+`"`) {
		t.Fatal("the admin has no hide button")
	}
	if resp, _ := b.post(hide, url.Values{"_csrf": {b.csrf(page)}, "hidden": {"true"}}); resp.StatusCode != 403 {
		t.Fatalf("a shopper hides a review: %d", resp.StatusCode)
	}
	admin.mustPost(page, hide, url.Values{"hidden": {"true"}})
	if _, body := anon.get(page); strings.Contains(body, "Replaced.") {
		t.Fatal("a hidden review is still shown to shoppers")
	}
	admin.mustPost(page, hide, url.Values{"hidden": {"false"}})
	if _, body := anon.get(page); !strings.Contains(body, "Replaced.") {
		t.Fatal("the review is not shown again")
	}

	// Deleting it brings the form back.
	b.mustPost(page, action+"/delete", url.Values{"product_id": {p.ID}})
	_, body = b.get(page)
	if byID(parse(t, body), "review-form") == nil {
		t.Fatal("after deleting the review the form is not back")
	}
	if avg, n := average(t, body); avg != before || n != count {
		t.Fatalf("after deleting: %s (%s), want %s (%s)", avg, n, before, count)
	}
}

func TestReviewsPageFragment(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	page := "/products/" + demo.Products[0].ID
	resp, frag := b.hx(http.MethodGet, page+"/reviews?page=1", "", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(frag, `<section id="reviews"`) {
		t.Fatalf("reviews fragment: %d", resp.StatusCode)
	}
	if resp, _ := b.get(page + "/reviews?page=2"); resp.StatusCode != 303 || resp.Header.Get("Location") != page+"?reviews_page=2#reviews" {
		t.Fatalf("reviews fragment without htmx: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := b.get(page + "?reviews_page=0"); resp.StatusCode != 422 {
		t.Fatalf("reviews_page=0: %d", resp.StatusCode)
	}
}

func TestAccountSettings(t *testing.T) {
	srv := site(t)
	b := newBrowser(t, srv.URL)
	b.register("Carl", "carl@example.com", "long enough pw")
	resp, body := b.get("/account")
	if resp.StatusCode != 200 || !strings.Contains(body, `value="Carl"`) || !strings.Contains(body, `<a class="nav-link" href="/account">Account</a>`) {
		t.Fatalf("account page: %d", resp.StatusCode)
	}
	for _, path := range []string{"/account", "/account/password", "/account/delete"} {
		if resp, _ := b.post(path, url.Values{"name": {"X"}, "password": {"long enough pw"}}); resp.StatusCode != 403 {
			t.Errorf("POST %s without _csrf: %d", path, resp.StatusCode)
		}
	}

	resp, body = b.post("/account", url.Values{"_csrf": {b.csrf("/account")}, "name": {""}})
	if resp.StatusCode != 422 {
		t.Fatalf("empty name: %d", resp.StatusCode)
	}
	mustBeInvalid(t, body, "field-name", "")
	b.mustPost("/account", "/account", url.Values{"name": {"Carla <3"}})
	if _, body := b.get("/"); !strings.Contains(body, `id="nav-user" class="nav-user-name">Carla &lt;3<`) {
		t.Fatal("the header does not show the new name")
	}

	resp, body = b.post("/account/password", url.Values{"_csrf": {b.csrf("/account")}, "current_password": {"wrong password"}, "new_password": {"brand new secret"}})
	if resp.StatusCode != 422 || strings.Contains(body, "wrong password") || strings.Contains(body, "brand new secret") {
		t.Fatalf("wrong current password: %d", resp.StatusCode)
	}
	if !strings.Contains(body, `aria-invalid="true"`) && !strings.Contains(body, `role="alert"`) {
		t.Fatal("the wrong current password is not shown on the form")
	}
	other := newBrowser(t, srv.URL)
	other.mustPost("/login", "/login", url.Values{"email": {"carl@example.com"}, "password": {"long enough pw"}})
	b.mustPost("/account", "/account/password", url.Values{"current_password": {"long enough pw"}, "new_password": {"brand new secret"}})
	if _, body := b.get("/account"); !strings.Contains(body, `id="nav-user"`) {
		t.Fatal("changing the password signed this browser out")
	}
	if _, body := other.get("/"); strings.Contains(body, `id="nav-user"`) {
		t.Fatal("changing the password left the other session signed in")
	}

	resp, body = b.post("/account/delete", url.Values{"_csrf": {b.csrf("/account")}, "password": {"long enough pw"}})
	if resp.StatusCode != 422 {
		t.Fatalf("delete with the old password: %d", resp.StatusCode)
	}
	if !strings.Contains(body, `aria-invalid="true"`) && !strings.Contains(body, `role="alert"`) {
		t.Fatal("the wrong password is not shown on the delete form")
	}
	if loc := b.mustPost("/account", "/account/delete", url.Values{"password": {"brand new secret"}}); loc != "/" {
		t.Fatalf("delete: to %q", loc)
	}
	_, body = b.get("/")
	if strings.Contains(body, `id="nav-user"`) || !strings.Contains(body, "Your account was deleted") {
		t.Fatal("after deleting the account the browser is still signed in, or no message")
	}
	if resp, _ := b.post("/login", url.Values{"_csrf": {b.csrf("/login")}, "email": {"carl@example.com"}, "password": {"brand new secret"}}); resp.StatusCode != 422 {
		t.Fatalf("logging into a deleted account: %d", resp.StatusCode)
	}
}
