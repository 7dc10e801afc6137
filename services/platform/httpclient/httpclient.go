// Package httpclient is the base of every typed service client: it sets
// timeouts, sends the internal token, the acting user and the correlation
// id, retries idempotent requests on transient failures, and turns error
// responses back into fault categories, so errors.Is(err, fault.NotFound)
// works across the network as it does in process.
package httpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/correlation"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Options configure a client; zero values pick the defaults.
type Options struct {
	Token     string            // the shared internal token
	Timeout   time.Duration     // per attempt (default 5s)
	Retries   int               // extra attempts for idempotent requests (0: the default, 2; negative: none)
	Transport http.RoundTripper // default: a tuned shared transport
}

// Client calls one service.
type Client struct {
	service string
	base    string
	token   string
	retries int
	http    *http.Client
}

var sharedTransport = &http.Transport{
	Proxy:               nil, // internal calls never go through a proxy
	MaxIdleConns:        256,
	MaxIdleConnsPerHost: 64,
	IdleConnTimeout:     90 * time.Second,
	ForceAttemptHTTP2:   false,
}

// New returns a client of service (its name, for messages) at baseURL.
func New(service, baseURL string, opt Options) *Client {
	if opt.Timeout == 0 {
		opt.Timeout = 5 * time.Second
	}
	switch {
	case opt.Retries == 0:
		opt.Retries = 2
	case opt.Retries < 0:
		opt.Retries = 0
	}
	if opt.Transport == nil {
		opt.Transport = sharedTransport
	}
	return &Client{
		service: service, base: baseURL, token: opt.Token, retries: opt.Retries,
		http: &http.Client{Timeout: opt.Timeout, Transport: opt.Transport},
	}
}

// Request is one call.
type Request struct {
	Method string
	Path   string     // e.g. "/v1/products/123"; segments must be escaped (see Path)
	Query  url.Values // optional
	Body   any        // sent as JSON when not nil
	// RawBody is sent as it is, with ContentType, instead of Body (an
	// upload). A raw body cannot be rewound, so the request is never retried.
	RawBody     io.Reader
	ContentType string
	Out         any // decoded from a 2xx JSON response when not nil
	// IdempotencyKey makes a write safe to retry; the server replays the
	// first result for the same key.
	IdempotencyKey string
	Header         http.Header // extra headers
}

// Path joins escaped segments: Path("/v1/products", id).
func Path(prefix string, segments ...string) string {
	p := prefix
	for _, s := range segments {
		p += "/" + url.PathEscape(s)
	}
	return p
}

