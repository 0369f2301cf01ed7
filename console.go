package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"handout/build"
	"handout/document"
)

// console reports a batch's results as they come: PDFs written on stdout,
// errors on stderr, a progress line on a terminal, GitHub annotations, and
// at the end a summary line, or the whole JSON report.
type console struct {
	cmd            string
	shard          build.Shard // the shard built, for the JSON report
	stdout, stderr io.Writer
	pipe           bool // stdout is the PDF: nothing else goes there
	quiet          bool // print only errors
	json           bool // print the JSON report at the end, not lines
	github         bool // print errors as GitHub workflow commands too
	progress       bool // keep a progress line on stdout, a terminal
	now            func() time.Time

	total   int
	start   time.Time
	drawn   time.Time // when the progress line was last drawn
	shown   bool      // whether the progress line is on screen
	counts  counts
	reports []fileReport
}

// counts adds up a batch's results.
type counts struct {
	files, built, skipped, failed, pdfs, pages int
	removed                                    int // PDFs removed: those of files gone, and summary sheets no longer made
	warnings                                   int // the content files' warnings
	cached                                     int // files whose PDFs were copied from the cache
	retry                                      int // files failed that a retry may cure (build.Retryable)
}

// newConsole returns a console for command o.cmd over total files.
func newConsole(o options, e env, total int) *console {
	return &console{
		cmd: o.cmd, shard: o.shard, stdout: e.stdout, stderr: e.stderr,
		quiet: o.quiet, json: o.json,
		github:   e.getenv("GITHUB_ACTIONS") == "true",
		progress: !o.quiet && !o.json && total > 1 && e.terminal(e.stdout),
		now:      time.Now,
		total:    total, start: time.Now(),
		reports: []fileReport{}, // [], not null, when no file is selected
	}
}

// result reports one file's result.
func (c *console) result(r build.Result) {
	c.counts.add(r)
	problems := flatten(r.Source.Name, r.Err)
	warnings := warningsOf(r)
	lines := c.lines(r)
	if len(lines)+len(problems)+len(warnings) > 0 {
		c.clearProgress()
	}
	for _, l := range lines {
		fmt.Fprintln(c.stdout, l)
	}
	for _, p := range append(warnings, problems...) {
		fmt.Fprintln(c.stderr, p)
	}
	for _, p := range append(warnings, problems...) {
		c.annotate(p)
	}
	if c.json {
		c.reports = append(c.reports, newFileReport(r, problems, warnings))
	}
	c.drawProgress()
}

// lines returns what r did to the output folder, as lines for stdout:
// nothing for the JSON report or when quiet.
func (c *console) lines(r build.Result) []string {
	if c.json || c.quiet {
		return nil
	}
	var ls []string
	// A failed file may have written its worksheet before its summary
	// sheet failed.
	if r.Status != build.Skipped {
		from := ""
		if r.Status == build.Cached {
			from = ", from the cache"
		}
		for _, o := range r.Outputs {
			ls = append(ls, fmt.Sprintf("wrote %s (%s%s)", escapeName(o.Path), plural(o.Pages, "page"), from))
		}
	}
	for _, path := range r.Removed {
		ls = append(ls, "removed "+escapeName(path))
	}
	return ls
}

// add counts r.
func (n *counts) add(r build.Result) {
	n.removed += len(r.Removed)
	n.warnings += len(r.Warnings)
	if r.Status == build.Removed || r.Status == build.Interrupted {
		return // not one of the files built, or not done
	}
	n.files++
	switch r.Status {
	case build.Built:
		n.built++
		n.pdfs += len(r.Outputs)
		for _, o := range r.Outputs {
			n.pages += o.Pages
		}
	case build.Skipped:
		n.skipped++
	case build.Cached:
		n.cached++
	case build.Failed:
		n.failed++
		if build.Retryable(r.Err) {
			n.retry++
		}
	}
}

