package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/actor"
	"github.com/marketplace/marketplace/services/platform/eventbus/rabbitmq"
	"github.com/marketplace/marketplace/services/platform/host"
	"github.com/marketplace/marketplace/services/platform/testkit"
	"github.com/marketplace/marketplace/services/user"
)

// stopGrace is how long a stopping process may take after SIGTERM before
// it is killed.
const stopGrace = 10 * time.Second

// process is a binary started by a test, in its own process group, with
// its stdout and stderr in files in the artifacts folder.
type process struct {
	name   string
	cmd    *exec.Cmd
	stdout string // paths of the log files
	stderr string
	done   chan struct{} // closed when the process has exited
	err    error         // what Wait returned; read after done
}

// startProcess starts path with args and env (added to this process's
// environment) and logs into dir/<name>.stdout.log and .stderr.log. onLine,
// when set, sees every stdout line as it is written. When the test ends the
// process is stopped (SIGTERM, then SIGKILL after stopGrace) and, if the
// test failed, the tail of its logs is printed.
func startProcess(t testing.TB, dir, name, path string, args, env []string, onLine func(string)) *process {
	t.Helper()
	p := &process{
		name:   name,
		stdout: filepath.Join(dir, name+".stdout.log"),
		stderr: filepath.Join(dir, name+".stderr.log"),
		done:   make(chan struct{}),
	}
	outFile, err := os.Create(p.stdout)
	if err != nil {
		t.Fatal(err)
	}
	errFile, err := os.Create(p.stderr)
	if err != nil {
		outFile.Close()
		t.Fatal(err)
	}
	cmd := exec.Command(path, args...)
	cmd.Dir = t.TempDir() // nothing the process writes lands in the repository
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = &lineWriter{w: outFile, fn: onLine}
	cmd.Stderr = errFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		outFile.Close()
		errFile.Close()
		t.Fatalf("start %s: %v", name, err)
	}
	p.cmd = cmd
	go func() {
		p.err = cmd.Wait()
		outFile.Close()
		errFile.Close()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.stop(t)
		if t.Failed() {
			t.Logf("--- %s stdout (last lines of %s):\n%s", name, p.stdout, tail(p.stdout, 30))
			t.Logf("--- %s stderr (last lines of %s):\n%s", name, p.stderr, tail(p.stderr, 30))
		}
	})
	return p
}

// exited reports whether the process has ended.
func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// signal sends sig to the process group.
func (p *process) signal(sig syscall.Signal) error {
	return syscall.Kill(-p.cmd.Process.Pid, sig)
}

// stop ends the process gracefully, killing its group when it takes longer
// than stopGrace. Every process must exit 0 on SIGTERM, in both modes:
// anything else fails the test that started it.
func (p *process) stop(t testing.TB) {
	if p.exited() {
		return
	}
	_ = p.signal(syscall.SIGTERM)
	select {
	case <-p.done:
		if code := p.cmd.ProcessState.ExitCode(); code != 0 {
			t.Errorf("%s exited with code %d on SIGTERM, want 0; stderr:\n%s", p.name, code, tail(p.stderr, 5))
		}
	case <-time.After(stopGrace):
		t.Errorf("%s did not stop within %s of SIGTERM; killing it", p.name, stopGrace)
		_ = p.signal(syscall.SIGKILL)
		<-p.done
	}
}

// describe says how the process ended, for messages.
func (p *process) describe() string {
	if !p.exited() {
		return p.name + " is running"
	}
	return fmt.Sprintf("%s exited (%v); stderr:\n%s", p.name, p.err, tail(p.stderr, 30))
}

// lineWriter writes to w and calls fn with each complete line.
type lineWriter struct {
	mu  sync.Mutex
	w   io.Writer
	fn  func(string)
	buf []byte
}

func (l *lineWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := l.w.Write(b)
	if l.fn != nil {
		l.buf = append(l.buf, b...)
		for {
			i := bytes.IndexByte(l.buf, '\n')
			if i < 0 {
				break
			}
			l.fn(strings.TrimRight(string(l.buf[:i]), "\r"))
			l.buf = l.buf[i+1:]
		}
	}
	return n, err
}

