package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"handout/build"
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

// plural returns n and word, with an s unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