// fileSegment is one segment of a stored file's path: letters, digits,
// dots, dashes and underscores, not starting with a dot (so never "." or
// "..").
var fileSegment = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$`)

// FilePath returns the API path of a stored file, base + "/" + path, or a
// not-found fault for a path that could reach anything but a file under
// base: an empty or dot segment, another character, too many segments. A
// frontend passes on what followed its own prefix in a public image URL;
// which files exist is the service's business.
func FilePath(base, path string) (string, error) {
	segments := strings.Split(path, "/")
	if len(segments) > 8 {
		return "", fault.NotFoundf("no such file")
	}
	for _, s := range segments {
		if !fileSegment.MatchString(s) {
			return "", fault.NotFoundf("no such file")
		}
	}
	return base + "/" + path, nil
}

// Get reads path into out.
func (c *Client) Get(ctx context.Context, path string, query url.Values, out any) error {
	return c.Do(ctx, Request{Method: http.MethodGet, Path: path, Query: query, Out: out})
}

// Post sends in to path and reads the answer into out.
func (c *Client) Post(ctx context.Context, path string, in, out any) error {
	return c.Do(ctx, Request{Method: http.MethodPost, Path: path, Body: in, Out: out})
}

// Do performs r, retrying when it is safe to.
func (c *Client) Do(ctx context.Context, r Request) error {
	var body []byte
	if r.Body != nil {
		b, err := json.Marshal(r.Body)
		if err != nil {
			return fmt.Errorf("%s %s: encode body: %w", r.Method, r.Path, err)
		}
		body = b
	}
	idempotent := r.Method == http.MethodGet || r.Method == http.MethodHead || r.IdempotencyKey != ""
	attempts := 1
	if idempotent && r.RawBody == nil {
		attempts += c.retries
	}
	var err error
	for i := range attempts {
		if i > 0 {
			wait := time.Duration(50*(1<<(i-1))) * time.Millisecond
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return fmt.Errorf("%s %s: %w", r.Method, r.Path, ctx.Err())
			}
		}
		var retry bool
		retry, err = c.once(ctx, r, body)
		if err == nil || !retry || ctx.Err() != nil {
			return err
		}
	}
	return err
}

// once makes one attempt and reports whether a failure is worth retrying.
func (c *Client) once(ctx context.Context, r Request, body []byte) (bool, error) {
	u := c.base + r.Path
	if len(r.Query) > 0 {
		u += "?" + r.Query.Encode()
	}
	var rd io.Reader
	switch {
	case r.RawBody != nil:
		rd = r.RawBody
	case body != nil:
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, u, rd)
	if err != nil {
		return false, fmt.Errorf("%s %s: %w", r.Method, r.Path, err)
	}
	for k, v := range r.Header {
		req.Header[k] = v
	}
	req.Header.Set("Accept", "application/json")
	switch {
	case r.RawBody != nil:
		req.Header.Set("Content-Type", r.ContentType)
	case body != nil:
		req.Header.Set("Content-Type", "application/json")
	}
	if r.IdempotencyKey != "" {
		req.Header.Set("Idempotency-Key", r.IdempotencyKey)
	}
	req.Header.Set("X-Internal-Token", c.token)
	if a := actor.From(ctx); !a.Anonymous() {
		req.Header.Set(actor.HeaderUserID, a.UserID)
		req.Header.Set(actor.HeaderRole, string(a.Role))
	}
	if cid := correlation.From(ctx); cid != "" {
		req.Header.Set(correlation.Header, cid)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return false, fmt.Errorf("%s %s: %w", r.Method, r.Path, ctx.Err())
		}
		return true, fault.Unavailablef("the %s service is unavailable", c.service).WithCause(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if r.Out == nil || resp.StatusCode == http.StatusNoContent {
			_, _ = io.Copy(io.Discard, resp.Body)
			return false, nil
		}
		if err := json.NewDecoder(resp.Body).Decode(r.Out); err != nil {
			return false, fmt.Errorf("%s %s: decode %s response: %w", r.Method, r.Path, c.service, err)
		}
		return false, nil
	}
	retry := resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusServiceUnavailable ||
		resp.StatusCode == http.StatusGatewayTimeout
	return retry, decodeError(c.service, resp)
}

type errorBody struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

func decodeError(service string, resp *http.Response) error {
	var eb errorBody
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err := json.Unmarshal(raw, &eb); err != nil || eb.Error.Code == "" {
		eb.Error.Message = fmt.Sprintf("%s service answered %s", service, resp.Status)
	}
	fe := fault.FromStatus(resp.StatusCode, eb.Error.Code, eb.Error.Message, eb.Error.Fields)
	if fe.Category == fault.CategoryInternal {
		// Not the caller's fault, and not a message to show an end user.
		return fmt.Errorf("%s service: %w", service, errors.New(fe.Message))
	}
	return fe
}

// Stream performs a GET and hands back the response of a 2xx answer for the
// caller to copy and close (a file); any other answer is an error as from
// Do. header adds request headers (conditional requests, say).
func (c *Client) Stream(ctx context.Context, path string, header http.Header) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("X-Internal-Token", c.token)
	if cid := correlation.From(ctx); cid != "" {
		req.Header.Set(correlation.Header, cid)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fault.Unavailablef("the %s service is unavailable", c.service).WithCause(err)
	}
	if resp.StatusCode >= 400 {
		defer resp.Body.Close()
		return nil, decodeError(c.service, resp)
	}
	return resp, nil
}

// Ping asks the service whether it is alive (GET /healthz).
func (c *Client) Ping(ctx context.Context) error {
	return c.Get(ctx, "/healthz", nil, nil)
}

// CloseIdleConnections closes the pooled connections of every client that
// uses the shared transport. A caller that is shutting down calls it before
// the services it called stop: a pooled connection that never carried a
// request would otherwise hold a server's graceful shutdown for seconds.
func CloseIdleConnections() { sharedTransport.CloseIdleConnections() }
