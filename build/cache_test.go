package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"handout/internal/testimage"
)

// cacheProject is a content folder of three files, one with two images and
// one with a warning, built into output folders of their own with one
// cache.
type cacheProject struct {
	t       *testing.T
	dir     string
	content string
	cache   *Cache
	opt     Options
	tool    string
}

func newCacheProject(t *testing.T) *cacheProject {
	p := &cacheProject{t: t, dir: t.TempDir(), opt: Options{Time: testTime, FixedTime: true, Version: "test"}, tool: "handout test build-id:1"}
	p.content = filepath.Join(p.dir, "content")
	copyTestdata(t, "images.toml", filepath.Join(p.content, "a.toml"))
	writeFiles(t, p.content, map[string][]byte{
		"images/trotsky.jpg":       readBytes(t, filepath.Join("testdata", "images", "trotsky.jpg")),
		"images/figures/chart.png": readBytes(t, filepath.Join("testdata", "images", "figures", "chart.png")),
	})
	copyTestdata(t, "small.toml", filepath.Join(p.content, "b.toml"))
	small := string(readBytes(t, filepath.Join("testdata", "small.toml")))
	mustWrite(t, filepath.Join(p.content, "sub", "c.toml"), strings.Replace(small, "A bullet point.", "A bullet\\fpoint.", 1))
	c, err := OpenCache(filepath.Join(p.dir, "cache"), 0, p.content)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	p.cache = c
	return p
}

// batch returns a batch of the project into the output folder out, with
// its cache.
func (p *cacheProject) batch(out string) (*Batch, []Source) {
	srcs, err := Sources([]string{p.content}, filepath.Join(p.dir, out))
	if err != nil {
		p.t.Fatal(err)
	}
	return &Batch{Options: p.opt, Jobs: 2, Manifest: filepath.Join(p.dir, out, ManifestName), Tool: p.tool, Cache: p.cache}, srcs
}

// run builds the project into the output folder out and returns the
// results by content file's base name, failing on any error of Run.
func (p *cacheProject) run(out string) map[string]Result {
	p.t.Helper()
	b, srcs := p.batch(out)
	got, err := p.runBatch(b, srcs)
	if err != nil {
		p.t.Errorf("Run into %s: %v", out, err)
	}
	return got
}

func (p *cacheProject) runBatch(b *Batch, srcs []Source) (map[string]Result, error) {
	got := map[string]Result{}
	err := b.Run(p.t.Context(), srcs, func(r Result) { got[trimExt(filepath.Base(r.Source.Name))] = r })
	return got, err
}

// statuses returns the status of each result.
func statuses(rs map[string]Result) map[string]Status {
	s := map[string]Status{}
	for k, r := range rs {
		s[k] = r.Status
	}
	return s
}

// TestCacheTwoOutputFolders builds into two fresh output folders with one
// cache: the second copies every PDF, byte for byte, with the inputs and
// warnings of the build it copies, and records them in its manifest, so
// that the next build skips them.
func TestCacheTwoOutputFolders(t *testing.T) {
	p := newCacheProject(t)
	first := p.run("out1")
	wantStatus(t, "first build", statuses(first), map[string]Status{"a": Built, "b": Built, "c": Built})
	second := p.run("out2")
	wantStatus(t, "second build", statuses(second), map[string]Status{"a": Cached, "b": Cached, "c": Cached})
	for name, r := range second {
		want := first[name]
		if len(r.Outputs) != len(want.Outputs) || len(r.Outputs) == 0 {
			t.Fatalf("%s: outputs %v, want %v", name, r.Outputs, want.Outputs)
		}
		for i, o := range r.Outputs {
			w := want.Outputs[i]
			if o.Output != w.Output || o.Pages != w.Pages || o.SHA256 != w.SHA256 || !bytes.Equal(readBytes(t, o.Path), readBytes(t, w.Path)) {
				t.Errorf("%s: copied %+v, built %+v: not the same PDF", name, o, w)
			}
			if !strings.Contains(o.Path, "out2") {
				t.Errorf("%s: copied to %s, not into out2", name, o.Path)
			}
		}
		if !slices.Equal(r.Inputs, want.Inputs) {
			t.Errorf("%s: inputs %q, want %q", name, r.Inputs, want.Inputs)
		}
		if fmt.Sprint(r.Warnings) != fmt.Sprint(want.Warnings) {
			t.Errorf("%s: warnings %v, want %v", name, r.Warnings, want.Warnings)
		}
	}
	if len(second["c"].Warnings) != 1 {
		t.Errorf("c's warnings %v, want the form feed's", second["c"].Warnings)
	}
	wantStatus(t, "third build", statuses(p.run("out2")), map[string]Status{"a": Skipped, "b": Skipped, "c": Skipped})
}

