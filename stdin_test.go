package main

// Tests of handout build - (issue #15): from the project folder, with its
// images, its summary sheet and its warnings, and nothing but a whole PDF
// on standard output.

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// imagesProject makes a project folder, content/x.toml showing two
// images in content/images/, and returns it with the reference PDF of
// x.toml built from the file.
func imagesProject(t *testing.T) (dir string, ref []byte) {
	t.Helper()
	dir = t.TempDir()
	write(t, filepath.Join(dir, "content", "x.toml"), fixture(t, "images.toml"))
	for _, img := range []string{"trotsky.jpg", "figures/chart.png"} {
		write(t, filepath.Join(dir, "content", "images", img), string(cliRead(t, filepath.Join("build", "testdata", "images", img))))
	}
	out := filepath.Join(t.TempDir(), "ref")
	if code, _, stderr := runHandout(t, fixedEnv, "build", "-o", out, filepath.Join(dir, "content", "x.toml")); code != 0 {
		t.Fatalf("reference build: exit %d\n%s", code, stderr)
	}
	return dir, cliRead(t, filepath.Join(out, "x.pdf"))
}

// openFile opens path for reading until the test ends.
func openFile(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestStdinImages builds content/x.toml on standard input from the
// project folder: its images are found in content/ when standard input
// is that file, in --base DIR when given, and else in the current folder,
// which the error names.
func TestStdinImages(t *testing.T) {
	dir, ref := imagesProject(t)
	src := string(cliRead(t, filepath.Join(dir, "content", "x.toml")))
	t.Chdir(dir)
	tests := []struct {
		name   string
		args   []string
		stdin  func() io.Reader
		code   int
		stderr string // a line of stderr, "" for none
	}{
		{name: "< content/x.toml", stdin: func() io.Reader { return openFile(t, filepath.Join("content", "x.toml")) }},
		{name: "< content/x.toml, by its absolute path", stdin: func() io.Reader { return openFile(t, filepath.Join(dir, "content", "x.toml")) }},
		{name: "--base content, from a pipe", args: []string{"--base", "content"}, stdin: func() io.Reader { return strings.NewReader(src) }},
		{name: "--base content/, from the file", args: []string{"--base", "content" + string(filepath.Separator)}, stdin: func() io.Reader { return openFile(t, filepath.Join("content", "x.toml")) }},
		{name: "from a pipe", stdin: func() io.Reader { return strings.NewReader(src) }, code: 1,
			stderr: `<stdin>:14:1: image "images/trotsky.jpg" not found: there is no file ` + filepath.Join("images", "trotsky.jpg") + ` in ` + dir + string(filepath.Separator) +
				` (the current folder; give the content's own folder with --base DIR)`},
		{name: "--base over the file's folder", args: []string{"--base", "."}, stdin: func() io.Reader { return openFile(t, filepath.Join("content", "x.toml")) }, code: 1,
			stderr: `<stdin>:14:1: image "images/trotsky.jpg" not found: there is no file ` + filepath.Join("images", "trotsky.jpg") + ` in .` + string(filepath.Separator) + ` (the folder --base gives)`},
		{name: "--base, no such folder", args: []string{"--base", "nowhere"}, stdin: func() io.Reader { return noRead{t} }, code: 2,
			stderr: "handout build: --base nowhere: no such folder"},
		{name: "--base, a file", args: []string{"--base", filepath.Join("content", "x.toml")}, stdin: func() io.Reader { return noRead{t} }, code: 2,
			stderr: "handout build: --base " + filepath.Join("content", "x.toml") + ": not a folder"},
		{name: "--base without -", args: []string{"--base", "content", "content"}, stdin: func() io.Reader { return noRead{t} }, code: 2,
			stderr: "handout build: --base is for content on standard input (PATH -)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"build"}, tt.args...)
			if !strings.Contains(tt.name, "without -") {
				args = append(args, "-")
			}
			code, stdout, stderr := cliRun(t, cliOpts{stdin: tt.stdin()}, args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d\nstderr:\n%s", code, tt.code, stderr)
			}
			if tt.code == 0 && stdout != string(ref) {
				t.Errorf("stdout is not x.pdf as built from the file (%d bytes, want %d)", len(stdout), len(ref))
			}
			if tt.code != 0 && stdout != "" {
				t.Errorf("stdout = %.40q…, want nothing", stdout)
			}
			if tt.stderr == "" && stderr != "" {
				t.Errorf("stderr = %q, want nothing", stderr)
			}
			if tt.stderr != "" && !hasLine(stderr, tt.stderr) {
				t.Errorf("stderr:\n%s\nwant the line\n%s", stderr, tt.stderr)
			}
		})
	}
}

