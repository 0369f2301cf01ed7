package main

// Tests of building at scale (issue #16): the shared cache, plans, the
// shards' manifests, merged reports and the exit status of a failure
// that a retry may cure.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"handout/build"
	"handout/document"
	"handout/internal/corpus"
)

// writeCorpus writes n content files made from the example, as
// internal/corpus/gen does, under dir/content, and returns that folder.
func writeCorpus(t *testing.T, dir string, n int) string {
	t.Helper()
	seed, err := os.ReadFile(filepath.Join("content", "end-of-the-purges.toml"))
	if err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(dir, "content")
	if _, err := corpus.Write(content, seed, n); err != nil {
		t.Fatal(err)
	}
	return content
}

// statusCounts counts the files of a report by status.
func statusCounts(r cliReport) map[string]int {
	n := map[string]int{}
	for _, f := range r.Files {
		n[f.Status]++
	}
	return n
}

// TestCLICacheTwoFolders builds a corpus into two fresh output folders
// with one cache, the second time named by HANDOUT_CACHE: the second build
// copies every file's PDFs from the cache, byte for byte, and builds none.
// The times are logged (go test -v -run TestCLICacheTwoFolders), not
// asserted.
func TestCLICacheTwoFolders(t *testing.T) {
	dir := t.TempDir()
	const n = 24
	content := writeCorpus(t, dir, n)
	cache := filepath.Join(dir, "cache")
	out1, out2 := filepath.Join(dir, "out1"), filepath.Join(dir, "out2")

	start := time.Now()
	code, stdout, stderr := runHandout(t, fixedEnv, "build", "--report", "json", "--cache", cache, "-o", out1, content)
	cold := time.Since(start)
	if code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	if got := statusCounts(decodeReport(t, stdout)); got["built"] != n || len(got) != 1 {
		t.Fatalf("first build: %v, want %d built", got, n)
	}

	start = time.Now()
	code, stdout, stderr = runHandout(t, vars("SOURCE_DATE_EPOCH", "1700000000", "HANDOUT_CACHE", cache), "build", "--report", "json", "-o", out2, content)
	warm := time.Since(start)
	if code != 0 {
		t.Fatalf("second build: exit %d\n%s", code, stderr)
	}
	r := decodeReport(t, stdout)
	if got := statusCounts(r); got["cached"] != n || len(got) != 1 {
		t.Errorf("second build: %v, want %d cached", got, n)
	}
	if s := r.Summary; s.Cached != n || s.Built != 0 || s.PDFs != 0 || s.Files != n || r.Exit != 0 {
		t.Errorf("second build: summary %+v, exit %d; want %d cached, none built", s, r.Exit, n)
	}
	files1, files2 := tree(t, out1), tree(t, out2)
	if len(files1) != 2*n || !slices.Equal(files1, files2) {
		t.Fatalf("out1 holds %d files, out2 %d: %q", len(files1), len(files2), files2)
	}
	for _, f := range files1 {
		if !bytes.Equal(cliRead(t, filepath.Join(out1, f)), cliRead(t, filepath.Join(out2, f))) {
			t.Errorf("%s differs between the folders", f)
		}
	}
	t.Logf("%d files: built in %v, copied from the cache in %v (%.0f%%)", n, cold.Round(time.Millisecond), warm.Round(time.Millisecond), 100*warm.Seconds()/cold.Seconds())

	// The lines say where the PDFs came from.
	code, stdout, stderr = runHandout(t, fixedEnv, "build", "--cache", cache, "-o", filepath.Join(dir, "out3"), content)
	if code != 0 || !strings.Contains(stdout, "-summary.pdf (1 page, from the cache)\n") ||
		!strings.HasPrefix(lastLine(stderr), "built nothing in ") || !strings.HasSuffix(lastLine(stderr), "; 24 files copied from the cache") {
		t.Errorf("third build: exit %d, stdout %q…, stderr %q", code, stdout[:min(200, len(stdout))], stderr)
	}
	// Then the manifest knows them: nothing to copy.
	code, _, stderr = runHandout(t, fixedEnv, "build", "--cache", cache, "-o", out2, content)
	if code != 0 || !strings.HasSuffix(lastLine(stderr), "; 24 files up to date") {
		t.Errorf("build into out2 again: exit %d, stderr %q", code, stderr)
	}
}

