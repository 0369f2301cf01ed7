package main

import (
	"time"

	"handout/build"
)

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
