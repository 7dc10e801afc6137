// Package web is the frontend server: it renders pages with templ, keeps
// browser sessions and CSRF tokens, and calls the services through their
// typed clients. It holds no business rules: each service decides what the
// acting user may do.
package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/cart/cartclient"
	"github.com/marketplace/marketplace/services/comment/commentclient"
	"github.com/marketplace/marketplace/services/media/mediaclient"
	"github.com/marketplace/marketplace/services/order/orderclient"
	"github.com/marketplace/marketplace/services/payment/paymentclient"
	"github.com/marketplace/marketplace/services/platform/httpserver"
	"github.com/marketplace/marketplace/services/platform/opsclient"
	"github.com/marketplace/marketplace/services/product/productclient"
	"github.com/marketplace/marketplace/services/shop/shopclient"
	"github.com/marketplace/marketplace/services/user/userclient"
	"github.com/marketplace/marketplace/services/visualcontent/visualcontentclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

// Clients are the services the frontend calls.
type Clients struct {
	VisualContent *visualcontentclient.Client
	// Ops reach every service that consumes events, for the admin area's
	// dead letters.
	Ops       []*opsclient.Client
	Cart      *cartclient.Client
	Order     *orderclient.Client
	Payment   *paymentclient.Client
	User      *userclient.Client
	Shop      *shopclient.Client
	Product   *productclient.Client
	Warehouse *warehouseclient.Client
	Media     *mediaclient.Client
	Comment   *commentclient.Client
	Analytics *analyticsclient.Client
}

// Config configures the frontend.
type Config struct {
	Clients Clients
	// HashKey (32 or 64 bytes) signs and BlockKey (32 bytes) encrypts the
	// session cookie.
	HashKey, BlockKey []byte
	// SecureCookies marks cookies Secure; set it when served over HTTPS.
	SecureCookies bool
	// TrustedProxies lists the proxies (CIDRs) whose X-Forwarded-For is
	// believed; empty means the client address is the peer address.
	TrustedProxies []string
	Logger         *slog.Logger
	Registry       *prometheus.Registry
	// Timeout bounds one page request (default 15s).
	Timeout time.Duration
	// Profiling serves Go's profiler at /debug/pprof/.
	Profiling bool
}

// Web is the frontend.
type Web struct {
	cfg      Config
	store    *sessions.CookieStore
	assets   *assets
	log      *slog.Logger
	sessions *sessionCache
}

