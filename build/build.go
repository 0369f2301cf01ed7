// Package build is handout's pipeline: content bytes in, PDF bytes out. It
// decodes a content file, lays out and renders its worksheet and summary
// sheet, and writes files atomically. It knows nothing about the command
// line.
package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"handout/document"
	"handout/layout"
	"handout/render"
)

// Options are a build's settings.
type Options struct {
	Time    time.Time // the PDFs' creation date
	Version string    // handout's version, for the PDFs' Creator
}

// Output is one PDF made from a content file.
type Output struct {
	Suffix string // "" for the worksheet, "-summary" for the summary sheet
	PDF    []byte
	Pages  int
}

// Check decodes and validates one content file without laying it out. Like
// File, it returns document.Errors for content errors.
func Check(name string, data []byte) error {
	_, err := document.Decode(name, data)
	return err
}

// File builds every PDF of one content file: the worksheet when the file has
// sections, then the summary sheet when it has a [summary] table, always in
// that order. name is used in messages. It returns document.Errors for
// content errors; other errors say which step failed. On any error it
// returns no outputs.
func File(name string, data []byte, opt Options) ([]Output, error) {
	d, err := document.Decode(name, data)
	if err != nil {
		return nil, err
	}
	ropt := render.Options{Time: opt.Time, Creator: creator(opt.Version)}

	type job struct {
		suffix string
		what   string // for messages: "" or " summary"
		lay    func(*document.Document) (*layout.Result, error)
		out    Output
		err    error
	}
	var jobs []*job
	if len(d.Sections) > 0 {
		jobs = append(jobs, &job{suffix: "", what: "", lay: layout.Worksheet})
	}
	if d.Summary != nil {
		jobs = append(jobs, &job{suffix: "-summary", what: " summary", lay: layout.Summary})
	}

	// Each PDF costs tens of milliseconds of font embedding, so the two are
	// made at the same time. Layout and render only read the document.
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(func() {
			j.out, j.err = one(d, j.lay, j.what, ropt)
			j.out.Suffix = j.suffix
		})
	}
	wg.Wait()

	outs := make([]Output, 0, len(jobs))
	var errs []error
	for _, j := range jobs {
		if j.err != nil {
			errs = append(errs, j.err)
			continue
		}
		outs = append(outs, j.out)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return outs, nil
}

// one lays out and renders one PDF of d.
func one(d *document.Document, lay func(*document.Document) (*layout.Result, error), what string, ropt render.Options) (out Output, err error) {
	defer func() {
		// A panic in layout or render must not take the other PDF's
		// goroutine, and the whole batch, down with it.
		if p := recover(); p != nil {
			err = fmt.Errorf("build%s: internal error: %v", what, p)
		}
	}()
	r, err := lay(d)
	if err != nil {
		return Output{}, fmt.Errorf("layout%s: %w", what, err)
	}
	if r == nil || len(r.Pages) == 0 {
		return Output{}, fmt.Errorf("layout%s: no pages", what)
	}
	pdf, err := render.PDF(r, ropt)
	if err != nil {
		return Output{}, fmt.Errorf("render%s: %w", what, err)
	}
	return Output{PDF: pdf, Pages: len(r.Pages)}, nil
}

func creator(version string) string {
	if version == "" {
		return "handout"
	}
	return "handout " + version
}

// WriteAtomic writes data to path via a temporary file in the same folder,
// fsync, then rename, so that path holds either its old content or all of
// data, never a part. On any failure the temporary file is removed and an
// existing file at path is untouched. It creates parent folders as needed.
// A new file gets mode 0644; a replaced file keeps its mode.
func WriteAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return &os.PathError{Op: "write", Path: path, Err: errors.New("is a folder")}
		}
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(mode); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	// Make the rename itself durable. Not every system can sync a folder,
	// and the file is already complete, so this is best effort.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// maxEpoch is 9999-12-31T23:59:59Z: PDF dates have four-digit years.
const maxEpoch = 253402300799

// SourceTime returns the build time: SOURCE_DATE_EPOCH (decimal seconds
// since 1970-01-01 UTC, see reproducible-builds.org) as a UTC time when it
// is set and not empty, else now(). An invalid value is an error, not
// silently ignored, since it would make the build unreproducible.
func SourceTime(getenv func(string) string, now func() time.Time) (time.Time, error) {
	s := getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return now(), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > maxEpoch || s[0] == '+' {
		return time.Time{}, fmt.Errorf("invalid SOURCE_DATE_EPOCH %q: want whole seconds since 1970-01-01 UTC, such as 1700000000", s)
	}
	return time.Unix(n, 0).UTC(), nil
}
