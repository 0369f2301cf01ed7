package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"handout/build"
	"handout/watch"
)

// watcher reports what handout watch does: what it watches, one line per
// file built, and errors, each stamped with the time. A file whose last
// report was an error, or its removal, is reported when it is fixed or
// back, even when its PDFs were up to date, so that the last line on
// screen about a file is true.
type watcher struct {
	c     *console
	paths []string          // the paths watched, as given
	state map[string]string // content file -> "fixed" once it has failed, "back" once it was removed
}

// newWatcher returns a watcher that prints to c, of the paths watched.
func newWatcher(c *console, paths []string) *watcher {
	return &watcher{c: c, paths: paths, state: map[string]string{}}
}

// ready says what is watched, once the first build is done: "watching 3
// files in content/; Ctrl-C to stop".
func (w *watcher) ready(files int) {
	if !w.c.quiet {
		fmt.Fprintf(w.c.stdout, "watching %s; Ctrl-C to stop\n", escapeName(watched(files, w.paths)))
	}
}

// watched says what the paths given hold: "3 files in content/", or the
// file's name for one file.
func watched(files int, paths []string) string {
	names := make([]string, len(paths))
	folders := 0
	for i, p := range paths {
		names[i] = p
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			names[i] = folderName(p)
			folders++
		}
	}
	switch {
	case folders == len(paths):
		return plural(files, "file") + " in " + and(names)
	case len(paths) == 1:
		return paths[0]
	}
	return plural(files, "file") + ": " + and(names)
}

// folderName returns dir with a trailing separator, as a folder is named.
func folderName(dir string) string {
	if strings.HasSuffix(dir, string(filepath.Separator)) || strings.HasSuffix(dir, "/") {
		return dir
	}
	return dir + string(filepath.Separator)
}

// and joins words as a list in a sentence: "a", "a and b", "a, b and c".
func and(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// result reports one rebuild.
func (w *watcher) result(r build.Result) {
	stamp := w.c.now().Format("15:04:05")
	name := escapeName(r.Source.Name)
	was := w.state[r.Source.Name]
	switch r.Status {
	case build.Built:
		delete(w.state, r.Source.Name)
		var outs []string
		for _, o := range r.Outputs {
			outs = append(outs, fmt.Sprintf("%s (%s)", escapeName(o.Path), plural(o.Pages, "page")))
		}
		for _, path := range r.Removed {
			outs = append(outs, "removed "+escapeName(path))
		}
		switch {
		case was != "":
			fmt.Fprintf(w.c.stdout, "%s %s is %s: built %s\n", stamp, name, was, strings.Join(outs, ", "))
		case !w.c.quiet:
			fmt.Fprintf(w.c.stdout, "%s built %s: %s\n", stamp, name, strings.Join(outs, ", "))
		}
		w.warnings(r)
	case build.Skipped:
		// A save that changed nothing, or, when watching starts, a file
		// whose PDFs are up to date: said only of a file that had failed
		// or was gone, and is now as its PDFs were built from.
		delete(w.state, r.Source.Name)
		if was != "" {
			var outs []string
			for _, o := range r.Outputs {
				outs = append(outs, escapeName(o.Path))
			}
			are := " are"
			if len(outs) == 1 {
				are = " is"
			}
			fmt.Fprintf(w.c.stdout, "%s %s is %s: %s%s up to date\n", stamp, name, was, and(outs), are)
		}
		w.warnings(r)
	case build.Interrupted:
		// Watching was stopped during the build.
	case build.Removed:
		if !w.c.quiet {
			fmt.Fprintf(w.c.stdout, "%s %s is gone: removed %s\n", stamp, name, escapeName(strings.Join(r.Removed, ", ")))
		}
	default:
		w.state[r.Source.Name] = "fixed"
		fmt.Fprintf(w.c.stderr, "%s %s failed; its PDFs are left as they were:\n", stamp, name)
		for _, p := range flatten(r.Source.Name, r.Err) {
			fmt.Fprintln(w.c.stderr, p)
		}
	}
}

// warnings prints r's warnings.
func (w *watcher) warnings(r build.Result) {
	for _, p := range warningsOf(r) {
		fmt.Fprintln(w.c.stderr, p)
	}
}

// warn reports a problem that does not stop watching.
func (w *watcher) warn(err error) {
	var gone *watch.GoneError
	if errors.As(err, &gone) {
		w.state[gone.Name] = "back"
	}
	fmt.Fprintf(w.c.stderr, "%s handout watch: %s\n", w.c.now().Format("15:04:05"), escapeName(err.Error()))
}