// TestCacheKey changes each thing that decides the PDFs' bytes, and one
// that does not: a changed one is built, not copied.
func TestCacheKey(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(p *cacheProject)
		want   map[string]Status
	}{
		{"nothing", func(*cacheProject) {}, map[string]Status{"a": Cached, "b": Cached, "c": Cached}},
		{"an image", func(p *cacheProject) {
			writeFiles(t, p.content, map[string][]byte{"images/figures/chart.png": testimage.PNG(90, 90)})
		}, map[string]Status{"a": Built, "b": Cached}},
		{"a content file", func(p *cacheProject) {
			mustWrite(t, filepath.Join(p.content, "b.toml"), string(readBytes(t, filepath.Join(p.content, "b.toml")))+"\n# a comment\n")
		}, map[string]Status{"a": Cached, "b": Built}},
		{"the tool", func(p *cacheProject) { p.tool += "2" }, map[string]Status{"a": Built, "b": Built}},
		{"the date", func(p *cacheProject) { p.opt.Time = p.opt.Time.Add(time.Second) }, map[string]Status{"a": Built, "b": Built}},
		{"the version", func(p *cacheProject) { p.opt.Version = "test2" }, map[string]Status{"a": Built}},
		{"an edition", func(p *cacheProject) { p.opt.Answers = true }, map[string]Status{"a": Built, "b": Built}},
		{"a print flag", func(p *cacheProject) { p.opt.Print.Marks = new(true) }, map[string]Status{"a": Built, "b": Built}},
		{"a print flag given as the default", func(p *cacheProject) { p.opt.Print.Marks = new(false) }, map[string]Status{"a": Built}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := newCacheProject(t)
			p.run("out1")
			tt.change(p)
			wantStatus(t, "after the change", statuses(p.run("out2")), tt.want)
		})
	}
	// The same content under another name is another key: the crop
	// marks' slug line names the file.
	t.Run("the name", func(t *testing.T) {
		p := newCacheProject(t)
		p.opt.Print.Marks = new(true)
		p.run("out1")
		if err := os.Rename(filepath.Join(p.content, "b.toml"), filepath.Join(p.content, "d.toml")); err != nil {
			t.Fatal(err)
		}
		got := p.run("out2")
		wantStatus(t, "renamed", statuses(got), map[string]Status{"a": Cached, "d": Built})
	})
	// Where the files are does not matter: the content folder moved,
	// another output folder.
	t.Run("the folders", func(t *testing.T) {
		p := newCacheProject(t)
		p.run("out1")
		moved := filepath.Join(p.dir, "elsewhere", "content")
		if err := os.MkdirAll(filepath.Dir(moved), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(p.content, moved); err != nil {
			t.Fatal(err)
		}
		p.content = moved
		wantStatus(t, "moved", statuses(p.run(filepath.Join("elsewhere", "out"))), map[string]Status{"a": Cached, "b": Cached, "c": Cached})
	})
}

// TestCacheForce builds with Force: the cache is not read, but written.
func TestCacheForce(t *testing.T) {
	p := newCacheProject(t)
	p.run("out1")
	b, srcs := p.batch("out2")
	b.Force = true
	got, err := p.runBatch(b, srcs)
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "forced", statuses(got), map[string]Status{"a": Built, "b": Built, "c": Built})
}

// TestCacheToolUnknown builds with a tool that is only a version, as
// ToolID is when handout cannot read its program file: the cache is not
// used, and Run says so.
func TestCacheToolUnknown(t *testing.T) {
	p := newCacheProject(t)
	p.tool = creator(p.opt.Version)
	b, srcs := p.batch("out1")
	got, err := p.runBatch(b, srcs)
	if err == nil || !strings.Contains(err.Error(), "is not used") {
		t.Errorf("Run: %v, want the cache not used", err)
	}
	wantStatus(t, "unknown tool", statuses(got), map[string]Status{"a": Built})
	if files, _ := p.cache.files(); len(files) != 0 {
		t.Errorf("the cache holds %d files, want none", len(files))
	}
}

