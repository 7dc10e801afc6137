// Package e2e holds the end-to-end tests of the marketplace: they build the
// real binaries, run them as processes (the all-in-one binary on SQLite, or
// one process per service on PostgreSQL and RabbitMQ), and drive them with
// plain HTTP and with headless Chromium (chromedp), saving a screenshot of
// every browser step under web/e2e/artifacts/<mode>/ (E2E_ARTIFACTS moves
// that folder).
//
// The package has test files only. Run it with
//
//	go test ./web/e2e/
//
// Without Chromium, PostgreSQL or RabbitMQ the tests that need them are
// skipped; under CI=true they fail instead.
package e2e
