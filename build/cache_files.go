package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// The files of a cache (see Cache) are reached through the folder of
// their kind, opened once, and then their own folder, which must be a
// real folder; each is read by the rule of read.go and checked, written
// atomically, and marked when used.

// A usedFile is a file of the cache read by a build, and when it was last
// marked used.
type usedFile struct {
	name string
	used time.Time
}

// readEntry reads the entry at name into v, adding it to used, and reports
// whether it could: one that is not there is a miss; one that cannot be
// read or decoded is counted too (see cannotUse).
func (c *Cache) readEntry(name string, v any, used *[]usedFile) bool {
	data, err := c.read(name, maxCacheEntry, used)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		err = dec.Decode(v)
	}
	if err != nil {
		c.cannotUse(fmt.Errorf("%s: %w", name, err))
		return false
	}
	return true
}

// readPDF reads the PDF at name, which must be o: its size, its SHA-256,
// and the start of a PDF; it adds it to used.
func (c *Cache) readPDF(name string, o cachedPDF, used *[]usedFile) ([]byte, bool) {
	data, err := c.read(name, int64(o.Bytes), used)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	if err == nil && (len(data) != o.Bytes || hash(data) != o.SHA256 || !bytes.HasPrefix(data, []byte(pdfMagic))) {
		err = errors.New("its bytes are not those its name and entry record")
	}
	if err != nil {
		c.cannotUse(fmt.Errorf("%s: %w", name, err))
		return nil, false
	}
	return data, true
}

// folder opens the folder of the file name in the cache, KIND/XX in the
// format's folder, through the folder of its kind, and returns it with the
// file's name in it. The folder must be a real folder, not a link, even
// one that stays inside the cache; with create, it is made if missing.
func (c *Cache) folder(name string, create bool) (*os.Root, string, error) {
	sub, base := filepath.Split(name)
	kind, fan := filepath.Split(filepath.Clean(sub))
	k := c.kinds[filepath.Base(kind)]
	if k == nil {
		return nil, "", fs.ErrNotExist
	}
	if err := realFolders(k, fan, create); err != nil {
		return nil, "", err
	}
	r, err := k.OpenRoot(fan)
	if err != nil {
		return nil, "", err
	}
	return r, base, nil
}

// lstat returns the file name of the cache as it is, not following a
// link.
func (c *Cache) lstat(name string) (fs.FileInfo, error) {
	r, base, err := c.folder(name, false)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.Lstat(base)
}

// read reads the file name in the cache by the rule of read.go, and more
// strictly: neither it nor a folder on its way may be a symbolic link, even
// one that stays inside the cache. A file replaced while it is opened, as
// another build writes the same entry, is opened again. It adds the file
// to used.
func (c *Cache) read(name string, limit int64, used *[]usedFile) ([]byte, error) {
	r, base, err := c.folder(name, false)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	for try := 0; ; try++ {
		fi, err := r.Lstat(base)
		if err != nil {
			return nil, err
		}
		if !fi.Mode().IsRegular() {
			return nil, errors.New("not a regular file")
		}
		f, got, err := openIn(r, base)
		if err != nil {
			return nil, err
		}
		// What was opened is what is there now, a regular file: not a
		// link put there meanwhile, which os.Root would have followed.
		if now, err := r.Lstat(base); err == nil && now.Mode().IsRegular() && os.SameFile(now, got) {
			defer f.Close()
			*used = append(*used, usedFile{name, now.ModTime()})
			return readOpen(f, got, limit, func(size int64) error {
				return fmt.Errorf("is %d bytes, more than the %d expected", size, limit)
			})
		}
		f.Close()
		if try == 2 {
			return nil, errors.New("changed while it was opened")
		}
	}
}

// touch marks the files used as used now, those marked more than
// touchAfter ago. A file that cannot be marked is only evicted sooner.
func (c *Cache) touch(used []usedFile) {
	now := time.Now()
	for _, u := range used {
		if now.Sub(u.used) <= touchAfter {
			continue
		}
		if r, base, err := c.folder(u.name, false); err == nil {
			// Through its folder: Chtimes follows a link put there
			// meanwhile, but only to a file in that folder.
			if fi, err := r.Lstat(base); err == nil && fi.Mode().IsRegular() {
				r.Chtimes(base, now, now)
			}
			r.Close()
		}
	}
}

// writePDF writes the PDF data, whose SHA-256 is sha, to name in the
// cache, unless it is there already, which is then marked used.
func (c *Cache) writePDF(name, sha string, data []byte) error {
	if r, base, err := c.folder(name, false); err == nil {
		fi, err := r.Lstat(base)
		same := err == nil && fi.Mode().IsRegular() && fi.Size() == int64(len(data))
		if same {
			got, err := sumIn(r, base, int64(len(data)), int64(len(data)))
			same = err == nil && got == sha
		}
		r.Close()
		if same {
			c.touch([]usedFile{{name, fi.ModTime()}})
			return nil
		}
	}
	return c.write(name, data)
}

// write writes data to name in the cache, atomically, through the folder
// of its kind, making the folder of name if missing.
func (c *Cache) write(name string, data []byte) error {
	r, base, err := c.folder(name, true)
	if err != nil {
		return err
	}
	defer r.Close()
	if err := writeInRoot(r, base, data, false); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// inCache returns err, an error of a file in the cache, as it is told of
// the cache.
func inCache(err error) error {
	var lf *linkFolderError
	if errors.As(err, &lf) {
		return errors.New(lf.path + " is a symbolic link: handout reads and writes its cache only through real folders")
	}
	return err
}

// cannotUse counts an entry that was there and could not be used.
func (c *Cache) cannotUse(err error) {
	err = inCache(err)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.unusable = append(c.unusable, err)
}

// notSaved counts a build that could not be written.
func (c *Cache) notSaved(err error) {
	err = inCache(err)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.unsaved = append(c.unsaved, err)
}

// A CacheError tells of the files of a cache that could not be used or
// written during a build: they cost a build, never a wrong PDF, so they
// are a warning, not a failure.
type CacheError struct {
	Dir      string
	Unusable []error // entries there that could not be read, or were not what they should be
	Unsaved  []error // builds that could not be written
	Evict    error   // the cache could not be brought within its size
}

func (e *CacheError) Error() string {
	msg := "cache " + e.Dir + ":"
	if n := len(e.Unusable); n > 0 {
		msg += fmt.Sprintf(" %d %s could not be used, and %s built anew (%v);", n, pluralize(n, "entry", "entries"), pluralize(n, "its file was", "their files were"), e.Unusable[0])
	}
	if n := len(e.Unsaved); n > 0 {
		msg += fmt.Sprintf(" %d %s not saved in it (%v);", n, pluralize(n, "build was", "builds were"), e.Unsaved[0])
	}
	if e.Evict != nil {
		msg += fmt.Sprintf(" not brought within its size (%v);", e.Evict)
	}
	return msg[:len(msg)-1]
}

// pluralize returns one for n of 1, else many.
func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// problems returns, as a *CacheError, the files of the cache that could
// not be used or written since it was opened or problems was last called,
// with evictErr; nil if none.
func (c *Cache) problems(evictErr error) error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	unusable, unsaved := c.unusable, c.unsaved
	c.unusable, c.unsaved = nil, nil
	if len(unusable)+len(unsaved) == 0 && evictErr == nil {
		return nil
	}
	return &CacheError{Dir: c.dir, Unusable: unusable, Unsaved: unsaved, Evict: evictErr}
}
