// Package watch rebuilds content files as they are saved: it builds them
// once, then watches them, and every file they use, with fsnotify, and
// rebuilds a file when it or one of its inputs changes. It is what
// `handout watch` runs; it knows nothing about the command line.
//
// It watches folders, not files, as fsnotify advises: that is what makes
// the saves of editors that write a new file and rename it over the old
// one, or rename the old one away first, work like in-place writes.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"handout/build"
)

// quiet is how long the files must have been quiet, with no event that
// concerns a build, before the files changed are rebuilt: an editor's save
// is several events (a rename, a create, writes), and one build is wanted.
// Files changing all the time are still rebuilt every maxDelay.
const (
	quiet    = 100 * time.Millisecond
	maxDelay = time.Second
)

// Run builds the content files that paths name (see build.Sources, with
// their PDFs under dir), then watches them until ctx is done. It rebuilds a
// file when it or any of its inputs is saved, and builds the .toml files
// that appear in a folder that paths name, or in one of its subfolders,
// which are watched too, new ones included. Each rebuild is one b.Run of
// the files changed; a file with errors gets a Failed result and, as b.Run
// does, keeps its last good PDFs. A content file that is removed is
// reported with warn, and built again when it is back.
//
// Run reports every build result with emit, Skipped ones included (a save
// that changed no byte of a file or its inputs), and the problems that do not
// stop watching (an error from the watcher, a manifest warning, a folder
// that vanished, a content file removed, as a *GoneError) with warn; once
// the first build is done and the files are watched, it calls ready with
// the number of content files. It calls them from one goroutine at a time.
// It returns nil when ctx is done, or an error when watching cannot start:
// a path that names no content files, or a folder that cannot be watched.
func Run(ctx context.Context, paths []string, dir string, b *build.Batch, emit func(build.Result), warn func(error), ready func(files int)) error {
	srcs, err := build.Sources(paths, dir, b.Outputs()...)
	if err != nil {
		return err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("starting to watch: %w", err)
	}
	defer fsw.Close()
	s := newSession(fsw, paths, dir, b, emit, warn)
	s.ctx = ctx
	if err := s.start(srcs); err != nil {
		return err
	}
	s.build(srcs)
	ready(len(srcs))
	return s.loop(ctx)
}

// A GoneError is the warning of a content file that was removed while it
// was watched. Its PDFs are left as they are, and it is built again when
// it is back.
type GoneError struct {
	Name string // the content file
}

func (e *GoneError) Error() string { return e.Name + ": removed; it will be built when it is back" }

// session is the state of one Run. Paths in its maps are absolute and
// clean, as are the names of the events, since the folders are watched by
// such paths.
type session struct {
	ctx   context.Context // Run's: once done, builds start no more files
	fsw   *fsnotify.Watcher
	paths []string          // as given to Run
	roots map[string]string // the folders among paths, watched with their subfolders: absolute -> as given
	dir   string            // the output folder, as given
	out   string            // the output folder, absolute
	b     *build.Batch
	emit  func(build.Result)
	warn  func(error)

	srcs    []build.Source             // every content file known, in build order
	known   map[string]bool            // the content files among srcs
	inputs  map[string][]string        // content file -> the files its last build read
	users   map[string]map[string]bool // input -> the content files that read it
	watched map[string]bool            // the folders watched
	missing map[string]bool            // content files reported removed

	pending map[string]bool // content files to rebuild once quiet
	rescan  bool            // whether to look for new content files once quiet
	first   time.Time       // when the first change since the last build was seen
}

// newSession returns the state of a Run with its arguments and watcher,
// knowing no content file yet.
func newSession(fsw *fsnotify.Watcher, paths []string, dir string, b *build.Batch, emit func(build.Result), warn func(error)) *session {
	return &session{
		fsw: fsw, paths: paths, roots: map[string]string{}, dir: dir, out: abs(dir),
		b: b, emit: emit, warn: warn,
		known: map[string]bool{}, inputs: map[string][]string{}, users: map[string]map[string]bool{},
		watched: map[string]bool{}, missing: map[string]bool{}, pending: map[string]bool{},
	}
}

// start watches the folders that paths name, with their subfolders, and
// the folder of every content file in srcs.
func (s *session) start(srcs []build.Source) error {
	for _, p := range s.paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			s.roots[abs(p)] = p
			if err := s.watchTree(abs(p)); err != nil {
				return err
			}
		}
	}
	for _, src := range srcs {
		s.add(src)
		if err := s.watch(filepath.Dir(abs(src.Name))); err != nil {
			return err
		}
	}
	return nil
}

