package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"handout/build"
	"handout/document"
)

// runStdin builds the content file on standard input: its first PDF to
// standard output, once it is whole, and its other PDFs into the output
// folder, when -o gives one; without it, those the content file asks for
// are skipped, with a line that says so, and those that flags ask for are
// a usage error, before anything is read. Its images are found in the
// folder that stdinFolder chooses.
func runStdin(o options, e env) int {
	if e.terminal(e.stdout) {
		return usageError(e.stderr, "build", "standard output is a terminal: send the PDF to a file or a program (handout build - < in.toml > out.pdf)")
	}
	if flag := editionFlag(o); flag != "" && !o.dirSet {
		return usageError(e.stderr, "build", flag+" with - (standard input) makes a PDF besides the one on standard output: give -o DIR to write it into DIR")
	}
	folder, err := stdinFolder(o.base, e.stdin)
	if err != nil {
		return usageError(e.stderr, "build", err.Error())
	}
	b, err := batch(options{cmd: "check", answers: o.answers, largePrint: o.largePrint, accessible: o.accessible, print: o.print}, e.getenv)
	if err != nil {
		return usageError(e.stderr, "build", err.Error())
	}
	data, err := readAll(e.ctx, e.stdin)
	if code := stopStatus(e.ctx); code != 0 {
		return code
	}
	c := newConsole(o, e, 1)
	c.pipe = true
	var tooLarge document.Errors // more than document.MaxFileBytes
	if err != nil && !errors.As(err, &tooLarge) {
		fmt.Fprintf(e.stderr, "%s: reading: %v\n", stdinName, err)
		return exitFailed
	}
	var outs []build.Rendered
	var warns document.Errors
	if err == nil {
		outs, warns, err = build.FileIn(e.ctx, stdinName, folder, data, b.Options)
		if code := stopStatus(e.ctx); code != 0 {
			return code // stopped while building: nothing is written
		}
	}
	if err != nil {
		c.result(build.Result{Source: build.Source{Name: stdinName}, Status: build.Failed, Err: err, Warnings: warns})
		noPDF(e)
		return exitFailed
	}
	for _, p := range warningsOf(build.Result{Warnings: warns}) {
		fmt.Fprintln(e.stderr, p)
		c.annotate(p)
	}
	// The files in the folder first: should one fail, nothing was sent.
	for _, out := range outs[1:] {
		rel := stdinBase + out.Suffix() + ".pdf"
		if !o.dirSet {
			if !o.quiet {
				fmt.Fprintf(e.stderr, "%s: the %s was not written (standard output has the %s): add -o DIR to write it as %s\n",
					stdinName, pdfName(out.Output), pdfName(outs[0].Output), filepath.Join("DIR", rel))
			}
			continue
		}
		if err := build.Replaceable(o.dir, rel, nil); err != nil {
			fmt.Fprintf(e.stderr, "%s: %s\n", stdinName, escapeName(err.Error()))
			noPDF(e)
			return exitFailed
		}
		if err := build.WriteAtomicIn(o.dir, rel, out.PDF); err != nil {
			fmt.Fprintf(e.stderr, "%s: %s\n", stdinName, escapeName(err.Error()))
			noPDF(e)
			return exitFailed
		}
		if !o.quiet {
			fmt.Fprintf(e.stderr, "wrote %s (%s)\n", escapeName(filepath.Join(o.dir, rel)), plural(out.Pages, "page"))
		}
	}
	if err := writeWhole(e.stdout, outs[0].PDF); err != nil {
		fmt.Fprintf(e.stderr, "%s: writing the PDF to standard output: %v\n", stdinName, err)
		return exitFailed
	}
	return exitOK
}

// editionFlag returns the first flag of o that asks for a PDF besides
// those the content file asks for, or "".
func editionFlag(o options) string {
	switch {
	case o.answers:
		return "--answers"
	case o.largePrint:
		return "--large-print"
	case o.print.Impose != nil && *o.print.Impose != document.NoImpose:
		return "--impose " + o.print.Impose.String()
	case o.print.Versions != nil && *o.print.Versions > 0:
		return "--versions " + strconv.Itoa(*o.print.Versions)
	}
	return ""
}

// pdfName names a content file's PDF o: its kind, and its version.
func pdfName(o build.Output) string {
	if o.Version == "" {
		return pdfKind(o.Kind)
	}
	return pdfKind(o.Kind) + " of version " + o.Version
}

// pdfKind names a content file's PDF of kind k.
func pdfKind(k build.Kind) string {
	switch k {
	case build.Worksheet:
		return "worksheet"
	case build.Summary:
		return "summary sheet"
	case build.Answers:
		return "answer key"
	case build.LargePrint:
		return "large-print copy"
	}
	return k.String() + " copy" // the imposed copies
}

