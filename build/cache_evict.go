package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// cachedFile is a file of the cache, for eviction.
type cachedFile struct {
	name string // its path in the cache
	size int64
	used time.Time // its modification time: when it was last written or marked used
}

// Evict removes the cache's least recently used files until it holds at
// most its limit of bytes, and the temporary files that builds killed while
// writing to it left (see removeStaleTemps); it returns the bytes it freed.
// It does nothing for a cache without a limit. Only regular files in the
// cache's own folders are counted and removed, through the cache's folder,
// never through a link.
//
// Other builds may use the cache meanwhile: a file they write after Evict
// has listed the cache is kept; a file they are about to copy may be
// removed, which costs them a build of that file, never a wrong PDF, since
// every file is checked before it is used. Two builds evicting at once may
// together remove a little more than needed.
func (c *Cache) Evict() (int64, error) {
	if c == nil || c.max <= 0 {
		return 0, nil
	}
	files, err := c.files()
	if err != nil {
		return 0, err
	}
	var total int64
	for _, f := range files {
		total += f.size
	}
	// Oldest first; by name among files of the same time, so that two
	// builds evicting at once pick the same files.
	slices.SortFunc(files, func(a, b cachedFile) int {
		if c := a.used.Compare(b.used); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	var freed int64
	var errs []error
	for _, f := range files {
		if total-freed <= c.max {
			break
		}
		if err := c.root.Remove(f.name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		freed += f.size
	}
	if len(errs) > 0 {
		return freed, fmt.Errorf("%d files could not be removed: %w", len(errs), errs[0])
	}
	return freed, nil
}

// files lists the regular files in the cache's folders, after removing
// the temporary files that killed builds left there. The folders of a
// format other than this one's are listed too, and so are evicted first
// once unused.
func (c *Cache) files() ([]cachedFile, error) {
	formats, err := c.subfolders(".")
	if err != nil {
		return nil, err
	}
	var subs []string
	for _, format := range formats {
		if !isFormat(format) {
			continue
		}
		kinds, _ := c.subfolders(format)
		for _, kind := range kinds {
			fans, _ := c.subfolders(filepath.Join(format, kind))
			for _, fan := range fans {
				subs = append(subs, filepath.Join(format, kind, fan))
			}
		}
	}
	removeStaleTemps(c.dir, subs)
	var files []cachedFile
	for _, sub := range subs {
		files = append(files, c.regular(sub)...)
	}
	return files, nil
}

// isFormat reports whether name is the folder of a format of the cache:
// v and a number.
func isFormat(name string) bool {
	n, ok := strings.CutPrefix(name, "v")
	_, err := strconv.Atoi(n)
	return ok && err == nil
}

// subfolders returns the names of the real folders, not links, in the
// folder sub of the cache.
func (c *Cache) subfolders(sub string) ([]string, error) {
	var names []string
	entries, err := c.list(sub)
	for _, e := range entries {
		if e.IsDir() && e.Type()&fs.ModeSymlink == 0 {
			names = append(names, e.Name())
		}
	}
	return names, err
}

// regular returns the regular files in the folder sub of the cache, other
// than temporary files being written.
func (c *Cache) regular(sub string) []cachedFile {
	var files []cachedFile
	entries, _ := c.list(sub)
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() {
			files = append(files, cachedFile{name: filepath.Join(sub, e.Name()), size: fi.Size(), used: fi.ModTime()})
		}
	}
	return files
}

// list returns the entries of the folder sub of the cache, which must be
// a real folder.
func (c *Cache) list(sub string) ([]fs.DirEntry, error) {
	if err := realFolders(c.root, sub, false); err != nil {
		return nil, err
	}
	d, err := c.root.Open(sub)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.ReadDir(-1)
}

// ParseSize parses a size in bytes, as --cache-max takes it: a whole
// number, with an optional unit, k, M, G or T for powers of 1000 and Ki,
// Mi, Gi or Ti for powers of 1024, either optionally followed by B: 500M,
// 2GB, 1GiB, 1048576.
func ParseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		n      int64
	}{
		{"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30}, {"Ti", 1 << 40},
		{"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12},
	}
	num, unit := strings.TrimSuffix(s, "B"), int64(1)
	for _, u := range units {
		if n, ok := strings.CutSuffix(num, u.suffix); ok {
			num, unit = n, u.n
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 1 || strings.HasPrefix(num, "+") || n > (1<<62)/unit {
		return 0, fmt.Errorf("invalid size %q: want a number of bytes, with k, M, G or T (powers of 1000) or Ki, Mi, Gi or Ti (of 1024), such as 2G", s)
	}
	return n * unit, nil
}
