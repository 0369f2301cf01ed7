package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCacheEvict limits the cache's size: the files used least recently
// go first, and the cache then holds at most its limit.
func TestCacheEvict(t *testing.T) {
	p := newCacheProject(t)
	p.run("out1")
	files, err := p.cache.files()
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, f := range files {
		total += f.size
	}
	// a's files were used long ago, the others just now.
	old := time.Now().Add(-48 * time.Hour)
	var aFiles []string
	for _, f := range files {
		data := readBytes(t, filepath.Join(p.cache.dir, f.name))
		if bytes.Contains(data, []byte(`"name":"a.toml"`)) || bytes.Contains(data, []byte("trotsky")) {
			aFiles = append(aFiles, f.name)
			if err := os.Chtimes(filepath.Join(p.cache.dir, f.name), old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(aFiles) == 0 {
		t.Fatal("no files of a found")
	}
	// A stale temporary file of a killed build is removed too.
	stale := filepath.Join(p.cache.dir, filepath.Dir(files[0].name), tempPrefix+"123"+tempSuffix)
	mustWrite(t, stale, "half a PDF")
	c, err := OpenCache(p.cache.dir, total-1, p.content)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	freed, err := c.Evict()
	if err != nil || freed < 1 {
		t.Fatalf("Evict: %d, %v; want bytes freed", freed, err)
	}
	after, _ := c.files()
	var left int64
	names := map[string]bool{}
	for _, f := range after {
		left += f.size
		names[f.name] = true
	}
	if left > total-1 {
		t.Errorf("the cache holds %d bytes, more than its limit %d", left, total-1)
	}
	if names[aFiles[0]] {
		t.Errorf("%s, the least recently used, is still there", aFiles[0])
	}
	if len(after) < len(files)-len(aFiles) {
		t.Errorf("%d files left of %d: more than the least recently used were removed", len(after), len(files))
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the stale temporary file is still there: %v", err)
	}
	// Under a limit it already keeps, nothing is removed.
	c2, _ := OpenCache(p.cache.dir, 1<<40)
	defer c2.Close()
	if freed, err := c2.Evict(); freed != 0 || err != nil {
		t.Errorf("Evict within the limit: %d, %v; want nothing", freed, err)
	}
}

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
	}{
		{"1", 1}, {"1048576", 1 << 20}, {"500M", 500e6}, {"500MB", 500e6}, {"2G", 2e9}, {"2GB", 2e9},
		{"1GiB", 1 << 30}, {"1Gi", 1 << 30}, {"10k", 10e3}, {"10K", 10e3}, {"3Ti", 3 << 40}, {"1T", 1e12},
		{"0", -1}, {"", -1}, {"-1G", -1}, {"+1G", -1}, {"1.5G", -1}, {"G", -1}, {"1X", -1}, {"1 G", -1},
		{"99999999999T", -1},
	} {
		got, err := ParseSize(tt.in)
		if tt.want < 0 {
			if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q", tt.in)) {
				t.Errorf("ParseSize(%q) = %d, %v; want an error naming it", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
