// Package httpserver builds the echo server every service and the web
// frontend run: request and correlation ids, panic recovery, a structured
// access log, Prometheus metrics, body limits, timeouts, one error mapping,
// health and readiness endpoints, and graceful shutdown.
package httpserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/marketplace/marketplace/services/platform/correlation"
	"github.com/marketplace/marketplace/services/platform/fault"
)

// Check is a named readiness probe (the database, the broker).
type Check struct {
	Name string
	Fn   func(ctx context.Context) error
}

// Options configure a server.
type Options struct {
	Service        string // name in logs
	Logger         *slog.Logger
	Registry       *prometheus.Registry // metrics are registered here and served at /metrics
	BodyLimit      string               // e.g. "1M" (default), "12M" for uploads
	RequestTimeout time.Duration        // per-request context deadline (default 15s)
	Ready          []Check
	// IPExtractor decides the client address. The default trusts no
	// forwarding header: behind a proxy, set one that trusts only it.
	IPExtractor echo.IPExtractor
	// ErrorRenderer, when set, renders errors for browsers instead of JSON
	// (the web frontend's error pages).
	ErrorRenderer func(c echo.Context, status int, err *fault.Error)
	// Profiling serves Go's profiler at /debug/pprof/ (off by default: an
	// operator turns it on to look into a slow process, on a port that
	// only they can reach).
	Profiling bool
}

// New returns a configured echo instance with /healthz, /readyz and
// /metrics; the caller adds its routes.
func New(opt Options) *echo.Echo {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.BodyLimit == "" {
		opt.BodyLimit = "1M"
	}
	if opt.RequestTimeout == 0 {
		opt.RequestTimeout = 15 * time.Second
	}
	if opt.Registry == nil {
		opt.Registry = prometheus.NewRegistry()
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = opt.IPExtractor
	if e.IPExtractor == nil {
		e.IPExtractor = echo.ExtractIPDirect()
	}
	log := opt.Logger.With("service", opt.Service)
	e.HTTPErrorHandler = errorHandler(log, opt.ErrorRenderer)

	m := newMetrics(opt.Registry)
	e.Use(
		middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: newRequestID}),
		withCorrelation,
		accessLog(log, m),
		recoverer(log),
		middleware.BodyLimit(opt.BodyLimit),
		timeout(opt.RequestTimeout),
	)

	e.GET("/healthz", func(c echo.Context) error { return c.JSON(http.StatusOK, map[string]string{"status": "ok"}) })
	e.GET("/readyz", readiness(opt.Ready))
	e.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(opt.Registry, promhttp.HandlerOpts{Registry: opt.Registry})))
	if opt.Profiling {
		e.GET("/debug/pprof/*", echo.WrapHandler(http.HandlerFunc(pprof.Index)))
		e.GET("/debug/pprof/profile", echo.WrapHandler(http.HandlerFunc(pprof.Profile)))
		e.GET("/debug/pprof/trace", echo.WrapHandler(http.HandlerFunc(pprof.Trace)))
	}
	return e
}

func newRequestID() string {
	return strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + strconv.FormatUint(uint64(requestCounter.Add(1)), 36)
}

func withCorrelation(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		cid := req.Header.Get(correlation.Header)
		if cid == "" || len(cid) > 100 {
			cid = c.Response().Header().Get(echo.HeaderXRequestID)
		}
		c.Response().Header().Set(correlation.Header, cid)
		c.SetRequest(req.WithContext(correlation.With(req.Context(), cid)))
		return next(c)
	}
}

func timeout(d time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx, cancel := context.WithTimeout(c.Request().Context(), d)
			defer cancel()
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

func recoverer(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				if p := recover(); p != nil {
					if p == http.ErrAbortHandler {
						panic(p)
					}
					log.Error("panic in handler", "panic", p, "path", c.Path(),
						"request_id", c.Response().Header().Get(echo.HeaderXRequestID), "stack", string(debug.Stack()))
					err = fmt.Errorf("panic: %v", p)
				}
			}()
			return next(c)
		}
	}
}

func readiness(checks []Check) echo.HandlerFunc {
	return func(c echo.Context) error {
		status := http.StatusOK
		out := map[string]string{}
		for _, chk := range checks {
			ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
			err := chk.Fn(ctx)
			cancel()
			if err != nil {
				status = http.StatusServiceUnavailable
				out[chk.Name] = "down"
				continue
			}
			out[chk.Name] = "ok"
		}
		return c.JSON(status, out)
	}
}

// ErrorBody is the JSON shape of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong, safely for the caller.
type ErrorDetail struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
}

// Classify turns any error into a categorized one with a message safe to
// show: categorized errors keep theirs, echo's own errors (unknown route,
// body too large, bad method) keep their status, anything else is internal.
func Classify(err error) *fault.Error {
	if fe, ok := fault.As(err); ok {
		return fe
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		msg := http.StatusText(he.Code)
		if s, ok := he.Message.(string); ok && he.Code < 500 {
			msg = s
		}
		if he.Code == http.StatusRequestEntityTooLarge {
			msg = "the request is larger than this endpoint accepts" // echo's own words are the status text
		}
		return fault.FromStatus(he.Code, "", msg, nil)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fault.Unavailablef("the request took too long")
	}
	return &fault.Error{Category: fault.CategoryInternal, Message: "internal error"}
}

func errorHandler(log *slog.Logger, render func(echo.Context, int, *fault.Error)) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		// The request's own deadline may be what ended it; the error
		// response must still be written.
		c.SetRequest(c.Request().WithContext(context.WithoutCancel(c.Request().Context())))
		fe := Classify(err)
		status := fault.Status(fe.Category)
		var he *echo.HTTPError
		if errors.As(err, &he) && he.Code >= 400 {
			status = he.Code // keep 400, 405, 413 as echo decided
		}
		rid := c.Response().Header().Get(echo.HeaderXRequestID)
		if status >= 500 {
			log.Error("request failed", "status", status, "method", c.Request().Method, "path", c.Path(), "request_id", rid, "err", err)
		}
		if render != nil {
			render(c, status, fe)
			return
		}
		body := ErrorBody{Error: ErrorDetail{Code: string(fe.Category), Message: fe.Message, Fields: fe.Fields, RequestID: rid}}
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(status)
			return
		}
		_ = c.JSON(status, body)
	}
}

// Listen opens a TCP listener; "127.0.0.1:0" picks a free port.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}

// Serve serves e on ln until ctx ends, then shuts down gracefully: new
// connections are refused and in-flight requests get up to grace to finish.
func Serve(ctx context.Context, e *echo.Echo, ln net.Listener, grace time.Duration) error {
	srv := &http.Server{
		Handler:           e,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second, // uploads on slow links
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
