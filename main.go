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
	"os"
	"strings"
	"time"

	"handout/build"
	"handout/document"
)

// version is handout's version. A release sets it at link time with
// -ldflags "-X main.version=1.2.3".
var version = "0.1.0"

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

Exit status:
  0  every file built (for check: is valid)
  1  a file could not be built: errors in its content, or its PDF could
     not be written
  2  usage error: unknown command or flag, missing path, a folder without
     .toml files, two files that would write the same PDF
`

// The exit statuses.
const (
	exitOK     = 0 // every file built, or is valid
	exitFailed = 1 // a file could not be built: content errors, or a PDF not written
	exitUsage  = 2 // usage error
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
			return usageError(stderr, "version", fmt.Sprintf("unexpected argument %q", rest[0]))
		}
		fmt.Fprintln(stdout, "handout "+version)
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if strings.HasPrefix(cmd, "-") {
		return usageError(stderr, "", "unknown flag "+cmd+" (flags go after the command)")
	}
	return usageError(stderr, "", fmt.Sprintf("unknown command %q", cmd))
}

// usageError reports a usage error and returns exitUsage.
func usageError(stderr io.Writer, cmd, msg string) int {
	if cmd != "" {
		cmd = " " + cmd
	}
	fmt.Fprintf(stderr, "handout%s: %s\n\n%s", cmd, msg, usage)
	return exitUsage
}

// parse parses a subcommand's flags. Flags may come before or after the
// paths, until "--". It returns the paths and, when it is not -1, the exit
// status to stop with.
func parse(fl *flag.FlagSet, args []string, stdout, stderr io.Writer) ([]string, int) {
	fl.SetOutput(io.Discard) // errors are reported below, with the usage
	fl.Usage = func() {}
	var paths []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				return nil, exitOK
			}
			return nil, usageError(stderr, fl.Name(), err.Error())
		}
		rest := fl.Args()
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

// runBuild is handout build: it builds the files and reports each PDF
// written and each error.
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
	srcs, err := build.Sources(orDefault(paths), *dir)
	if err != nil {
		return usageError(stderr, "build", err.Error())
	}
	t, err := build.SourceTime(getenv, time.Now)
	if err != nil {
		return usageError(stderr, "build", err.Error())
	}
	failed := 0
	build.All(srcs, build.Options{Time: t, Version: version}, 0, printer(stdout, stderr, &failed))
	return summarize(stderr, failed, len(srcs))
}

// printer returns build.All's emit for handout build: it prints each PDF
// written to stdout and each error to stderr, counting in failed the files
// that failed.
func printer(stdout, stderr io.Writer, failed *int) func(build.Source, []build.Output, error) {
	return func(s build.Source, outs []build.Output, err error) {
		for _, o := range outs {
			fmt.Fprintf(stdout, "wrote %s (%s)\n", s.Path(o.Suffix), plural(o.Pages, "page"))
		}
		if err != nil {
			report(stderr, s.Name, err)
			*failed++
		}
	}
}

// runCheck is handout check: it checks the files and reports each error.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	paths, code := parse(fl, args, stdout, stderr)
	if code >= 0 {
		return code
	}
	// The output folder does not matter: check writes nothing.
	srcs, err := build.Sources(orDefault(paths), "")
	if err != nil {
		return usageError(stderr, "check", err.Error())
	}
	failed := 0
	for _, s := range srcs {
		if err := s.Check(); err != nil {
			report(stderr, s.Name, err)
			failed++
		}
	}
	if code := summarize(stderr, failed, len(srcs)); code != exitOK {
		return code
	}
	fmt.Fprintf(stdout, "ok: %s\n", plural(len(srcs), "file"))
	return exitOK
}

// orDefault returns paths, or the default content folder when there are
// none.
func orDefault(paths []string) []string {
	if len(paths) == 0 {
		return []string{defaultContent}
	}
	return paths
}

// summarize reports how many of the total files failed, if any, and returns
// the exit status.
func summarize(stderr io.Writer, failed, total int) int {
	if failed == 0 {
		return exitOK
	}
	fmt.Fprintf(stderr, "handout: %d of %s failed\n", failed, plural(total, "file"))
	return exitFailed
}

// plural returns n and word, with an s unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