// finish reports err, the batch's problems that belong to no content file
// (see build.Batch.Run), then the summary line, or the JSON report, and
// returns the exit status. A manifest that could not be written
// (*build.ManifestError) is an error, exit status 1: CI must not keep an
// output folder without one. One that could not be read is a warning.
// When every failure, of files and of the manifest, is one that a retry
// may cure (build.Retryable), the status is exitRetry. stopped is the exit
// status of a signal that stopped the batch (see stopStatus), or 0.
func (c *console) finish(err error, stopped int) int {
	interrupted := stopped != 0
	c.clearProgress()
	errs, warns := []problem{}, []problem{}
	fix := c.counts.failed - c.counts.retry // failures a retry would not cure
	for _, e := range unjoin(err) {
		var me *build.ManifestError
		if errors.As(e, &me) {
			if !build.Retryable(me) {
				fix++
			}
			p := problem{File: me.Path, Message: e.Error()}
			errs = append(errs, p.escaped())
			fmt.Fprintf(c.stderr, "handout %s: error: %s\n", c.cmd, escapeName(p.Message))
			c.annotate(p)
			continue
		}
		warns = append(warns, problem{Message: escapeName(e.Error())})
		fmt.Fprintf(c.stderr, "handout %s: warning: %s\n", c.cmd, escapeName(e.Error()))
	}
	elapsed := c.now().Sub(c.start)
	code := exitOK
	switch {
	case interrupted:
		code = stopped
	case fix > 0:
		code = exitFailed
	case c.counts.failed > 0 || len(errs) > 0:
		code = exitRetry
	}
	if c.json {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		sum := c.counts.summary(elapsed)
		sum.Interrupted = interrupted
		r := report{Handout: version, Command: c.cmd, Files: c.reports, Errors: errs, Warnings: warns, Summary: sum, Exit: code}
		if c.shard.N > 1 {
			r.Shard = c.shard.String()
		}
		enc.Encode(r)
	}
	line := c.counts.line(c.cmd, elapsed)
	if interrupted {
		line += fmt.Sprintf("; interrupted, %d not done", c.total-c.counts.files)
	}
	if !c.quiet || c.counts.failed > 0 || interrupted {
		fmt.Fprintln(c.stderr, line)
	}
	return code
}

// unjoin returns the errors err joins, and those they join, or err alone;
// none for nil.
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var errs []error
		for _, e := range j.Unwrap() {
			errs = append(errs, unjoin(e)...)
		}
		return errs
	}
	return []error{err}
}

// annotate prints p as a GitHub workflow command, under GitHub Actions.
// Workflow commands are read from stdout, unless the JSON report or the
// PDF has it; the runner reads stderr too.
func (c *console) annotate(p problem) {
	if !c.github {
		return
	}
	w := c.stdout
	if c.json || c.pipe {
		w = c.stderr
	}
	fmt.Fprintln(w, p.annotation())
}

// line returns the summary line, such as "built 212 PDFs (640 pages) from
// 106 files in 1.9 s; 2 files failed".
func (n counts) line(cmd string, elapsed time.Duration) string {
	var b strings.Builder
	switch {
	case cmd == "check":
		fmt.Fprintf(&b, "checked %s", plural(n.files, "file"))
	case n.built > 0:
		fmt.Fprintf(&b, "built %s (%s) from %s", plural(n.pdfs, "PDF"), plural(n.pages, "page"), plural(n.built, "file"))
	default:
		b.WriteString("built nothing")
	}
	fmt.Fprintf(&b, " in %s", seconds(elapsed))
	if n.cached > 0 {
		fmt.Fprintf(&b, "; %s copied from the cache", plural(n.cached, "file"))
	}
	if n.skipped > 0 {
		fmt.Fprintf(&b, "; %s up to date", plural(n.skipped, "file"))
	}
	if n.failed > 0 {
		fmt.Fprintf(&b, "; %s failed", plural(n.failed, "file"))
	}
	if n.warnings > 0 {
		fmt.Fprintf(&b, "; %s", plural(n.warnings, "warning"))
	}
	if n.removed > 0 {
		fmt.Fprintf(&b, "; removed %s no longer made", plural(n.removed, "PDF"))
	}
	return b.String()
}