// TestFindFile finds the file that standard input is, as stdinPath does
// where /proc cannot tell: in the current folder, or under content/, but
// not elsewhere.
func TestFindFile(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"here.toml", "content/a.toml", "content/sub/b.toml", "content/.hidden/c.toml", "elsewhere/d.toml", "content/e.txt"} {
		write(t, filepath.Join(dir, filepath.FromSlash(name)), "# "+name+"\n")
	}
	t.Chdir(dir)
	for name, want := range map[string]string{
		"here.toml":              "here.toml",
		"content/a.toml":         filepath.Join("content", "a.toml"),
		"content/sub/b.toml":     filepath.Join("content", "sub", "b.toml"),
		"content/.hidden/c.toml": "",
		"elsewhere/d.toml":       "",
		"content/e.txt":          "",
	} {
		fi, err := os.Stat(filepath.FromSlash(name))
		if err != nil {
			t.Fatal(err)
		}
		if got := findFile(fi, ".", defaultContent); got != want {
			t.Errorf("findFile(%s) = %q, want %q", name, got, want)
		}
	}
	if got := stdinPath(openFile(t, filepath.Join("elsewhere", "d.toml"))); got != filepath.Join("elsewhere", "d.toml") && got != "" {
		t.Errorf("stdinPath(elsewhere/d.toml) = %q, want it or nothing", got)
	}
	if got := stdinPath(strings.NewReader("")); got != "" {
		t.Errorf("stdinPath of a reader = %q, want nothing", got)
	}
}

// TestStdinWarnings: the content's warnings are printed for a build from
// standard input, and annotate under GitHub Actions, on stderr, as stdout
// is the PDF.
func TestStdinWarnings(t *testing.T) {
	src := strings.Replace(fixture(t, "worksheet-only.toml"), `"Some text."`, `"Some\ftext."`, 1)
	if !strings.Contains(src, "\\f") {
		t.Fatal("worksheet-only.toml has no text to put a form feed in")
	}
	code, stdout, stderr := cliRun(t, cliOpts{stdin: strings.NewReader(src), getenv: vars("GITHUB_ACTIONS", "true")}, "build", "-")
	if code != 0 || !strings.HasPrefix(stdout, "%PDF-") {
		t.Fatalf("exit status %d, stdout %.10q; want 0, a PDF\nstderr:\n%s", code, stdout, stderr)
	}
	if !regexp.MustCompile(`(?m)^<stdin>:\d+:\d+: warning: a form feed`).MatchString(stderr) ||
		!regexp.MustCompile(`(?m)^::warning file=<stdin>,line=\d+,col=\d+::a form feed`).MatchString(stderr) {
		t.Errorf("stderr:\n%s\nwant the form feed's warning and its annotation", stderr)
	}
}

