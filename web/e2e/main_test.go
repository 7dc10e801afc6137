package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// bins holds the binaries TestMain builds: marketplace, every service and
// web.
var bins string

// moduleRoot is the folder of go.mod.
var moduleRoot string

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	root, err := findModuleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	moduleRoot = root
	dir, err := os.MkdirTemp("", "marketplace-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	bins = dir
	// One go build for all of them: -o with a folder writes each main package
	// under its own name there.
	cmd := exec.Command("go", "build", "-o", dir+string(filepath.Separator),
		"./cmd/marketplace", "./cmd/user", "./cmd/shop", "./cmd/product", "./cmd/warehouse",
		"./cmd/media", "./cmd/comment", "./cmd/order", "./cmd/payment", "./cmd/cart", "./cmd/analytics", "./cmd/visualcontent", "./cmd/web")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: building the binaries failed: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

func findModuleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside a Go module")
	}
	return filepath.Dir(gomod), nil
}

// bin returns the path of a built binary.
func bin(name string) string { return filepath.Join(bins, name) }

// artifacts returns the folder for mode's screenshots and process logs,
// web/e2e/artifacts/<mode> unless E2E_ARTIFACTS names another root. It
// empties the folder first, so what is there afterwards is from this run.
func artifacts(t testing.TB, mode string) string {
	t.Helper()
	root := os.Getenv("E2E_ARTIFACTS")
	if root == "" {
		root = "artifacts" // go test runs in the package folder: web/e2e/artifacts
	}
	dir, err := filepath.Abs(filepath.Join(root, mode))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatalf("clear artifacts: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("create artifacts folder: %v", err)
	}
	return dir
}

// tail returns the last n lines of the file at path.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(cannot read %s: %v)", path, err)
	}
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}
