package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestCLIWatchSays runs handout watch: it says what it watches, and after
// an error, that the file is fixed, whether its PDFs were built again or
// are those of its content again; after its removal, that it is back.
func TestCLIWatchSays(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	a, b := filepath.Join(content, "a.toml"), filepath.Join(content, "b.toml")
	good, bad := fixture(t, "small.toml"), fixture(t, "bad.toml")
	write(t, a, good)
	write(t, b, good)
	out := filepath.Join(dir, "out")

	w := startWatch(t, out, content)
	stdout, stderr := &w.stdout, &w.stderr
	// waitFor waits, a bounded time, for the last line of stream to
	// match, for the nth time.
	waitFor := func(stream *syncBuffer, pattern string, n int) {
		t.Helper()
		line := regexp.MustCompile(`(?m)^` + pattern + `$`)
		last := regexp.MustCompile(`(?m)^` + pattern + `\n\z`)
		deadline := time.Now().Add(10 * time.Second)
		for s := stream.String(); len(line.FindAllString(s, -1)) < n || !last.MatchString(s); s = stream.String() {
			select {
			case code := <-w.done:
				t.Fatalf("watch stopped with status %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("no last line %q after 10 s\nstdout:\n%s\nstderr:\n%s", pattern, stdout.String(), stderr.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	q := regexp.QuoteMeta
	stamp := `\d\d:\d\d:\d\d `
	pdfs := q(filepath.Join(out, "a.pdf")) + ` \(1 page\), ` + q(filepath.Join(out, "a-summary.pdf")) + ` \(1 page\)`
	waitFor(stdout, q("watching 2 files in "+content+string(filepath.Separator)+"; Ctrl-C to stop"), 1)

	write(t, a, bad)
	waitFor(stderr, q(a)+`:8:1: unknown key "qoute".*`, 1)
	write(t, a, good) // as its PDFs were built from
	waitFor(stdout, stamp+q(a)+" is fixed: "+q(filepath.Join(out, "a.pdf"))+" and "+q(filepath.Join(out, "a-summary.pdf"))+" are up to date", 1)

	write(t, a, bad)
	waitFor(stderr, q(a)+`:8:1: unknown key "qoute".*`, 2)
	write(t, a, good+"\n# saved again\n")
	waitFor(stdout, stamp+q(a)+" is fixed: built "+pdfs, 1)

	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	waitFor(stderr, stamp+"handout watch: "+q(a)+": removed; it will be built when it is back", 1)
	write(t, a, good+"\n# saved again\n")
	waitFor(stdout, stamp+q(a)+" is back: "+q(filepath.Join(out, "a.pdf"))+" and "+q(filepath.Join(out, "a-summary.pdf"))+" are up to date", 1)

	write(t, a, good)
	waitFor(stdout, stamp+"built "+q(a)+": "+pdfs, 2)
	w.stop(t, 10*time.Second)
}

// A watchRun is handout watch run in the background by startWatch.
type watchRun struct {
	stdout, stderr syncBuffer
	done           chan int // gets the exit status
	cancel         context.CancelFunc
}

// startWatch runs handout watch -o out content in the background, until
// stop or the end of the test.
func startWatch(t *testing.T, out, content string) *watchRun {
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	w := &watchRun{done: make(chan int, 1), cancel: cancel}
	go func() {
		w.done <- run([]string{"watch", "-o", out, content}, env{
			stdin: strings.NewReader(""), stdout: &w.stdout, stderr: &w.stderr, getenv: fixedEnv,
			terminal: func(io.Writer) bool { return false }, ctx: ctx,
		})
	}()
	return w
}

// stop interrupts the watch and checks that it stops, with status 0,
// within the time given.
func (w *watchRun) stop(t *testing.T, within time.Duration) {
	t.Helper()
	w.cancel()
	select {
	case code := <-w.done:
		if code != 0 {
			t.Errorf("exit status %d, want 0", code)
		}
	case <-time.After(within):
		t.Fatalf("watch did not stop within %v of being interrupted", within)
	}
}

// TestWatched says what handout watch watches.
func TestWatched(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content", "a.toml"), "")
	write(t, filepath.Join(dir, "more", "b.toml"), "")
	t.Chdir(dir)
	sep := string(filepath.Separator)
	for _, tt := range []struct {
		files int
		paths []string
		want  string
	}{
		{3, []string{"content/"}, "3 files in content/"},
		{1, []string{"content"}, "1 file in content" + sep},
		{2, []string{"content", "more"}, "2 files in content" + sep + " and more" + sep},
		{1, []string{filepath.Join("content", "a.toml")}, filepath.Join("content", "a.toml")},
		{4, []string{"content/", filepath.Join("more", "b.toml")}, "4 files: content/ and " + filepath.Join("more", "b.toml")},
	} {
		if got := watched(tt.files, tt.paths); got != tt.want {
			t.Errorf("watched(%d, %q) = %q, want %q", tt.files, tt.paths, got, tt.want)
		}
	}
}
