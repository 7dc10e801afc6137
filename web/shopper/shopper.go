// Package shopper drives the web frontend over HTTP the way a browser
// without JavaScript would: it keeps cookies, reads forms (with their
// hidden fields: the CSRF token, idempotency keys) and submits them. Load
// runs and end-to-end tests use it to act as many shoppers and sellers at
// once without a browser.
package shopper

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// Client is one person's browser session.
type Client struct {
	base *url.URL
	http *http.Client
	// buy keeps each product page's add-to-cart form, as a page that stays
	// open in a browser keeps its form.
	buy map[string]*Form
}

// New returns a client of the site at base (http://host:port).
func New(base string, transport http.RoundTripper) (*Client, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("shopper: base url: %w", err)
	}
	jar, _ := cookiejar.New(nil)
	if transport == nil {
		transport = http.DefaultTransport
	}
	return &Client{base: u, http: &http.Client{Jar: jar, Transport: transport, Timeout: 30 * time.Second}, buy: map[string]*Form{}}, nil
}

// Page is a response, after redirects.
type Page struct {
	Status int
	Path   string // the final path and query
	Body   []byte
	doc    *html.Node
}

// Get opens path.
func (c *Client) Get(ctx context.Context, path string) (*Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base.ResolveReference(&url.URL{Path: pathOnly(path), RawQuery: query(path)}).String(), nil)
	if err != nil {
		return nil, err
	}
	return c.do(req)
}

func pathOnly(p string) string { before, _, _ := strings.Cut(p, "?"); return before }
func query(p string) string    { _, after, _ := strings.Cut(p, "?"); return after }

func (c *Client) do(req *http.Request) (*Page, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: read: %w", req.Method, req.URL.Path, err)
	}
	p := &Page{Status: resp.StatusCode, Path: resp.Request.URL.RequestURI(), Body: body}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		if p.doc, err = html.Parse(bytes.NewReader(body)); err != nil {
			return nil, fmt.Errorf("%s %s: parse: %w", req.Method, req.URL.Path, err)
		}
	}
	return p, nil
}

// Form is a form of a page, with the values its inputs hold.
type Form struct {
	Action string
	Values url.Values
}

// Form returns the first form whose action (without its #fragment)
// equals action, with the values of its inputs, selected options,
// checked boxes and text areas.
func (p *Page) Form(action string) (*Form, error) {
	if p.doc == nil {
		return nil, fmt.Errorf("%s is not an HTML page (status %d)", p.Path, p.Status)
	}
	var found *html.Node
	walk(p.doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "form" {
			a, _, _ := strings.Cut(attr(n, "action"), "#")
			if a == action {
				found = n
				return false
			}
		}
		return true
	})
	if found == nil {
		return nil, fmt.Errorf("no form with action %s on %s (status %d)", action, p.Path, p.Status)
	}
	f := &Form{Action: action, Values: url.Values{}}
	walk(found, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		name := attr(n, "name")
		switch {
		case name == "":
		case n.Data == "input":
			switch attr(n, "type") {
			case "checkbox", "radio":
				if hasAttr(n, "checked") {
					f.Values.Add(name, attrOr(n, "value", "on"))
				}
			case "submit", "button", "file":
			default:
				f.Values.Set(name, attr(n, "value"))
			}
		case n.Data == "textarea":
			f.Values.Set(name, text(n))
		case n.Data == "select":
			walk(n, func(o *html.Node) bool {
				if o.Type == html.ElementNode && o.Data == "option" && hasAttr(o, "selected") {
					f.Values.Set(name, attr(o, "value"))
				}
				return true
			})
		}
		return true
	})
	return f, nil
}

// Submit posts the form as a browser would and follows the redirect.
func (c *Client) Submit(ctx context.Context, f *Form) (*Page, error) {
	return c.submit(ctx, f, false)
}

// SubmitHTMX posts the form as htmx does for a form with hx-post: the
// answer is the fragment that replaces it.
func (c *Client) SubmitHTMX(ctx context.Context, f *Form) (*Page, error) {
	return c.submit(ctx, f, true)
}

func (c *Client) submit(ctx context.Context, f *Form, htmx bool) (*Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base.ResolveReference(&url.URL{Path: f.Action}).String(),
		strings.NewReader(f.Values.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	return c.do(req)
}

// GetHTMX fetches a fragment as htmx does (hx-get, polling).
func (c *Client) GetHTMX(ctx context.Context, path string) (*Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base.ResolveReference(&url.URL{Path: pathOnly(path), RawQuery: query(path)}).String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("HX-Request", "true")
	return c.do(req)
}

// Post fills the form with action found on page path with values and
// submits it.
func (c *Client) Post(ctx context.Context, path, action string, values map[string]string) (*Page, error) {
	p, err := c.Get(ctx, path)
	if err != nil {
		return nil, err
	}
	f, err := p.Form(action)
	if err != nil {
		return nil, err
	}
	for k, v := range values {
		f.Values.Set(k, v)
	}
	return c.Submit(ctx, f)
}

// Attrs returns the values of attribute name on every element that has it,
// in document order (data-product-id, data-variation-id, ...).
func (p *Page) Attrs(name string) []string {
	var out []string
	if p.doc == nil {
		return nil
	}
	walk(p.doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && hasAttr(n, name) {
			out = append(out, attr(n, name))
		}
		return true
	})
	return out
}

// Text returns the text of the element with id, or "".
func (p *Page) Text(id string) string {
	var out string
	if p.doc == nil {
		return ""
	}
	walk(p.doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && attr(n, "id") == id {
			out = strings.Join(strings.Fields(text(n)), " ")
			return false
		}
		return true
	})
	return out
}

func walk(n *html.Node, fn func(*html.Node) bool) bool {
	if !fn(n) {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !walk(c, fn) {
			return false
		}
	}
	return true
}

func attr(n *html.Node, key string) string { return attrOr(n, key, "") }

func attrOr(n *html.Node, key, def string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return def
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		return true
	})
	return b.String()
}

// expect checks a page landed where a flow should.
func expect(p *Page, err error, what string, ok func(*Page) bool) (*Page, error) {
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if !ok(p) {
		return p, fmt.Errorf("%s: ended on %s with status %d", what, p.Path, p.Status)
	}
	return p, nil
}

var uuidPath = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
