package main

// End-to-end tests of the batch features of handout build, check and watch
// (issue #3): -j, keep going, incremental builds, --report json, GitHub
// annotations, standard input and output, --shard, the progress line,
// --quiet and watch, all through run.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"handout/build"
	"handout/document"
	"handout/internal/pdftool"
)

// cliOpts is how cliRun runs handout besides its arguments.
type cliOpts struct {
	stdin    io.Reader           // nil: empty
	getenv   func(string) string // nil: fixedEnv
	terminal bool                // whether stdout is a terminal (stderr never is)
}

// cliRun runs handout in-process with o and returns its exit status and
// output.
func cliRun(t *testing.T, o cliOpts, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if o.stdin == nil {
		o.stdin = strings.NewReader("")
	}
	if o.getenv == nil {
		o.getenv = fixedEnv
	}
	code := run(args, env{
		stdin: o.stdin, stdout: &stdout, stderr: &stderr, getenv: o.getenv,
		terminal: func(w io.Writer) bool { return o.terminal && w == io.Writer(&stdout) },
		ctx:      t.Context(),
	})
	return code, stdout.String(), stderr.String()
}

// cliPages returns the page count pdfinfo reads in the PDF at path.
func cliPages(t *testing.T, path string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)\s*$`).FindStringSubmatch(pdftool.Run(t, "pdfinfo", path))
	if m == nil {
		t.Fatalf("pdfinfo shows no page count for %s", path)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// cliSHA256 returns the SHA-256 of data in lowercase hexadecimal.
func cliSHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// cliRead returns the bytes of the file at path.
func cliRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// removedLines returns the PDFs that stdout says were removed, relative to
// out with forward slashes, in order.
func removedLines(stdout, out string) []string {
	var removed []string
	for l := range strings.Lines(stdout) {
		if path, ok := strings.CutPrefix(strings.TrimSuffix(l, "\n"), "removed "); ok {
			rel, _ := filepath.Rel(out, path)
			removed = append(removed, filepath.ToSlash(rel))
		}
	}
	return removed
}

// wroteLines returns the PDFs that stdout says were written, relative to
// out with forward slashes, in order, failing on any other line.
func wroteLines(t *testing.T, stdout, out string) []string {
	t.Helper()
	re := regexp.MustCompile(`^wrote (.+) \((\d+) pages?\)$`)
	var wrote []string
	for l := range strings.Lines(stdout) {
		if strings.HasPrefix(l, "removed ") {
			continue // see removedLines
		}
		m := re.FindStringSubmatch(strings.TrimSuffix(l, "\n"))
		if m == nil || !strings.HasSuffix(l, "\n") {
			t.Fatalf("stdout line %q is not wrote PATH (N pages)\nstdout:\n%s", l, stdout)
		}
		rel, err := filepath.Rel(out, m[1])
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Fatalf("stdout line %q: PDF not under %s", l, out)
		}
		wrote = append(wrote, filepath.ToSlash(rel))
	}
	return wrote
}

// lastLine returns the last line of s, without its newline.
func lastLine(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return s[strings.LastIndex(s, "\n")+1:]
}

// batchFolder writes a content folder of eight files under dir: every
// fixture, some twice, in subfolders, and the example. It returns the
// folder and the PDFs its build writes, relative to the output folder, in
// the order build reports them.
func batchFolder(t *testing.T, dir string) (string, []string) {
	t.Helper()
	content := filepath.Join(dir, "content")
	small, ws, sum := fixture(t, "small.toml"), fixture(t, "worksheet-only.toml"), fixture(t, "summary-only.toml")
	example, err := os.ReadFile(filepath.Join("content", "end-of-the-purges.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"a.toml":                  small,
		"b.toml":                  ws,
		"c.toml":                  sum,
		"history/d.toml":          small,
		"history/e.toml":          ws,
		"history/ussr/f.toml":     sum,
		"history/ussr/purge.toml": string(example),
		"z/h.toml":                small,
	} {
		write(t, filepath.Join(content, filepath.FromSlash(name)), data)
	}
	return content, []string{
		"a.pdf", "a-summary.pdf", "b.pdf", "c-summary.pdf",
		"history/d.pdf", "history/d-summary.pdf", "history/e.pdf",
		"history/ussr/f-summary.pdf", "history/ussr/purge.pdf", "history/ussr/purge-summary.pdf",
		"z/h.pdf", "z/h-summary.pdf",
	}
}

// TestCLIJobs builds one folder with several -j: the same PDFs, byte for
// byte, and the same lines in the same order, the order of the sources.
func TestCLIJobs(t *testing.T) {
	dir := t.TempDir()
	content, want := batchFolder(t, dir)
	sorted := slices.Sorted(slices.Values(want))

	var firstFiles map[string][]byte // the -j 1 build's
	for _, j := range []string{"1", "2", "8", "0"} {
		out := filepath.Join(dir, "out-j"+j)
		code, stdout, stderr := runHandout(t, fixedEnv, "build", "-j", j, "-o", out, content)
		if code != 0 {
			t.Fatalf("-j %s: exit status %d\nstderr:\n%s", j, code, stderr)
		}
		if got := wroteLines(t, stdout, out); !slices.Equal(got, want) {
			t.Errorf("-j %s: wrote %q, want %q in that order", j, got, want)
		}
		if got := tree(t, out); !slices.Equal(got, sorted) {
			t.Errorf("-j %s: output folder holds %q, want %q", j, got, sorted)
		}
		files := map[string][]byte{}
		for _, f := range sorted {
			files[f] = cliRead(t, filepath.Join(out, filepath.FromSlash(f)))
			if !bytes.HasPrefix(files[f], []byte("%PDF-")) {
				t.Errorf("-j %s: %s is not a PDF", j, f)
			}
		}
		if firstFiles == nil {
			firstFiles = files
			continue
		}
		for _, f := range sorted {
			if !bytes.Equal(files[f], firstFiles[f]) {
				t.Errorf("-j %s: %s differs from the -j 1 build's (%d bytes, want %d; first difference at byte %d)",
					j, f, len(files[f]), len(firstFiles[f]), firstDiff(files[f], firstFiles[f]))
			}
		}
	}

	// -j takes a number of files, 0 for one per CPU.
	for _, j := range []string{"-1", "x", ""} {
		out := filepath.Join(dir, "out-bad")
		code, stdout, stderr := runHandout(t, fixedEnv, "build", "-j", j, "-o", out, content)
		if code != 2 || stdout != "" || !strings.Contains(stderr, "-j") {
			t.Errorf("-j %q: exit %d, stdout %q, stderr %q; want 2, nothing, a message about -j", j, code, stdout, stderr)
		}
		if files := tree(t, out); len(files) > 0 {
			t.Errorf("-j %q wrote %q", j, files)
		}
	}
}

// summaryRE matches a build's summary line.
var summaryRE = regexp.MustCompile(`^(built (\d+) PDFs? \((\d+) pages?\) from (\d+) files?|built nothing) in \d+\.\d s(; (\d+) files? up to date)?(; (\d+) files? failed)?(; removed (\d+) PDFs? no longer made)?$`)

// TestCLIKeepGoing builds a bad file among good ones: every error, the good
// PDFs, exit status 1 and a summary line last; then again, with nothing
// changed.
func TestCLIKeepGoing(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	write(t, filepath.Join(content, "a.toml"), fixture(t, "small.toml"))
	bad := filepath.Join(content, "m", "bad.toml")
	write(t, bad, fixture(t, "bad.toml"))
	write(t, filepath.Join(content, "z.toml"), fixture(t, "small.toml"))
	out := filepath.Join(dir, "out")

	code, stdout, stderr := runHandout(t, fixedEnv, "build", "-j", "3", "-o", out, content)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if got, want := wroteLines(t, stdout, out), []string{"a.pdf", "a-summary.pdf", "z.pdf", "z-summary.pdf"}; !slices.Equal(got, want) {
		t.Errorf("wrote %q, want %q", got, want)
	}
	if got, want := tree(t, out), []string{"a-summary.pdf", "a.pdf", "z-summary.pdf", "z.pdf"}; !slices.Equal(got, want) {
		t.Errorf("output folder holds %q, want %q", got, want)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	wantErrs := []string{
		bad + `:7:1: block has no kind`,
		bad + `:8:1: unknown key "qoute" in [[section.block]]`,
	}
	if len(lines) != len(wantErrs)+1 {
		t.Fatalf("stderr has %d lines, want %d errors and a summary line:\n%s", len(lines), len(wantErrs), stderr)
	}
	for i, want := range wantErrs {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("stderr line %d = %q, want it to start with %q", i+1, lines[i], want)
		}
	}
	line1 := regexp.MustCompile(`^built 4 PDFs \(4 pages\) from 2 files in \d+\.\d s; 1 file failed$`)
	if last := lastLine(stderr); !line1.MatchString(last) {
		t.Errorf("last stderr line %q does not match %s", last, line1)
	}

	// Nothing changed: the good files are up to date, the bad one fails
	// again, with its errors.
	code, stdout, stderr = runHandout(t, fixedEnv, "build", "-o", out, content)
	if code != 1 || stdout != "" {
		t.Errorf("rebuild: exit %d, stdout %q; want 1, nothing", code, stdout)
	}
	for _, want := range wantErrs {
		if !strings.Contains(stderr, want) {
			t.Errorf("rebuild: stderr does not say %q:\n%s", want, stderr)
		}
	}
	line2 := regexp.MustCompile(`^built nothing in \d+\.\d s; 2 files up to date; 1 file failed$`)
	if last := lastLine(stderr); !line2.MatchString(last) {
		t.Errorf("rebuild: last stderr line %q does not match %s", last, line2)
	}
}

// cliManifest is what TestCLIIncremental reads of the manifest.
type cliManifest struct {
	Files map[string]struct {
		Source  string `json:"source"`
		Outputs []struct {
			Path string `json:"path"`
		} `json:"outputs"`
	} `json:"files"`
}

// TestCLIIncremental rebuilds a folder step by step: each step's build
// writes exactly the PDFs of the files it should rebuild.
func TestCLIIncremental(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	a, b, c := filepath.Join(content, "a.toml"), filepath.Join(content, "sub", "b.toml"), filepath.Join(content, "c.toml")
	write(t, a, fixture(t, "small.toml"))
	write(t, b, fixture(t, "worksheet-only.toml"))
	write(t, c, fixture(t, "small.toml"))
	out := filepath.Join(dir, "out")
	all := []string{"a.pdf", "a-summary.pdf", "c.pdf", "c-summary.pdf", "sub/b.pdf"}
	pdf := func(rel string) string { return filepath.Join(out, filepath.FromSlash(rel)) }

	var first map[string][]byte // the PDFs of the first build
	steps := []struct {
		name    string
		change  func(t *testing.T)
		getenv  func(string) string
		flags   []string
		wrote   []string
		removed []string
		files   []string // the output folder afterwards; nil: all
	}{
		{name: "first build", wrote: all},
		{name: "nothing changed"},
		{name: "one file edited", change: func(t *testing.T) {
			write(t, a, strings.Replace(fixture(t, "small.toml"), `title = "A small worksheet"`, `title = "An edited worksheet"`, 1))
		}, wrote: []string{"a.pdf", "a-summary.pdf"}},
		{name: "an output deleted", change: func(t *testing.T) {
			if err := os.Remove(pdf("sub/b.pdf")); err != nil {
				t.Fatal(err)
			}
		}, wrote: []string{"sub/b.pdf"}},
		{name: "an output edited by hand", change: func(t *testing.T) {
			write(t, pdf("c-summary.pdf"), oldPDF)
		}, wrote: []string{"c.pdf", "c-summary.pdf"}},
		{name: "an output touched, same bytes", change: func(t *testing.T) {
			now := time.Now().Add(time.Hour)
			if err := os.Chtimes(pdf("c.pdf"), now, now); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "--force", flags: []string{"--force"}, wrote: all},
		{name: "another SOURCE_DATE_EPOCH", getenv: vars("SOURCE_DATE_EPOCH", "1800000000"), wrote: all},
		{name: "SOURCE_DATE_EPOCH back", wrote: all},
		{name: "still nothing changed"},
		{name: "a summary dropped", change: func(t *testing.T) {
			write(t, c, fixture(t, "worksheet-only.toml"))
		}, wrote: []string{"c.pdf"}, removed: []string{"c-summary.pdf"}, files: []string{"a-summary.pdf", "a.pdf", "c.pdf", "sub/b.pdf"}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.change != nil {
				st.change(t)
			}
			getenv := st.getenv
			if getenv == nil {
				getenv = fixedEnv
			}
			args := append([]string{"build", "-o", out}, st.flags...)
			code, stdout, stderr := runHandout(t, getenv, append(args, content)...)
			if code != 0 {
				t.Fatalf("exit status %d\nstderr:\n%s", code, stderr)
			}
			if got := wroteLines(t, stdout, out); !slices.Equal(got, st.wrote) {
				t.Errorf("wrote %q, want %q", got, st.wrote)
			}
			if got := removedLines(stdout, out); !slices.Equal(got, st.removed) {
				t.Errorf("removed %q, want %q", got, st.removed)
			}
			if !summaryRE.MatchString(lastLine(stderr)) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("stderr = %q, want only a summary line", stderr)
			}
			files := st.files
			if files == nil {
				files = all
			}
			if got := tree(t, out); !slices.Equal(got, slices.Sorted(slices.Values(files))) {
				t.Errorf("output folder holds %q, want %q", got, files)
			}
			if first == nil {
				first = map[string][]byte{}
				for _, f := range all {
					first[f] = cliRead(t, pdf(f))
				}
			}
			// Rebuilt PDFs of unchanged content are as first built.
			for _, f := range []string{"sub/b.pdf", "c-summary.pdf"} {
				if st.getenv == nil && slices.Contains(files, f) && !bytes.Equal(cliRead(t, pdf(f)), first[f]) {
					t.Errorf("%s is not as first built", f)
				}
			}

			// The manifest names each file's PDFs.
			data, err := os.ReadFile(filepath.Join(out, build.ManifestName))
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(data) {
				t.Fatalf("%s is not JSON:\n%s", build.ManifestName, data)
			}
			var m cliManifest
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatalf("%s: %v", build.ManifestName, err)
			}
			byFile := map[string][]string{}
			for _, e := range m.Files {
				for _, o := range e.Outputs {
					// Sources are relative to the manifest's folder.
					src := filepath.Join(out, filepath.FromSlash(e.Source))
					byFile[src] = append(byFile[src], o.Path)
				}
			}
			wantByFile := map[string][]string{
				a: {"a.pdf", "a-summary.pdf"},
				b: {"sub/b.pdf"},
				c: {"c.pdf", "c-summary.pdf"},
			}
			if st.files != nil {
				wantByFile[c] = []string{"c.pdf"}
			}
			for src, want := range wantByFile {
				if got := byFile[src]; !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
					t.Errorf("manifest: %s has outputs %q, want %q\n%s", src, got, want, data)
				}
			}
			if len(byFile) != len(wantByFile) {
				t.Errorf("manifest names %d files, want %d:\n%s", len(byFile), len(wantByFile), data)
			}
		})
	}
}

// The JSON report, as a consumer would decode it: any field not here is
// an error.
type (
	cliReport struct {
		Handout  string          `json:"handout"`
		Command  string          `json:"command"`
		Shard    string          `json:"shard"`
		Files    []cliFileReport `json:"files"`
		Errors   []cliProblem    `json:"errors"`
		Warnings []cliProblem    `json:"warnings"`
		Summary  cliSummary      `json:"summary"`
		Exit     int             `json:"exit"`
	}
	cliProblem struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Column  int    `json:"column"`
		Message string `json:"message"`
	}
	cliFileReport struct {
		File    string `json:"file"`
		Status  string `json:"status"`
		Outputs []struct {
			Kind    string `json:"kind"`
			Version string `json:"version"`
			Path    string `json:"path"`
			Pages   int    `json:"pages"`
			Bytes   int    `json:"bytes"`
			SHA256  string `json:"sha256"`
		} `json:"outputs"`
		Removed  []string     `json:"removed"`
		Errors   []cliProblem `json:"errors"`
		Warnings []cliProblem `json:"warnings"`
	}
	cliSummary struct {
		Files       int     `json:"files"`
		Built       int     `json:"built"`
		Skipped     int     `json:"skipped"`
		Cached      int     `json:"cached"`
		Failed      int     `json:"failed"`
		PDFs        int     `json:"pdfs"`
		Pages       int     `json:"pages"`
		Removed     int     `json:"removed"`
		Warnings    int     `json:"warnings"`
		Seconds     float64 `json:"seconds"`
		Interrupted bool    `json:"interrupted"`
	}
)

// decodeReport decodes stdout as one JSON report with nothing after it,
// and no null where a list or object belongs.
func decodeReport(t *testing.T, stdout string) cliReport {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	var r cliReport
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("stdout is not the JSON report: %v\nstdout:\n%s", err, stdout)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("stdout has more after the JSON report (%v):\n%s", err, stdout)
	}
	if strings.Contains(stdout, "null") {
		t.Errorf("the JSON report has a null, not an empty list:\n%s", stdout)
	}
	return r
}

func TestCLIReportJSON(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	a, b, bad := filepath.Join(content, "a.toml"), filepath.Join(content, "b.toml"), filepath.Join(content, "bad.toml")
	write(t, a, fixture(t, "small.toml"))
	write(t, b, fixture(t, "worksheet-only.toml"))
	write(t, bad, fixture(t, "bad.toml"))
	out := filepath.Join(dir, "out")
	badErrors := func(t *testing.T, f cliFileReport) {
		t.Helper()
		if len(f.Errors) != 2 || len(f.Outputs) != 0 {
			t.Fatalf("bad.toml has %d errors and %d outputs, want 2 and 0", len(f.Errors), len(f.Outputs))
		}
		for i, want := range [][2]int{{7, 1}, {8, 1}} {
			e := f.Errors[i]
			if e.File != bad || e.Line != want[0] || e.Column != want[1] || e.Message == "" {
				t.Errorf("error %d is %+v, want file %s, line %d, column %d and a message", i, e, bad, want[0], want[1])
			}
		}
		if m := f.Errors[1].Message; m != `unknown key "qoute" in [[section.block]] (did you mean "quote"?)` {
			t.Errorf("error 2 says %q", m)
		}
	}
	// check checks each output against the PDF on disk, and returns the
	// report's files by name.
	check := func(t *testing.T, r cliReport, cmd string) map[string]cliFileReport {
		t.Helper()
		if r.Handout != version || r.Command != cmd {
			t.Errorf("handout %q, command %q; want %q, %q", r.Handout, r.Command, version, cmd)
		}
		files := map[string]cliFileReport{}
		var names []string
		for _, f := range r.Files {
			files[f.File] = f
			names = append(names, f.File)
			for _, o := range f.Outputs {
				data := cliRead(t, o.Path)
				if o.Bytes != len(data) || o.SHA256 != cliSHA256(data) {
					t.Errorf("%s: report says %d bytes, sha256 %s; on disk %d bytes, %s", o.Path, o.Bytes, o.SHA256, len(data), cliSHA256(data))
				}
				if n := cliPages(t, o.Path); o.Pages != n {
					t.Errorf("%s: report says %d pages, pdfinfo %d", o.Path, o.Pages, n)
				}
			}
		}
		if want := []string{a, b, bad}; !slices.Equal(names, want) {
			t.Errorf("report's files are %q, want %q in that order", names, want)
		}
		return files
	}
	kinds := func(f cliFileReport) []string {
		var ks []string
		for _, o := range f.Outputs {
			ks = append(ks, o.Kind+" "+o.Path)
		}
		return ks
	}

	code, stdout, stderr := runHandout(t, fixedEnv, "build", "--report", "json", "-o", out, content)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	r := decodeReport(t, stdout)
	files := check(t, r, "build")
	if f := files[a]; f.Status != "built" || !slices.Equal(kinds(f), []string{"worksheet " + filepath.Join(out, "a.pdf"), "summary " + filepath.Join(out, "a-summary.pdf")}) {
		t.Errorf("a.toml: status %s, outputs %q", f.Status, kinds(f))
	}
	if f := files[b]; f.Status != "built" || !slices.Equal(kinds(f), []string{"worksheet " + filepath.Join(out, "b.pdf")}) {
		t.Errorf("b.toml: status %s, outputs %q", f.Status, kinds(f))
	}
	if f := files[bad]; f.Status != "failed" {
		t.Errorf("bad.toml: status %s, want failed", f.Status)
	} else {
		badErrors(t, f)
	}
	if s := r.Summary; s.Files != 3 || s.Built != 2 || s.Skipped != 0 || s.Failed != 1 || s.PDFs != 3 || s.Pages != 3 || s.Seconds < 0 {
		t.Errorf("summary %+v, want 3 files, 2 built, 1 failed, 3 PDFs, 3 pages", s)
	}
	for _, want := range []string{bad + ":7:1: block has no kind", bad + ":8:1: unknown key"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}

	// Again: the good files are skipped, their outputs still reported.
	code, stdout, _ = runHandout(t, fixedEnv, "build", "--report", "json", "-o", out, content)
	if code != 1 {
		t.Errorf("second build: exit status %d, want 1", code)
	}
	r = decodeReport(t, stdout)
	files = check(t, r, "build")
	for _, f := range []string{a, b} {
		if files[f].Status != "skipped" || len(files[f].Outputs) == 0 {
			t.Errorf("second build: %s: status %s with %d outputs, want skipped with its outputs", f, files[f].Status, len(files[f].Outputs))
		}
	}
	if files[bad].Status != "failed" {
		t.Errorf("second build: bad.toml: status %s, want failed", files[bad].Status)
	}
	if s := r.Summary; s.Files != 3 || s.Built != 0 || s.Skipped != 2 || s.Failed != 1 || s.PDFs != 0 || s.Pages != 0 {
		t.Errorf("second build: summary %+v, want 3 files, 2 skipped, 1 failed, no PDFs", s)
	}

	// check reports checked files, with no outputs.
	code, stdout, stderr = runHandout(t, fixedEnv, "check", "--report", "json", content)
	if code != 1 {
		t.Errorf("check: exit status %d, want 1", code)
	}
	r = decodeReport(t, stdout)
	files = check(t, r, "check")
	for _, f := range []string{a, b} {
		if files[f].Status != "checked" || len(files[f].Outputs) != 0 || len(files[f].Errors) != 0 {
			t.Errorf("check: %s: %+v, want checked, no outputs, no errors", f, files[f])
		}
	}
	if f := files[bad]; f.Status != "failed" {
		t.Errorf("check: bad.toml: status %s, want failed", f.Status)
	} else {
		badErrors(t, f)
	}
	if s := r.Summary; s.Files != 3 || s.Failed != 1 || s.Built != 0 || s.PDFs != 0 {
		t.Errorf("check: summary %+v, want 3 files, 1 failed, nothing built", s)
	}
	if !strings.Contains(stderr, bad+":7:1:") {
		t.Errorf("check: stderr does not report %s:7:1:\n%s", bad, stderr)
	}

	// All good: exit status 0, still pure JSON.
	code, stdout, _ = runHandout(t, fixedEnv, "check", "--report", "json", a)
	if r := decodeReport(t, stdout); code != 0 || len(r.Files) != 1 || r.Files[0].Status != "checked" {
		t.Errorf("check a.toml: exit %d, report %+v; want 0 and a.toml checked", code, r)
	}
}

// TestCLIReportJSONEmptyShard builds a shard that has none of the files:
// the report's files are an empty list, not null.
func TestCLIReportJSONEmptyShard(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.toml")
	write(t, src, fixture(t, "worksheet-only.toml"))
	out := filepath.Join(dir, "out")
	k := 0
	if (build.Shard{K: 0, N: 2}).Has("a") {
		k = 1
	}
	code, stdout, stderr := runHandout(t, fixedEnv, "build", "--report", "json", "--shard", strconv.Itoa(k)+"/2", "-o", out, src)
	if code != 0 {
		t.Errorf("exit status %d, want 0\nstderr:\n%s", code, stderr)
	}
	r := decodeReport(t, stdout)
	if len(r.Files) != 0 || r.Summary.Files != 0 {
		t.Errorf("report %+v, want no files", r)
	}
	if files := tree(t, out); len(files) > 0 {
		t.Errorf("an empty shard wrote %q", files)
	}
}

// TestCLIGitHubAnnotations builds and checks a bad file with and without
// GITHUB_ACTIONS=true, in text and JSON.
func TestCLIGitHubAnnotations(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	write(t, bad, fixture(t, "bad.toml"))
	good := filepath.Join(dir, "good.toml")
	write(t, good, fixture(t, "worksheet-only.toml"))
	var kinds []string
	for _, k := range document.Kinds() {
		kinds = append(kinds, k.Key)
	}
	want := []string{
		"::error file=" + bad + ",line=7,col=1::block has no kind: give one of " + strings.Join(kinds, ", "),
		"::error file=" + bad + ",line=8,col=1::unknown key \"qoute\" in [[section.block]] (did you mean \"quote\"?)",
	}
	github := vars("GITHUB_ACTIONS", "true", "SOURCE_DATE_EPOCH", "1700000000")
	tests := []struct {
		name   string
		getenv func(string) string
		args   []string
		where  string // "stdout", "stderr" or "" for nowhere
	}{
		{"build", github, []string{"build"}, "stdout"},
		{"build --report json", github, []string{"build", "--report", "json"}, "stderr"},
		{"check", github, []string{"check"}, "stdout"},
		{"check --report json", github, []string{"check", "--report", "json"}, "stderr"},
		{"build -q", github, []string{"build", "-q"}, "stdout"},
		{"build, not on GitHub", fixedEnv, []string{"build"}, ""},
		{"build --report json, not on GitHub", fixedEnv, []string{"build", "--report", "json"}, ""},
		{"GITHUB_ACTIONS=false", vars("GITHUB_ACTIONS", "false", "SOURCE_DATE_EPOCH", "1700000000"), []string{"build"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if args[0] == "build" {
				args = append(args, "-o", filepath.Join(t.TempDir(), "out"))
			}
			code, stdout, stderr := runHandout(t, tt.getenv, append(args, bad, good)...)
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if slices.Contains(args, "json") {
				decodeReport(t, stdout)
			}
			annotations := map[string][]string{}
			for name, s := range map[string]string{"stdout": stdout, "stderr": stderr} {
				for l := range strings.Lines(s) {
					if strings.Contains(l, "::error") {
						annotations[name] = append(annotations[name], strings.TrimSuffix(l, "\n"))
					}
				}
			}
			for _, name := range []string{"stdout", "stderr"} {
				var w []string
				if name == tt.where {
					w = want
				}
				if !slices.Equal(annotations[name], w) {
					t.Errorf("annotations on %s: %q, want %q\nstdout:\n%s\nstderr:\n%s", name, annotations[name], w, stdout, stderr)
				}
			}
			// The errors are on stderr as ever.
			if !strings.Contains(stderr, bad+":7:1: block has no kind") {
				t.Errorf("stderr does not report %s:7:1:\n%s", bad, stderr)
			}
		})
	}
}

// TestCLIGitHubEscaping builds files whose names and messages need
// escaping in a workflow command: a comma and a colon in a file name, a
// percent sign in a message, a newline in both.
func TestCLIGitHubEscaping(t *testing.T) {
	bad, ws := fixture(t, "bad.toml"), fixture(t, "worksheet-only.toml")
	t.Chdir(t.TempDir())
	github := vars("GITHUB_ACTIONS", "true", "SOURCE_DATE_EPOCH", "1700000000")

	write(t, "we,ird:name.toml", bad)
	write(t, "pct.toml", "[worksheet]\ntitle = \"T\"\n\n[[section]]\nheading = \"H\"\n\n[[section.block]]\ntext = \"x\"\n\"50%\" = 1\n")
	// A folder in place of its PDF makes a write error, whose message
	// names the PDF, with its newline.
	write(t, "new\nline.toml", ws)
	write(t, filepath.Join("out", "new\nline.pdf", "keep"), "keep")

	tests := []struct {
		file string
		want []string // regular expressions, one per stdout line
	}{
		{"we,ird:name.toml", []string{
			`^::error file=we%2Cird%3Aname\.toml,line=7,col=1::block has no kind`,
			`^::error file=we%2Cird%3Aname\.toml,line=8,col=1::unknown key`,
		}},
		{"pct.toml", []string{`^::error file=pct\.toml,line=9,col=1::unknown key "50%25" in \[\[section\.block\]\]$`}},
		{"new\nline.toml", []string{`^::error file=new%0Aline\.toml::writing out/new%0Aline\.pdf: [^\n]*$`}},
	}
	for _, tt := range tests {
		t.Run(strconv.Quote(tt.file), func(t *testing.T) {
			code, stdout, stderr := runHandout(t, github, "build", "-o", "out", tt.file)
			if code != 1 {
				t.Errorf("exit status %d, want 1\nstderr:\n%s", code, stderr)
			}
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("stdout has %d lines, want %d:\n%s", len(lines), len(tt.want), stdout)
			}
			for i, re := range tt.want {
				if !regexp.MustCompile(re).MatchString(lines[i]) {
					t.Errorf("stdout line %d = %q, want to match %s", i+1, lines[i], re)
				}
			}
		})
	}
}

// noRead is a standard input that must not be read.
type noRead struct{ t *testing.T }

func (r noRead) Read([]byte) (int, error) {
	r.t.Error("standard input was read")
	return 0, io.EOF
}

// TestCLIStdin builds from standard input to standard output.
func TestCLIStdin(t *testing.T) {
	dir := t.TempDir()
	small, ws, sum, bad := fixture(t, "small.toml"), fixture(t, "worksheet-only.toml"), fixture(t, "summary-only.toml"), fixture(t, "bad.toml")
	// The same files built from disk, to compare bytes with.
	write(t, filepath.Join(dir, "content", "ws.toml"), ws)
	write(t, filepath.Join(dir, "content", "sum.toml"), sum)
	write(t, filepath.Join(dir, "content", "small.toml"), small)
	ref := filepath.Join(dir, "ref")
	if code, _, stderr := runHandout(t, fixedEnv, "build", "-o", ref, filepath.Join(dir, "content")); code != 0 {
		t.Fatalf("reference build: exit %d\nstderr:\n%s", code, stderr)
	}
	other := filepath.Join(dir, "content", "small.toml")

	tests := []struct {
		name     string
		args     []string // after build, but for -o DIR
		stdin    string
		terminal bool
		getenv   func(string) string
		code     int
		noRead   bool     // whether standard input must not be read
		pdf      string   // the reference PDF stdout must be, or ""
		pages    int      // its pages
		stderr   []string // substrings of stderr
		files    []string // the output folder afterwards
	}{
		{name: "worksheet only", args: []string{"-"}, stdin: ws, pdf: "ws.pdf", pages: 1},
		{name: "summary only", args: []string{"-"}, stdin: sum, pdf: "sum-summary.pdf", pages: 1},
		{name: "worksheet only, -o", args: []string{"-o", "DIR", "-"}, stdin: ws, pdf: "ws.pdf", pages: 1},
		{name: "both, no -o", args: []string{"-"}, stdin: small, pdf: "small.pdf", pages: 1,
			stderr: []string{"<stdin>: the summary sheet was not written (standard output has the worksheet): add -o ", "to write it as ", "stdin-summary.pdf\n"}},
		{name: "both, no -o, -q", args: []string{"-q", "-"}, stdin: small, pdf: "small.pdf", pages: 1},
		{name: "--answers, no -o", noRead: true, args: []string{"--answers", "-"}, code: 2, stderr: []string{"--answers with - (standard input) makes a PDF besides the one on standard output: give -o "}},
		{name: "--impose, no -o", noRead: true, args: []string{"-", "--impose", "booklet"}, code: 2, stderr: []string{"--impose booklet with -"}},
		{name: "--impose none, no -o", args: []string{"-", "--impose", "none"}, stdin: ws, pdf: "ws.pdf", pages: 1},
		{name: "both, -o", args: []string{"-", "-o", "DIR"}, stdin: small, pdf: "small.pdf", pages: 1,
			stderr: []string{"wrote DIR/stdin-summary.pdf (1 page)"}, files: []string{"stdin-summary.pdf"}},
		{name: "both, -o, -q", args: []string{"-q", "-o", "DIR", "-"}, stdin: small, pdf: "small.pdf", pages: 1,
			files: []string{"stdin-summary.pdf"}},
		{name: "errors", args: []string{"-"}, stdin: bad, code: 1,
			stderr: []string{"<stdin>:7:1: block has no kind", "<stdin>:8:1: unknown key \"qoute\""}},
		{name: "errors, -o", args: []string{"-o", "DIR", "-"}, stdin: small + "\n[oops]\n", code: 1, stderr: []string{"<stdin>:"}},
		{name: "errors on GitHub", args: []string{"-"}, stdin: bad, code: 1, getenv: vars("GITHUB_ACTIONS", "true"),
			stderr: []string{"<stdin>:7:1: block has no kind", "::error file=<stdin>,line=7,col=1::block has no kind"}},
		{name: "empty", args: []string{"-"}, stdin: "", code: 1, stderr: []string{"<stdin>:1:1:"}},
		{name: "at the size limit", args: []string{"-"}, stdin: padTo(ws, document.MaxFileBytes), pdf: "ws.pdf", pages: 1},
		{name: "over the size limit", args: []string{"-"}, stdin: padTo(ws, document.MaxFileBytes+1), code: 1,
			stderr: []string{"<stdin>: file is more than 2 MB: a content file may be at most 2 MB (2097152 bytes)"}},
		{name: "far over the size limit", args: []string{"-"}, stdin: padTo(ws, 3*document.MaxFileBytes), code: 1,
			stderr: []string{"<stdin>: file is more than 2 MB: a content file may be at most 2 MB (2097152 bytes)"}},
		{name: "stdout a terminal", noRead: true, args: []string{"-"}, terminal: true, code: 2, stderr: []string{"standard output is a terminal"}},
		{name: "with a path", noRead: true, args: []string{"-", other}, code: 2, stderr: []string{"standard input"}},
		{name: "twice", noRead: true, args: []string{"-", "-"}, code: 2, stderr: []string{"standard input"}},
		{name: "with --shard", noRead: true, args: []string{"--shard", "1/2", "-"}, code: 2, stderr: []string{"--shard"}},
		{name: "with --report json", noRead: true, args: []string{"--report", "json", "-"}, code: 2, stderr: []string{"--report json"}},
		{name: "check -", noRead: true, args: []string{"CHECK", "-"}, code: 2, stderr: []string{"standard input"}},
		{name: "watch -", noRead: true, args: []string{"WATCH", "-o", "DIR", "-"}, code: 2, stderr: []string{"standard input"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := []string{"build"}
			for _, a := range tt.args {
				switch a {
				case "DIR":
					a = out
				case "CHECK", "WATCH":
					args[0] = strings.ToLower(a)
					continue
				}
				args = append(args, a)
			}
			var stdin io.Reader = strings.NewReader(tt.stdin)
			if tt.noRead {
				stdin = noRead{t}
			}
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second) // watch, should it start
			defer cancel()
			var stdout, stderr bytes.Buffer
			getenv := tt.getenv
			if getenv == nil {
				getenv = fixedEnv
			}
			code := run(args, env{
				stdin: stdin, stdout: &stdout, stderr: &stderr, getenv: getenv,
				terminal: func(w io.Writer) bool { return tt.terminal && w == io.Writer(&stdout) },
				ctx:      ctx,
			})
			t.Logf("stderr:\n%s", stderr.String())
			if code != tt.code {
				t.Errorf("exit status %d, want %d", code, tt.code)
			}
			if tt.pdf == "" {
				if stdout.Len() > 0 {
					t.Errorf("stdout = %q, want nothing", stdout.String())
				}
			} else {
				want := cliRead(t, filepath.Join(ref, tt.pdf))
				if !bytes.HasPrefix(stdout.Bytes(), []byte("%PDF-")) || !bytes.Equal(stdout.Bytes(), want) {
					t.Errorf("stdout is not %s as built from a file (%d bytes, want %d; starts %q)", tt.pdf, stdout.Len(), len(want), stdout.Bytes()[:min(stdout.Len(), 8)])
				}
				tmp := filepath.Join(t.TempDir(), "stdout.pdf")
				if err := os.WriteFile(tmp, stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				if n := cliPages(t, tmp); n != tt.pages {
					t.Errorf("the PDF on stdout has %d pages, want %d", n, tt.pages)
				}
			}
			for _, s := range tt.stderr {
				if s = strings.ReplaceAll(s, "DIR", out); !strings.Contains(stderr.String(), s) {
					t.Errorf("stderr does not say %q", s)
				}
			}
			if tt.stderr == nil && stderr.Len() > 0 {
				t.Errorf("stderr = %q, want nothing", stderr.String())
			}
			if tt.code == 2 && !strings.HasSuffix(stderr.String(), "\n"+usageHint+"\n") {
				t.Errorf("stderr does not end with %q", usageHint)
			}
			if got := tree(t, out); !slices.Equal(got, tt.files) {
				t.Errorf("output folder holds %q, want %q", got, tt.files)
			}
			if tt.files != nil {
				if got, want := cliRead(t, filepath.Join(out, "stdin-summary.pdf")), cliRead(t, filepath.Join(ref, "small-summary.pdf")); !bytes.Equal(got, want) {
					t.Errorf("stdin-summary.pdf differs from small-summary.pdf built from a file")
				}
			}
		})
	}
}

// TestCLIShard builds a folder in three shards, in turn, into one output
// folder: every PDF once, and a full build then finds them all up to date.
func TestCLIShard(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	ws := fixture(t, "worksheet-only.toml")
	var all []string
	for i := range 20 {
		name := "w" + strconv.Itoa(i)
		if i%3 == 0 {
			name = "sub/" + name
		}
		write(t, filepath.Join(content, filepath.FromSlash(name)+".toml"), ws)
		all = append(all, name+".pdf")
	}
	slices.Sort(all)
	out := filepath.Join(dir, "out")

	seen := map[string]string{} // PDF -> the shard that wrote it
	for k := range 3 {
		shard := strconv.Itoa(k) + "/3"
		code, stdout, stderr := runHandout(t, fixedEnv, "build", "--shard", shard, "-o", out, content)
		if code != 0 {
			t.Fatalf("--shard %s: exit status %d\nstderr:\n%s", shard, code, stderr)
		}
		wrote := wroteLines(t, stdout, out)
		if len(wrote) == 0 {
			t.Errorf("--shard %s built nothing", shard)
		}
		for _, f := range wrote {
			if prev, ok := seen[f]; ok {
				t.Errorf("--shard %s wrote %s, which --shard %s wrote", shard, f, prev)
			}
			seen[f] = shard
		}
		if want := regexp.MustCompile(`^built ` + strconv.Itoa(len(wrote)) + ` PDFs? \(\d+ pages?\) from ` + strconv.Itoa(len(wrote)) + ` files? in \d+\.\d s$`); !want.MatchString(lastLine(stderr)) {
			t.Errorf("--shard %s: summary %q, want to match %s", shard, lastLine(stderr), want)
		}

		// check --shard picks the same files.
		code, stdout, stderr = runHandout(t, fixedEnv, "check", "--report", "json", "--shard", shard, content)
		if code != 0 {
			t.Fatalf("check --shard %s: exit status %d\nstderr:\n%s", shard, code, stderr)
		}
		var checked []string
		for _, f := range decodeReport(t, stdout).Files {
			rel, _ := filepath.Rel(content, f.File)
			checked = append(checked, strings.TrimSuffix(filepath.ToSlash(rel), ".toml")+".pdf")
		}
		if !slices.Equal(checked, wrote) {
			t.Errorf("check --shard %s checked %q, but build --shard %s built %q", shard, checked, shard, wrote)
		}
	}
	if got := slices.Sorted(func(yield func(string) bool) {
		for f := range seen {
			if !yield(f) {
				return
			}
		}
	}); !slices.Equal(got, all) {
		t.Errorf("the shards wrote %q, want %q", got, all)
	}
	if got := tree(t, out); !slices.Equal(got, all) {
		t.Errorf("output folder holds %q, want %q", got, all)
	}
	// The shards' manifests merged: a full build has nothing to do.
	code, stdout, stderr := runHandout(t, fixedEnv, "build", "-o", out, content)
	if code != 0 || stdout != "" || !regexp.MustCompile(`^built nothing in \d+\.\d s; 20 files up to date\n$`).MatchString(stderr) {
		t.Errorf("full build after the shards: exit %d, stdout %q, stderr %q; want 0, nothing, 20 files up to date", code, stdout, stderr)
	}

	// Invalid shards are usage errors.
	for _, shard := range []string{"3/3", "1/0", "x", "-1/3", "1/", "/3", "+1/3", "1/+3", "1/3/5", "0/-2", ""} {
		t.Run("invalid "+strconv.Quote(shard), func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "out")
			for _, cmd := range [][]string{{"build", "-o", bad}, {"check"}} {
				code, stdout, stderr := runHandout(t, fixedEnv, append(cmd, "--shard", shard, content)...)
				if shard == "" {
					// --shard "" is no shard, as if not given.
					if code != 0 {
						t.Errorf("%s --shard \"\": exit status %d, want 0\nstderr:\n%s", cmd[0], code, stderr)
					}
					continue
				}
				if code != 2 || stdout != "" || !strings.Contains(stderr, "--shard") || !strings.HasSuffix(stderr, usageHint+"\n") {
					t.Errorf("%s --shard %q: exit %d, stdout %q, stderr %q; want 2, nothing, a message about --shard", cmd[0], shard, code, stdout, stderr)
				}
				if code == 2 {
					if files := tree(t, bad); len(files) > 0 {
						t.Errorf("%s --shard %q wrote %q", cmd[0], shard, files)
					}
				}
			}
		})
	}
}

// progressRE matches one drawing of the progress line.
var progressRE = regexp.MustCompile(`\r\x1b\[K\[(\d+)/(\d+)\]( \d+ files/s, \d+(\.\d)? s left)?`)

// TestCLIProgress builds on a terminal and not: a progress line only on a
// terminal, always cleared, never mixed with the other lines.
func TestCLIProgress(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	ws := fixture(t, "worksheet-only.toml")
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		write(t, filepath.Join(content, n+".toml"), ws)
	}
	one := filepath.Join(content, "a.toml")
	var plain string // what stdout says off a terminal
	tests := []struct {
		name     string
		terminal bool
		args     []string // the output folder and content follow
		progress bool
	}{
		{"not a terminal", false, []string{"build", "--force"}, false},
		{"terminal", true, []string{"build", "--force"}, true},
		{"terminal, all up to date", true, []string{"build"}, true},
		{"terminal, -j 1", true, []string{"build", "--force", "-j", "1"}, true},
		{"terminal, --quiet", true, []string{"build", "--force", "--quiet"}, false},
		{"terminal, -q", true, []string{"build", "--force", "-q"}, false},
		{"terminal, --report json", true, []string{"build", "--force", "--report", "json"}, false},
		{"terminal, check", true, []string{"check"}, true},
		{"terminal, one file", true, []string{"build", "--force", "ONE"}, false},
	}
	out := filepath.Join(dir, "out")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if args[0] == "build" {
				args = append(args, "-o", out)
			}
			if slices.Contains(args, "ONE") {
				args = slices.DeleteFunc(args, func(a string) bool { return a == "ONE" })
				args = append(args, one)
			} else {
				args = append(args, content)
			}
			code, stdout, stderr := cliRun(t, cliOpts{terminal: tt.terminal}, args...)
			if code != 0 {
				t.Fatalf("exit status %d\nstderr:\n%s", code, stderr)
			}
			if strings.Contains(stderr, "\r") || strings.Contains(stderr, "\x1b") {
				t.Errorf("stderr has progress: %q", stderr)
			}
			if !tt.progress {
				if strings.ContainsAny(stdout, "\r\x1b") {
					t.Errorf("stdout has progress: %q", stdout)
				}
				if tt.name == "not a terminal" {
					plain = stdout
				}
				return
			}
			draws := progressRE.FindAllStringSubmatch(stdout, -1)
			if len(draws) == 0 {
				t.Fatalf("stdout has no progress line: %q", stdout)
			}
			for _, d := range draws {
				if d[2] != "5" || d[1] == "5" || d[3] == "" {
					t.Errorf("progress %q, want [K/5] with K < 5, a rate and time left", d[0])
				}
			}
			// Each drawing is cleared before anything else is printed,
			// and at the end.
			rest := stdout
			for {
				i := progressRE.FindStringIndex(rest)
				if i == nil {
					break
				}
				rest = rest[i[1]:]
				if !strings.HasPrefix(rest, "\r\x1b[K") {
					t.Errorf("progress line not cleared before %q", rest)
					break
				}
				rest = strings.TrimPrefix(rest, "\r\x1b[K")
			}
			// Without the progress line, stdout is what it is elsewhere.
			stripped := strings.ReplaceAll(progressRE.ReplaceAllString(stdout, ""), "\r\x1b[K", "")
			want := ""
			if tt.args[0] == "build" && slices.Contains(tt.args, "--force") {
				want = plain
			}
			if stripped != want {
				t.Errorf("stdout without progress = %q, want %q", stripped, want)
			}
		})
	}
}

// TestCLIQuiet builds with --quiet: nothing but errors and, after errors,
// the summary line.
func TestCLIQuiet(t *testing.T) {
	for _, flag := range []string{"-q", "--quiet"} {
		t.Run(flag, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			content := filepath.Join(dir, "content")
			write(t, filepath.Join(content, "a.toml"), fixture(t, "small.toml"))
			write(t, filepath.Join(content, "b.toml"), fixture(t, "worksheet-only.toml"))
			out := filepath.Join(dir, "out")

			code, stdout, stderr := runHandout(t, fixedEnv, "build", flag, "-o", out, content)
			if code != 0 || stdout != "" || stderr != "" {
				t.Errorf("good build: exit %d, stdout %q, stderr %q; want 0 and nothing", code, stdout, stderr)
			}
			if got, want := tree(t, out), []string{"a-summary.pdf", "a.pdf", "b.pdf"}; !slices.Equal(got, want) {
				t.Errorf("output folder holds %q, want %q", got, want)
			}
			code, stdout, stderr = runHandout(t, fixedEnv, "build", flag, "-o", out, content)
			if code != 0 || stdout != "" || stderr != "" {
				t.Errorf("up-to-date build: exit %d, stdout %q, stderr %q; want 0 and nothing", code, stdout, stderr)
			}

			bad := filepath.Join(content, "bad.toml")
			write(t, bad, fixture(t, "bad.toml"))
			code, stdout, stderr = runHandout(t, fixedEnv, "build", flag, "--force", "-o", out, content)
			if code != 1 || stdout != "" {
				t.Errorf("failing build: exit %d, stdout %q; want 1, nothing", code, stdout)
			}
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			want := []*regexp.Regexp{
				regexp.MustCompile(`^` + regexp.QuoteMeta(bad) + `:7:1: block has no kind`),
				regexp.MustCompile(`^` + regexp.QuoteMeta(bad) + `:8:1: unknown key`),
				regexp.MustCompile(`^built 3 PDFs \(3 pages\) from 2 files in \d+\.\d s; 1 file failed$`),
			}
			if len(lines) != len(want) {
				t.Fatalf("stderr has %d lines, want %d:\n%s", len(lines), len(want), stderr)
			}
			for i, re := range want {
				if !re.MatchString(lines[i]) {
					t.Errorf("stderr line %d = %q, want to match %s", i+1, lines[i], re)
				}
			}

			code, stdout, stderr = runHandout(t, fixedEnv, "check", flag, content)
			if code != 1 || stdout != "" || !regexp.MustCompile(`:7:1: .*\n.*:8:1: .*\nchecked 3 files in \d+\.\d s; 1 file failed\n$`).MatchString(stderr) {
				t.Errorf("failing check: exit %d, stdout %q, stderr %q; want 1, nothing, the errors and the summary", code, stdout, stderr)
			}
		})
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestCLIWatch runs handout watch: it builds, rebuilds after a save, and
// stops with status 0 when interrupted.
func TestCLIWatch(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	src := filepath.Join(content, "a.toml")
	write(t, src, fixture(t, "small.toml"))
	out := filepath.Join(dir, "out")

	w := startWatch(t, out, content)
	stdout, stderr := &w.stdout, &w.stderr
	built := regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d built ` + regexp.QuoteMeta(src) + `: ` +
		regexp.QuoteMeta(filepath.Join(out, "a.pdf")) + ` \(1 page\), ` + regexp.QuoteMeta(filepath.Join(out, "a-summary.pdf")) + ` \(1 page\)$`)
	// waitFor waits, a bounded time, for stdout to have n built lines.
	waitFor := func(n int) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for len(built.FindAllString(stdout.String(), -1)) < n {
			select {
			case code := <-w.done:
				t.Fatalf("watch stopped with status %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("no built line %d after 5 s\nstdout:\n%s\nstderr:\n%s", n, stdout.String(), stderr.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor(1)
	first := cliRead(t, filepath.Join(out, "a.pdf"))
	write(t, src, strings.Replace(fixture(t, "small.toml"), `title = "A small worksheet"`, `title = "A worksheet saved again"`, 1))
	waitFor(2)
	if bytes.Equal(cliRead(t, filepath.Join(out, "a.pdf")), first) {
		t.Errorf("a.pdf is as before the save")
	}

	w.stop(t, 5*time.Second)
	if s := stderr.String(); s != "" {
		t.Errorf("stderr = %q, want nothing", s)
	}
	if n := len(built.FindAllString(stdout.String(), -1)); n != 2 || strings.Count(stdout.String(), "\n") != 3 ||
		!strings.Contains(stdout.String(), "\nwatching 1 file in "+content+string(filepath.Separator)+"; Ctrl-C to stop\n") {
		t.Errorf("stdout has %d built lines, want 2 and the line that says what is watched, and nothing else:\n%s", n, stdout.String())
	}
}

// padTo returns the content src with a comment added at its end that makes
// it n bytes long.
func padTo(src string, n int) string {
	if !strings.HasSuffix(src, "\n") {
		src += "\n"
	}
	return src + "#" + strings.Repeat("x", n-len(src)-2) + "\n"
}