// cacheFiles returns the paths in the cache of its files of kind.
func cacheFiles(t *testing.T, c *Cache, kind string) []string {
	t.Helper()
	files, err := c.files()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		if strings.HasPrefix(f.name, filepath.Join(cacheFormat, kind)+string(filepath.Separator)) {
			names = append(names, f.name)
		}
	}
	slices.Sort(names)
	return names
}

// TestCacheUntrusted tampers with the cache in each way a stranger could:
// a PDF changed, replaced by a link (to a good copy, inside the cache or
// out of it), a FIFO, an entry copied under another key, a folder of it a
// link. Each entry is not used: the file is built, the build says why, and
// its new entry replaces the bad one.
func TestCacheUntrusted(t *testing.T) {
	for _, tt := range []struct {
		name    string
		tamper  func(t *testing.T, p *cacheProject, pdf, build string)
		healing bool // the next build copies again
	}{
		{"a PDF changed", func(t *testing.T, p *cacheProject, pdf, _ string) {
			data := readBytes(t, pdf)
			data[len(data)/2] ^= 1
			mustWrite(t, pdf, string(data))
		}, true},
		{"a PDF cut short", func(t *testing.T, p *cacheProject, pdf, _ string) {
			data := readBytes(t, pdf)
			mustWrite(t, pdf, string(data[:len(data)-10]))
		}, true},
		{"a PDF a link inside the cache", func(t *testing.T, p *cacheProject, pdf, _ string) {
			good := filepath.Join(p.cache.dir, "good.pdf")
			mustWrite(t, good, string(readBytes(t, pdf)))
			mustRemove(t, pdf)
			symlinkOrSkip(t, "../../../good.pdf", pdf)
		}, true},
		{"a PDF a link out of the cache", func(t *testing.T, p *cacheProject, pdf, _ string) {
			good := filepath.Join(p.dir, "good.pdf")
			mustWrite(t, good, string(readBytes(t, pdf)))
			mustRemove(t, pdf)
			symlinkOrSkip(t, good, pdf)
		}, true},
		{"a PDF a FIFO", func(t *testing.T, p *cacheProject, pdf, _ string) {
			mustRemove(t, pdf)
			if err := syscall.Mkfifo(pdf, 0o644); err != nil {
				t.Skip("no FIFOs here:", err)
			}
		}, true},
		{"an entry under another key", func(t *testing.T, p *cacheProject, _, build string) {
			for _, other := range cacheFiles(t, p.cache, cacheBuilds) {
				if filepath.Join(p.cache.dir, other) != build {
					mustWrite(t, build, string(readBytes(t, filepath.Join(p.cache.dir, other))))
					return
				}
			}
			t.Fatal("no other entry")
		}, true},
		{"an entry that is not JSON", func(t *testing.T, p *cacheProject, _, build string) {
			mustWrite(t, build, "{not JSON")
		}, true},
		{"an entry past its limit", func(t *testing.T, p *cacheProject, _, build string) {
			mustWrite(t, build, strings.Repeat(" ", maxCacheEntry+1))
		}, true},
		{"a folder a link", func(t *testing.T, p *cacheProject, pdf, _ string) {
			folder := filepath.Dir(pdf)
			moved := filepath.Join(p.cache.dir, "moved")
			if err := os.Rename(folder, moved); err != nil {
				t.Fatal(err)
			}
			symlinkOrSkip(t, "../../moved", folder)
		}, false}, // the folder stays a link, and is not written through
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := newCacheProject(t)
			built := p.run("out1")
			b := built["b"]
			pdf := filepath.Join(p.cache.dir, blobName(cachePDFs, b.Outputs[0].SHA256, ".pdf"))
			var entry string
			for _, name := range cacheFiles(t, p.cache, cacheBuilds) {
				if bytes.Contains(readBytes(t, filepath.Join(p.cache.dir, name)), []byte(`"name":"b.toml"`)) {
					entry = filepath.Join(p.cache.dir, name)
				}
			}
			if entry == "" {
				t.Fatal("no entry of b in the cache")
			}
			tt.tamper(t, p, pdf, entry)
			bb, srcs := p.batch("out2")
			got, err := p.runBatch(bb, srcs)
			if got["b"].Status != Built {
				t.Errorf("b is %s, want built", got["b"].Status)
			}
			var ce *CacheError
			if !errors.As(err, &ce) || len(ce.Unusable) == 0 {
				t.Errorf("Run: %v, want a *CacheError of entries not used", err)
			}
			if data := readBytes(t, got["b"].Outputs[0].Path); !bytes.Equal(data, readBytes(t, b.Outputs[0].Path)) {
				t.Error("b's PDF is not the one built")
			}
			b3, srcs := p.batch("out3")
			again, err := p.runBatch(b3, srcs)
			if want := map[bool]Status{true: Cached, false: Built}[tt.healing]; again["b"].Status != want {
				t.Errorf("after the build, b is %s, not %s (%v)", again["b"].Status, want, err)
			}
			if tt.healing && err != nil {
				t.Errorf("after the build: %v", err)
			}
			if !tt.healing && (err == nil || !strings.Contains(err.Error(), "is a symbolic link: handout reads and writes its cache only through real folders")) {
				t.Errorf("after the build: %v, want the link named", err)
			}
		})
	}
}

