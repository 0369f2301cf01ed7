// Package pdftool lets tests check PDFs with independent command-line tools:
// poppler-utils (pdftotext, pdffonts, pdfinfo) and qpdf.
package pdftool

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// SkipLog is the environment variable that names a file to which Need and
// Missing add a line for each test they skip: what was missing, the Debian
// package that has it and the test, separated by tabs. make test sets it
// and, at the end of the run, counts the lines and names the packages,
// since go test shows skips only with -v. It is read only when something
// is missing, so that, with everything installed, go test's cache does not
// depend on it.
const SkipLog = "HANDOUT_SKIP_LOG"

// packageOf returns the Debian package that has the tool name.
func packageOf(name string) string {
	if name == "qpdf" {
		return "qpdf"
	}
	return "poppler-utils"
}

// Missing skips the test for want of what (a tool, a font), which the
// Debian package pkg installs, recording it in the file that SkipLog
// names; when the environment variable CI is "true" it fails the test
// instead, since CI installs everything the tests use.
func Missing(t testing.TB, what, pkg string) {
	t.Helper()
	missing(t, what, pkg, os.Getenv)
}

// missing is Missing with the environment given.
func missing(t testing.TB, what, pkg string, getenv func(string) string) {
	t.Helper()
	install := "apt-get install -y " + pkg
	if getenv("CI") == "true" {
		t.Fatalf("%s is not installed (CI=true): %s", what, install)
		return
	}
	if log := getenv(SkipLog); log != "" {
		if err := appendLine(log, what+"\t"+pkg+"\t"+t.Name()); err != nil {
			t.Errorf("recording the skip: %v", err)
		}
	}
	t.Skipf("%s is not installed; to run this test: %s", what, install)
}

// Need returns the path of the named tool. If it is not installed, Need
// skips the test, recording it in the file that SkipLog names, or fails it
// when the environment variable CI is "true", so that a CI run cannot pass
// without the independent checks.
func Need(t testing.TB, name string) string {
	t.Helper()
	return need(t, name, exec.LookPath, os.Getenv)
}

// need is Need with the tool's lookup and the environment given.
func need(t testing.TB, name string, lookPath func(string) (string, error), getenv func(string) string) string {
	t.Helper()
	path, err := lookPath(name)
	if err == nil {
		return path
	}
	missing(t, name, packageOf(name), getenv)
	return ""
}

// appendLine adds line to the file at path. Tests in many processes add
// to it at once: each line is one write to a file opened to append, which
// does not mix with the others.
func appendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, err = f.WriteString(line + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
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
