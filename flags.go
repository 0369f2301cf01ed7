package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"handout/build"
	"handout/document"
)

// options are a command's flags and paths.
type options struct {
	cmd                 string
	paths               []string
	dir                 string
	dirSet              bool // -o was given
	jobs                int
	force               bool
	answers, largePrint bool // the editions to write besides the worksheet
	accessible          bool // --accessible: an image without alt is an error
	print               build.PrintFlags
	shard               build.Shard
	json                bool
	quiet               bool
	cache               string // --cache, or HANDOUT_CACHE: "" for none
	cacheMax            int64  // --cache-max: 0 for no limit

	base string // --base: the folder of the content on standard input
}

// parseOptions parses cmd's flags and paths. When the exit status it
// returns is not -1, the command stops with it.
func parseOptions(cmd string, args []string, e env) (options, int) {
	o := options{cmd: cmd}
	fl := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fl.IntVar(&o.jobs, "j", 0, "files built at a `N`umber at a time")
	shard := fl.String("shard", "", "build part `K/N`")
	report := new("text")
	if cmd == "plan" {
		fl.BoolVar(&o.json, "json", false, "print the plan as JSON")
	} else {
		fl.StringVar(report, "report", "text", "`FORMAT` of the report: text or json")
	}
	cacheMax := cacheFlags(fl, cmd, &o, e.getenv)
	fl.BoolVar(&o.quiet, "q", false, "print only errors")
	fl.BoolVar(&o.quiet, "quiet", false, "print only errors")
	if cmd != "check" {
		fl.StringVar(&o.dir, "o", "out/", "output `DIR`")
		fl.BoolVar(&o.force, "force", false, "rebuild every file")
	}
	if cmd == "build" {
		fl.StringVar(&o.base, "base", "", "the `DIR` of the content on standard input")
	}
	// check takes the edition and print flags too, to check what build
	// would make with them.
	fl.BoolVar(&o.answers, "answers", false, "also write the answer key")
	fl.BoolVar(&o.largePrint, "large-print", false, "also write the large-print edition")
	fl.BoolVar(&o.accessible, "accessible", false, "an image without alt is an error")
	printFlags(fl, &o.print)
	paths, code := parse(fl, args, e.stdout, e.stderr)
	if code >= 0 {
		return o, code
	}
	fl.Visit(func(f *flag.Flag) { o.dirSet = o.dirSet || f.Name == "o" })
	o.paths = paths
	var problem string
	switch {
	case cmd != "check" && o.dir == "":
		problem = "-o needs a folder"
	case o.jobs < 0:
		problem = "-j needs a number of files, 1 or more (0: one per CPU)"
	case *report != "text" && *report != "json":
		problem = fmt.Sprintf("--report %q: want text or json", *report)
	case cmd == "watch" && *report == "json":
		problem = "--report json is for build and check, not watch"
	case cmd == "watch" && *shard != "":
		problem = "--shard is for build and check, not watch"
	default:
		o.cacheMax, problem = parseCacheMax(*cacheMax, o.cache)
	}
	if problem != "" {
		return o, usageError(e.stderr, cmd, problem)
	}
	o.json = o.json || *report == "json"
	if *shard != "" {
		sh, err := build.ParseShard(*shard)
		if err != nil {
			return o, usageError(e.stderr, cmd, "--shard: "+err.Error())
		}
		o.shard = sh
	}
	return o, -1
}

// printFlags defines in fl the print-shop flags, --bleed, --marks,
// --impose, --gray and --versions: each that is given sets its field of
// pf, and overrides the content file's [print]. A value that is not one of the flag's is an
// error of fl.Parse (see flagProblem).
func printFlags(fl *flag.FlagSet, pf *build.PrintFlags) {
	fl.Func("bleed", "bleed of `MM` millimetres on every side", func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || !(v >= 0 && v <= document.MaxBleedMM) {
			return fmt.Errorf("want millimetres, 0 to %d", document.MaxBleedMM)
		}
		pf.BleedMM = &v
		return nil
	})
	fl.BoolFunc("marks", "crop marks and a slug line", setBool(&pf.Marks))
	fl.Func("impose", "also write an imposed copy: `2up`, booklet or none", func(s string) error {
		i, ok := document.ParseImpose(s)
		if !ok {
			return errors.New("want 2up, booklet or none")
		}
		pf.Impose = &i
		return nil
	})
	fl.BoolFunc("gray", "every colour a gray", setBool(&pf.Gray))
	fl.Func("versions", "write `N` versions of a question paper", func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n != 0 && (n < document.MinVersions || n > document.MaxVersions) {
			return fmt.Errorf("want a number of versions, %d to %d, or 0 for none", document.MinVersions, document.MaxVersions)
		}
		pf.Versions = &n
		return nil
	})
}

// setBool returns the function of a boolean flag that sets *p to the
// flag's value.
func setBool(p **bool) func(string) error {
	return func(s string) error {
		v, err := strconv.ParseBool(s)
		if err != nil {
			return err
		}
		*p = &v
		return nil
	}
}

// parse parses a subcommand's flags. Flags may come before or after the
// paths, until "--"; -j takes its number attached too (-j4). It returns the
// paths and, when it is not -1, the exit status to stop with.
func parse(fl *flag.FlagSet, args []string, stdout, stderr io.Writer) ([]string, int) {
	fl.SetOutput(io.Discard) // errors are reported below, in one line
	fl.Usage = func() {}
	args = splitJobs(fl, args)
	var paths []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				return nil, exitOK
			}
			return nil, usageError(stderr, fl.Name(), flagProblem(fl, err))
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