// seconds formats d as seconds, to a tenth under a minute.
func seconds(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%.0f s", d.Seconds())
}

// progressEvery is how often the progress line is redrawn at most.
const progressEvery = 100 * time.Millisecond

// drawProgress redraws the progress line, such as "[312/1000] 58 files/s,
// 12 s left", if the console keeps one and it is due: when it was erased,
// or was drawn more than progressEvery ago.
func (c *console) drawProgress() {
	if !c.progress || c.counts.files == c.total {
		return
	}
	now := c.now()
	if c.shown && now.Sub(c.drawn) < progressEvery {
		return
	}
	done := c.counts.files
	elapsed := now.Sub(c.start)
	line := fmt.Sprintf("[%d/%d]", done, c.total)
	if elapsed > 0 && done > 0 {
		rate := float64(done) / elapsed.Seconds()
		left := time.Duration(float64(c.total-done) / rate * float64(time.Second))
		line += fmt.Sprintf(" %.0f files/s, %s left", rate, seconds(left))
	}
	fmt.Fprint(c.stdout, "\r\x1b[K"+line)
	c.drawn, c.shown = now, true
}

// clearProgress erases the progress line, if it is on screen, so that
// other lines can be printed.
func (c *console) clearProgress() {
	if c.shown {
		fmt.Fprint(c.stdout, "\r\x1b[K")
		c.shown = false
	}
}

// problem is one error or warning of a content file: where it is, when
// known, and what it is.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`   // from 1; 0 when unknown
	Column  int    `json:"column"` // from 1; 0 when unknown
	Message string `json:"message"`
	warning bool   // a warning, which fails nothing
}

// String returns the problem as file:line:column: message, leaving out
// what is unknown, with "warning: " before the message of a warning, and
// control characters escaped (see escapeName). A relative name that starts
// with "::", which would begin a GitHub workflow command, is given as
// "./::…".
func (p problem) String() string {
	p = p.escaped()
	if strings.HasPrefix(p.File, "::") {
		p.File = "." + string(filepath.Separator) + p.File
	}
	msg := p.Message
	if p.warning {
		msg = "warning: " + msg
	}
	e := document.Error{File: p.File, Line: p.Line, Column: p.Column, Msg: msg}
	return e.Error()
}

// escaped returns p with the control characters of its name and message
// escaped (see escapeName), as the JSON report gives it.
func (p problem) escaped() problem {
	p.File, p.Message = escapeName(p.File), escapeName(p.Message)
	return p
}

// annotation returns the problem as a GitHub Actions workflow command,
// which annotates the file and line in a pull request. The file is named
// as it is, escaped as the runner expects (%0A for a newline, and so on),
// so that the annotation lands on it; so is the message, whose other
// control characters are escaped for people first (see escapeName).
func (p problem) annotation() string {
	p.Message = escapeControls(p.Message, true)
	props := "file=" + escapeProperty(p.File)
	if p.Line > 0 {
		props += fmt.Sprintf(",line=%d", p.Line)
		if p.Column > 0 {
			props += fmt.Sprintf(",col=%d", p.Column)
		}
	}
	cmd := "::error "
	if p.warning {
		cmd = "::warning "
	}
	return cmd + props + "::" + escapeData(p.Message)
}

// escapeData escapes a workflow command's message, as the runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// warningsOf returns r's warnings as problems.
func warningsOf(r build.Result) []problem {
	ps := make([]problem, len(r.Warnings))
	for i, e := range r.Warnings {
		ps[i] = problem{File: e.File, Line: e.Line, Column: e.Column, Message: e.Msg, warning: true}
	}
	return ps
}

// flatten returns err, an error of the content file name, as problems:
// content errors one each, with where they are; any other error as one
// problem of the file. Names and messages are as they are: each way of
// printing a problem escapes them (String, escaped, annotation).
func flatten(name string, err error) []problem {
	if err == nil {
		return nil
	}
	// Both PDFs may fail, each for its own reason.
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var ps []problem
		for _, e := range j.Unwrap() {
			ps = append(ps, flatten(name, e)...)
		}
		return ps
	}
	var errs document.Errors
	if errors.As(err, &errs) && len(errs) > 0 {
		ps := make([]problem, len(errs))
		for i, e := range errs {
			ps[i] = problem{File: e.File, Line: e.Line, Column: e.Column, Message: e.Msg}
		}
		return ps
	}
	var e *document.Error
	if errors.As(err, &e) {
		return []problem{{File: e.File, Line: e.Line, Column: e.Column, Message: e.Msg}}
	}
	return []problem{{File: name, Message: err.Error()}}
}

