package pdftool

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// recorder is a test that records a skip or a failure instead of stopping.
type recorder struct {
	testing.TB
	name, skip, fatal string
}

func (r *recorder) Helper()      {}
func (r *recorder) Name() string { return r.name }

func (r *recorder) Skipf(format string, args ...any) { r.skip = fmt.Sprintf(format, args...) }

func (r *recorder) Fatalf(format string, args ...any) { r.fatal = fmt.Sprintf(format, args...) }

func TestNeed(t *testing.T) {
	found := func(string) (string, error) { return "/usr/bin/qpdf", nil }
	missing := func(string) (string, error) { return "", errors.New("not found") }
	log := filepath.Join(t.TempDir(), "skips")
	env := func(kv map[string]string) func(string) string {
		return func(k string) string { return kv[k] }
	}

	r := &recorder{TB: t, name: "TestA"}
	if got := need(r, "qpdf", found, env(map[string]string{SkipLog: log})); got != "/usr/bin/qpdf" || r.skip != "" || r.fatal != "" {
		t.Errorf("an installed tool: path %q, skip %q, fatal %q", got, r.skip, r.fatal)
	}

	// Missing, outside CI: skipped, with the install command, and logged.
	for _, name := range []string{"TestA", "TestB/sub"} {
		r := &recorder{TB: t, name: name}
		need(r, "pdftotext", missing, env(map[string]string{SkipLog: log}))
		if r.skip != "pdftotext is not installed; to run this test: apt-get install -y poppler-utils" || r.fatal != "" {
			t.Errorf("a missing tool: skip %q, fatal %q", r.skip, r.fatal)
		}
	}
	if data, err := os.ReadFile(log); err != nil || string(data) != "pdftotext\tpoppler-utils\tTestA\npdftotext\tpoppler-utils\tTestB/sub\n" {
		t.Errorf("the skip log holds %q (%v)", data, err)
	}

	// Without the log, the skip alone.
	r = &recorder{TB: t, name: "TestC"}
	need(r, "pdftotext", missing, env(nil))
	if r.skip == "" || r.fatal != "" {
		t.Errorf("no log: skip %q, fatal %q", r.skip, r.fatal)
	}

	// Missing under CI=true: a failure, never a skip, and nothing logged.
	r = &recorder{TB: t, name: "TestD"}
	need(r, "qpdf", missing, env(map[string]string{"CI": "true", SkipLog: log}))
	if r.fatal != "qpdf is not installed (CI=true): apt-get install -y qpdf" || r.skip != "" {
		t.Errorf("CI=true: skip %q, fatal %q", r.skip, r.fatal)
	}
	if data, _ := os.ReadFile(log); len(data) != len("pdftotext\tpoppler-utils\tTestA\npdftotext\tpoppler-utils\tTestB/sub\n") {
		t.Errorf("CI=true logged a skip: %q", data)
	}
}