// TestCLICacheNoEpoch builds without SOURCE_DATE_EPOCH: the cache is not
// used, which a warning says, and nothing is written there.
func TestCLICacheNoEpoch(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.toml")
	write(t, src, fixture(t, "worksheet-only.toml"))
	cache := filepath.Join(dir, "cache")
	code, stdout, stderr := runHandout(t, vars("HANDOUT_CACHE", cache), "build", "--report", "json", "-o", filepath.Join(dir, "out"), src)
	if code != 0 || !strings.Contains(stderr, "warning: the cache "+cache+" is not used: without SOURCE_DATE_EPOCH") {
		t.Errorf("exit %d, stderr %q; want 0 and a warning", code, stderr)
	}
	if r := decodeReport(t, stdout); len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0].Message, "is not used") || r.Summary.Built != 1 {
		t.Errorf("report warnings %+v, summary %+v", r.Warnings, r.Summary)
	}
	if _, err := os.Stat(cache); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the cache was made: %v", err)
	}
}

func TestCLICacheUsage(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.toml")
	write(t, src, fixture(t, "worksheet-only.toml"))
	file := filepath.Join(dir, "file")
	write(t, file, "x")
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"build", "--cache-max", "1G", src}, 2, "--cache-max needs a cache"},
		{[]string{"build", "--cache", dir, "--cache-max", "lots", src}, 2, `--cache-max: invalid size "lots"`},
		{[]string{"check", "--cache", dir, src}, 2, "unknown flag --cache"},
		{[]string{"watch", "--cache", dir, src}, 2, "unknown flag --cache"},
		{[]string{"build", "--cache", file, "-o", filepath.Join(dir, "out"), src}, 1, "cache folder " + file + " is a file, not a folder"},
		{[]string{"build", "--cache", filepath.Join(file, "sub"), "-o", filepath.Join(dir, "out"), src}, 1, "cannot make cache folder"},
	} {
		code, _, stderr := runHandout(t, fixedEnv, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}

// TestExitRetry gives the console failures that a retry may cure, and
// others: exit status 75 only when every failure is of the first kind.
func TestExitRetry(t *testing.T) {
	full := &fs.PathError{Op: "write", Path: "out/.handout-1.tmp", Err: syscall.ENOSPC}
	diskFull := build.Result{Source: build.Source{Name: "a.toml"}, Status: build.Failed, Err: full}
	content := build.Result{Source: build.Source{Name: "b.toml"}, Status: build.Failed, Err: document.Errors{{File: "b.toml", Line: 1, Column: 1, Msg: "bad"}}}
	ok := build.Result{Source: build.Source{Name: "c.toml"}, Status: build.Built}
	for _, tt := range []struct {
		name    string
		results []build.Result
		err     error
		want    int
	}{
		{"all built", []build.Result{ok}, nil, exitOK},
		{"disk full", []build.Result{ok, diskFull}, nil, exitRetry},
		{"a content error", []build.Result{ok, content}, nil, exitFailed},
		{"both", []build.Result{diskFull, content}, nil, exitFailed},
		{"manifest not written, disk full", []build.Result{ok}, &build.ManifestError{Path: "m", Err: full}, exitRetry},
		{"manifest not written, permission", []build.Result{ok}, &build.ManifestError{Path: "m", Err: fs.ErrPermission}, exitFailed},
		{"disk full, and a manifest not written for want of permission", []build.Result{diskFull}, &build.ManifestError{Path: "m", Err: fs.ErrPermission}, exitFailed},
		{"a cache not saved: a warning", []build.Result{ok}, &build.CacheError{Dir: "c", Unsaved: []error{full}}, exitOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out, errs strings.Builder
			c := &console{cmd: "build", stdout: &out, stderr: &errs, json: true, now: time.Now, start: time.Now(), total: len(tt.results), reports: []fileReport{}}
			for _, r := range tt.results {
				c.result(r)
			}
			if got := c.finish(tt.err, 0); got != tt.want {
				t.Errorf("exit status %d, want %d", got, tt.want)
			}
			var r cliReport
			if err := json.Unmarshal([]byte(out.String()), &r); err != nil || r.Exit != tt.want {
				t.Errorf("report exit %d (%v), want %d", r.Exit, err, tt.want)
			}
		})
	}
	if failure(full) != exitRetry || failure(errors.New("output folder out is a file, not a folder")) != exitFailed {
		t.Error("failure does not tell a full disk from a file in the way")
	}
}