// report is the JSON report of a batch.
type report struct {
	Handout  string       `json:"handout"`         // handout's version
	Command  string       `json:"command"`         // build or check
	Shard    string       `json:"shard,omitempty"` // K/N, for a build of one shard
	Files    []fileReport `json:"files"`
	Errors   []problem    `json:"errors"`   // of no content file: a manifest not written (exit status 1)
	Warnings []problem    `json:"warnings"` // of no content file: a manifest that could not be read, and was rebuilt
	Summary  summary      `json:"summary"`
	Exit     int          `json:"exit"` // the exit status
}

// fileReport is what became of one content file.
type fileReport struct {
	File    string         `json:"file"`
	Status  build.Status   `json:"status"` // built, cached (copied from the cache), skipped, failed, checked, interrupted (stopped before it was written), or removed for a file gone
	Outputs []outputReport `json:"outputs"`
	Removed []string       `json:"removed"` // PDFs removed: a summary sheet no longer made, or, for status removed, all the PDFs of a file gone
	Errors  []problem      `json:"errors"`
	// Warnings are the content's problems that fail nothing.
	Warnings []problem `json:"warnings"`
}

// outputReport is one PDF of a content file.
type outputReport struct {
	Kind    string `json:"kind"`              // worksheet, summary, answers, large-print, 2up or booklet (build.Kind)
	Version string `json:"version,omitempty"` // the version's letter, for a paper made in versions
	Path    string `json:"path"`
	Pages   int    `json:"pages"`
	Bytes   int    `json:"bytes"`
	SHA256  string `json:"sha256"`
}

// summary is a batch's totals.
type summary struct {
	Files       int     `json:"files"`
	Built       int     `json:"built"`
	Skipped     int     `json:"skipped"`
	Cached      int     `json:"cached"` // files whose PDFs were copied from the cache
	Failed      int     `json:"failed"`
	PDFs        int     `json:"pdfs"` // built (not those copied from the cache)
	Pages       int     `json:"pages"`
	Removed     int     `json:"removed"` // PDFs removed
	Warnings    int     `json:"warnings"`
	Seconds     float64 `json:"seconds"`
	Interrupted bool    `json:"interrupted"` // stopped by a signal before every file was done
}

// summary returns the counts for the JSON report.
func (n counts) summary(elapsed time.Duration) summary {
	return summary{Files: n.files, Built: n.built, Skipped: n.skipped, Cached: n.cached, Failed: n.failed, PDFs: n.pdfs, Pages: n.pages,
		Removed: n.removed, Warnings: n.warnings, Seconds: float64(elapsed.Milliseconds()) / 1000}
}

// newFileReport returns r's report; outputs and errors are empty lists,
// not null, when there are none.
func newFileReport(r build.Result, problems, warnings []problem) fileReport {
	f := fileReport{File: escapeName(r.Source.Name), Status: r.Status, Outputs: []outputReport{}, Removed: []string{},
		Errors: []problem{}, Warnings: []problem{}}
	for _, p := range problems {
		f.Errors = append(f.Errors, p.escaped())
	}
	for _, p := range warnings {
		f.Warnings = append(f.Warnings, p.escaped())
	}
	for _, path := range r.Removed {
		f.Removed = append(f.Removed, escapeName(path))
	}
	for _, o := range r.Outputs {
		f.Outputs = append(f.Outputs, outputReport{Kind: o.Kind.String(), Version: o.Version, Path: escapeName(o.Path),
			Pages: o.Pages, Bytes: o.Bytes, SHA256: o.SHA256})
	}
	return f
}

// plural returns n and word, with an s unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
