package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"handout/build"
)

// maxReportBytes is the largest JSON report that report merge reads: that
// of some million files.
const maxReportBytes = 1 << 30

// shardReport is a report read by report merge: the JSON report, with its
// exit status as given, which it must have.
type shardReport struct {
	report
	Exit *int `json:"exit"`
}

// runReport runs handout report merge A.json B.json …: it reads the JSON
// reports of the shards of one build (handout build --shard K/N --report
// json), prints one report of the whole build on stdout, its summary line
// and every error on stderr, and returns one exit status for the whole:
// exitFailed when any shard's was exitFailed or exitUsage, or a report is
// missing, unreadable, of another N or names a file another does; else
// exitRetry when any shard's was exitRetry or a signal's, which a retry
// may cure; else exitOK.
func runReport(args []string, e env) int {
	if len(args) == 0 || args[0] != "merge" {
		return usageError(e.stderr, "report", "want report merge A.json B.json …")
	}
	names := args[1:]
	if len(names) == 0 {
		return usageError(e.stderr, "report merge", "no reports: want the JSON reports of the shards, A.json B.json …")
	}
	for _, n := range names {
		if strings.HasPrefix(n, "-") {
			return usageError(e.stderr, "report merge", "unknown flag "+n)
		}
	}
	m := merger{out: report{Handout: version, Command: "build", Files: []fileReport{}, Errors: []problem{}, Warnings: []problem{}},
		shards: map[int]string{}, files: map[string]string{}}
	for _, name := range names {
		m.add(name)
	}
	m.checkShards()
	slices.SortStableFunc(m.out.Files, func(a, b fileReport) int { return strings.Compare(a.File, b.File) })
	m.out.Exit = m.exit()
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.Encode(m.out)
	for _, f := range m.out.Files {
		for _, p := range append(f.Warnings, f.Errors...) {
			fmt.Fprintln(e.stderr, p.String())
		}
	}
	for _, p := range m.out.Errors {
		if p.File == "" {
			fmt.Fprintln(e.stderr, "handout report merge: "+p.Message)
			continue
		}
		fmt.Fprintln(e.stderr, p.String())
	}
	s := m.out.Summary
	n := counts{files: s.Files, built: s.Built, skipped: s.Skipped, failed: s.Failed, pdfs: s.PDFs, pages: s.Pages,
		removed: s.Removed, warnings: s.Warnings, cached: s.Cached}
	fmt.Fprintf(e.stderr, "%s; %s merged\n", n.line("build", time.Duration(s.Seconds*float64(time.Second))), plural(len(names), "report"))
	return m.out.Exit
}

// merger merges shards' reports into out.
type merger struct {
	out    report
	exits  []int
	shards map[int]string    // K -> the report of shard K/n
	n      int               // the N of the shards, once one is seen
	files  map[string]string // content file -> the report that has it
	broken bool              // a report could not be merged
}

// add merges the report in the file name.
func (m *merger) add(name string) {
	r, err := readReport(name)
	if err != nil {
		m.fail(name, err.Error())
		return
	}
	if r.Shard != "" {
		sh, err := build.ParseShard(r.Shard)
		switch {
		case err != nil:
			m.fail(name, err.Error())
			return
		case m.n != 0 && sh.N != m.n:
			m.fail(name, fmt.Sprintf("a report of shard %s, where the others are of %d shards", sh, m.n))
			return
		case m.shards[sh.K] != "":
			m.fail(name, fmt.Sprintf("a report of shard %s, as %s is", sh, m.shards[sh.K]))
			return
		}
		m.n, m.shards[sh.K] = sh.N, name
	}
	for _, f := range r.Files {
		if other, ok := m.files[f.File]; ok && f.Status != build.Removed {
			m.fail(name, fmt.Sprintf("reports %s, which %s reports too: were the shards given the same paths and N?", f.File, other))
		}
		if f.Status != build.Removed {
			m.files[f.File] = name
		}
	}
	m.out.Files = append(m.out.Files, r.Files...)
	m.out.Errors = append(m.out.Errors, r.Errors...)
	m.out.Warnings = append(m.out.Warnings, r.Warnings...)
	s, t := &m.out.Summary, r.Summary
	s.Files += t.Files
	s.Built += t.Built
	s.Skipped += t.Skipped
	s.Cached += t.Cached
	s.Failed += t.Failed
	s.PDFs += t.PDFs
	s.Pages += t.Pages
	s.Removed += t.Removed
	s.Warnings += t.Warnings
	s.Seconds = max(s.Seconds, t.Seconds) // the shards ran side by side
	s.Interrupted = s.Interrupted || t.Interrupted
	m.exits = append(m.exits, *r.Exit)
}

// readReport reads the JSON report in the file name.
func readReport(name string) (shardReport, error) {
	var r shardReport
	f, err := os.Open(name)
	if err != nil {
		return r, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxReportBytes+1))
	if err != nil {
		return r, err
	}
	if len(data) > maxReportBytes {
		return r, fmt.Errorf("more than %d bytes: not a report", maxReportBytes)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return r, fmt.Errorf("empty: its build printed no report (stopped before it ended, or a usage error)")
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("not a JSON report of handout build: %v", err)
	}
	if r.Command != "build" || r.Exit == nil || r.Files == nil {
		return r, fmt.Errorf("not a JSON report of handout build --report json (of handout %s or later)", version)
	}
	return r, nil
}

// checkShards reports the shards of the N seen that no report is of.
func (m *merger) checkShards() {
	var missing []string
	for k := range m.n {
		if m.shards[k] == "" {
			missing = append(missing, build.Shard{K: k, N: m.n}.String())
		}
	}
	if len(missing) > 0 {
		m.fail("", fmt.Sprintf("no report of shard %s: was it built?", strings.Join(missing, ", ")))
	}
}

// fail records a problem of the report name, which fails the merge.
func (m *merger) fail(name, msg string) {
	m.broken = true
	m.out.Errors = append(m.out.Errors, problem{File: name, Message: msg}.escaped())
}

// exit returns the exit status of the whole build.
func (m *merger) exit() int {
	code := exitOK
	if m.broken {
		return exitFailed
	}
	for _, c := range m.exits {
		switch c {
		case exitOK:
		case exitRetry, exitInterrupted, exitTerminated:
			code = exitRetry
		default:
			return exitFailed
		}
	}
	return code
}
