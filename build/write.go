package build

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// tempPattern names WriteAtomic's temporary files: tempPrefix, a random
// number, tempSuffix. It is short and fixed, not made from the target's
// name, so that a target whose name is near the system's limit (255 bytes
// on most) can still be written.
const (
	tempPattern = tempPrefix + "*" + tempSuffix
	tempPrefix  = ".handout-"
	tempSuffix  = ".tmp"
)

// WriteAtomic writes data to path via a temporary file in the same folder,
// as WriteAtomicIn does in path's folder, which it creates as needed.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return WriteAtomicIn(dir, filepath.Base(path), data)
}

// WriteAtomicIn writes data to rel, a local path in the folder dir,
// through an os.Root of dir, which it makes if it is not there: via a temporary file in rel's folder, fsync,
// then rename, so that rel holds either its old content or all of data,
// never a part. It creates the folders of rel inside dir as needed, and
// writes nothing through a symbolic link: a folder of rel that is a link,
// even one that stays inside dir, is an error; a link at rel itself is
// replaced, not followed. On any failure the temporary file is removed and
// whatever is at rel is untouched. A new file gets mode 0644; a replaced
// file keeps its mode.
func WriteAtomicIn(dir, rel string, data []byte) error {
	if err := writeIn(dir, rel, data); err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Join(dir, rel), err)
	}
	return nil
}

// writeIn is WriteAtomicIn, without the path in its errors.
func writeIn(dir, rel string, data []byte) error {
	if !filepath.IsLocal(rel) {
		return errors.New("not a path inside the output folder")
	}
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		// The output folder itself is the caller's: made as given.
		if err = os.MkdirAll(dir, 0o755); err == nil {
			root, err = os.OpenRoot(dir)
		}
	}
	if err != nil {
		return err
	}
	defer root.Close()
	return writeInRoot(root, rel, data, true)
}

// writeInRoot is writeIn through root, an os.Root of the folder; without
// durable, it neither syncs the file nor its folder, for files whose
// readers check them whole, by hash, such as the cache's.
func writeInRoot(root *os.Root, rel string, data []byte, durable bool) error {
	sub := filepath.Dir(rel)
	if err := realFolders(root, sub, true); err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if fi, err := root.Lstat(rel); err == nil && fi.Mode().IsRegular() {
		mode = fi.Mode().Perm()
	}
	tmp, err := writeTemp(root, sub, data, mode, durable)
	if err != nil {
		return err
	}
	// A folder at rel, or a name too long for the system, fails here.
	err = root.Rename(tmp, rel)
	temps.forget(root.Name(), tmp)
	if err != nil {
		root.Remove(tmp)
		return err
	}
	// Make the rename itself durable. Not every system can sync a folder,
	// and the file is already complete, so this is best effort.
	if !durable {
		return nil
	}
	if d, err := root.Open(sub); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// realFolders checks that the folder sub inside root, and each folder on
// the way to it, is a real folder, not a symbolic link nor a file. With
// create, the folders missing are created; without, a missing one is an
// error.
func realFolders(root *os.Root, sub string, create bool) error {
	if sub == "." {
		return nil
	}
	path := ""
	for part := range strings.SplitSeq(sub, string(filepath.Separator)) {
		path = filepath.Join(path, part)
		fi, err := root.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) && create {
			if err = root.Mkdir(path, 0o755); errors.Is(err, fs.ErrExist) {
				fi, err = root.Lstat(path) // made meanwhile, by another build
			} else if err == nil {
				continue
			}
		}
		if err != nil {
			return err
		}
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			return &linkFolderError{filepath.Join(root.Name(), path)}
		case !fi.IsDir():
			return fmt.Errorf("%s is a file, not a folder", filepath.Join(root.Name(), path))
		}
	}
	return nil
}

// A linkFolderError is a folder, on the way to a file to write or read,
// that is a symbolic link.
type linkFolderError struct{ path string }

func (e *linkFolderError) Error() string {
	return e.path + " is a symbolic link: handout writes only in real folders inside the output folder"
}

// writeTemp writes data, synced when durable, to a new temporary file in
// the folder sub of root with the given mode and returns its path in root.
// On failure it leaves no file behind.
func writeTemp(root *os.Root, sub string, data []byte, mode os.FileMode, durable bool) (name string, err error) {
	f, name, err := temps.create(root, sub)
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			root.Remove(name)
			temps.forget(root.Name(), name)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return "", err
	}
	if err = f.Chmod(mode); err != nil {
		return "", err
	}
	if durable {
		if err = f.Sync(); err != nil {
			return "", err
		}
	}
	if err = f.Close(); err != nil {
		return "", err
	}
	return name, nil
}

