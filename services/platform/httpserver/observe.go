package httpserver

import (
	"log/slog"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

var requestCounter atomic.Uint64

type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "marketplace_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "marketplace_http_request_seconds", Help: "HTTP request latency by route and method.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 15),
		}, []string{"route", "method"}),
	}
	reg.MustRegister(m.requests, m.latency)
	// Go runtime and process metrics, once per registry.
	_ = reg.Register(collectors.NewGoCollector())
	_ = reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// accessLog logs one line per request and records metrics. Health checks
// and metric scrapes log at debug level only, to keep the log readable.
func accessLog(log *slog.Logger, m *metrics) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err) // write the error response now, so the status is known
			}
			route := c.Path()
			if route == "" {
				route = "unmatched"
			}
			req, res := c.Request(), c.Response()
			d := time.Since(start)
			status := strconv.Itoa(res.Status)
			m.requests.WithLabelValues(route, req.Method, status).Inc()
			m.latency.WithLabelValues(route, req.Method).Observe(d.Seconds())
			level := slog.LevelInfo
			switch {
			case route == "/healthz" || route == "/readyz" || route == "/metrics":
				level = slog.LevelDebug
			case res.Status >= 500:
				level = slog.LevelError
			}
			log.Log(req.Context(), level, "http request",
				"method", req.Method, "route", route, "status", res.Status,
				"duration_ms", float64(d.Microseconds())/1000, "bytes", res.Size,
				"ip", c.RealIP(), "request_id", res.Header().Get(echo.HeaderXRequestID))
			return nil
		}
	}
}
