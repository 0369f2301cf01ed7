// Package pdftool lets tests check PDFs with independent command-line tools:
// poppler-utils (pdftotext, pdffonts, pdfinfo) and qpdf.
package pdftool

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// Install is the command that installs every tool this package looks for.
const Install = "apt-get install -y poppler-utils qpdf"

// Need returns the path of the named tool. If it is not installed, Need
// skips the test, or fails it when the environment variable CI is "true",
// so that a CI run cannot pass without the independent checks.
func Need(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed (CI=true): %s", name, Install)
	}
	t.Skipf("%s is not installed; to run this test: %s", name, Install)
	return ""
}

// Run runs the named tool (see Need) with args and returns its standard
// output. It fails the test, showing standard error, if the tool fails.
func Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(Need(t, name), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s%s", name, args, err, stdout.String(), stderr.String())
	}
	return stdout.String()
}
