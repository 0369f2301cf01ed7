package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"handout/document"
	"handout/fonts"
)

// LoadFonts reads the font files that d's [fonts] table names, relative to
// the folder of the content file name, as LoadImages reads images: each a
// regular file inside that folder or a folder in it, of at most
// fonts.MaxSize bytes, a TrueType font that fonts.Parse accepts. It sets
// each document.FontFile's Font, then checks that the fonts have every
// character the text prints (document.Document.CheckChars).
//
// It returns the files it read, in the order [fonts] names them, even when
// some could not be read, so that a watcher can rebuild once they are
// fixed. Problems are document.Errors, at the font's name for a file, at
// the text for its characters.
func LoadFonts(name string, d *document.Document) ([]Input, error) {
	return loadFontsIn(name, ownFolder(name), d)
}

// loadFontsIn is LoadFonts, with the fonts found in folder f.
func loadFontsIn(name string, f Folder, d *document.Document) ([]Input, error) {
	files := d.Fonts.Files()
	if len(files) == 0 {
		return nil, nil // Decode has checked the characters against the built-in fonts
	}
	root, done, err := f.open()
	if err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	defer done()
	type loaded struct {
		font *fonts.Font
		err  error // completes the sentence `font "p" …`
	}
	byPath := map[string]loaded{}
	var (
		ins  []Input
		errs document.Errors
	)
	for _, file := range files {
		rel := filepath.Clean(filepath.FromSlash(file.Path))
		got, seen := byPath[rel]
		if !seen {
			var sum string
			got.font, sum, got.err = loadFont(root, f, rel)
			byPath[rel] = got
			ins = append(ins, Input{Path: filepath.Join(f.Dir, rel), SHA256: sum})
		}
		if got.err != nil {
			errs = append(errs, &document.Error{File: name, Line: file.Pos.Line, Column: file.Pos.Column,
				Msg: fmt.Sprintf("font %q %s", file.Path, got.err)})
			continue
		}
		file.Font = got.font
	}
	if len(errs) > 0 {
		return ins, errs
	}
	return ins, d.CheckChars()
}

// loadFont reads and parses the font file rel in root, the folder f. It
// returns the font and the SHA-256 of the file, which it has when it could
// read it; its error completes the sentence `font "p" …`.
func loadFont(root *os.Root, f Folder, rel string) (*fonts.Font, string, error) {
	data, err := readIn(root, rel, fonts.MaxSize, func(size int64) error {
		is := fmt.Sprintf("%.1f MB", float64(size)/(1<<20))
		if size < fonts.MaxSize+1<<20/10 {
			is = fmt.Sprintf("more than %d MB", fonts.MaxSize>>20)
		}
		return notReadable(fmt.Sprintf("is %s: a font file may be at most %d MB; use a font with fewer characters, or a subset of it with those the worksheets need",
			is, fonts.MaxSize>>20))
	})
	if err != nil {
		return nil, "", explainRead(f, rel, err, fontFiles)
	}
	sum := hash(data)
	font, err := parsedFonts.parse(sum, filepath.ToSlash(rel), data)
	var fe *fonts.Error
	if errors.As(err, &fe) {
		return nil, sum, fmt.Errorf("cannot be used: %s", fe.Msg)
	}
	return font, sum, err
}

// parsedFonts are the fonts parsed in this process.
var parsedFonts = fontCache{max: 256 << 20}

// A fontCache holds fonts parsed from files, by the SHA-256 of the file,
// so that a font is parsed once however many content files, PDFs and
// rebuilds use it: a font for Chinese takes tens of milliseconds to
// parse. It holds at most max bytes of font files, dropping the font used
// least recently to make room; a font dropped stays good for whoever
// holds it. A file that is not a font is parsed again each time: it fails
// at once.
type fontCache struct {
	max int64

	mu    sync.Mutex
	m     map[string]*cachedFont
	bytes int64  // the size of the files of m's fonts
	tick  uint64 // counts uses, for finding the least recently used
}

// cachedFont is a font of the cache, parsed once.
type cachedFont struct {
	once sync.Once
	font *fonts.Font
	err  error
	size int64
	used uint64 // the cache's tick when it was last used
}

// parse returns the font of data, the file name whose SHA-256 is sum.
func (c *fontCache) parse(sum, name string, data []byte) (*fonts.Font, error) {
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*cachedFont{}
	}
	c.tick++
	e := c.m[sum]
	if e == nil {
		e = &cachedFont{size: int64(len(data))}
		c.evict(e.size)
		c.m[sum] = e
		c.bytes += e.size
	}
	e.used = c.tick
	c.mu.Unlock()
	e.once.Do(func() { e.font, e.err = fonts.Parse(name, data) })
	if e.err != nil {
		c.mu.Lock()
		if c.m[sum] == e {
			delete(c.m, sum)
			c.bytes -= e.size
		}
		c.mu.Unlock()
	}
	return e.font, e.err
}

// evict drops the fonts used least recently until a file of size bytes
// fits. c.mu is held.
func (c *fontCache) evict(size int64) {
	for c.bytes+size > c.max && len(c.m) > 0 {
		var oldest string
		for sum, e := range c.m {
			if oldest == "" || e.used < c.m[oldest].used {
				oldest = sum
			}
		}
		c.bytes -= c.m[oldest].size
		delete(c.m, oldest)
	}
}
