package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// A Cache is a folder of built PDFs shared by builds in any output folder,
// on any branch, shard or machine: each build of a content file is kept
// under a hash of everything that decides its PDFs' bytes (see buildKey),
// and a build that finds its file's PDFs there copies them into its output
// folder instead of building them.
//
// Its content is data, never trusted: every file in it is read by the
// rule of read.go (through an os.Root of the folder, its kind checked
// first, not through a symbolic link even one that stays inside, with a
// size cap), an entry is used only when the key it records is the one
// looked for, and a PDF only when its size and SHA-256 are those the entry
// records, which its name says too. Files are written atomically (a
// temporary file in the same folder, then renamed), so builds may write
// the same entries at the same time, with the same bytes.
//
// The folder holds, under v1/ (the format), three kinds of file, each in a
// subfolder named by the first two hexadecimal digits of its name:
//
//	inputs/XX/KEY.json  the files a content file reads besides itself, such
//	                    as its images, by the SHA-256 of the tool and the
//	                    content file (see inputsKey)
//	builds/XX/KEY.json  a build's PDFs (kind, version, pages, size, SHA-256) and
//	                    warnings, by the SHA-256 of its buildKey
//	pdfs/XX/SHA.pdf     a PDF, by the SHA-256 of its bytes
//
// A file's modification time is when it was last written or used: a build
// that uses a file last marked more than touchAfter ago marks it again, and
// Evict removes the least recently used files first.
type Cache struct {
	dir   string
	root  *os.Root
	kinds map[string]*os.Root // v1/inputs, v1/builds and v1/pdfs, those there
	max   int64               // the most bytes kept; 0 for no limit

	mu       sync.Mutex
	unusable []error // entries that were there but could not be used
	unsaved  []error // builds that could not be written
}

// cacheFormat is the folder, in the cache, of the format described above.
// Another format goes into another folder, and the old one is evicted.
const cacheFormat = "v1"

// The kinds of file in the cache, as the folders they are in.
const (
	cacheInputs = "inputs"
	cacheBuilds = "builds"
	cachePDFs   = "pdfs"
)

// Limits of what is read from the cache: an entry's JSON, the inputs an
// entry may list, and a PDF.
const (
	maxCacheEntry  = 1 << 20
	maxCacheInputs = 10000
	maxCachedPDF   = 1 << 30
)

// touchAfter is how long after its last mark a file in the cache used by a
// build is marked used again: not on every use, so that a build that
// finds all its files in the cache does not write to it.
const touchAfter = time.Hour

// cacheTag marks the folder as a cache, which backup programs skip
// (https://bford.info/cachedir/).
const cacheTag = "Signature: 8a477f597d28d172789f06886806bc55\n" +
	"# This file marks a cache of built PDFs made by handout (handout build --cache).\n" +
	"# For information about cache directory tags see https://bford.info/cachedir/\n"

// OpenCache opens the cache in the folder dir, making it if it is not
// there, for builds of the content folders content. Like the output
// folder, dir is taken as given, but when it is inside one of the content
// folders, no folder from that content folder down to it may be a
// symbolic link. max, when more than 0, is the most bytes Evict keeps.
func OpenCache(dir string, max int64, content ...string) (*Cache, error) {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("cache folder %s is a file, not a folder", dir)
	}
	for _, c := range content {
		if err := noLinkDown(c, dir); err != nil {
			return nil, fmt.Errorf("cache folder: %w", err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot make cache folder %s: %w", dir, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read cache folder %s: %w", dir, err)
	}
	c := &Cache{dir: dir, root: root, max: max}
	if err := c.openKinds(true); err != nil {
		c.Close()
		return nil, fmt.Errorf("cannot read cache folder %s: %w", dir, err)
	}
	if _, err := root.Lstat("CACHEDIR.TAG"); errors.Is(err, fs.ErrNotExist) {
		writeInRoot(root, "CACHEDIR.TAG", []byte(cacheTag), false) // best effort: a read-only cache is still read
	}
	return c, nil
}

// ReadCache opens the cache in the folder dir to read it only, as a plan
// does: it makes nothing, and returns nil when dir is not there.
func ReadCache(dir string) (*Cache, error) {
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read cache folder %s: %w", dir, err)
	}
	c := &Cache{dir: dir, root: root}
	if err := c.openKinds(false); err != nil {
		c.Close()
		return nil, fmt.Errorf("cannot read cache folder %s: %w", dir, err)
	}
	return c, nil
}

// openKinds opens the folders of the kinds of file in the cache, which
// must be real folders that can be listed, making them with create. Those
// not there, without create, are left out. Every file is then reached
// through them, as long as the cache is open.
func (c *Cache) openKinds(create bool) error {
	c.kinds = map[string]*os.Root{}
	for _, kind := range []string{cacheInputs, cacheBuilds, cachePDFs} {
		sub := filepath.Join(cacheFormat, kind)
		err := realFolders(c.root, sub, create)
		if errors.Is(err, fs.ErrNotExist) && !create {
			continue
		}
		if err == nil {
			err = readable(c.root, sub)
		}
		var r *os.Root
		if err == nil {
			r, err = c.root.OpenRoot(sub)
		}
		if err != nil {
			return err
		}
		c.kinds[kind] = r
	}
	return nil
}

// readable checks that the folder sub of root can be listed.
func readable(root *os.Root, sub string) error {
	d, err := root.Open(sub)
	if err != nil {
		return err
	}
	defer d.Close()
	if _, err := d.Readdirnames(1); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// Close closes the cache's folder.
func (c *Cache) Close() error {
	if c == nil {
		return nil
	}
	for _, r := range c.kinds {
		r.Close()
	}
	return c.root.Close()
}

// Dir returns the cache's folder.
func (c *Cache) Dir() string { return c.dir }