// New builds the frontend's echo server.
func New(cfg Config) (*echo.Echo, error) {
	if len(cfg.HashKey) < 32 || len(cfg.BlockKey) != 32 {
		return nil, errors.New("web: the session hash key needs at least 32 bytes and the block key exactly 32")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	extract, err := ipExtractor(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	as, err := loadAssets()
	if err != nil {
		return nil, err
	}
	w := &Web{cfg: cfg, store: newCookieStore(cfg.HashKey, cfg.BlockKey, cfg.SecureCookies), assets: as, log: cfg.Logger, sessions: newSessionCache()}
	e := httpserver.New(httpserver.Options{
		// The server-wide limit is the upload's; every other route has
		// formLimit (see routes).
		BodyLimit: uploadLimit,
		Service:   "web", Logger: cfg.Logger, Registry: cfg.Registry, RequestTimeout: cfg.Timeout,
		IPExtractor: extract, ErrorRenderer: w.renderError, Profiling: cfg.Profiling,
		Ready: []httpserver.Check{
			{Name: "user", Fn: cfg.Clients.User.Ping},
			{Name: "shop", Fn: cfg.Clients.Shop.Ping},
			{Name: "product", Fn: cfg.Clients.Product.Ping},
			{Name: "warehouse", Fn: cfg.Clients.Warehouse.Ping},
			{Name: "media", Fn: cfg.Clients.Media.Ping},
			{Name: "comment", Fn: cfg.Clients.Comment.Ping},
			{Name: "analytics", Fn: cfg.Clients.Analytics.Ping},
			{Name: "cart", Fn: cfg.Clients.Cart.Ping},
			{Name: "order", Fn: cfg.Clients.Order.Ping},
			{Name: "payment", Fn: cfg.Clients.Payment.Ping},
			{Name: "visualcontent", Fn: cfg.Clients.VisualContent.Ping},
		},
	})
	e.Use(securityHeaders)
	w.routes(e)
	return e, nil
}

// Body limits. A photo may be up to 10 MiB (the media service's limit)
// plus the form around it; everything else is a small form.
const (
	uploadLimit = "11M"
	formLimit   = "1M"
)

func (w *Web) routes(e *echo.Echo) {
	e.GET("/static/*", w.assets.serve)
	// Photos and banners are public, cacheable and need no session.
	e.GET("/media/*", w.mediaFile)
	e.GET("/banners/*", w.bannerFile)

	pages := e.Group("", middleware.BodyLimit(formLimit), w.csrf, w.authenticate)
	pages.GET("/", w.home)
	pages.GET("/products", w.products)
	pages.GET("/products/:id", w.product)
	pages.GET("/products/:id/reviews", w.productReviews)
	pages.POST("/products/:id/reviews", w.createReview)
	pages.POST("/reviews/:review_id", w.updateReview, w.requireUser)
	pages.POST("/reviews/:review_id/delete", w.deleteReview, w.requireUser)
	pages.GET("/shops/:slug", w.shopPage)
	pages.GET("/register", w.registerForm)
	pages.POST("/register", w.register)
	pages.GET("/login", w.loginForm)
	pages.POST("/login", w.login)
	pages.POST("/logout", w.logout)

	pages.GET("/cart", w.cartPage)
	pages.POST("/cart/items", w.addToCart)
	pages.POST("/cart/items/:variation_id", w.setCartQuantity)
	pages.GET("/checkout", w.checkoutForm, w.requireUser)
	pages.POST("/checkout", w.checkout, w.requireUser)

	buyer := pages.Group("/orders", w.requireUser)
	buyer.GET("", w.myOrders)
	buyer.GET("/:id", w.orderPage)
	buyer.GET("/:id/status", w.orderStatusFragment)
	buyer.POST("/:id/pay", w.payOrder)
	buyer.POST("/:id/cancel", w.cancelOrder)

	account := pages.Group("/account", w.requireUser)
	account.GET("", w.accountPage)
	account.POST("", w.updateAccount)
	account.POST("/password", w.changePassword)
	account.POST("/delete", w.deleteAccount)

	sell := pages.Group("/seller", w.requireUser)
	sell.GET("/shop", w.shopSettings)
	sell.POST("/shop", w.saveShop)
	sell.POST("/shop/close", w.closeShop)
	shop := sell.Group("", w.requireShop)
	shop.GET("", w.sellerOverview)
	shop.GET("/reviews", w.sellerReviews)
	shop.GET("/orders", w.sellerOrders)
	shop.POST("/orders/:id/ship", w.shipOrder)
	shop.GET("/products", w.sellerProducts)
	shop.GET("/products/new", w.newProductForm)
	shop.POST("/products/new", w.createProduct)
	shop.GET("/products/:id", w.editProduct)
	shop.POST("/products/:id", w.updateProduct)
	shop.POST("/products/:id/delete", w.deleteProduct)
	shop.POST("/products/:id/variations", w.addVariation)
	shop.POST("/products/:id/variations/:variation_id/delete", w.deleteVariation)
	shop.POST("/products/:id/stock", w.adjustStock)
	shop.GET("/products/:id/stock/:variation_id", w.stockMovements)
	shop.GET("/products/:id/images", w.productPhotos)
	shop.POST("/products/:id/images/:image_id/delete", w.deleteImage)
	// The upload is the one route outside the pages group: it takes the
	// server-wide (upload) body limit, and checks its CSRF token while it
	// streams the form (csrfStream) rather than by parsing the whole body.
	e.POST("/seller/products/:id/images", w.uploadImage, w.csrfStream, w.authenticate, w.requireUser, w.requireShop)

	admin := pages.Group("/admin", w.requireAdmin)
	admin.GET("", w.adminDashboard)
	admin.GET("/stock-audit", w.stockAudit)
	admin.POST("/reviews/:review_id/hidden", w.setReviewHidden)
	admin.GET("/banners", w.banners)
	admin.GET("/banners/:id", w.editBanner)
	admin.POST("/banners/:id", w.updateBanner)
	admin.GET("/banners/:id/row", w.bannerRowFragment)
	admin.POST("/banners/:id/active", w.setBannerActive)
	admin.POST("/banners/:id/move", w.moveBanner)
	admin.POST("/banners/:id/delete", w.deleteBanner)
	admin.GET("/dead-letters", w.deadLetters)
	admin.POST("/dead-letters/:service/replay", w.replayDeadLetters)
	// The banner uploads, like the photo upload, stream their multipart
	// form under the upload body limit and check its CSRF token as they go.
	e.POST("/admin/banners", w.createBanner, w.csrfStream, w.authenticate, w.requireAdmin)
	e.POST("/admin/banners/:id/image", w.replaceBannerImage, w.csrfStream, w.authenticate, w.requireAdmin)
}

func ipExtractor(cidrs []string) (echo.IPExtractor, error) {
	if len(cidrs) == 0 {
		// Nothing in front of us that we trust: X-Forwarded-For is whatever
		// the client wants it to be, so it is ignored.
		return echo.ExtractIPDirect(), nil
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, c := range cidrs {
		_, n, err := net.ParseCIDR(strings.TrimSpace(c))
		if err != nil {
			return nil, fmt.Errorf("web: trusted proxy %q: %w", c, err)
		}
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...), nil
}

// securityHeaders sets the headers every page carries. The content policy
// allows only this site's own scripts, styles and images.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
			"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		return next(c)
	}
}
