package main

// Content from strangers' pull requests, built as CI builds it (issue 10):
// each finding of the issue, tried as an attacker would, against the real
// binary where it could hang or eat the machine, in-process otherwise.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"handout/build"
	"handout/internal/testimage"
)

// limited is the outcome of a handout process run by runLimited.
type limited struct {
	code           int // exit status; -1 when killed
	stdout, stderr string
	peak           int64  // peak resident memory, bytes: the last VmHWM read
	killed         string // why it was killed, "" if it was not
	took           time.Duration
}

// runLimited runs the handout binary bin with args in folder dir, killing
// it when it runs longer than limit or its resident memory passes maxRSS
// (read from /proc every 5 ms), so that a build that reads without end
// fails the test instead of the machine. stop, when not nil, is called
// with the process once started. The peak memory is the process's own
// high-water mark, VmHWM, as last read before it ended: getrusage's would
// count the test's memory too, which the child shares until it execs.
func runLimited(t *testing.T, bin, dir string, limit time.Duration, maxRSS int64, stop func(*os.Process), args ...string) limited {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1700000000", "GITHUB_ACTIONS=", "GOMEMLIMIT=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	if stop != nil {
		stop(cmd.Process)
	}
	var l limited
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(limit)
wait:
	for {
		select {
		case <-done:
			break wait
		case <-deadline:
			l.killed = fmt.Sprintf("still running after %v", limit)
		case <-tick.C:
			rss, hwm := residentMemory(cmd.Process.Pid)
			l.peak = max(l.peak, hwm)
			if rss > maxRSS {
				l.killed = fmt.Sprintf("resident memory %d MB, past %d MB", rss>>20, maxRSS>>20)
			}
		}
		if l.killed != "" {
			cmd.Process.Kill()
			<-done
			break
		}
	}
	l.took = time.Since(start)
	l.code = cmd.ProcessState.ExitCode()
	l.stdout, l.stderr = stdout.String(), stderr.String()
	return l
}

// residentMemory returns the resident memory of process pid and its
// high-water mark, in bytes, from /proc; 0 where there is no /proc.
func residentMemory(pid int) (rss, hwm int64) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		name, kb, ok := strings.Cut(s.Text(), ":")
		if !ok || name != "VmRSS" && name != "VmHWM" {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(kb, "kB")), 10, 64)
		if name == "VmRSS" {
			rss = n << 10
		} else {
			hwm = n << 10
		}
	}
	return rss, hwm
}

// imageWorksheet is a content file that shows the image at path.
func imageWorksheet(path string) string {
	return fmt.Sprintf("[worksheet]\ntitle = \"Pictures\"\n\n[[section]]\nheading = \"One\"\n\n[[section.block]]\ntext = \"A picture.\"\n\n[[section.block]]\nimage = %q\nwidth_mm = 100\n\n[[section.block]]\nnotes = \"Why?\"\nanswer = \"Because.\"\n", path)
}

// writeBytes writes data to path, making its folder.
func writeBytes(t *testing.T, path string, data []byte) {
	t.Helper()
	write(t, path, string(data))
}

