// Command handout turns worksheets written in TOML into print-ready PDFs.
//
//	handout build [-o DIR] [PATH...]
//	handout check [PATH...]
//	handout version
//
// See usage below, and docs/format.md for the content format.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"handout/build"
	"handout/document"
)

// version is handout's version. A release may override it at link time with
// -ldflags "-X main.linkVersion=1.2.3".
const version = "0.1.0"

// linkVersion, when set by the linker, replaces version.
var linkVersion string

func currentVersion() string {
	if linkVersion != "" {
		return linkVersion
	}
	return version
}

const usage = `usage:
  handout build [-o DIR] [PATH...]   make PDFs from content files
  handout check [PATH...]            check content files; write nothing
  handout version                    print the version
  handout help                       print this help

PATH is a .toml file or a folder, searched recursively for .toml files
(default content/). build writes NAME.pdf for a file's worksheet and
NAME-summary.pdf for its [summary] into DIR (default out/), mirroring the
subfolders of a folder PATH.

Set SOURCE_DATE_EPOCH (seconds since 1970, UTC) to fix the PDFs' creation
date, for reproducible builds.

Exit status: 0 success, 1 errors in content files, 2 usage errors.
`

const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

const defaultContent = "content/"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// run is handout with its arguments (without the program name), output
// streams and environment; it returns the exit status.
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		return usageError(stderr, "", "no command")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(rest, stdout, stderr, getenv)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "version", "-version", "--version":
		if len(rest) > 0 {
			return usageError(stderr, "version", "unexpected argument "+quote(rest[0]))
		}
		fmt.Fprintln(stdout, "handout "+currentVersion())
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if strings.HasPrefix(cmd, "-") {
		return usageError(stderr, "", "unknown flag "+cmd+" (flags go after the command)")
	}
	return usageError(stderr, "", "unknown command "+quote(cmd))
}

// usageError reports a usage error and returns exitUsage.
func usageError(stderr io.Writer, cmd, msg string) int {
	if cmd != "" {
		cmd = " " + cmd
	}
	fmt.Fprintf(stderr, "handout%s: %s\n\n%s", cmd, msg, usage)
	return exitUsage
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// parse parses a subcommand's flags. Flags may come before or after the
// paths, until "--". It returns the paths and, when it is not -1, the exit
// status to stop with.
func parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) ([]string, int) {
	fs.SetOutput(io.Discard) // errors are reported below, with the usage
	fs.Usage = func() {}
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				return nil, exitOK
			}
			return nil, usageError(stderr, fs.Name(), err.Error())
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			paths = append(paths, rest...)
			break
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
	return paths, -1
}

// source is one content file to build.
type source struct {
	name string // as the user gave it, or found under a folder they gave
	out  string // output path without suffix and ".pdf"
}

// collect expands the paths into content files, in a deterministic order:
// the paths in the order given, each folder's files sorted. Folders are
// mirrored under dir. A missing path, a file that is not .toml and a folder
// without .toml files are usage errors.
func collect(paths []string, dir string) ([]source, error) {
	var srcs []source
	seen := map[string]bool{}
	add := func(name, out string) {
		if key := filepath.Clean(name); !seen[key] {
			seen[key] = true
			srcs = append(srcs, source{name: name, out: out})
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or folder", p)
			}
			return nil, err
		}
		if !fi.IsDir() {
			if !isTOML(p) {
				return nil, fmt.Errorf("%s: not a .toml file", p)
			}
			add(p, filepath.Join(dir, strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))))
			continue
		}
		n := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir // .git and the like
				}
				return nil // editor backups such as .#a.toml
			}
			if d.IsDir() || !isTOML(path) {
				return nil
			}
			rel, err := filepath.Rel(p, path)
			if err != nil {
				return err
			}
			n++
			add(path, filepath.Join(dir, strings.TrimSuffix(rel, filepath.Ext(rel))))
			return nil
		})
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, fmt.Errorf("no .toml files in %s", p)
		}
	}
	return srcs, nil
}

// clash reports two content files that would write the same PDFs.
func clash(srcs []source) error {
	byOut := map[string]string{}
	for _, s := range srcs {
		if other, ok := byOut[s.out]; ok {
			return fmt.Errorf("%s and %s would both write %s.pdf", other, s.name, s.out)
		}
		byOut[s.out] = s.name
	}
	return nil
}

