// Package layout renders the page shell shared by every full page: head,
// header with search and account navigation, flash area and footer.
//
// Callers pass the page content as templ children:
//
//	layout.Base(page).Render(templ.WithChildren(ctx, content), w)
//
// or, from another templ file, @layout.Base(page) { ... }.
package layout

import (
	"encoding/json"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Page is what every full page needs from the request: who is signed in, the
// CSRF token, a one-time flash message and the asset URLs.
type Page struct {
	// Title is the page's own title; Base appends " · Marketplace".
	Title string
	// User is nil for an anonymous visitor.
	User *User
	// CSRF is the token for the session; forms carry it as _csrf and htmx
	// requests as the X-CSRF-Token header.
	CSRF string
	// Flash is a one-time message shown under the header (empty: none).
	Flash string
	// Notices are one-time warnings shown under the header, e.g. the shops
	// whose order could not be placed at checkout.
	Notices []string
	// CartCount is the number of items in the visitor's cart, for the
	// header's badge (0: an empty or unknown cart).
	CartCount int64
	// Assets are the cache-busted URLs of the stylesheet and htmx.
	Assets Assets
	// Query is the current search text, echoed into the header search box.
	Query string
}

// User is the signed-in account as the header shows it.
type User struct {
	Name     string
	Role     string
	IsAdmin  bool
	IsSeller bool
	// HasShop says the user has an open shop: the header links the seller
	// dashboard as "My shop" rather than inviting them to sell.
	HasShop bool
}

// Assets holds URLs computed by web/, e.g. "/static/css/app.css?v=abc".
// Empty fields fall back to the unversioned paths under /static/.
type Assets struct {
	CSS  string
	HTMX string
}

const (
	defaultCSS  = "/static/css/app.css"
	defaultHTMX = "/static/js/htmx.min.js"
	siteName    = "Marketplace"
)

// htmxConfig lets a 422 response (a form re-rendered with its errors) swap in
// like a 200, keeps htmx's other defaults, and turns off the inline indicator
// styles that a strict Content-Security-Policy would block (app.css has them).
const htmxConfig = `{"includeIndicatorStyles":false,"responseHandling":[` +
	`{"code":"204","swap":false},` +
	`{"code":"[23]..","swap":true},` +
	`{"code":"422","swap":true},` +
	`{"code":"[45]..","swap":false,"error":true},` +
	`{"code":"...","swap":false}]}`

func (p Page) cssURL() string {
	if p.Assets.CSS == "" {
		return defaultCSS
	}
	return p.Assets.CSS
}

func (p Page) htmxURL() string {
	if p.Assets.HTMX == "" {
		return defaultHTMX
	}
	return p.Assets.HTMX
}

func (p Page) fullTitle() string {
	if p.Title == "" || p.Title == siteName {
		return siteName
	}
	return p.Title + " · " + siteName
}

// hxHeaders is the JSON object for the body's hx-headers attribute; templ
// escapes it for the attribute, json.Marshal escapes it as JSON.
func hxHeaders(csrf string) string {
	b, err := json.Marshal(struct {
		Token string `json:"X-CSRF-Token"`
	}{csrf})
	if err != nil { // a struct with one string field always marshals
		return "{}"
	}
	return string(b)
}

// badgeText is the cart badge's number: "99+" beyond 99.
func badgeText(n int64) string {
	if n > 99 {
		return "99+"
	}
	return strconv.FormatInt(n, 10)
}

// badgeLabel is the badge for screen readers, read after "Cart".
func badgeLabel(n int64) string {
	if n == 1 {
		return ", 1 item"
	}
	return ", " + strconv.FormatInt(n, 10) + " items"
}

// initial is the avatar letter for a name.
func initial(name string) string {
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return string(unicode.ToUpper(r))
		}
	}
	if r, _ := utf8.DecodeRuneInString(name); r != utf8.RuneError {
		return string(r)
	}
	return "?"
}
