package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"handout/build"
)

// timeout bounds every wait for Run: far more than a build takes, even
// under the race detector on a loaded machine.
const timeout = 10 * time.Second

var testTime = time.Unix(1700000000, 0).UTC()

// running is one Run in a test, with what it reported.
type running struct {
	results chan build.Result
	warns   chan error
	ready   chan int // the files watched, once watching
	done    chan error
	cancel  context.CancelFunc
}

// start runs Run on paths with PDFs under out until the test ends, and
// waits for the results of the first build, one per content file in want
// (base names), which must all be built, and then for Run to say that it
// watches them.
func start(t *testing.T, paths []string, out string, want ...string) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{
		results: make(chan build.Result, 100),
		warns:   make(chan error, 100),
		ready:   make(chan int, 1),
		done:    make(chan error, 1),
		cancel:  cancel,
	}
	b := &build.Batch{
		Options:  build.Options{Time: testTime, Version: "test"},
		Manifest: filepath.Join(out, build.ManifestName),
		Tool:     "test",
	}
	go func() {
		r.done <- Run(ctx, paths, out, b, func(res build.Result) { r.results <- res }, func(err error) { r.warns <- err },
			func(n int) { r.ready <- n })
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(timeout):
			t.Error("Run did not return after its context was cancelled")
		}
	})
	for _, name := range want {
		r.expect(t, name, build.Built)
	}
	select {
	case n := <-r.ready:
		if n != len(want) {
			t.Fatalf("Run watches %d files, want %d", n, len(want))
		}
	case <-time.After(timeout):
		t.Fatalf("Run did not say it watches the files within %v", timeout)
	}
	return r
}

// next returns the next result, failing the test if none comes in time.
func (r *running) next(t *testing.T) build.Result {
	t.Helper()
	select {
	case res := <-r.results:
		return res
	case err := <-r.done:
		t.Fatalf("Run returned %v while a result was awaited", err)
	case <-time.After(timeout):
		t.Fatalf("no result after %v", timeout)
	}
	panic("unreachable")
}

// expect returns the next result, which must be for the content file of
// base name name, with the status.
func (r *running) expect(t *testing.T, name string, status build.Status) build.Result {
	t.Helper()
	res := r.next(t)
	if got := filepath.Base(res.Source.Name); got != name || res.Status != status {
		t.Fatalf("got %s %s (err %v), want %s %s", got, res.Status, res.Err, name, status)
	}
	if status != build.Failed && res.Err != nil {
		t.Fatalf("%s: %s with error %v", name, status, res.Err)
	}
	return res
}

// warning returns the next warning, failing the test if none comes in
// time.
func (r *running) warning(t *testing.T) error {
	t.Helper()
	select {
	case err := <-r.warns:
		return err
	case <-time.After(timeout):
		t.Fatalf("no warning after %v", timeout)
	}
	panic("unreachable")
}

// noWarnings fails the test if Run has warned of anything.
func (r *running) noWarnings(t *testing.T) {
	t.Helper()
	for {
		select {
		case err := <-r.warns:
			t.Errorf("warning: %v", err)
		default:
			return
		}
	}
}

