package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/marketplace/marketplace/services/analytics/analyticsclient"
	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/database"
	"github.com/marketplace/marketplace/services/platform/httpclient"
	"github.com/marketplace/marketplace/services/warehouse/warehouseclient"
)

// site is a running marketplace in either mode, with what tests need to
// check its state behind the frontend: each service's database and the
// warehouse's API (for the stock audit).
type site struct {
	base      string
	db        map[string]string
	warehouse *warehouseclient.Client
	analytics *analyticsclient.Client
}

// embeddedSite describes the all-in-one binary running on dataDir, whose
// process logged its services' addresses.
func embeddedSite(t testing.TB, p *process, base, dataDir string) *site {
	t.Helper()
	urls := serviceURLs(t, p)
	var sec struct {
		InternalToken string `json:"internal_token"`
	}
	b, err := os.ReadFile(filepath.Join(dataDir, "secrets.json"))
	if err == nil {
		err = json.Unmarshal(b, &sec)
	}
	if err != nil {
		t.Fatalf("read the data folder's secrets: %v", err)
	}
	opt := httpclient.Options{Token: sec.InternalToken}
	s := &site{base: base, db: map[string]string{},
		warehouse: warehouseclient.New(urls["warehouse"], opt), analytics: analyticsclient.New(urls["analytics"], opt)}
	for _, svc := range consumers {
		s.db[svc] = "sqlite:" + filepath.Join(dataDir, svc+".db")
	}
	return s
}

// distributedSite describes a running distributed marketplace.
func distributedSite(d *distributed) *site {
	opt := httpclient.Options{Token: d.token}
	return &site{base: d.web, db: d.db,
		warehouse: warehouseclient.New(d.url["warehouse"], opt), analytics: analyticsclient.New(d.url["analytics"], opt)}
}

var serviceStarted = regexp.MustCompile(`msg="service listening" service=(\w+) url=(\S+)`)

// serviceURLs reads the internal addresses the all-in-one binary logged.
func serviceURLs(t testing.TB, p *process) map[string]string {
	t.Helper()
	b, err := os.ReadFile(p.stderr)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range serviceStarted.FindAllStringSubmatch(string(b), -1) {
		out[m[1]] = m[2]
	}
	if out["warehouse"] == "" {
		t.Fatalf("the marketplace did not log its services' addresses")
	}
	return out
}

// query runs a one-row query on a service's database (read-only use:
// SQLite's WAL lets it read beside the running process).
func (s *site) query(t testing.TB, service string, dst any, sql string, args ...any) {
	t.Helper()
	db, err := database.Open(context.Background(), s.db[service], database.Options{MaxOpenConns: 1})
	if err != nil {
		t.Fatalf("open the %s database: %v", service, err)
	}
	defer db.Close()
	if err := db.Conn(context.Background()).Raw(sql, args...).Scan(dst).Error; err != nil {
		t.Fatalf("query the %s database: %v", service, err)
	}
}

// auditClean fails unless the warehouse's stock audit finds nothing.
func (s *site) auditClean(t testing.TB) int64 {
	t.Helper()
	rep, err := s.warehouse.Audit(actor.With(context.Background(), actor.Actor{UserID: "e2e-audit", Role: actor.Admin}))
	if err != nil {
		t.Fatalf("stock audit: %v", err)
	}
	if len(rep.Items) > 0 {
		t.Fatalf("the stock audit found %d mismatches: %+v", len(rep.Items), rep.Items)
	}
	return rep.Checked
}