// cliPlan is handout plan --json as a consumer would decode it: any field
// not here is an error.
type cliPlan struct {
	Handout string `json:"handout"`
	Command string `json:"command"`
	Shard   string `json:"shard"`
	Files   []struct {
		File    string   `json:"file"`
		Action  string   `json:"action"`
		Reason  string   `json:"reason"`
		Detail  string   `json:"detail"`
		Outputs []string `json:"outputs"`
	} `json:"files"`
	Summary struct {
		Files  int `json:"files"`
		Build  int `json:"build"`
		Copy   int `json:"copy"`
		Skip   int `json:"skip"`
		Remove int `json:"remove"`
	} `json:"summary"`
	Cache *struct {
		Dir  string `json:"dir"`
		Used bool   `json:"used"`
	} `json:"cache"`
}

// runPlan runs handout plan --json with args and decodes its plan.
func runPlanJSON(t *testing.T, getenv func(string) string, args ...string) cliPlan {
	t.Helper()
	code, stdout, stderr := runHandout(t, getenv, append([]string{"plan", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("plan %q: exit %d\n%s", args, code, stderr)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	var p cliPlan
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("plan %q: %v\n%s", args, err, stdout)
	}
	if _, err := dec.Token(); err != io.EOF || strings.Contains(stdout, "null") {
		t.Fatalf("plan %q: more after the JSON, or a null:\n%s", args, stdout)
	}
	return p
}

// actions returns each file's action and reason in a plan, by file's base
// name without extension.
func actions(p cliPlan) map[string]string {
	m := map[string]string{}
	for _, f := range p.Files {
		m[strings.TrimSuffix(filepath.Base(f.File), ".toml")] = f.Action + " " + f.Reason
	}
	return m
}

func TestCLIPlan(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	for _, name := range []string{"a", "b", "c"} {
		write(t, filepath.Join(content, name+".toml"), fixture(t, "small.toml"))
	}
	out, cache := filepath.Join(dir, "out"), filepath.Join(dir, "cache")
	p := runPlanJSON(t, fixedEnv, "-o", out, "--cache", cache, content)
	if got := actions(p); got["a"] != "build new" || len(got) != 3 || p.Summary.Build != 3 || p.Summary.Files != 3 || p.Command != "plan" || p.Cache == nil || !p.Cache.Used {
		t.Errorf("before any build: %+v", p)
	}
	if files := tree(t, dir); len(files) != 3 {
		t.Errorf("plan wrote: %q", files)
	}
	if code, _, stderr := runHandout(t, fixedEnv, "build", "-o", out, "--cache", cache, content); code != 0 {
		t.Fatalf("build: %d\n%s", code, stderr)
	}
	write(t, filepath.Join(content, "a.toml"), fixture(t, "worksheet-only.toml"))
	if err := os.Remove(filepath.Join(content, "c.toml")); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dir)
	p = runPlanJSON(t, fixedEnv, "-o", out, "--cache", cache, content)
	if got, want := actions(p), map[string]string{"a": "build content", "b": "skip up-to-date", "c": "remove gone"}; !mapsEqual(got, want) {
		t.Errorf("after changes: %v, want %v", got, want)
	}
	if s := p.Summary; s.Files != 2 || s.Build != 1 || s.Skip != 1 || s.Remove != 1 {
		t.Errorf("summary %+v", s)
	}
	// Another output folder: copied from the cache.
	p = runPlanJSON(t, fixedEnv, "-o", filepath.Join(dir, "out2"), "--cache", cache, content)
	if got, want := actions(p), map[string]string{"a": "build new", "b": "copy cached"}; !mapsEqual(got, want) {
		t.Errorf("another folder: %v, want %v", got, want)
	}
	// A shard plans its files only, and says which shard it is.
	var sharded []string
	for k := range 2 {
		p = runPlanJSON(t, fixedEnv, "--shard", strconv.Itoa(k)+"/2", "-o", out, content)
		if p.Shard != strconv.Itoa(k)+"/2" {
			t.Errorf("shard %q, want %d/2", p.Shard, k)
		}
		for _, f := range p.Files {
			if f.Action != "remove" {
				sharded = append(sharded, f.File)
			}
		}
	}
	if slices.Sort(sharded); len(sharded) != 2 {
		t.Errorf("the two shards plan %q, want a and b once", sharded)
	}
	// In lines.
	code, stdout, stderr := runHandout(t, fixedEnv, "plan", "-o", out, content)
	wantLines := "build  " + filepath.Join(content, "a.toml") + ": " + filepath.Join(content, "a.toml") + " changed\n" +
		"skip   " + filepath.Join(content, "b.toml") + ": its PDFs are up to date\n" +
		"remove " + filepath.Join(content, "c.toml") + ": " + filepath.Join(content, "c.toml") + " is gone\n"
	if code != 0 || stdout != wantLines || stderr != "plan: of 2 files, build 1, copy 0, skip 1; remove the PDFs of 1 file gone\n" {
		t.Errorf("plan: exit %d, stdout\n%s\nstderr %q; want\n%s", code, stdout, stderr, wantLines)
	}
	if after := tree(t, dir); !slices.Equal(before, after) {
		t.Errorf("plan changed the files: %q, then %q", before, after)
	}
	// Without SOURCE_DATE_EPOCH a build would not use the cache.
	p = runPlanJSON(t, vars(), "-o", filepath.Join(dir, "out2"), "--cache", cache, content)
	if p.Cache == nil || p.Cache.Used || actions(p)["b"] != "build new" {
		t.Errorf("without SOURCE_DATE_EPOCH: %+v", p)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestCLIReportMerge builds 3 shards, each with its JSON report, and
// merges them: one report of every file, one exit status.
func TestCLIReportMerge(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	for i := range 9 {
		write(t, filepath.Join(content, "w"+strconv.Itoa(i)+".toml"), fixture(t, "worksheet-only.toml"))
	}
	build3 := func(name string) []string {
		var reports []string
		for k := range 3 {
			shard := strconv.Itoa(k) + "/3"
			code, stdout, _ := runHandout(t, fixedEnv, "build", "--report", "json", "--shard", shard, "-o", filepath.Join(dir, name), content)
			if r := decodeReport(t, stdout); r.Shard != shard || r.Exit != code {
				t.Errorf("shard %s: report's shard %q, exit %d; want %s, %d", shard, r.Shard, r.Exit, shard, code)
			}
			path := filepath.Join(dir, name+"-"+strconv.Itoa(k)+".json")
			write(t, path, stdout)
			reports = append(reports, path)
		}
		return reports
	}
	merge := func(reports ...string) (int, cliReport, string) {
		t.Helper()
		code, stdout, stderr := runHandout(t, fixedEnv, append([]string{"report", "merge"}, reports...)...)
		return code, decodeReport(t, stdout), stderr
	}
	good := build3("good")
	code, r, stderr := merge(good...)
	if code != 0 || r.Exit != 0 || r.Summary.Built != 9 || r.Summary.Files != 9 || len(r.Files) != 9 || len(r.Errors) != 0 || r.Shard != "" {
		t.Errorf("merge: exit %d, report %+v\n%s", code, r, stderr)
	}
	if !slices.IsSortedFunc(r.Files, func(a, b cliFileReport) int { return strings.Compare(a.File, b.File) }) {
		t.Error("the merged files are not in order")
	}
	if want := "built 9 PDFs (9 pages) from 9 files in "; !strings.HasPrefix(lastLine(stderr), want) || !strings.HasSuffix(stderr, "; 3 reports merged\n") {
		t.Errorf("merge: summary %q", lastLine(stderr))
	}

	write(t, filepath.Join(content, "w4.toml"), fixture(t, "bad.toml"))
	bad := build3("bad")
	code, r, stderr = merge(bad...)
	if code != 1 || r.Exit != 1 || r.Summary.Failed != 1 || !strings.Contains(stderr, "w4.toml:8:1: unknown key") {
		t.Errorf("merge with a bad file: exit %d, report %+v\n%s", code, r.Summary, stderr)
	}

	// A shard whose disk was full: a retry may cure the whole.
	var full map[string]any
	if err := json.Unmarshal(cliRead(t, good[1]), &full); err != nil {
		t.Fatal(err)
	}
	full["exit"] = exitRetry
	data, _ := json.Marshal(full)
	retry := filepath.Join(dir, "retry-1.json")
	write(t, retry, string(data))
	if code, r, _ := merge(good[0], retry, good[2]); code != exitRetry || r.Exit != exitRetry {
		t.Errorf("merge with a shard to retry: exit %d, report's %d; want %d", code, r.Exit, exitRetry)
	}

	empty := filepath.Join(dir, "empty.json")
	write(t, empty, "")
	for _, tt := range []struct {
		name    string
		reports []string
		want    string
	}{
		{"a shard missing", []string{good[0], good[2]}, "handout report merge: no report of shard 1/3: was it built?"},
		{"a shard twice", []string{good[0], good[1], good[1], good[2]}, good[1] + ": a report of shard 1/3, as " + good[1] + " is"},
		{"an empty report", []string{good[0], good[1], good[2], empty}, empty + ": empty: its build printed no report"},
		{"no such report", []string{good[0], good[1], good[2], filepath.Join(dir, "none.json")}, "none.json: open "},
		{"another N", []string{good[0], good[1], good[2], filepath.Join(dir, "other.json")}, "other.json: a report of shard 0/2, where the others are of 3 shards"},
	} {
		if tt.name == "another N" {
			_, stdout, _ := runHandout(t, fixedEnv, "build", "--report", "json", "--shard", "0/2", "-o", filepath.Join(dir, "other"), content)
			write(t, filepath.Join(dir, "other.json"), stdout)
		}
		code, r, stderr := merge(tt.reports...)
		if code != 1 || r.Exit != 1 || !strings.Contains(stderr, tt.want) || len(r.Errors) == 0 {
			t.Errorf("%s: exit %d, errors %+v, stderr:\n%s\nwant 1 and %q", tt.name, code, r.Errors, stderr, tt.want)
		}
	}
	for _, args := range [][]string{{"report"}, {"report", "merge"}, {"report", "split", "a.json"}, {"report", "merge", "-x", "a.json"}} {
		if code, _, stderr := runHandout(t, fixedEnv, args...); code != 2 || !strings.HasSuffix(stderr, usageHint+"\n") {
			t.Errorf("%q: exit %d, stderr %q; want a usage error", args, code, stderr)
		}
	}
}

// TestCLIShardsShareFolder builds 3 shards, then 4, into one output
// folder, as the pods of an Indexed Job do: each shard keeps its own
// manifest, and with 4 shards every file is found up to date.
func TestCLIShardsShareFolder(t *testing.T) {
	dir := t.TempDir()
	content := writeCorpus(t, dir, 12)
	out := filepath.Join(dir, "out")
	for _, n := range []int{3, 4} {
		for k := range n {
			shard := strconv.Itoa(k) + "/" + strconv.Itoa(n)
			code, stdout, stderr := runHandout(t, fixedEnv, "build", "--report", "json", "--shard", shard, "-o", out, content)
			if code != 0 {
				t.Fatalf("shard %s: exit %d\n%s", shard, code, stderr)
			}
			want := "built"
			if n == 4 {
				want = "skipped"
			}
			for status := range statusCounts(decodeReport(t, stdout)) {
				if status != want {
					t.Errorf("shard %s: a file %s, want %s", shard, status, want)
				}
			}
			if _, err := os.Stat(filepath.Join(out, ".handout-manifest-"+strconv.Itoa(k)+"-of-"+strconv.Itoa(n)+".json")); err != nil {
				t.Errorf("shard %s: %v", shard, err)
			}
		}
	}
}
