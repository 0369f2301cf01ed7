package main

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"handout/build"
	"handout/internal/pdftool"
)

// buildBinary builds handout into a temporary folder, as make does, and
// returns its path.
func buildBinary(t *testing.T) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is not on PATH: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "handout")
	if out, err := exec.Command(goCmd, "build", "-trimpath", "-buildvcs=false", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// child is handout running as a process of its own.
type child struct {
	cmd            *exec.Cmd
	stdout, stderr syncBuffer // written by exec's goroutines, read by the test meanwhile
	done           chan error // Wait's error, once it has ended
}

// startChild starts the handout binary bin with args in folder dir.
func startChild(t *testing.T, bin, dir string, args ...string) *child {
	t.Helper()
	c := &child{cmd: exec.Command(bin, args...), done: make(chan error, 1)}
	c.cmd.Dir = dir
	c.cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1700000000", "GITHUB_ACTIONS=")
	c.cmd.Stdout, c.cmd.Stderr = &c.stdout, &c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.done <- c.cmd.Wait() }()
	return c
}

// childLimit bounds every wait for a child process: generous, for a
// loaded CI machine, and never waited out when all is well.
const childLimit = 3 * time.Minute

// wait waits, at most childLimit, for the child to end and returns its exit
// status; it kills a child that does not end.
func (c *child) wait(t *testing.T) int {
	t.Helper()
	select {
	case err := <-c.done:
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("waiting for handout: %v", err)
		}
		return c.cmd.ProcessState.ExitCode()
	case <-time.After(childLimit):
		c.cmd.Process.Kill()
		<-c.done
		t.Fatalf("handout did not end within %v\nstderr:\n%s", childLimit, c.stderr.String())
		return -1
	}
}

// waitForPDFs waits, polling for at most childLimit, until at least n PDFs
// are under out, and fails the test if the child ends first.
func waitForPDFs(t *testing.T, c *child, out string, n int) {
	t.Helper()
	deadline := time.After(childLimit)
	for len(filesUnder(t, out, ".pdf")) < n {
		select {
		case err := <-c.done:
			t.Fatalf("handout ended (%v) before writing %d PDFs\nstderr:\n%s", err, n, c.stderr.String())
		case <-deadline:
			c.cmd.Process.Kill()
			t.Fatalf("fewer than %d PDFs under %s after %v", n, out, childLimit)
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// waitForNotice waits, polling for at most childLimit, until the child's
// stderr says notice.
func waitForNotice(t *testing.T, c *child, notice string) {
	t.Helper()
	deadline := time.After(childLimit)
	for !strings.Contains(c.stderr.String(), notice) {
		select {
		case <-deadline:
			t.Fatalf("stderr does not say %q after %v:\n%s", notice, childLimit, c.stderr.String())
		case <-time.After(time.Millisecond):
		}
	}
}

// filesUnder returns the files under dir whose names end with suffix.
func filesUnder(t *testing.T, dir, suffix string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(d.Name(), suffix) {
			found = append(found, path)
		}
		return nil // a file renamed or removed meanwhile is no matter
	})
	return found
}

// manifestOf is the part of build's manifest that the tests read.
type manifestOf struct {
	Files map[string]struct {
		Outputs []struct {
			Path   string `json:"path"`
			SHA256 string `json:"sha256"`
		} `json:"outputs"`
	} `json:"files"`
}

// checkOutputFolder checks what a build left in out: no temporary file,
// with qpdf, every PDF valid by qpdf --check, a manifest that is JSON
// and whose every entry's PDFs are on disk with the SHA-256 it records,
// and, when recorded is true, every PDF on disk recorded in it. It returns
// the number of entries.
func checkOutputFolder(t *testing.T, out string, qpdf, recorded bool) int {
	t.Helper()
	if tmps := filesUnder(t, out, ".tmp"); len(tmps) > 0 {
		t.Errorf("temporary files left: %q", tmps)
	}
	pdfs := filesUnder(t, out, ".pdf")
	for _, pdf := range pdfs {
		if qpdf {
			pdftool.Run(t, "qpdf", "--check", pdf)
		}
	}
	var m manifestOf
	data, err := os.ReadFile(filepath.Join(out, build.ManifestName))
	if errors.Is(err, fs.ErrNotExist) && !recorded {
		return 0
	}
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("the manifest is not JSON: %v\n%s", err, data)
	}
	inManifest := map[string]bool{}
	for key, e := range m.Files {
		for _, o := range e.Outputs {
			path := filepath.Join(out, filepath.FromSlash(o.Path))
			inManifest[path] = true
			pdf, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("entry %s: %v", key, err)
			} else if got := cliSHA256(pdf); got != o.SHA256 {
				t.Errorf("entry %s: %s has SHA-256 %s, the manifest says %s", key, o.Path, got, o.SHA256)
			}
		}
	}
	for _, pdf := range pdfs {
		if recorded && !inManifest[pdf] {
			t.Errorf("%s is not in the manifest", pdf)
		}
	}
	return len(m.Files)
}