// TestUntrustedProcess runs the real binary on what could hang it or use
// up the machine's memory: an image replaced by a link to /dev/zero, a
// manifest that is one, FIFOs, a JPEG scan bomb, the heaviest PNG within
// the pixel limit with every edition, and a build stopped while it
// decodes. Memory and time are asserted with wide margins (docs/ci.md has
// the figures).
func TestUntrustedProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and 40-megapixel images")
	}
	if raceEnabled {
		t.Skip("runs a binary built without -race: the run without -race covers it")
	}
	bin := buildBinary(t)
	const mb = 1 << 20

	t.Run("image becomes a link to /dev/zero", func(t *testing.T) {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "content", "a.toml"), imageWorksheet("images/a.png"))
		writeBytes(t, filepath.Join(dir, "content", "images", "a.png"), testimage.PNG(64, 48))
		if l := runLimited(t, bin, dir, time.Minute, 1<<30, nil, "build", "content/"); l.code != 0 {
			t.Fatalf("first build: exit %d\n%s", l.code, l.stderr)
		}
		for _, f := range []string{"content/images/a.png", "out/" + build.ManifestName} {
			os.Remove(filepath.Join(dir, f))
			if err := os.Symlink("/dev/zero", filepath.Join(dir, f)); err != nil {
				t.Skipf("cannot make symbolic links: %v", err)
			}
		}
		l := runLimited(t, bin, dir, 30*time.Second, 1<<30, nil, "build", "content/")
		if l.killed != "" {
			t.Fatalf("killed: %s: it reads /dev/zero", l.killed)
		}
		want := `content/a.toml:11:1: image "images/a.png" is a symbolic link that leads out of this file's folder`
		if l.code != 1 || !strings.Contains(l.stderr, want) || !strings.Contains(l.stderr, "warning: ignoring manifest") {
			t.Errorf("exit %d, stderr:\n%s\nwant 1, %q and the manifest ignored", l.code, l.stderr, want)
		}
		if l.peak > 200*mb {
			t.Errorf("peak memory %d MB, want under 200", l.peak/mb)
		}
	})

	t.Run("FIFOs", func(t *testing.T) {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "content", "a.toml"), imageWorksheet("x.png"))
		for _, f := range []string{"content/x.toml", "content/x.png"} {
			if err := syscall.Mkfifo(filepath.Join(dir, f), 0o644); err != nil {
				t.Skipf("cannot make a FIFO: %v", err)
			}
		}
		for _, cmd := range []string{"build", "check"} {
			l := runLimited(t, bin, dir, 30*time.Second, 1<<30, nil, cmd, "content/")
			if l.killed != "" {
				t.Fatalf("%s killed: %s: it waits on a FIFO", cmd, l.killed)
			}
			for _, want := range []string{
				`content/a.toml:11:1: image "x.png" is a FIFO (named pipe), not a regular file`,
				`content/x.toml: not read: it is a FIFO (named pipe), not a regular file`,
			} {
				if l.code != 1 || !strings.Contains(l.stderr, want) {
					t.Errorf("%s: exit %d, stderr:\n%s\nwant 1 and %q", cmd, l.code, l.stderr, want)
				}
			}
		}
	})

	t.Run("JPEG scan bomb", func(t *testing.T) {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "content", "a.toml"), imageWorksheet("bomb.jpg"))
		writeBytes(t, filepath.Join(dir, "content", "bomb.jpg"), testimage.ProgressiveJPEG(6320, 6320, 1, 10000))
		l := runLimited(t, bin, dir, 30*time.Second, 2<<30, nil, "check", "content/")
		if l.killed != "" {
			t.Fatalf("killed: %s: the bomb is decoded", l.killed)
		}
		if want := `image "bomb.jpg" is a JPEG of more than 100 scans`; l.code != 1 || !strings.Contains(l.stderr, want) {
			t.Errorf("exit %d, stderr:\n%s\nwant 1 and %q", l.code, l.stderr, want)
		}
		if l.took > 10*time.Second {
			t.Errorf("took %v, want it refused before it is decoded", l.took)
		}
	})

	// The heaviest image within the limits: 40 megapixels, 16 bits a
	// sample, interlaced, half transparent, so that every PDF writer
	// unpacks it too; every edition, in colour and in gray, embedded
	// whole (max_ppi = 0) and resampled. Then photos as phones store
	// them, to be turned the right way up: 40 megapixels in gray, and 25
	// in colour, progressive, turned whole.
	dir := t.TempDir()
	editions := []string{"--answers", "--large-print", "--impose", "booklet", "-j", "2"}
	exif := testimage.EXIF(6, true)
	for _, c := range []struct {
		name, file string
		data       func() []byte
		print      string
	}{
		{"16-bit PNG of 40 megapixels", "big.png", func() []byte { return testimage.InterlacedPNG16(6320, 6320, 0x8000) }, "max_ppi = 0"},
		{"16-bit PNG of 40 megapixels, resampled", "big.png", nil, ""},
		{"gray JPEG of 40 megapixels, turned", "gray.jpg", func() []byte { return testimage.WithExif(testimage.ProgressiveJPEG(6320, 6320, 1, 0), exif) }, "max_ppi = 0"},
		{"colour JPEG of 25 megapixels, turned", "colour.jpg", func() []byte { return testimage.WithExif(testimage.ProgressiveJPEG(5000, 5000, 3, 0), exif) }, "max_ppi = 0"},
	} {
		page := imageWorksheet(c.file)
		if c.print != "" {
			page += "\n[print]\n" + c.print + "\n"
		}
		write(t, filepath.Join(dir, "content", "a.toml"), page)
		if c.data != nil {
			os.RemoveAll(filepath.Join(dir, "content", "images"))
			writeBytes(t, filepath.Join(dir, "content", c.file), c.data())
		}
		for _, gray := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, every edition, gray %v", c.name, gray), func(t *testing.T) {
				args := append([]string{"build", "--force", "--gray=" + strconv.FormatBool(gray)}, editions...)
				l := runLimited(t, bin, dir, 3*time.Minute, 4<<30, nil, append(args, "content/")...)
				if l.code != 0 {
					t.Fatalf("exit %d (%s)\n%s", l.code, l.killed, l.stderr)
				}
				t.Logf("peak memory %d MB, %v", l.peak/mb, l.took.Round(time.Millisecond))
				if l.peak > 1200*mb {
					t.Errorf("peak memory %d MB, want under 1200 (the budget is %d MB)", l.peak/mb, build.ImageMemory/mb)
				}
			})
		}
	}
	write(t, filepath.Join(dir, "content", "a.toml"), imageWorksheet("big.png"))

	t.Run("stopped while decoding", func(t *testing.T) {
		var sent time.Time
		stop := func(p *os.Process) {
			time.Sleep(time.Second) // the decoding has begun
			sent = time.Now()
			p.Signal(syscall.SIGTERM)
		}
		l := runLimited(t, bin, dir, 3*time.Minute, 4<<30, stop, append([]string{"build", "--force", "--gray"}, append(editions, "content/")...)...)
		if l.code != 143 {
			t.Errorf("exit %d, want 143\n%s", l.code, l.stderr)
		}
		if d := time.Since(sent); d > 2*time.Second {
			t.Errorf("ended %v after SIGTERM, want within about a second", d.Round(time.Millisecond))
		}
	})

	t.Run("progressive CMYK JPEG of 40 megapixels", func(t *testing.T) {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "content", "a.toml"), imageWorksheet("cmyk.jpg"))
		writeBytes(t, filepath.Join(dir, "content", "cmyk.jpg"), testimage.ProgressiveJPEG(6320, 6320, 4, 0))
		l := runLimited(t, bin, dir, 3*time.Minute, 4<<30, nil, "build", "--gray", "--answers", "--large-print", "content/")
		want := `image "cmyk.jpg" is 6320x6320 pixels (a progressive JPEG in CMYK), and needs 915 MB of memory to decode: an image may need at most 512 MB`
		if l.code != 1 || !strings.Contains(l.stderr, want) {
			t.Errorf("exit %d (%s), stderr:\n%s\nwant 1 and %q", l.code, l.killed, l.stderr, want)
		}
		if l.peak > 200*mb {
			t.Errorf("peak memory %d MB, want under 200: it is refused before it is decoded", l.peak/mb)
		}
	})
}

