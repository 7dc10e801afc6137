package web_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// upload posts a multipart form: fields in order, then the file (the
// order a browser sends the photo form in).
func (b *browser) upload(path string, fields [][2]string, filename string, content []byte) (*http.Response, string) {
	b.t.Helper()
	return b.uploadWith(path, fields, filename, content, nil)
}

func (b *browser) uploadWith(path string, fields [][2]string, filename string, content []byte, header http.Header) (*http.Response, string) {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			b.t.Fatal(err)
		}
	}
	if filename != "" || content != nil {
		fw, err := mw.CreateFormFile("image", filename)
		if err != nil {
			b.t.Fatal(err)
		}
		if _, err := fw.Write(content); err != nil {
			b.t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		b.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, b.base+path, &buf)
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// hx sends a request as htmx does: HX-Request and the CSRF header.
func (b *browser) hx(method, path, csrf string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, b.base+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("HX-Request", "true")
	if csrf != "" {
		req.Header.Set("X-CSRF-Token", csrf)
	}
	return b.do(req)
}

func (b *browser) do(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

// mustPost posts a form with the CSRF token of page and wants a 303.
func (b *browser) mustPost(page, path string, form url.Values) string {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("_csrf", b.csrf(page))
	resp, body := b.post(path, form)
	if resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("POST %s: %d, want 303\n%s", path, resp.StatusCode, excerpt(body))
	}
	return resp.Header.Get("Location")
}

// excerpt is the main part of a page, for failure messages.
func excerpt(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 3000 {
		body = body[:3000]
	}
	return body
}

type htmlNode = html.Node

const elementNode = html.ElementNode

func parse(t *testing.T, body string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func find(root *html.Node, match func(*html.Node) bool) *html.Node {
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && match(n) {
			return n
		}
	}
	return nil
}

func byID(root *html.Node, id string) *html.Node {
	return find(root, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == id })
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// mustBeInvalid asserts that the control with id is marked invalid and
// described by a message that contains want.
func mustBeInvalid(t *testing.T, body, id, want string) {
	t.Helper()
	root := parse(t, body)
	in := byID(root, id)
	if in == nil {
		t.Fatalf("no #%s on the page\n%s", id, excerpt(body))
	}
	if v, _ := attr(in, "aria-invalid"); v != "true" {
		t.Fatalf("#%s is not marked aria-invalid\n%s", id, excerpt(body))
	}
	desc, _ := attr(in, "aria-describedby")
	for _, ref := range strings.Fields(desc) {
		if m := byID(root, ref); m != nil && strings.Contains(textOf(m), want) {
			return
		}
	}
	t.Fatalf("#%s is not described by a message containing %q (aria-describedby=%q)\n%s", id, want, desc, excerpt(body))
}

// pngFile is a small real PNG.
func pngFile(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		for y := range 48 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 160, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var productIDInURL = regexp.MustCompile(`^/seller/products/([0-9a-f-]{36})$`)