// TestSignalDuringBuild builds 200 files (100 for SIGTERM) in a handout process of its own
// and stops it with a signal once some PDFs are written. It must exit with
// the signal's status, leave no temporary file and only whole PDFs, and a
// manifest that records exactly the PDFs on disk; the next build builds
// the rest and skips what was done.
func TestSignalDuringBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 300 files in a child process")
	}
	pdftool.Need(t, "qpdf")
	bin := buildBinary(t)
	for _, tt := range []struct {
		sig   syscall.Signal
		want  int
		files int // SIGTERM takes the same path: fewer will do
	}{
		{syscall.SIGINT, 130, 200},
		{syscall.SIGTERM, 143, 100},
	} {
		files := tt.files
		t.Run(tt.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			content := writeCorpus(t, dir, files)
			out := filepath.Join(dir, "out")
			c := startChild(t, bin, dir, "build", "-j", "2", "-q", "-o", out, content)
			waitForPDFs(t, c, out, 6)
			if err := c.cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			if code := c.wait(t); code != tt.want {
				t.Fatalf("exit status %d, want %d\nstderr:\n%s", code, tt.want, c.stderr.String())
			}
			if !strings.Contains(c.stderr.String(), "not done") {
				t.Errorf("stderr does not say the build was interrupted:\n%s", c.stderr.String())
			}
			done := checkOutputFolder(t, out, true, true)
			if done == 0 || done == files {
				t.Errorf("%d of %d files recorded: want some, not all", done, files)
			}

			again := startChild(t, bin, dir, "build", "-j", "2", "--report", "json", "-o", out, content)
			if code := again.wait(t); code != 0 {
				t.Fatalf("the next build: exit status %d\nstderr:\n%s", code, again.stderr.String())
			}
			var rep cliReport
			if err := json.Unmarshal([]byte(again.stdout.String()), &rep); err != nil {
				t.Fatalf("the next build's report: %v", err)
			}
			if s := rep.Summary; s.Skipped != done || s.Built != files-done {
				t.Errorf("the next build skipped %d and built %d, want %d and %d", s.Skipped, s.Built, done, files-done)
			}
			if n := checkOutputFolder(t, out, false, true); n != files {
				t.Errorf("after the next build the manifest has %d entries, want %d", n, files)
			}
		})
	}
}

// TestSecondSignal sends two Ctrl-Cs in a row: handout stops at once,
// removing its temporary files, with status 130. The manifest may then
// lag behind the PDFs (it is written last), but never names a PDF that is
// not as recorded, and the next build completes.
func TestSecondSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds files in a child process")
	}
	pdftool.Need(t, "qpdf")
	bin := buildBinary(t)
	dir := t.TempDir()
	content := writeCorpus(t, dir, 40)
	out := filepath.Join(dir, "out")
	c := startChild(t, bin, dir, "build", "-j", "2", "-q", "-o", out, content)
	waitForPDFs(t, c, out, 4)
	c.cmd.Process.Signal(syscall.SIGINT)
	waitForNotice(t, c, "SIGINT again to stop at once")
	c.cmd.Process.Signal(syscall.SIGINT)
	if code := c.wait(t); code != 130 {
		t.Fatalf("exit status %d, want 130\nstderr:\n%s", code, c.stderr.String())
	}
	// On an idle machine handout may finish the files in flight before
	// the second signal comes; TestOnSignals checks what it does then.
	if !strings.Contains(c.stderr.String(), "SIGINT again: stopped at once") {
		t.Logf("handout had finished before the second signal:\n%s", c.stderr.String())
	}
	checkOutputFolder(t, out, true, false)
	again := startChild(t, bin, dir, "build", "-q", "-o", out, content)
	if code := again.wait(t); code != 0 {
		t.Fatalf("the next build: exit status %d\nstderr:\n%s", code, again.stderr.String())
	}
	checkOutputFolder(t, out, false, true)
}

// TestOnSignals checks the signal handling in-process: the first signal
// cancels the context with the signal's exit status; the second removes
// the temporary files in progress and exits at once with its own.
func TestOnSignals(t *testing.T) {
	sigs := make(chan os.Signal, 2)
	exited := make(chan int, 1)
	var stderr syncBuffer
	removed := make(chan bool, 1)
	ctx, stop := onSignals(t.Context(), sigs, &stderr, func() { removed <- true }, func(code int) { exited <- code })
	defer stop()
	if got := stopStatus(ctx); got != 0 {
		t.Errorf("stopStatus before any signal = %d, want 0", got)
	}
	sigs <- syscall.SIGTERM
	<-ctx.Done()
	if got := stopStatus(ctx); got != 143 {
		t.Errorf("stopStatus after SIGTERM = %d, want 143", got)
	}
	sigs <- os.Interrupt
	select {
	case code := <-exited:
		if code != 130 {
			t.Errorf("the second signal, SIGINT, exited with %d, want 130", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second signal did not stop handout")
	}
	if !strings.Contains(stderr.String(), "SIGINT again") {
		t.Errorf("stderr = %q, want it to say SIGINT again", stderr.String())
	}
	select {
	case <-removed:
	default:
		t.Error("the second signal did not remove the temporary files")
	}
}

// TestStopStatus checks the exit status of a context cancelled otherwise
// than by a signal, as in-process tests do: 130.
func TestStopStatus(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if got := stopStatus(ctx); got != exitInterrupted {
		t.Errorf("stopStatus = %d, want %d", got, exitInterrupted)
	}
	if got := stopStatus(t.Context()); got != 0 {
		t.Errorf("stopStatus of a live context = %d, want 0", got)
	}
}