// account is a person who can sign in.
type account struct {
	Name, Email, Password string
}

// newAccount makes an account with a unique email address.
func newAccount(name, local string) account {
	return account{Name: name, Email: local + "-" + testkit.Suffix() + "@example.com", Password: "correct horse " + testkit.Suffix()}
}

var runningLine = regexp.MustCompile(`Marketplace is running at (http://\S+) `)

// startMarketplace runs the all-in-one binary on dataDir, on a free port,
// and returns the process and the base URL of the site once it says it is
// running.
func startMarketplace(t testing.TB, dir, dataDir string, extra ...string) (*process, string) {
	t.Helper()
	urls := make(chan string, 1)
	p := startProcess(t, dir, "marketplace", bin("marketplace"),
		append([]string{"serve", "--addr", "127.0.0.1:0", "--data", dataDir}, extra...),
		[]string{"LOG_FORMAT=text"},
		func(line string) {
			if m := runningLine.FindStringSubmatch(line); m != nil {
				select {
				case urls <- m[1]:
				default:
				}
			}
		})
	select {
	case u := <-urls:
		return p, u
	case <-p.done:
		t.Fatalf("the marketplace stopped before it was running: %s", p.describe())
	case <-time.After(60 * time.Second):
		t.Fatalf("the marketplace did not say it was running within 60s; stdout:\n%s", tail(p.stdout, 20))
	}
	return nil, ""
}

// createAdminEmbedded adds an admin to the all-in-one binary's data folder
// with its command line, as an operator would.
func createAdminEmbedded(t testing.TB, dataDir string, a account) {
	t.Helper()
	cmd := exec.Command(bin("marketplace"), "user", "create", "--data", dataDir,
		"--email", a.Email, "--password", a.Password, "--name", a.Name, "--role", "admin")
	cmd.Env = append(os.Environ(), "LOG_FORMAT=text")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("marketplace user create: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "created admin") {
		t.Fatalf("marketplace user create said %q, want it to report the created admin", out)
	}
}

// createAdminDistributed adds an admin directly to the user service's own
// PostgreSQL database, as `marketplace user create` does for SQLite: the
// user.created event waits in that database's outbox until the running
// user service relays it.
func createAdminDistributed(t testing.TB, userDB string, a account) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	deps, err := host.NewDeps(ctx, host.Config{Name: "user", DatabaseURL: userDB, Logger: quiet})
	if err != nil {
		t.Fatalf("open the user database: %v", err)
	}
	defer deps.DB.Close()
	svc, err := user.New(deps)
	if err != nil {
		t.Fatalf("build the user service: %v", err)
	}
	if _, err := svc.CreateUser(ctx, a.Name, a.Email, a.Password, actor.Admin); err != nil {
		t.Fatalf("create the admin: %v", err)
	}
}

// consumers are the services with a queue of their own.
var consumers = []string{"user", "shop", "product", "warehouse", "media", "comment", "order", "payment", "cart", "analytics", "visualcontent"}

// distributed is a running distributed marketplace.
type distributed struct {
	web   string            // the frontend's base URL
	url   map[string]string // each service's base URL
	db    map[string]string // each service's database URL
	amqp  string
	ns    string // the RabbitMQ namespace of this run
	token string // the internal token
}

// startDistributed runs each service and the web frontend as its own
// process on fresh PostgreSQL databases and a RabbitMQ namespace of its
// own, every service with its demo data, with admin in the user database,
// and returns the frontend's URL.
func startDistributed(t testing.TB, dir string, admin account) string {
	t.Helper()
	return runDistributed(t, dir, admin, true, testkit.RabbitMQ(t)).web
}