// noPDF says, when standard output is an empty file, that it holds no
// PDF: the shell made it before handout ran, and handout sends nothing to
// standard output until the PDF is whole.
func noPDF(e env) {
	if f, ok := e.stdout.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			fmt.Fprintf(e.stderr, "%s: no PDF was written: the file standard output goes to is empty\n", stdinName)
		}
	}
}

// truncater is a file that can be cut back to a size, as an *os.File.
type truncater interface {
	Stat() (fs.FileInfo, error)
	Truncate(size int64) error
}

// writeWhole writes pdf to w, standard output. When w is a regular file
// that was empty, as a shell's "> x.pdf" makes it, and the write fails
// part way (a disk full), the file is emptied again: a PDF cut short is
// never left where a whole one is expected.
func writeWhole(w io.Writer, pdf []byte) error {
	f, ok := w.(truncater)
	empty := false
	if ok {
		fi, err := f.Stat()
		empty = err == nil && fi.Mode().IsRegular() && fi.Size() == 0
	}
	n, err := w.Write(pdf)
	if err == nil && n < len(pdf) {
		err = io.ErrShortWrite
	}
	if err != nil && empty {
		if terr := f.Truncate(0); terr != nil {
			return fmt.Errorf("%w; what was written could not be removed: %v", err, terr)
		}
		return fmt.Errorf("%w; nothing was left written", err)
	}
	return err
}

// readAll reads r to the end, or until ctx is done: a terminal on
// standard input may never end.
func readAll(ctx context.Context, r io.Reader) ([]byte, error) {
	type read struct {
		data []byte
		err  error
	}
	done := make(chan read, 1)
	go func() {
		// No further than the limit of a content file, which is an error.
		data, err := build.ReadLimited(stdinName, r, 0)
		done <- read{data, err}
	}()
	select {
	case d := <-done:
		return d.data, d.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// stdinFolder returns the folder in which the content on standard input,
// stdin, finds its images: the folder base when it is given (--base), else
// the folder of the file that is standard input when its path can be
// known (see stdinPath), else the current folder. The folder is named in
// the message of an image not found, with how it was chosen.
func stdinFolder(base string, stdin io.Reader) (build.Folder, error) {
	if base != "" {
		fi, err := os.Stat(base)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return build.Folder{}, fmt.Errorf("--base %s: no such folder", base)
		case err != nil:
			return build.Folder{}, fmt.Errorf("--base %s: %v", base, err)
		case !fi.IsDir():
			return build.Folder{}, fmt.Errorf("--base %s: not a folder", base)
		}
		return build.Folder{Dir: base, Why: "the folder --base gives"}, nil
	}
	if path := stdinPath(stdin); path != "" {
		return build.Folder{Dir: filepath.Dir(path), Why: "the folder of " + path + ", which is standard input"}, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		wd = "."
	}
	return build.Folder{Dir: wd, Why: "the current folder; give the content's own folder with --base DIR"}, nil
}

// stdinPath returns the path of r, standard input, when it is a regular
// file whose path can be known: on Linux, whatever file it is (from
// /proc/self/fd); elsewhere, a .toml file in the current folder or under
// content/. The path is relative when the file is under the current
// folder. It returns "" for a pipe, a terminal, or a file not found.
func stdinPath(r io.Reader) string {
	f, ok := r.(*os.File)
	if !ok {
		return ""
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	path, err := os.Readlink(fmt.Sprintf("/proc/self/fd/%d", f.Fd()))
	if pi, serr := os.Stat(path); err != nil || !filepath.IsAbs(path) || serr != nil || !os.SameFile(fi, pi) {
		path = findFile(fi, ".", defaultContent)
	}
	if path == "" {
		return ""
	}
	if wd, err := os.Getwd(); err == nil && filepath.IsAbs(path) {
		if rel, err := filepath.Rel(wd, path); err == nil && filepath.IsLocal(rel) {
			return rel
		}
	}
	return path
}

// findFile returns the path of the .toml file that is fi in folder here,
// not below it, or in folder tree or below it, or "" when it is not there.
// Folders whose names start with "." are not searched, nor links to
// folders, as build.Sources does not.
func findFile(fi fs.FileInfo, here, tree string) string {
	same := func(path string, d fs.DirEntry) bool {
		if d.IsDir() || !strings.EqualFold(filepath.Ext(path), ".toml") {
			return false
		}
		di, err := d.Info()
		return err == nil && os.SameFile(fi, di)
	}
	if entries, err := os.ReadDir(here); err == nil {
		for _, d := range entries {
			if path := filepath.Join(here, d.Name()); same(path, d) {
				return path
			}
		}
	}
	var found string
	filepath.WalkDir(tree, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil // a folder that cannot be read: the others still can
		case d.IsDir() && path != tree && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir
		case same(path, d):
			found = path
			return filepath.SkipAll
		}
		return nil
	})
	return found
}
