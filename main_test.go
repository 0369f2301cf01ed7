package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"handout/build"
)

// vars is a getenv with only the given variables set.
func vars(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

var fixedEnv = vars("SOURCE_DATE_EPOCH", "1700000000")

// runHandout runs handout in-process and returns its exit status and
// output. Every PDF it writes is checked against PDF/UA-1 (checkWritten).
func runHandout(t *testing.T, getenv func(string) string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, env{
		stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: getenv,
		terminal: func(io.Writer) bool { return false }, ctx: t.Context(),
	})
	checkWritten(t, stdout.String(), stderr.String())
	return code, stdout.String(), stderr.String()
}

// fixture returns build/testdata/name, a content file shared with build's
// tests: small.toml has a worksheet and a summary sheet, worksheet-only.toml
// only a worksheet, bad.toml an unknown key at 8:1, and cramped.toml
// decodes but its summary cannot be laid out.
func fixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("build", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// oldPDF stands for a PDF made by an earlier, good build.
const oldPDF = "%PDF-1.4 an old, good build\n%%EOF\n"

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tree returns every file under dir as a slash path relative to dir,
// sorted, but for build's manifest, which TestManifest checks.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !build.IsManifest(d.Name()) {
			rel, _ := filepath.Rel(dir, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

func TestBuildContentErrors(t *testing.T) {
	// ws puts its lines at line 3 of [worksheet], in an otherwise good file.
	ws := func(lines string) string {
		return "[worksheet]\ntitle = \"T\"\n" + lines + "\n[[section]]\nheading = \"H\"\n\n[[section.block]]\ntext = \"x\"\n"
	}
	// blk puts its lines at line 8, in a [[section.block]].
	blk := func(lines string) string {
		return "[worksheet]\ntitle = \"T\"\n\n[[section]]\nheading = \"H\"\n\n[[section.block]]\n" + lines
	}
	tests := []struct {
		name      string
		toml      string
		line, col int    // col 0: any column
		msg       string // a substring of the message, case-insensitive
	}{
		{name: "TOML syntax error", toml: ws("subtitle = \"unclosed\n"), line: 3, col: 12, msg: "no closing quote"},
		{name: "unknown key", toml: blk("qoute = \"Q\"\n"), line: 8, col: 1, msg: `unknown key "qoute" in [[section.block]] (did you mean "quote"?)`},
		{name: "unknown key in worksheet", toml: ws("titel = \"T\"\n"), line: 3, col: 1, msg: `"titel"`},
		{name: "wrong type", toml: blk("notes = \"N\"\nlines = \"six\"\n"), line: 9, col: 1, msg: "lines"},
		{name: "block with no kind", toml: blk("\n"), line: 7, col: 1, msg: "no kind"},
		{name: "block with two kinds", toml: blk("bullet = \"B\"\ntext = \"T\"\n"), line: 9, col: 1, msg: "text"},
		{name: "key of another kind", toml: blk("bullet = \"B\"\nsource = \"S\"\n"), line: 9, col: 1, msg: "source"},
		{name: "lines = 0", toml: blk("notes = \"N\"\nlines = 0\n"), line: 9, col: 1, msg: "lines"},
		{name: "lines = 61", toml: blk("notes = \"N\"\nlines = 61\n"), line: 9, col: 1, msg: "lines"},
		{name: "unknown paper", toml: ws("paper = \"B4\"\n"), line: 3, col: 1, msg: "B4"},
		{name: "unknown orientation", toml: ws("orientation = \"sideways\"\n"), line: 3, col: 1, msg: "sideways"},
		{name: "unknown ruling", toml: blk("notes = \"N\"\nruling = \"wavy\"\n"), line: 9, col: 1, msg: "wavy"},
		{name: "unknown font", toml: "[style]\nfont = \"comic\"\n\n" + ws(""), line: 2, col: 1, msg: "comic"},
		{name: "missing title", toml: "[worksheet]\nauthor = \"A\"\n\n[summary]\n", line: 1, col: 1, msg: "has no title"},
		{name: "empty file", toml: "", line: 1, col: 1, msg: "empty"},
		{name: "invalid UTF-8", toml: ws("subtitle = \"caf\xff\"\n"), line: 3, col: 16, msg: "UTF-8"},
		{name: "character not in the font", toml: ws("subtitle = \"Snow \U0001F600 day\"\n"), line: 3, col: 18, msg: "U+1F600"},
		{name: "snowman not in the font", toml: ws("subtitle = \"Snow \u2603 day\"\n"), line: 3, col: 18, msg: "U+2603"},
		// A bad placeholder is placed at the placeholder itself.
		{name: "unknown footer placeholder", toml: ws("footer = \"Printed {date}\"\n"), line: 3, col: 19, msg: "{date}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			src := filepath.Join(dir, "bad.toml")
			write(t, src, tt.toml)
			out := filepath.Join(dir, "out")
			old := filepath.Join(out, "bad.pdf")
			write(t, old, oldPDF)
			write(t, filepath.Join(out, "bad-summary.pdf"), oldPDF)

			code, stdout, stderr := runHandout(t, fixedEnv, "build", "-o", out, src)
			t.Logf("stderr:\n%s", stderr)
			if code != 1 {
				t.Errorf("exit status %d, want 1\nstderr:\n%s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			// file:line:col: message, with the file named as given.
			prefix := regexp.QuoteMeta(src) + `:` + strconv.Itoa(tt.line) + `:`
			if tt.col > 0 {
				prefix += strconv.Itoa(tt.col) + `:`
			} else {
				prefix += `\d+:`
			}
			re := regexp.MustCompile(`(?m)^` + prefix + ` .*` + `(?i:` + regexp.QuoteMeta(tt.msg) + `)`)
			if !re.MatchString(stderr) {
				t.Errorf("stderr does not match %s\nstderr:\n%s", re, stderr)
			}
			for _, p := range []string{old, filepath.Join(out, "bad-summary.pdf")} {
				if got, err := os.ReadFile(p); err != nil || string(got) != oldPDF {
					t.Errorf("%s changed: %q (err %v)", p, got, err)
				}
			}
			if got, want := tree(t, out), []string{"bad-summary.pdf", "bad.pdf"}; !slices.Equal(got, want) {
				t.Errorf("output folder holds %q, want only %q", got, want)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	good := fixture(t, "small.toml")
	goodFile := filepath.Join(dir, "good.toml")
	write(t, goodFile, good)
	empty := filepath.Join(dir, "empty")
	write(t, filepath.Join(empty, "notes.txt"), "not content")
	write(t, filepath.Join(dir, "a", "same.toml"), good)
	write(t, filepath.Join(dir, "b", "same.toml"), good)
	// x.toml's summary sheet and x-summary.toml's worksheet are both
	// x-summary.pdf.
	write(t, filepath.Join(dir, "c", "x.toml"), good)
	write(t, filepath.Join(dir, "c", "x-summary.toml"), good)
	// With --impose 2up, y.toml's imposed copy and y-2up.toml's worksheet
	// are both y-2up.pdf.
	write(t, filepath.Join(dir, "d", "y.toml"), good)
	write(t, filepath.Join(dir, "d", "y-2up.toml"), good)
	out := filepath.Join(dir, "out")
	tests := []struct {
		name   string
		getenv func(string) string
		args   []string
		msg    string
	}{
		{name: "no command", args: nil, msg: "no command"},
		{name: "unknown command", args: []string{"biuld"}, msg: `unknown command "biuld" (did you mean build?)`},
		{name: "unknown command, nothing like it", args: []string{"make"}, msg: `unknown command "make"`},
		{name: "flag before command", args: []string{"-o", out, "build"}, msg: "unknown flag -o"},
		{name: "unknown flag", args: []string{"build", "-x", goodFile}, msg: "-x"},
		{name: "unknown flag after path", args: []string{"build", goodFile, "--forse"}, msg: "unknown flag --forse (did you mean --force?)"},
		{name: "misspelt flag", args: []string{"build", "--anwsers", goodFile}, msg: "unknown flag --anwsers (did you mean --answers?)"},
		{name: "misspelt flag, one dash", args: []string{"build", "-large-prnit", goodFile}, msg: "unknown flag --large-prnit (did you mean --large-print?)"},
		{name: "-j not a number", args: []string{"build", "-j", "four", goodFile}, msg: `-j "four": want a number`},
		{name: "-o without a value", args: []string{"build", "-o"}, msg: "-o needs a value"},
		{name: "empty -o", args: []string{"build", "-o", "", goodFile}, msg: "-o"},
		{name: "missing file", args: []string{"build", "-o", out, filepath.Join(dir, "nope.toml")}, msg: "nope.toml: no such file"},
		{name: "not a toml file", args: []string{"build", "-o", out, filepath.Join(empty, "notes.txt")}, msg: "not a .toml file"},
		{name: "folder without toml files", args: []string{"build", "-o", out, empty}, msg: "no .toml files in " + empty},
		{name: "two files, one name", args: []string{"build", "-o", out, filepath.Join(dir, "a", "same.toml"), filepath.Join(dir, "b", "same.toml")}, msg: "would both write " + filepath.Join(out, "same.pdf")},
		{name: "a summary and a worksheet, one name", args: []string{"build", "-o", out, filepath.Join(dir, "c")}, msg: "would both write " + filepath.Join(out, "x-summary.pdf")},
		{name: "check two files, one name", args: []string{"check", filepath.Join(dir, "c")}, msg: "would both write x-summary.pdf"},
		{name: "bad SOURCE_DATE_EPOCH", getenv: vars("SOURCE_DATE_EPOCH", "last tuesday"), args: []string{"build", "-o", out, goodFile}, msg: "SOURCE_DATE_EPOCH"},
		{name: "check missing file", args: []string{"check", filepath.Join(dir, "nope.toml")}, msg: "no such file"},
		{name: "check has no -o", args: []string{"check", "-o", out, goodFile}, msg: "-o"},
		{name: "version with an argument", args: []string{"version", "now"}, msg: "unexpected argument"},
		{name: "watch a shard", args: []string{"watch", "--shard", "0/2", "-o", out, goodFile}, msg: "--shard is for build and check"},
		{name: "bleed too wide", args: []string{"build", "--bleed", "25", "-o", out, goodFile}, msg: "--bleed 25: want millimetres, 0 to 20"},
		{name: "bleed negative", args: []string{"build", "--bleed=-1", "-o", out, goodFile}, msg: "--bleed -1"},
		{name: "bleed not a number", args: []string{"build", "--bleed", "3mm", "-o", out, goodFile}, msg: "-bleed"},
		{name: "impose unknown", args: []string{"build", "--impose", "4up", "-o", out, goodFile}, msg: `--impose "4up": want 2up, booklet or none`},
		{name: "check has no -o", args: []string{"check", "-o", out, goodFile}, msg: "-o"},
		{name: "impose clash", args: []string{"build", "--impose", "2up", "-o", out, filepath.Join(dir, "d")}, msg: "would both write " + filepath.Join(out, "y-2up.pdf")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := tt.getenv
			if getenv == nil {
				getenv = fixedEnv
			}
			code, stdout, stderr := runHandout(t, getenv, tt.args...)
			if code != 2 {
				t.Errorf("exit status %d, want 2", code)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if !strings.Contains(stderr, tt.msg) {
				t.Errorf("stderr does not say %q:\n%s", tt.msg, stderr)
			}
			// One line, then where the help is: never the whole help.
			if lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n"); len(lines) != 2 || lines[1] != usageHint {
				t.Errorf("stderr is not one line and %q:\n%s", usageHint, stderr)
			}
			if files := tree(t, out); len(files) > 0 {
				t.Errorf("a usage error wrote %q", files)
			}
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"version"}, "handout 0.1.0\n"},
		{[]string{"--version"}, "handout 0.1.0\n"},
		{[]string{"help"}, usage},
		{[]string{"-h"}, usage},
		{[]string{"--help"}, usage},
		{[]string{"build", "-h"}, usage},
		{[]string{"check", "--help"}, usage},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runHandout(t, fixedEnv, tt.args...)
			if code != 0 || stdout != tt.want || stderr != "" {
				t.Errorf("exit status %d, stdout %q, stderr %q; want 0, %q, nothing", code, stdout, stderr, tt.want)
			}
		})
	}
	if !strings.Contains(usage, "handout build [flags] [PATH...]") {
		t.Errorf("usage does not show build's synopsis:\n%s", usage)
	}
}

// TestVersionFromLinker builds handout as a release would, with its
// version set by the linker.
func TestVersionFromLinker(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is not on PATH: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "handout")
	if out, err := exec.Command(goCmd, "build", "-o", bin, "-ldflags", "-X main.version=9.9.9", ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil || string(out) != "handout 9.9.9\n" {
		t.Errorf("handout version = %q (err %v), want %q", out, err, "handout 9.9.9\n")
	}
}

func TestBuildMixedBatch(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	ok := filepath.Join(dir, "ok.toml")
	write(t, bad, fixture(t, "bad.toml"))
	write(t, ok, fixture(t, "small.toml"))
	out := filepath.Join(dir, "out")

	code, stdout, stderr := runHandout(t, fixedEnv, "build", "-o", out, bad, ok)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if !strings.Contains(stderr, bad+":8:1:") {
		t.Errorf("stderr does not report %s:8:1:\n%s", bad, stderr)
	}
	if strings.Contains(stderr, ok) {
		t.Errorf("stderr mentions the good file:\n%s", stderr)
	}
	want := regexp.MustCompile(`^wrote ` + regexp.QuoteMeta(filepath.Join(out, "ok.pdf")) + ` \(1 page\)\n` +
		`wrote ` + regexp.QuoteMeta(filepath.Join(out, "ok-summary.pdf")) + ` \(1 page\)\n$`)
	if !want.MatchString(stdout) {
		t.Errorf("stdout = %q, want to match %s", stdout, want)
	}
	if got, want := tree(t, out), []string{"ok-summary.pdf", "ok.pdf"}; !slices.Equal(got, want) {
		t.Errorf("output folder holds %q, want %q", got, want)
	}
}

func TestBuildFolder(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	worksheetOnly := fixture(t, "worksheet-only.toml")
	write(t, filepath.Join(content, "a.toml"), fixture(t, "small.toml"))
	write(t, filepath.Join(content, "history", "b.toml"), worksheetOnly)
	write(t, filepath.Join(content, "history", "ussr", "c.toml"), worksheetOnly)
	write(t, filepath.Join(content, "history", "README.md"), "not content")
	write(t, filepath.Join(content, ".drafts", "d.toml"), "not even TOML [")
	write(t, filepath.Join(content, ".#a.toml"), "an editor's lock file")
	single := filepath.Join(dir, "elsewhere", "e.toml")
	write(t, single, worksheetOnly)
	out := filepath.Join(dir, "out")

	code, stdout, stderr := runHandout(t, fixedEnv, "build", "-o", out, content, single)
	if code != 0 {
		t.Fatalf("exit status %d, want 0\nstderr:\n%s", code, stderr)
	}
	want := []string{"a-summary.pdf", "a.pdf", "e.pdf", "history/b.pdf", "history/ussr/c.pdf"}
	if got := tree(t, out); !slices.Equal(got, want) {
		t.Errorf("output folder holds %q, want %q", got, want)
	}
	// In order: the folder's files sorted, then the file.
	var wrote []string
	for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 || f[0] != "wrote" {
			t.Fatalf("stdout line %q is not wrote PATH (N pages)", l)
		}
		rel, _ := filepath.Rel(out, f[1])
		wrote = append(wrote, filepath.ToSlash(rel))
	}
	if order := []string{"a.pdf", "a-summary.pdf", "history/b.pdf", "history/ussr/c.pdf", "e.pdf"}; !slices.Equal(wrote, order) {
		t.Errorf("wrote %q, want %q", wrote, order)
	}

	// A second build skips every file; a forced one gives the same bytes
	// and says the same.
	before := map[string][]byte{}
	for _, f := range want {
		before[f], _ = os.ReadFile(filepath.Join(out, f))
	}
	code, stdout2, stderr2 := runHandout(t, fixedEnv, "build", "-o", out, content, single)
	if code != 0 || stdout2 != "" || !strings.HasPrefix(stderr2, "built nothing in ") || !strings.HasSuffix(stderr2, "; 4 files up to date\n") {
		t.Errorf("second build: exit %d, stdout %q, stderr %q; want 0, nothing, built nothing; 4 files up to date", code, stdout2, stderr2)
	}
	code, stdout2, _ = runHandout(t, fixedEnv, "build", "--force", "-o", out, content, single)
	if code != 0 || stdout2 != stdout {
		t.Errorf("forced build: exit %d, stdout %q; want 0, %q", code, stdout2, stdout)
	}
	for _, f := range want {
		if after, _ := os.ReadFile(filepath.Join(out, f)); !bytes.Equal(before[f], after) {
			t.Errorf("%s differs between two builds", f)
		}
	}
}

// TestBuildWriteError builds a file whose PDF cannot be written, since a
// folder is in its place: exit status 1, and the file's other PDF is written
// only if it comes first.
func TestBuildWriteError(t *testing.T) {
	tests := []struct {
		folder string // the PDF with a folder in its place
		wrote  string // stdout
		want   []string
	}{
		{folder: "a.pdf", want: []string{"a.pdf/keep"}},
		{folder: "a-summary.pdf", wrote: "a.pdf", want: []string{"a-summary.pdf/keep", "a.pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.folder, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "a.toml")
			write(t, src, fixture(t, "small.toml"))
			out := filepath.Join(dir, "out")
			write(t, filepath.Join(out, tt.folder, "keep"), "keep")

			code, stdout, stderr := runHandout(t, fixedEnv, "build", "-o", out, src)
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			wantOut := ""
			if tt.wrote != "" {
				wantOut = "wrote " + filepath.Join(out, tt.wrote) + " (1 page)\n"
			}
			if stdout != wantOut {
				t.Errorf("stdout = %q, want %q", stdout, wantOut)
			}
			for _, want := range []string{src + ": writing " + filepath.Join(out, tt.folder) + ":", "1 file failed"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, stderr)
				}
			}
			if got := tree(t, out); !slices.Equal(got, tt.want) {
				t.Errorf("output folder holds %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBuildDefaults runs handout as `handout build` in a project folder:
// content/ in, out/ out, paths in messages relative as given.
// TestBuildPrintFlags checks that the print flags are in the manifest's
// fingerprint: changing any of them rebuilds, giving the same ones again
// does not.
func TestBuildPrintFlags(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.toml")
	write(t, file, fixture(t, "small.toml"))
	out := filepath.Join(dir, "out")
	runs := []struct {
		flags []string
		wrote bool
	}{
		{nil, true},
		{nil, false},
		{[]string{"--bleed", "3"}, true},
		{[]string{"--bleed", "3"}, false},
		{[]string{"--bleed", "3", "--marks"}, true},
		{[]string{"--marks", "--bleed=3"}, false},
		{[]string{"--marks", "--bleed=3", "--gray"}, true},
		{[]string{"--marks", "--bleed=3", "--gray", "--impose", "booklet"}, true},
		{[]string{"--marks", "--bleed=3", "--gray", "--impose", "Booklet"}, false},
	}
	for i, r := range runs {
		args := append([]string{"build", "-o", out}, r.flags...)
		code, stdout, stderr := runHandout(t, fixedEnv, append(args, file)...)
		if code != 0 {
			t.Fatalf("run %d %q: exit %d\n%s", i+1, r.flags, code, stderr)
		}
		if wrote := strings.Contains(stdout, "wrote "); wrote != r.wrote {
			t.Errorf("run %d %q: wrote PDFs %v, want %v (stdout %q)", i+1, r.flags, wrote, r.wrote, stdout)
		}
	}
	// The last build has the bleed and the marks: a bigger page.
	data, err := os.ReadFile(filepath.Join(out, "p.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("/TrimBox [")) || !bytes.Contains(data, []byte("/BleedBox [")) {
		t.Error("p.pdf built with --bleed 3 --marks has no TrimBox or BleedBox")
	}
}

func TestBuildDefaults(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content", "end.toml"), fixture(t, "small.toml"))
	t.Chdir(dir)

	code, stdout, stderr := runHandout(t, fixedEnv, "build")
	if code != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", code, stderr)
	}
	if want := "wrote out/end.pdf (1 page)\nwrote out/end-summary.pdf (1 page)\n"; stdout != want {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}
	if got, want := tree(t, "out"), []string{"end-summary.pdf", "end.pdf"}; !slices.Equal(got, want) {
		t.Errorf("out/ holds %q, want %q", got, want)
	}

	// Flags may follow the paths.
	code, stdout, stderr = runHandout(t, fixedEnv, "build", "content/end.toml", "-o", "other")
	if code != 0 || !strings.HasPrefix(stdout, "wrote other/end.pdf") {
		t.Errorf("build content/end.toml -o other: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// An empty content folder is a usage error naming it.
	if err := os.Remove(filepath.Join("content", "end.toml")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runHandout(t, fixedEnv, "build")
	if code != 2 || !strings.Contains(stderr, "no .toml files in content/") {
		t.Errorf("empty content/: exit %d, stderr %q; want 2 and no .toml files in content/", code, stderr)
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content", "a.toml"), fixture(t, "small.toml"))
	write(t, filepath.Join(dir, "content", "sub", "b.toml"), fixture(t, "worksheet-only.toml"))
	bad, cramped := fixture(t, "bad.toml"), fixture(t, "cramped.toml")
	t.Chdir(dir)
	before := tree(t, dir)

	checked := regexp.MustCompile(`^checked 2 files in \d+\.\d s\n$`)
	code, stdout, stderr := runHandout(t, fixedEnv, "check")
	if code != 0 || stdout != "" || !checked.MatchString(stderr) {
		t.Errorf("check: exit %d, stdout %q, stderr %q; want 0, nothing, %s", code, stdout, stderr, checked)
	}
	code, stdout, stderr = runHandout(t, fixedEnv, "check", "-q", "content/a.toml")
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("check -q content/a.toml: exit %d, stdout %q, stderr %q; want 0 and nothing", code, stdout, stderr)
	}
	if after := tree(t, dir); !slices.Equal(before, after) {
		t.Errorf("check wrote files: before %q, after %q", before, after)
	}

	// c.toml fails to decode; d.toml decodes but, as build would, check
	// finds that its summary cannot be laid out.
	write(t, filepath.Join(dir, "content", "sub", "c.toml"), bad)
	write(t, filepath.Join(dir, "content", "d.toml"), cramped)
	before = tree(t, dir)
	code, stdout, stderr = runHandout(t, fixedEnv, "check", "content")
	if code != 1 || stdout != "" {
		t.Errorf("check with errors: exit %d, stdout %q; want 1, nothing", code, stdout)
	}
	for _, want := range []string{"content/sub/c.toml:8:1:", "content/d.toml: layout summary:", "checked 4 files in", "; 2 files failed"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not report %s:\n%s", want, stderr)
		}
	}
	if after := tree(t, dir); !slices.Equal(before, after) {
		t.Errorf("check wrote files: before %q, after %q", before, after)
	}
}

// TestInterrupted runs build and check with handout already interrupted:
// they start no file, say so, and exit 130.
func TestInterrupted(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content", "a.toml"), fixture(t, "small.toml"))
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, args := range [][]string{
		{"build", "-o", out, filepath.Join(dir, "content")},
		{"check", filepath.Join(dir, "content")},
		{"build", "-o", out, "-"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(args, env{
			stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: fixedEnv,
			terminal: func(io.Writer) bool { return false }, ctx: ctx,
		})
		if code != exitInterrupted {
			t.Errorf("%q: exit status %d, want %d\nstderr:\n%s", args, code, exitInterrupted, stderr.String())
		}
		if args[len(args)-1] != "-" && !strings.Contains(stderr.String(), "interrupted, 1 not done") {
			t.Errorf("%q: stderr does not say it was interrupted:\n%s", args, stderr.String())
		}
	}
	if files := tree(t, out); len(files) > 0 {
		t.Errorf("an interrupted build wrote %q", files)
	}
}