// TestCacheConcurrent builds into four output folders at once with one
// cache, as CI shards do: all succeed, and the cache they leave copies
// every file.
func TestCacheConcurrent(t *testing.T) {
	p := newCacheProject(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			b, srcs := p.batch(fmt.Sprintf("out%d", i))
			got, err := p.runBatch(b, srcs)
			if err != nil {
				t.Errorf("build %d: %v", i, err)
			}
			for name, r := range got {
				if r.Status != Built && r.Status != Cached {
					t.Errorf("build %d: %s is %s: %v", i, name, r.Status, r.Err)
				}
			}
		})
	}
	wg.Wait()
	wantStatus(t, "after", statuses(p.run("out9")), map[string]Status{"a": Cached, "b": Cached, "c": Cached})
	var temps []string
	filepath.WalkDir(p.cache.dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), tempPrefix) {
			temps = append(temps, path)
		}
		return nil
	})
	if len(temps) > 0 {
		t.Errorf("temporary files left in the cache: %q", temps)
	}
}

// TestCacheTouch checks that a file used is marked used, once it was last
// marked more than touchAfter ago.
func TestCacheTouch(t *testing.T) {
	p := newCacheProject(t)
	p.run("out1")
	old := time.Now().Add(-2 * touchAfter)
	files, _ := p.cache.files()
	for _, f := range files {
		os.Chtimes(filepath.Join(p.cache.dir, f.name), old, old)
	}
	p.run("out2")
	files, _ = p.cache.files()
	for _, f := range files {
		if !f.used.After(old.Add(time.Minute)) {
			t.Errorf("%s was used but not marked", f.name)
		}
	}
}

func TestOpenCache(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	mustWrite(t, file, "x")
	if _, err := OpenCache(file, 0); err == nil || !strings.Contains(err.Error(), "is a file, not a folder") {
		t.Errorf("OpenCache of a file: %v", err)
	}
	if _, err := OpenCache(filepath.Join(file, "sub"), 0); err == nil || Retryable(err) {
		t.Errorf("OpenCache under a file: %v, want an error that a retry does not cure", err)
	}
	content := filepath.Join(dir, "content")
	mustWrite(t, filepath.Join(content, "a.toml"), "")
	symlinkOrSkip(t, dir, filepath.Join(content, "link"))
	if _, err := OpenCache(filepath.Join(content, "link", "cache"), 0, content); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("OpenCache through a link in the content folder: %v", err)
	}
	c, err := OpenCache(filepath.Join(dir, "new", "cache"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if tag := string(readBytes(t, filepath.Join(dir, "new", "cache", "CACHEDIR.TAG"))); !strings.HasPrefix(tag, "Signature: 8a477f597d28d172789f06886806bc55") {
		t.Errorf("CACHEDIR.TAG is %q", tag)
	}
	if c, err := ReadCache(filepath.Join(dir, "none")); c != nil || err != nil {
		t.Errorf("ReadCache of no folder: %v, %v; want nil, nil", c, err)
	}
}
