// Command handout turns worksheets written in TOML into print-ready PDFs.
//
//	handout build [flags] [PATH...]
//	handout check [flags] [PATH...]
//	handout watch [flags] [PATH...]
//	handout init NAME
//	handout version
//
// See usage below, docs/format.md for the content format and docs/ci.md
// for building in CI.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"golang.org/x/term"

	"handout/build"
	"handout/watch"
)

// version is handout's version. A release sets it at link time with
// -ldflags "-X main.version=1.2.3".
var version = "0.1.0"

const usage = `usage:
  handout build [flags] [PATH...]   make PDFs from content files
  handout check [flags] [PATH...]   check content files; write nothing
  handout watch [flags] [PATH...]   build, then rebuild each file when it is saved
  handout plan [flags] [PATH...]    say what build would do, and why; build nothing
  handout report merge A.json B.json ...
                                    merge the JSON reports of shards into one
  handout init NAME                 start content/NAME.toml from a sample worksheet
  handout version                   print the version
  handout help                      print this help

PATH is a .toml file or a folder, searched recursively for .toml files
(default content/). build writes NAME.pdf for a file's worksheet and
NAME-summary.pdf for its [summary] into DIR (default out/), mirroring the
subfolders of a folder PATH. PATH - reads one content file from standard
input and writes its first PDF to standard output once it is whole (on an
error, nothing); its summary sheet, if it has a worksheet too, goes to
DIR/stdin-summary.pdf with -o DIR, and is skipped without. Its images are
found in --base DIR, else in the folder of the file on standard input
when its path can be known, else in the current folder.

build is incremental: DIR/.handout-manifest.json records what each PDF was
built from, by content hash, and a file whose content, PDFs, handout
binary, SOURCE_DATE_EPOCH and edition and print flags are unchanged is
skipped. The PDFs of a content file that is gone are removed,
unless changed by hand.

flags (build, and those that apply to check and watch; check takes the
edition and print flags too, and refuses what build would with them):
  -o DIR         output folder (default out/)
  --base DIR     build -: the folder the content's images are in
  -j N           files built at a time (default: the number of CPUs)
  --force        rebuild every file, even those up to date
  --answers      also write NAME-answers.pdf, the answer key: the worksheet
                 with each block's answer written on its lines, in red
  --large-print  also write NAME-large.pdf: the worksheet in large print
                 (16 pt sans-serif or more, 1.5 line spacing, 11 mm lines)
  --accessible   an image without alt is an error, not a warning, so that
                 every PDF claims to be accessible (PDF/UA), as
                 [worksheet] accessible = true does
  --bleed MM     grow each page by a bleed of MM millimetres (0 to 20) on
                 every side, with TrimBox and BleedBox (see docs/print.md)
  --marks        crop marks at the corners of the trim and a slug line
  --impose 2up|booklet|none
                 also write an imposed copy, NAME-2up.pdf or NAME-booklet.pdf
  --gray         every colour becomes a gray
  --versions N   write N versions (2 to 26; 0: none) of a question paper,
                 NAME-A.pdf … instead of NAME.pdf, each with its choices,
                 matching columns (and with shuffle_questions, questions)
                 in an order of its own; --answers writes each one's key
                 (these five override the content file's [print] table)
  --shard K/N    build only part K of N, counting from 0 (see docs/ci.md)
  --cache DIR    copy the PDFs of files built before, by any build, from the
                 cache DIR, and keep those built there (default: the
                 variable HANDOUT_CACHE; build and plan; needs
                 SOURCE_DATE_EPOCH)
  --cache-max SIZE
                 then remove the least recently used from DIR until it
                 holds at most SIZE bytes (such as 2G, 500M, 1GiB)
  --report json  print one JSON report on stdout instead of lines
  --json         (plan) print the plan as JSON
  -q, --quiet    print only errors

init writes content/NAME.toml (NAME is a file name, .toml optional), which
builds as it is, and, unless they are there, content/images/water-cycle.png,
the picture it shows, and schema/handout.schema.json, the JSON Schema that
the file's first line names for editors (Even Better TOML, taplo). It never
overwrites a file.

Set SOURCE_DATE_EPOCH (seconds since 1970, UTC) to fix the PDFs' creation
date, for reproducible builds. Under GITHUB_ACTIONS=true every error is
also printed as a workflow command that annotates the pull request.

Exit status:
  0    every file built (for check: is valid)
  1    a file could not be built: errors in its content, or its PDF could
       not be written (init: the file exists, or could not be written);
       the output folder cannot be made or written in; the manifest could
       not be written
  2    usage error: unknown command or flag, missing path, a folder without
       .toml files, two files that would write the same PDF
  75   a failure that a retry may cure, and no other: a PDF, the manifest
       or the output folder could not be written, or the cache read, for
       a reason of the system (disk full, quota, input/output error,
       read-only or stale file system)
  130  interrupted by Ctrl-C (SIGINT); 143 for SIGTERM. The PDFs being
       written were finished and recorded, the files still being built
       were not written, the others not started. A second signal stops at
       once, removing the temporary files of the PDFs being written
`

// The exit statuses.
const (
	exitOK     = 0 // every file built, or is valid
	exitFailed = 1 // a file could not be built: content errors, or a PDF not written
	exitUsage  = 2 // usage error
	// exitRetry is a failure that a retry may cure (build.Retryable), and
	// no content error: EX_TEMPFAIL of BSD's sysexits.h.
	exitRetry = 75
	// exitInterrupted and exitTerminated are in signals.go.
)

const defaultContent = "content/"

// stdinName names standard input in messages and in the summary sheet's
// file name.
const (
	stdinName = "<stdin>"
	stdinBase = "stdin"
)