// TestUntrustedContentLink makes a content file a link to a file of
// secrets outside the content folder: build and check fail on it, and no
// output (lines, JSON report, annotations) holds a byte of the secrets.
func TestUntrustedContentLink(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "credentials")
	write(t, secret, "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n")
	content := filepath.Join(dir, "content")
	write(t, filepath.Join(content, "a.toml"), fixture(t, "small.toml"))
	if err := os.Symlink(secret, filepath.Join(content, "c.toml")); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
	github := vars("GITHUB_ACTIONS", "true", "SOURCE_DATE_EPOCH", "1700000000")
	for _, args := range [][]string{{"build"}, {"build", "--report", "json"}, {"check"}, {"check", "--report", "json"}} {
		args := append(args, "-j", "1")
		if args[0] == "build" {
			args = append(args, "-o", filepath.Join(dir, "out"))
		}
		code, stdout, stderr := runHandout(t, github, append(args, content)...)
		want := filepath.Join(content, "c.toml") + ": not read: it is a symbolic link that leads out of " + content + "/"
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant 1 and %q", args, code, stderr, want)
		}
		if strings.Contains(stdout+stderr, "AKIA") || strings.Contains(stdout+stderr, "aws_access") {
			t.Errorf("%q: the secrets are in the output:\n%s\n%s", args, stdout, stderr)
		}
	}
}

