package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// tempPattern names WriteAtomic's temporary files. It is short and fixed,
// not made from the target's name, so that a target whose name is near the
// system's limit (255 bytes on most) can still be written.
const tempPattern = ".handout-*.tmp"

// WriteAtomic writes data to path via a temporary file in the same folder,
// fsync, then rename, so that path holds either its old content or all of
// data, never a part. On any failure the temporary file is removed and
// whatever is at path is untouched. It creates parent folders as needed. A
// new file gets mode 0644; a replaced file keeps its mode.
func WriteAtomic(path string, data []byte) error {
	if err := writeAtomic(path, data); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		mode = fi.Mode().Perm()
	}
	tmp, err := writeTemp(dir, data, mode)
	if err != nil {
		return err
	}
	// A folder at path, or a name too long for the system, fails here.
	err = os.Rename(tmp, path)
	temps.forget(tmp)
	if err != nil {
		os.Remove(tmp)
		return err
	}
	// Make the rename itself durable. Not every system can sync a folder,
	// and the file is already complete, so this is best effort.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// writeTemp writes data, synced, to a new temporary file in dir with the
// given mode and returns its path. On failure it leaves no file behind.
func writeTemp(dir string, data []byte, mode os.FileMode) (name string, err error) {
	f, err := temps.create(dir)
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			temps.forget(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return "", err
	}
	if err = f.Chmod(mode); err != nil {
		return "", err
	}
	if err = f.Sync(); err != nil {
		return "", err
	}
	if err = f.Close(); err != nil {
		return "", err
	}
	return f.Name(), nil
}

// ErrStopped is the error of a WriteAtomic called after RemoveTemps.
var ErrStopped = errors.New("handout is stopping")

// temps are the temporary files of the WriteAtomic calls in progress.
var temps = tempFiles{paths: map[string]bool{}}

// tempFiles keeps the paths of temporary files in progress, so that they
// can be removed when handout must stop at once.
type tempFiles struct {
	mu      sync.Mutex
	paths   map[string]bool
	stopped bool // RemoveTemps was called: no more temporary files
}

// create creates and records a new temporary file in dir, unless
// RemoveTemps was called. Both happen under the lock, so that RemoveTemps
// misses none.
func (t *tempFiles) create(dir string) (*os.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return nil, ErrStopped
	}
	f, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return nil, err
	}
	t.paths[f.Name()] = true
	return f, nil
}

// forget stops recording path: it was renamed to its target, or removed.
func (t *tempFiles) forget(path string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.paths, path)
}

// RemoveTemps removes the temporary files of every WriteAtomic in
// progress, whose targets are then left as they were, and makes every later
// WriteAtomic fail with ErrStopped. It is for stopping at once, such as on
// a second Ctrl-C: the process should exit right after. It returns the
// paths removed.
func RemoveTemps() []string { return temps.removeAll() }

// removeAll is RemoveTemps for t.
func (t *tempFiles) removeAll() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stopped = true
	var removed []string
	for path := range t.paths {
		if os.Remove(path) == nil {
			removed = append(removed, path)
		}
		delete(t.paths, path)
	}
	return removed
}