// TestStdinNothingOnFailure: when standard output is a file, as the shell's
// "> x.pdf" makes it, a failed build leaves it empty, and says so.
func TestStdinNothingOnFailure(t *testing.T) {
	for _, tt := range []struct {
		name, stdin string
		code        int
		say         string
	}{
		{"content errors", fixture(t, "bad.toml"), 1, "<stdin>: no PDF was written: the file standard output goes to is empty\n"},
		{"good", fixture(t, "worksheet-only.toml"), 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.pdf")
			out, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			defer out.Close()
			var stderr bytes.Buffer
			code := run([]string{"build", "-"}, env{
				stdin: strings.NewReader(tt.stdin), stdout: out, stderr: &stderr, getenv: fixedEnv,
				terminal: func(io.Writer) bool { return false }, ctx: t.Context(),
			})
			got := cliRead(t, path)
			if code != tt.code {
				t.Errorf("exit status %d, want %d", code, tt.code)
			}
			if tt.code != 0 && len(got) != 0 || tt.code == 0 && !bytes.HasPrefix(got, []byte("%PDF-")) {
				t.Errorf("x.pdf holds %d bytes (%.8q)", len(got), got)
			}
			if said := strings.HasSuffix(stderr.String(), tt.say); !said || tt.say == "" && strings.Contains(stderr.String(), "no PDF") {
				t.Errorf("stderr:\n%s\nwant it to end with %q", stderr.String(), tt.say)
			}
		})
	}
}

// failingFile is standard output that takes some bytes and then fails, as
// a full disk does, and can be cut back.
type failingFile struct {
	data  []byte
	limit int
}

func (f *failingFile) Write(p []byte) (int, error) {
	n := min(len(p), f.limit-len(f.data))
	f.data = append(f.data, p[:n]...)
	if n < len(p) {
		return n, errors.New("no space left on device")
	}
	return n, nil
}

func (f *failingFile) Stat() (fs.FileInfo, error) { return fakeInfo{size: int64(len(f.data))}, nil }

func (f *failingFile) Truncate(size int64) error {
	f.data = f.data[:size]
	return nil
}

// fakeInfo describes a regular file of a size.
type fakeInfo struct {
	fs.FileInfo
	size int64
}

func (i fakeInfo) Mode() fs.FileMode { return 0o644 }
func (i fakeInfo) Size() int64       { return i.size }

// TestWriteWhole: a PDF written to an empty file that fails part way is
// taken back, and one that fits is written whole.
func TestWriteWhole(t *testing.T) {
	pdf := []byte("%PDF-1.7 and much more\n%%EOF\n")
	f := &failingFile{limit: 10}
	err := writeWhole(f, pdf)
	if err == nil || len(f.data) != 0 || !strings.Contains(err.Error(), "no space left on device; nothing was left written") {
		t.Errorf("a failed write: %v, %q left; want the error and nothing left", err, f.data)
	}
	f = &failingFile{limit: 1000}
	if err := writeWhole(f, pdf); err != nil || !bytes.Equal(f.data, pdf) {
		t.Errorf("a write that fits: %v, %q", err, f.data)
	}
}

// TestStdinShell runs handout build - as a shell does, from the project
// folder, with standard input and output redirected to files: the PDF is
// that built from the file, images and all; a failed build leaves x.pdf
// empty, as the shell made it, and exits 1.
func TestStdinShell(t *testing.T) {
	if raceEnabled {
		t.Skip("runs a binary built without -race: the run without -race covers it")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skipf("no sh: %v", err)
	}
	dir, ref := imagesProject(t)
	bin := buildBinary(t)
	write(t, filepath.Join(dir, "content", "bad.toml"), fixture(t, "bad.toml"))
	for _, tt := range []struct {
		script string
		code   int
		pdf    []byte
	}{
		{`"$HANDOUT" build - < content/x.toml > x.pdf`, 0, ref},
		{`"$HANDOUT" build - < content/bad.toml > x.pdf`, 1, nil},
	} {
		cmd := exec.Command(sh, "-c", tt.script)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1700000000", "GITHUB_ACTIONS=", "HANDOUT="+bin)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		if code := cmd.ProcessState.ExitCode(); code != tt.code {
			t.Errorf("%s: exit status %d, want %d\nstderr:\n%s", tt.script, code, tt.code, stderr.String())
		}
		if got := cliRead(t, filepath.Join(dir, "x.pdf")); !bytes.Equal(got, tt.pdf) {
			t.Errorf("%s: x.pdf holds %d bytes, want %d", tt.script, len(got), len(tt.pdf))
		}
	}
}