// env is what handout runs with besides its arguments.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	terminal       func(io.Writer) bool // whether a stream is a terminal
	ctx            context.Context      // done when handout is interrupted
}

// gcPercent is the garbage collector's target when GOGC is not set. A
// batch allocates more than it keeps: about 1.2 MB of garbage per file
// while the live heap stays a few MB a worker. 200 cuts the CPU time of
// building 1,000 files by nearly a fifth against Go's default of 100, for
// about 7 MB more peak memory on 2 cores (README, "Speed and size"). Memory
// that decoded images give back is collected sooner, near
// build.MemoryLimit, which handout sets as the heap's soft limit unless
// GOMEMLIMIT is set.
const gcPercent = 200

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(build.MemoryLimit)
	}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, stop := onSignals(context.Background(), sigs, os.Stderr, func() { build.RemoveTemps() }, os.Exit)
	code := run(os.Args[1:], env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		getenv: os.Getenv, terminal: isTerminal, ctx: ctx,
	})
	stop()
	signal.Stop(sigs)
	os.Exit(code)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// run is handout with its arguments (without the program name); it returns
// the exit status.
func run(args []string, e env) int {
	if len(args) == 0 {
		return usageError(e.stderr, "", "no command: want "+strings.Join(commands[:len(commands)-1], ", ")+" or help")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build", "check", "watch":
		return runCommand(cmd, rest, e)
	case "plan":
		return runPlan(rest, e)
	case "report":
		return runReport(rest, e)
	case "init":
		return runInit(rest, e)
	case "version", "-version", "--version":
		if len(rest) > 0 {
			return usageError(e.stderr, "version", fmt.Sprintf("unexpected argument %q", rest[0]))
		}
		fmt.Fprintln(e.stdout, "handout "+version)
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(e.stdout, usage)
		return exitOK
	}
	if strings.HasPrefix(cmd, "-") {
		return usageError(e.stderr, "", "unknown flag "+cmd+" (flags go after the command)")
	}
	return usageError(e.stderr, "", unknownCommand(cmd))
}

// usageError reports a usage error, in one line and a pointer to the help,
// and returns exitUsage.
func usageError(stderr io.Writer, cmd, msg string) int {
	if cmd != "" {
		cmd = " " + cmd
	}
	fmt.Fprintf(stderr, "handout%s: %s\n%s\n", cmd, escapeName(msg), usageHint)
	return exitUsage
}

// runCommand runs build, check or watch.
func runCommand(cmd string, args []string, e env) int {
	o, code := parseOptions(cmd, args, e)
	if code >= 0 {
		return code
	}
	if slices.Contains(o.paths, "-") {
		if cmd != "build" || len(o.paths) > 1 || o.shard.N > 1 || o.json {
			return usageError(e.stderr, cmd, "- (standard input) is for build, alone, without --shard or --report json")
		}
		return runStdin(o, e)
	}
	if o.base != "" {
		return usageError(e.stderr, cmd, "--base is for content on standard input (PATH -)")
	}
	paths := o.paths
	if len(paths) == 0 {
		paths = []string{defaultContent}
	}
	dir := o.dir
	if cmd == "check" {
		dir = "" // check writes nothing: its output folder does not matter
	}
	b, err := batch(o, e.getenv)
	if err != nil {
		return usageError(e.stderr, cmd, err.Error())
	}
	srcs, err := build.Sources(paths, dir, b.Outputs()...)
	if err != nil {
		return usageError(e.stderr, cmd, err.Error())
	}
	if o.shard.N > 1 {
		srcs = o.shard.Of(srcs, dir)
	}
	// watch leaves the PDFs of a file that is gone: it may be back.
	b.Shard, b.Prune = o.shard, cmd == "build"
	if dir != "" {
		if err := build.OutputFolder(dir, paths...); err != nil {
			fmt.Fprintf(e.stderr, "handout %s: %s\n", cmd, escapeName(err.Error()))
			return failure(err)
		}
	}
	code, warning := useCache(b, o, e, paths)
	if code >= 0 {
		return code
	}
	defer b.Cache.Close()
	switch cmd {
	case "check":
		c := newConsole(o, e, len(srcs))
		b.Check(e.ctx, srcs, c.result)
		return c.finish(nil, stopStatus(e.ctx))
	case "watch":
		return runWatch(paths, o, b, e)
	}
	c := newConsole(o, e, len(srcs))
	err = b.Run(e.ctx, srcs, c.result)
	return c.finish(errors.Join(warning, err), stopStatus(e.ctx))
}

// batch returns the build settings of o and the environment.
func batch(o options, getenv func(string) string) (*build.Batch, error) {
	t, err := build.SourceTime(getenv, time.Now)
	if err != nil {
		return nil, err
	}
	opt := build.Options{Time: t, FixedTime: getenv("SOURCE_DATE_EPOCH") != "", Version: version,
		Answers: o.answers, LargePrint: o.largePrint, Accessible: o.accessible, Print: o.print}
	b := &build.Batch{Options: opt, Jobs: o.jobs, Force: o.force}
	if o.cmd != "check" && o.dir != "" {
		b.Manifest = filepath.Join(o.dir, build.ManifestFor(o.shard))
		b.Tool = build.ToolID(version)
	}
	return b, nil
}

// runWatch builds the files paths name, then rebuilds them as they are
// saved, until handout is interrupted.
func runWatch(paths []string, o options, b *build.Batch, e env) int {
	w := newWatcher(newConsole(o, e, 0), paths)
	err := watch.Run(e.ctx, paths, o.dir, b, w.result, w.warn, w.ready)
	if err != nil {
		fmt.Fprintf(e.stderr, "handout watch: %s\n", escapeName(err.Error()))
		return exitFailed
	}
	return exitOK
}