// testdata returns the content of a file of build's test data.
func testdata(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "build", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// version returns a valid content file whose PDFs differ for each n.
func version(t *testing.T, n int) string {
	t.Helper()
	small := testdata(t, "small.toml")
	v := strings.Replace(small, `title = "A small worksheet"`, fmt.Sprintf(`title = "Version %d"`, n), 1)
	if v == small {
		t.Fatal("small.toml has no title to change")
	}
	return v
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// tree makes a folder with the content files a.toml and b.toml, and the
// output folder inside it, as with `handout watch .`, so that Run sees its
// own writes and must ignore them. It returns the folder and the output
// folder.
func tree(t *testing.T) (root, out string) {
	t.Helper()
	root = t.TempDir()
	write(t, filepath.Join(root, "a.toml"), version(t, 1))
	write(t, filepath.Join(root, "b.toml"), version(t, 1))
	return root, filepath.Join(root, "out")
}

func TestInitialBuild(t *testing.T) {
	root, out := tree(t)
	r := start(t, []string{root}, out, "a.toml", "b.toml")
	for _, name := range []string{"a.pdf", "a-summary.pdf", "b.pdf", "b-summary.pdf"} {
		read(t, filepath.Join(out, name))
	}
	r.noWarnings(t)
}

// Every save below is followed by a save of b.toml, whose result must be
// the next: so a save rebuilds its file once, and Run's own writes in the
// output folder rebuild nothing.

func TestWrite(t *testing.T) {
	root, out := tree(t)
	r := start(t, []string{root}, out, "a.toml", "b.toml")
	before := read(t, filepath.Join(out, "a.pdf"))
	write(t, filepath.Join(root, "a.toml"), version(t, 2))
	res := r.expect(t, "a.toml", build.Built)
	if after := read(t, filepath.Join(out, "a.pdf")); bytes.Equal(after, before) {
		t.Error("a.pdf is unchanged after a.toml changed")
	}
	if len(res.Outputs) != 2 || res.Outputs[0].Path != filepath.Join(out, "a.pdf") {
		t.Errorf("outputs %+v, want a.pdf and a-summary.pdf", res.Outputs)
	}
	write(t, filepath.Join(root, "b.toml"), version(t, 2))
	r.expect(t, "b.toml", build.Built)
	r.noWarnings(t)
}

func TestRenameSave(t *testing.T) {
	saves := map[string]func(t *testing.T, path, content string){
		// Write a temporary file, then rename it over the file.
		"atomic": func(t *testing.T, path, content string) {
			write(t, path+".tmp", content)
			if err := os.Rename(path+".tmp", path); err != nil {
				t.Fatal(err)
			}
		},
		// vim's default: rename the file to a backup, write a new file,
		// remove the backup.
		"backup": func(t *testing.T, path, content string) {
			if err := os.Rename(path, path+"~"); err != nil {
				t.Fatal(err)
			}
			write(t, path, content)
			if err := os.Remove(path + "~"); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, save := range saves {
		t.Run(name, func(t *testing.T) {
			root, out := tree(t)
			r := start(t, []string{root}, out, "a.toml", "b.toml")
			before := read(t, filepath.Join(out, "a.pdf"))
			for n := 2; n <= 3; n++ { // twice: the file watched is a new one
				save(t, filepath.Join(root, "a.toml"), version(t, n))
				r.expect(t, "a.toml", build.Built)
				after := read(t, filepath.Join(out, "a.pdf"))
				if bytes.Equal(after, before) {
					t.Errorf("save %d: a.pdf is unchanged", n)
				}
				before = after
			}
			write(t, filepath.Join(root, "b.toml"), version(t, 2))
			r.expect(t, "b.toml", build.Built)
			r.noWarnings(t)
		})
	}
}

func TestSaveWithErrors(t *testing.T) {
	root, out := tree(t)
	r := start(t, []string{root}, out, "a.toml", "b.toml")
	good := read(t, filepath.Join(out, "a.pdf"))
	goodSummary := read(t, filepath.Join(out, "a-summary.pdf"))

	write(t, filepath.Join(root, "a.toml"), testdata(t, "bad.toml"))
	res := r.expect(t, "a.toml", build.Failed)
	if res.Err == nil || !strings.Contains(res.Err.Error(), `unknown key "qoute"`) {
		t.Errorf("error %v, want the unknown key qoute", res.Err)
	}
	if !bytes.Equal(read(t, filepath.Join(out, "a.pdf")), good) || !bytes.Equal(read(t, filepath.Join(out, "a-summary.pdf")), goodSummary) {
		t.Error("the last good PDFs were changed by a save with errors")
	}

	write(t, filepath.Join(root, "a.toml"), version(t, 2))
	r.expect(t, "a.toml", build.Built)
	if bytes.Equal(read(t, filepath.Join(out, "a.pdf")), good) {
		t.Error("a.pdf is unchanged after a good save")
	}
	write(t, filepath.Join(root, "b.toml"), version(t, 2))
	r.expect(t, "b.toml", build.Built)
	r.noWarnings(t)
}

// TestRevertAfterError: a file saved with errors, then saved as it was
// before them, is reported Skipped, its PDFs being those of its content
// again, so that a reporter can say it is fixed.
func TestRevertAfterError(t *testing.T) {
	root, out := tree(t)
	r := start(t, []string{root}, out, "a.toml", "b.toml")
	good := read(t, filepath.Join(root, "a.toml"))
	write(t, filepath.Join(root, "a.toml"), testdata(t, "bad.toml"))
	r.expect(t, "a.toml", build.Failed)
	write(t, filepath.Join(root, "a.toml"), string(good))
	res := r.expect(t, "a.toml", build.Skipped)
	if len(res.Outputs) != 2 {
		t.Errorf("a.toml skipped with outputs %v, want its worksheet and summary", res.Outputs)
	}
	r.noWarnings(t)
}

func TestRemoved(t *testing.T) {
	root, out := tree(t)
	r := start(t, []string{root}, out, "a.toml", "b.toml")
	pdf := read(t, filepath.Join(out, "a.pdf"))

	if err := os.Remove(filepath.Join(root, "a.toml")); err != nil {
		t.Fatal(err)
	}
	var gone *GoneError
	if err := r.warning(t); !errors.As(err, &gone) || gone.Name != filepath.Join(root, "a.toml") || !strings.Contains(err.Error(), "a.toml: removed") {
		t.Errorf("warning %q, want a *GoneError of a.toml removed", err)
	}
	if !bytes.Equal(read(t, filepath.Join(out, "a.pdf")), pdf) {
		t.Error("a.pdf changed when a.toml was removed")
	}

	write(t, filepath.Join(root, "a.toml"), version(t, 2))
	r.expect(t, "a.toml", build.Built)
	write(t, filepath.Join(root, "b.toml"), version(t, 2))
	r.expect(t, "b.toml", build.Built)
	r.noWarnings(t)
}

func TestStartErrors(t *testing.T) {
	dir := t.TempDir()
	b := &build.Batch{Options: build.Options{Time: testTime, Version: "test"}}
	for _, paths := range [][]string{{filepath.Join(dir, "missing")}, {dir}} {
		err := Run(context.Background(), paths, filepath.Join(dir, "out"), b, func(build.Result) {}, func(error) {},
			func(int) { t.Error("ready called") })
		if err == nil {
			t.Errorf("Run(%q) returned nil, want an error", paths)
		}
	}
}

func TestCancel(t *testing.T) {
	goroutines := runtime.NumGoroutine()
	root, out := tree(t)
	r := start(t, []string{root}, out, "a.toml", "b.toml")
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("Run returned %v, want nil", err)
		}
	case <-time.After(timeout):
		t.Fatal("Run did not return after its context was cancelled")
	}
	r.done <- nil // for the cleanup
	// Every goroutine of Run and fsnotify ends.
	deadline := time.Now().Add(timeout)
	for runtime.NumGoroutine() > goroutines {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines left, %d before:\n%s", runtime.NumGoroutine(), goroutines, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(time.Millisecond)
	}
}