func isTOML(path string) bool { return strings.EqualFold(filepath.Ext(path), ".toml") }

// report writes err for content file name to stderr: content errors one
// per line as file:line:col: message, anything else prefixed by the name.
func report(stderr io.Writer, name string, err error) {
	// Both PDFs may fail, each for its own reason: one line each.
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			report(stderr, name, e)
		}
		return
	}
	var errs document.Errors
	if errors.As(err, &errs) && len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(stderr, e.Error())
		}
		return
	}
	var e *document.Error
	if errors.As(err, &e) {
		fmt.Fprintln(stderr, e.Error())
		return
	}
	fmt.Fprintf(stderr, "%s: %v\n", name, err)
}

func runBuild(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	dir := fl.String("o", "out/", "output `DIR`")
	paths, code := parse(fl, args, stdout, stderr)
	if code >= 0 {
		return code
	}
	if *dir == "" {
		return usageError(stderr, "build", "-o needs a folder")
	}
	if len(paths) == 0 {
		paths = []string{defaultContent}
	}
	srcs, err := collect(paths, *dir)
	if err == nil {
		err = clash(srcs)
	}
	if err != nil {
		return usageError(stderr, "build", err.Error())
	}
	t, err := build.SourceTime(getenv, time.Now)
	if err != nil {
		return usageError(stderr, "build", err.Error())
	}
	opt := build.Options{Time: t, Version: currentVersion()}

	// Files are built in parallel and reported and written in order.
	type result struct {
		outs []build.Output
		err  error
	}
	done := make([]chan result, len(srcs))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2))
	for i, s := range srcs {
		done[i] = make(chan result, 1)
		go func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			data, err := os.ReadFile(s.name)
			if err != nil {
				done[i] <- result{err: err}
				return
			}
			outs, err := build.File(s.name, data, opt)
			done[i] <- result{outs, err}
		}()
	}

	failed := 0
	written := map[string]string{} // output path -> content file
	for i, s := range srcs {
		r := <-done[i]
		if r.err != nil {
			report(stderr, s.name, r.err)
			failed++
			continue
		}
		if len(r.outs) == 0 {
			fmt.Fprintf(stderr, "%s: no sections and no [summary]: nothing to write\n", s.name)
			continue
		}
		// a.toml's summary and a-summary.toml's worksheet are both
		// a-summary.pdf: refuse rather than let one replace the other.
		dup := ""
		for _, o := range r.outs {
			if other, ok := written[s.out+o.Suffix+".pdf"]; ok {
				dup = fmt.Sprintf("%s: %s.pdf was already written from %s", s.name, s.out+o.Suffix, other)
			}
		}
		if dup != "" {
			fmt.Fprintln(stderr, dup)
			failed++
			continue
		}
		for _, o := range r.outs {
			path := s.out + o.Suffix + ".pdf"
			if err := build.WriteAtomic(path, o.PDF); err != nil {
				fmt.Fprintf(stderr, "%s: %v\n", s.name, err)
				failed++
				break
			}
			written[path] = s.name
			fmt.Fprintf(stdout, "wrote %s (%s)\n", path, plural(o.Pages, "page"))
		}
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "handout: %d of %s failed\n", failed, plural(len(srcs), "file"))
		return exitContent
	}
	return exitOK
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	paths, code := parse(fl, args, stdout, stderr)
	if code >= 0 {
		return code
	}
	if len(paths) == 0 {
		paths = []string{defaultContent}
	}
	// The output folder does not matter: check writes nothing.
	srcs, err := collect(paths, "")
	if err != nil {
		return usageError(stderr, "check", err.Error())
	}
	failed := 0
	for _, s := range srcs {
		data, err := os.ReadFile(s.name)
		if err == nil {
			err = build.Check(s.name, data)
		}
		if err != nil {
			report(stderr, s.name, err)
			failed++
		}
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "handout: %d of %s failed\n", failed, plural(len(srcs), "file"))
		return exitContent
	}
	fmt.Fprintf(stdout, "ok: %s\n", plural(len(srcs), "file"))
	return exitOK
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