// TestUntrustedOutputLinks builds into an output folder inside the
// content folder (-o content/.pdf) where the pull request has put links:
// a folder of it leading out, and the output folder itself. Nothing is
// written outside.
func TestUntrustedOutputLinks(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	write(t, filepath.Join(content, "history", "c.toml"), fixture(t, "small.toml"))
	victim := filepath.Join(dir, "victim")
	write(t, filepath.Join(victim, "c.pdf"), oldPDF)
	out := filepath.Join(content, ".pdf")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, filepath.Join(out, "history")); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
	code, _, stderr := runHandout(t, fixedEnv, "build", "-o", out, content)
	if want := filepath.Join(out, "history") + " is a symbolic link: handout writes only in real folders inside the output folder"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("a folder of the output folder a link: exit %d, stderr:\n%s\nwant 1 and %q", code, stderr, want)
	}
	os.RemoveAll(out)
	if err := os.Symlink(victim, out); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runHandout(t, fixedEnv, "build", "-o", out, content)
	if want := "is a symbolic link inside the content folder"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("the output folder a link: exit %d, stderr:\n%s\nwant 1 and %q", code, stderr, want)
	}
	if got := tree(t, victim); len(got) != 1 || string(cliRead(t, filepath.Join(victim, "c.pdf"))) != oldPDF {
		t.Errorf("the folder outside holds %q, or its PDF was replaced", got)
	}
}

// TestUntrustedManifest tampers with the manifest, as a cached output
// folder from a pull request could: entries that name a file outside the
// output folder and a file that is not a PDF, with their SHA-256. The
// build removes neither.
func TestUntrustedManifest(t *testing.T) {
	dir := t.TempDir()
	content, out := filepath.Join(dir, "content"), filepath.Join(dir, "out")
	write(t, filepath.Join(content, "a.toml"), fixture(t, "small.toml"))
	if code, _, stderr := runHandout(t, fixedEnv, "build", "-o", out, content); code != 0 {
		t.Fatal(stderr)
	}
	victims := map[string]string{filepath.Join(dir, "victim.txt"): "precious", filepath.Join(out, "notes.txt"): "keep"}
	for path, data := range victims {
		write(t, path, data)
	}
	path := filepath.Join(out, build.ManifestName)
	var m map[string]any
	if err := json.Unmarshal(cliRead(t, path), &m); err != nil {
		t.Fatal(err)
	}
	files := m["files"].(map[string]any)
	for key, target := range map[string]string{"../victim": "../victim.txt", "notes": "notes.txt"} {
		data := victims[filepath.Join(out, filepath.FromSlash(target))]
		files[key] = map[string]any{"source": "../content/gone.toml", "inputs": []any{map[string]any{"path": "gone.toml", "sha256": "0"}},
			"outputs": []any{map[string]any{"suffix": "", "path": target, "pages": 1, "bytes": len(data), "sha256": cliSHA256([]byte(data))}}}
	}
	data, _ := json.Marshal(m)
	write(t, path, string(data))
	if code, _, stderr := runHandout(t, fixedEnv, "build", "-o", out, content); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for path, want := range victims {
		if got, err := os.ReadFile(path); err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want it untouched", path, got, err)
		}
	}
}

// TestUntrustedNames builds a file whose name holds a newline and a
// workflow command, and one whose name starts with one, under GitHub
// Actions: no line of the output starts a command but handout's own
// annotations, and the JSON report gives the names escaped.
func TestUntrustedNames(t *testing.T) {
	small, bad := fixture(t, "small.toml"), fixture(t, "bad.toml")
	t.Chdir(t.TempDir())
	name := "a\n::stop-commands::tok.toml"
	write(t, name, small)
	write(t, "::warning::b.toml", bad)
	github := vars("GITHUB_ACTIONS", "true", "SOURCE_DATE_EPOCH", "1700000000")
	code, stdout, stderr := runHandout(t, github, "build", "-j", "1", "-o", "out", name, "::warning::b.toml")
	if code != 1 {
		t.Errorf("exit %d, want 1 (b.toml is bad)\n%s", code, stderr)
	}
	for _, line := range strings.Split(stdout+stderr, "\n") {
		if strings.HasPrefix(line, "::") && !strings.HasPrefix(line, "::error file=%3A%3Awarning%3A%3Ab.toml,") {
			t.Errorf("a line starts a workflow command: %q", line)
		}
	}
	if want := `wrote out/a\n::stop-commands::tok.pdf (`; !strings.Contains(stdout, want) {
		t.Errorf("stdout does not say %q:\n%s", want, stdout)
	}
	if want := "./::warning::b.toml:7:1: block has no kind"; !strings.Contains(stderr, want) {
		t.Errorf("stderr does not say %q:\n%s", want, stderr)
	}
	_, stdout, _ = runHandout(t, github, "build", "--force", "--report", "json", "-o", "out", name)
	if r := decodeReport(t, stdout); len(r.Files) != 1 || r.Files[0].File != `a\n::stop-commands::tok.toml` {
		t.Errorf("the report names %+v, want the name escaped", r.Files)
	}
}