// loop handles events until ctx is done, rebuilding once they are quiet.
func (s *session) loop(ctx context.Context) error {
	timer := time.NewTimer(quiet) // read only once due is set
	defer timer.Stop()
	var due <-chan time.Time // nil while nothing is to be done
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-s.fsw.Events:
			if !ok {
				return errStopped
			}
			if s.handle(ev) {
				due = s.arm(timer, quiet)
			}
		case err, ok := <-s.fsw.Errors:
			if !ok {
				return errStopped
			}
			if s.failed(err) {
				due = s.arm(timer, 0)
			}
		case <-due:
			due, s.first = nil, time.Time{}
			s.flush()
		}
	}
}

// errStopped is returned if the watcher stops before Run has closed it.
var errStopped = errors.New("watching stopped")

// arm sets timer to fire after wait, but no later than maxDelay after the
// first change since the last build, and returns its channel.
func (s *session) arm(timer *time.Timer, wait time.Duration) <-chan time.Time {
	if s.first.IsZero() {
		s.first = time.Now()
	}
	timer.Reset(min(wait, time.Until(s.first.Add(maxDelay))))
	return timer.C
}

// failed reports a watcher error, and whether to rebuild at once. When
// events were lost, every file is checked again: b.Run skips the unchanged
// ones.
func (s *session) failed(err error) bool {
	if !errors.Is(err, fsnotify.ErrEventOverflow) {
		s.warn(fmt.Errorf("watching: %w", err))
		return false
	}
	s.warn(fmt.Errorf("watching: %w; checking every file", err))
	for _, src := range s.srcs {
		s.pending[abs(src.Name)] = true
	}
	s.rescan = true
	return true
}

// handle records what event ev means for the build, and reports whether
// it means anything.
func (s *session) handle(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false // vim's chmod after a write, touch: no new content
	}
	name := filepath.Clean(ev.Name)
	changed := false
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		changed = s.forget(name)
	}
	inTree := s.inTree(name)
	if ev.Has(fsnotify.Create) && inTree {
		if fi, err := os.Lstat(name); err == nil && fi.IsDir() {
			// Files may have been made in it before it was watched:
			// rescan finds them.
			if err := s.watchTree(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				s.warn(err) // gone already is no problem
			}
			s.rescan, changed = true, true
		}
	}
	for src := range s.users[name] {
		s.pending[src], changed = true, true
	}
	if !s.known[name] && inTree && isTOML(name) {
		s.rescan, changed = true, true
	}
	return changed
}

// forget stops watching folder name and the folders under it, which were
// removed or renamed, warning when it is one that Run was given, and marks
// the content files under it to be checked. It reports whether it did
// anything.
func (s *session) forget(name string) bool {
	if !s.watched[name] {
		return false
	}
	for dir := range s.watched {
		if within(dir, name) {
			delete(s.watched, dir)
			s.fsw.Remove(dir) // fsnotify may have removed it already
		}
	}
	for _, src := range s.srcs {
		if within(abs(src.Name), name) {
			s.pending[abs(src.Name)] = true
		}
	}
	if given, ok := s.roots[name]; ok {
		s.warn(fmt.Errorf("%s: folder removed or renamed; no longer watching it", given))
	}
	return true
}

// flush builds the files found new and the files changed since the last
// build, and reports the content files that are gone.
func (s *session) flush() {
	if s.rescan {
		s.rescan = false
		s.discover()
	}
	var todo []build.Source
	for _, src := range s.srcs {
		key := abs(src.Name)
		if !s.pending[key] {
			continue
		}
		if _, err := os.Stat(src.Name); errors.Is(err, fs.ErrNotExist) {
			if !s.missing[key] {
				s.missing[key] = true
				s.warn(&GoneError{Name: src.Name})
			}
			continue
		}
		delete(s.missing, key)
		todo = append(todo, src)
	}
	clear(s.pending)
	s.build(todo)
}

// build builds srcs, records what each read and watches its folders.
func (s *session) build(srcs []build.Source) {
	if len(srcs) == 0 {
		return
	}
	err := s.b.Run(s.ctx, srcs, func(r build.Result) {
		s.record(r)
		s.emit(r)
	})
	if err != nil {
		s.warn(err)
	}
}