// runDistributed is startDistributed with the choice of demo data and of
// the broker URL (taken with testkit.RabbitMQ or RabbitMQExclusive).
func runDistributed(t testing.TB, dir string, admin account, demo bool, amqpURL string) *distributed {
	t.Helper()
	d := &distributed{url: map[string]string{}, db: map[string]string{}, amqp: amqpURL, ns: "e2e" + testkit.Suffix(), token: randomHex(24)}
	for _, svc := range consumers {
		d.db[svc] = testkit.Postgres(t)
	}
	// Registered before any process starts, so it runs after they stopped.
	t.Cleanup(func() { deleteNamespace(t, amqpURL, d.ns, consumers...) })

	common := []string{
		"AMQP_URL=" + amqpURL,
		"INTERNAL_TOKEN=" + d.token,
		"BUS_NAMESPACE=" + d.ns,
		"LOG_FORMAT=text",
		"DEMO_DATA=" + strconv.FormatBool(demo),
	}
	createAdminDistributed(t, d.db["user"], admin)

	// A service opens (and declares its queue) before the services that
	// publish to it start, and after the services it calls.
	start := func(svc string, env ...string) {
		_, d.url[svc] = startService(t, dir, svc, append(append(common, "DATABASE_URL="+d.db[svc]), env...))
	}
	start("analytics")
	start("visualcontent", "VISUAL_DIR="+filepath.Join(t.TempDir(), "banners"))
	start("user")
	start("shop")
	start("product", "SHOP_URL="+d.url["shop"])
	start("warehouse", "PRODUCT_URL="+d.url["product"])
	start("media", "PRODUCT_URL="+d.url["product"], "MEDIA_DIR="+filepath.Join(t.TempDir(), "media"))
	start("comment", "PRODUCT_URL="+d.url["product"])
	start("order", "PRODUCT_URL="+d.url["product"], "WAREHOUSE_URL="+d.url["warehouse"])
	start("payment", "ORDER_URL="+d.url["order"])
	start("cart", "PRODUCT_URL="+d.url["product"], "WAREHOUSE_URL="+d.url["warehouse"], "ORDER_URL="+d.url["order"])
	env := append(common, "SESSION_HASH_KEY="+randomHex(32), "SESSION_BLOCK_KEY="+randomHex(32))
	for _, svc := range consumers {
		env = append(env, strings.ToUpper(svc)+"_URL="+d.url[svc])
	}
	_, d.web = startService(t, dir, "web", env)
	return d
}

// startService starts one of the per-service binaries (or web) on a free
// loopback port and waits until GET /readyz answers 200. A port taken
// between choosing and binding it is retried on another.
func startService(t testing.TB, dir, name string, env []string) (*process, string) {
	t.Helper()
	for attempt := 1; ; attempt++ {
		addr := freeAddr(t)
		logName := name
		if attempt > 1 {
			logName = fmt.Sprintf("%s.%d", name, attempt)
		}
		p := startProcess(t, dir, logName, bin(name), nil, append(env[:len(env):len(env)], "ADDR="+addr), nil)
		base := "http://" + addr
		err := waitReady(p, base, 60*time.Second)
		if err == nil {
			return p, base
		}
		if p.exited() && attempt < 3 {
			if b, _ := os.ReadFile(p.stderr); bytes.Contains(b, []byte("address already in use")) {
				continue
			}
		}
		t.Fatalf("%s did not become ready: %v", name, err)
	}
}

// freeAddr returns a loopback address with a port that was free just now.
func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitReady polls base/readyz until it answers 200, the process exits or
// the timeout passes.
func waitReady(p *process, base string, timeout time.Duration) error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	last := "no answer yet"
	for {
		if p.exited() {
			return errors.New(p.describe())
		}
		resp, err := client.Get(base + "/readyz")
		if err == nil {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = fmt.Sprintf("%s: %s", resp.Status, bytes.TrimSpace(body))
		} else {
			last = err.Error()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s/readyz not ready after %s (last: %s)", base, timeout, last)
		}
		time.Sleep(100 * time.Millisecond) // poll interval
	}
}

// deleteNamespace removes the test's RabbitMQ queues and exchanges.
func deleteNamespace(t testing.TB, amqpURL, ns string, consumers ...string) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	tr := rabbitmq.New(rabbitmq.Config{URL: amqpURL, Namespace: ns, Name: "e2e cleanup",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	defer tr.Close()
	for _, c := range consumers {
		if err := tr.DeleteQueue(ctx, host.Queue(c)); err != nil {
			t.Logf("delete queue %s of namespace %s: %v", host.Queue(c), ns, err)
		}
	}
	if err := tr.DeleteExchanges(ctx); err != nil {
		t.Logf("delete exchanges of namespace %s: %v", ns, err)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