// TestUntrustedCheckEditions checks what build would refuse: a large-print
// edition past 500 pages, and an emoji in the author, which only the PDF
// writer refused. check finds both, at their line and column, naming the
// edition.
func TestUntrustedCheckEditions(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("[worksheet]\ntitle = \"Long\"\n\n[[section]]\nheading = \"H\"\n")
	for range 230 {
		b.WriteString("\n[[section.block]]\nnotes = \"Q\"\nlines = 60\n")
	}
	long := filepath.Join(dir, "long.toml")
	write(t, long, b.String())
	author := filepath.Join(dir, "author.toml")
	write(t, author, "[worksheet]\ntitle = \"T\"\nauthor = \"Ms \U0001F600 Smith\"\n\n[[section]]\nheading = \"H\"\n\n[[section.block]]\ntext = \"x\"\n")
	if code, _, stderr := runHandout(t, fixedEnv, "check", long); code != 0 {
		t.Errorf("check without --large-print: exit %d\n%s", code, stderr)
	}
	wantLong := long + ":4:1: large-print edition (--large-print): the worksheet passes 500 pages in this section"
	for _, cmd := range []string{"check", "build"} {
		args := []string{cmd, "--large-print", long}
		if cmd == "build" {
			args = []string{cmd, "--large-print", "-o", filepath.Join(dir, "out"), long}
		}
		if code, _, stderr := runHandout(t, fixedEnv, args...); code != 1 || !strings.Contains(stderr, wantLong) {
			t.Errorf("%s --large-print: exit %d, stderr:\n%s\nwant 1 and %q", cmd, code, stderr, wantLong)
		}
	}
	wantAuthor := author + ":3:14: character \"\U0001F600\" (U+1F600) in author is beyond U+FFFF"
	if code, _, stderr := runHandout(t, fixedEnv, "check", author); code != 1 || !strings.Contains(stderr, wantAuthor) {
		t.Errorf("check: exit %d, stderr:\n%s\nwant 1 and %q", code, stderr, wantAuthor)
	}
}

// TestUntrustedManifestNotWritten makes the manifest impossible to write:
// the build writes the PDFs, then fails with exit status 1, and the JSON
// report says why.
func TestUntrustedManifestNotWritten(t *testing.T) {
	dir := t.TempDir()
	content, out := filepath.Join(dir, "content"), filepath.Join(dir, "out")
	write(t, filepath.Join(content, "a.toml"), fixture(t, "small.toml"))
	write(t, filepath.Join(out, build.ManifestName, "x"), "a folder where the manifest goes")
	code, stdout, stderr := runHandout(t, fixedEnv, "build", "--report", "json", "-o", out, content)
	if code != 1 || !strings.Contains(stderr, "error: the manifest was not written: writing "+filepath.Join(out, build.ManifestName)) {
		t.Errorf("exit %d, stderr:\n%s\nwant 1 and the manifest not written", code, stderr)
	}
	r := decodeReport(t, stdout)
	if len(r.Errors) != 1 || r.Errors[0].File != filepath.Join(out, build.ManifestName) || r.Summary.Built != 1 {
		t.Errorf("report errors %+v, summary %+v; want the manifest's error, one file built", r.Errors, r.Summary)
	}
}

// TestUntrustedStaleTemps leaves the temporary files of builds that were
// killed (SIGKILL) in the output folder and a folder of it: the next
// build, with or without --force, removes them, and nothing else.
func TestUntrustedStaleTemps(t *testing.T) {
	dir := t.TempDir()
	content, out := filepath.Join(dir, "content"), filepath.Join(dir, "out")
	write(t, filepath.Join(content, "history", "a.toml"), fixture(t, "small.toml"))
	for _, force := range []bool{false, true} {
		stale := []string{filepath.Join(out, ".handout-123.tmp"), filepath.Join(out, "history", ".handout-4567.tmp")}
		for _, f := range stale {
			write(t, f, "%PDF-1.4 half")
		}
		write(t, filepath.Join(out, "history", "notes.tmp"), "keep")
		if code, _, stderr := runHandout(t, fixedEnv, "build", "--force="+strconv.FormatBool(force), "-o", out, content); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		if got, want := tree(t, out), []string{"history/a-summary.pdf", "history/a.pdf", "history/notes.tmp"}; !slicesEqual(got, want) {
			t.Errorf("--force=%v: out holds %q, want %q", force, got, want)
		}
	}
}

// slicesEqual reports whether a and b hold the same strings in order.
func slicesEqual(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }
