// Package static holds the browser assets that the web frontend serves: the
// hand-written stylesheet, the vendored htmx build and the images. They are
// embedded so that one binary carries everything a page needs; node_modules is
// only a build input for static/vendor.js and is deliberately left out.
package static

import "embed"

// FS holds css/, js/ and img/ with paths relative to this folder, e.g.
// "css/app.css" and "js/htmx.min.js". Serve it under /static/: the views link
// to /static/img/placeholder.svg and /static/img/logo.svg directly.
//
//go:embed css js img
var FS embed.FS