// ErrStopped is the error of a WriteAtomic called after RemoveTemps.
var ErrStopped = errors.New("handout is stopping")

// temps are the temporary files of the WriteAtomic calls in progress.
var temps = tempFiles{paths: map[tempFile]bool{}}

// tempFiles keeps the temporary files in progress, so that they can be
// removed when handout must stop at once.
type tempFiles struct {
	mu      sync.Mutex
	paths   map[tempFile]bool
	stopped bool // RemoveTemps was called: no more temporary files
}

// tempFile is a temporary file: its path in the folder dir.
type tempFile struct{ dir, rel string }

// create creates and records a new temporary file in the folder sub of
// root, unless RemoveTemps was called, and returns it with its path in
// root. Both happen under the lock, so that RemoveTemps misses none. The
// file is locked (see lockTemp) while it is written, so that another
// handout starting meanwhile does not take it for one left by a build
// that was killed.
func (t *tempFiles) create(root *os.Root, sub string) (*os.File, string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return nil, "", ErrStopped
	}
	for try := 0; ; try++ {
		name := filepath.Join(sub, tempPrefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+tempSuffix)
		f, err := root.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) && try < 10000 {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		lockTemp(f)
		// Another build may have removed it as stale between its
		// creation and its lock: then make another.
		if fi, err := f.Stat(); err == nil {
			if now, err := root.Lstat(name); err != nil || !os.SameFile(fi, now) {
				f.Close()
				continue
			}
		}
		t.paths[tempFile{root.Name(), name}] = true
		return f, name, nil
	}
}

// forget stops recording the temporary file rel in dir: it was renamed to
// its target, or removed.
func (t *tempFiles) forget(dir, rel string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.paths, tempFile{dir, rel})
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
	for tf := range t.paths {
		if root, err := os.OpenRoot(tf.dir); err == nil {
			if root.Remove(tf.rel) == nil {
				removed = append(removed, filepath.Join(tf.dir, tf.rel))
			}
			root.Close()
		}
		delete(t.paths, tf)
	}
	return removed
}

// staleAge is how long a temporary file must have been left unchanged to
// be taken for a killed build's where the system cannot lock files.
const staleAge = time.Hour

// removeStaleTemps removes, from each folder of folders inside the output
// folder dir (paths in it; "." for dir itself), the temporary files that
// earlier builds left when they were killed: the regular files named by
// tempPattern that no build is writing, which it tells by their lock (see
// lockTemp), or, where the system has no locks, by their not having
// changed for staleAge. It goes through an os.Root of dir, into real
// folders only, and returns the paths it removed.
func removeStaleTemps(dir string, folders []string) []string {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil
	}
	defer root.Close()
	var removed []string
	for _, sub := range folders {
		if realFolders(root, sub, false) != nil {
			continue
		}
		d, err := root.Open(sub)
		if err != nil {
			continue
		}
		// Names only: a folder of a thousand PDFs costs no look at each
		// of them; the temporary files' kind is checked as they are
		// opened.
		names, _ := d.Readdirnames(-1)
		d.Close()
		for _, n := range names {
			if !strings.HasPrefix(n, tempPrefix) || !strings.HasSuffix(n, tempSuffix) ||
				len(n) < len(tempPrefix)+len(tempSuffix) {
				continue
			}
			if rel := filepath.Join(sub, n); removeIfStale(root, rel) {
				removed = append(removed, filepath.Join(dir, rel))
			}
		}
	}
	return removed
}

// removeIfStale removes the temporary file rel in root if it is a
// regular file, not a symbolic link, that no build is writing, and
// reports whether it did.
func removeIfStale(root *os.Root, rel string) bool {
	f, fi, err := openBuilt(root, rel)
	if err != nil {
		return false
	}
	defer f.Close()
	inUse, known := tempInUse(f)
	if inUse || !known && time.Since(fi.ModTime()) < staleAge {
		return false
	}
	// Removed while holding its lock: a build that made it meanwhile
	// finds it gone once it has the lock, and makes another.
	return root.Remove(rel) == nil
}
