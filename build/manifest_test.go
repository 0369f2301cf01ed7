package build

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// project is a content folder of three files and an output folder, built
// incrementally.
type project struct {
	t    *testing.T
	dir  string // holds content/ and out/
	srcs []Source
	b    Batch
}

func newProject(t *testing.T) *project {
	p := &project{t: t, dir: t.TempDir()}
	for _, name := range []string{"a", "b", "c"} {
		copyTestdata(t, "small.toml", filepath.Join(p.dir, "content", name+".toml"))
	}
	out := filepath.Join(p.dir, "out")
	srcs, err := Sources([]string{filepath.Join(p.dir, "content")}, out)
	if err != nil {
		t.Fatal(err)
	}
	p.srcs = srcs
	p.b = Batch{Options: Options{Time: testTime, FixedTime: true, Version: "test"}, Jobs: 2,
		Manifest: filepath.Join(out, ManifestName), Tool: "handout test"}
	return p
}

// run builds the project and returns each file's status, by base name
// without extension, such as "a": "skipped".
func (p *project) run() map[string]Status {
	p.t.Helper()
	got := map[string]Status{}
	err := p.b.Run(p.t.Context(), p.srcs, func(r Result) {
		got[trimExt(filepath.Base(r.Source.Name))] = r.Status
		if r.Status != Failed && len(r.Outputs) != 2 {
			p.t.Errorf("%s %s: outputs %v, want the worksheet and summary", r.Source.Name, r.Status, r.Outputs)
		}
		for _, o := range r.Outputs {
			if o.Pages < 1 || o.Bytes < 1000 || len(o.SHA256) != 64 || !sameSum(o.Path, o.SHA256) {
				p.t.Errorf("%s %s: output %+v does not describe the file on disk", r.Source.Name, r.Status, o)
			}
		}
	})
	if err != nil {
		p.t.Errorf("Run: %v", err)
	}
	return got
}

// out returns the path of a file in the output folder.
func (p *project) out(name string) string { return filepath.Join(p.dir, "out", name) }

// content returns the path of a content file.
func (p *project) content(name string) string { return filepath.Join(p.dir, "content", name) }

func wantStatus(t *testing.T, step string, got map[string]Status, want map[string]Status) {
	t.Helper()
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %s is %q, want %q (all: %v)", step, name, got[name], w, got)
		}
	}
}

func all(s Status) map[string]Status { return map[string]Status{"a": s, "b": s, "c": s} }

func TestIncremental(t *testing.T) {
	p := newProject(t)
	wantStatus(t, "first build", p.run(), all(Built))
	aPDF := readBytes(t, p.out("a.pdf"))
	wantStatus(t, "nothing changed", p.run(), all(Skipped))

	// Editing one file rebuilds only it.
	appendTo(t, p.content("b.toml"), "\n# a comment changes the bytes\n")
	wantStatus(t, "b edited", p.run(), map[string]Status{"a": Skipped, "b": Built, "c": Skipped})
	if string(readBytes(t, p.out("a.pdf"))) != string(aPDF) {
		t.Error("a.pdf changed though a was skipped")
	}

	// A deleted or hand-edited PDF is rebuilt.
	if err := os.Remove(p.out("a-summary.pdf")); err != nil {
		t.Fatal(err)
	}
	appendTo(t, p.out("c.pdf"), "% edited by hand\n")
	wantStatus(t, "outputs deleted and edited", p.run(), map[string]Status{"a": Built, "b": Skipped, "c": Built})
	if string(readBytes(t, p.out("a.pdf"))) != string(aPDF) {
		t.Error("a.pdf rebuilt from the same content has other bytes")
	}

	// Other options, another tool, or --force rebuild everything.
	p.b.Time = time.Unix(1800000000, 0).UTC()
	wantStatus(t, "options changed", p.run(), all(Built))
	wantStatus(t, "options unchanged", p.run(), all(Skipped))
	p.b.Tool = "handout test 2"
	wantStatus(t, "tool changed", p.run(), all(Built))
	p.b.Force = true
	wantStatus(t, "forced", p.run(), all(Built))
}

func TestIncrementalFailure(t *testing.T) {
	p := newProject(t)
	p.run()
	good := readBytes(t, p.out("a.pdf"))
	appendTo(t, p.content("a.toml"), "\nqoute = 1\n")
	wantStatus(t, "a broken", p.run(), map[string]Status{"a": Failed, "b": Skipped, "c": Skipped})
	if string(readBytes(t, p.out("a.pdf"))) != string(good) {
		t.Error("a failed build changed a.pdf")
	}
	wantStatus(t, "a still broken", p.run(), map[string]Status{"a": Failed})
	copyTestdata(t, "small.toml", p.content("a.toml"))
	wantStatus(t, "a mended", p.run(), map[string]Status{"a": Skipped}) // its PDFs are those of this content
}

func TestIncrementalStaleSummary(t *testing.T) {
	p := newProject(t)
	p.run()
	// a and b lose their [summary]; b's summary PDF was changed by hand.
	small := string(readBytes(t, filepath.Join("testdata", "small.toml")))
	worksheetOnly := small[:strings.Index(small, "[summary]")]
	mustWrite(t, p.content("a.toml"), worksheetOnly)
	mustWrite(t, p.content("b.toml"), worksheetOnly)
	appendTo(t, p.out("b-summary.pdf"), "% kept by hand\n")
	p.b.Run(p.t.Context(), p.srcs, func(Result) {})
	if _, err := os.Stat(p.out("a-summary.pdf")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a-summary.pdf, which a no longer makes, is still there (err %v)", err)
	}
	if _, err := os.Stat(p.out("b-summary.pdf")); err != nil {
		t.Errorf("b-summary.pdf, changed by hand, was removed: %v", err)
	}
	if _, err := os.Stat(p.out("a.pdf")); err != nil {
		t.Errorf("a.pdf: %v", err)
	}
}

func TestManifestDamaged(t *testing.T) {
	p := newProject(t)
	p.run()
	mustWrite(t, p.out(ManifestName), `{"handout_manifest": 1, "files": {`)
	var got []Status
	err := p.b.Run(p.t.Context(), p.srcs, func(r Result) { got = append(got, r.Status) })
	if err == nil || !strings.Contains(err.Error(), ManifestName) {
		t.Errorf("Run over a damaged manifest: error %v, want one naming it", err)
	}
	if len(got) != 3 || got[0] != Built || got[1] != Built || got[2] != Built {
		t.Errorf("statuses %v, want all built", got)
	}
	wantStatus(t, "manifest rewritten", p.run(), all(Skipped))
}

func TestManifestKeepsOtherFiles(t *testing.T) {
	p := newProject(t)
	p.run()
	// Building one file, as a shard or a single path would, keeps the
	// entries of the others.
	p.b.Force = true
	p.b.Run(p.t.Context(), p.srcs[:1], func(Result) {})
	p.b.Force = false
	wantStatus(t, "after building a alone", p.run(), all(Skipped))

	var m manifest
	if err := json.Unmarshal(readBytes(t, p.out(ManifestName)), &m); err != nil {
		t.Fatal(err)
	}
	e, ok := m.Files["a"]
	if !ok || len(m.Files) != 3 {
		t.Fatalf("manifest files %v, want a, b and c", m.Files)
	}
	if len(e.Inputs) != 1 || e.Inputs[0].Path != "a.toml" || len(e.Outputs) != 2 ||
		e.Outputs[0].Path != "a.pdf" || e.Outputs[1].Path != "a-summary.pdf" {
		t.Errorf("entry a = %+v, want a.toml in, a.pdf and a-summary.pdf out, relative paths", e)
	}
}

func TestManifestWithoutPath(t *testing.T) {
	p := newProject(t)
	p.b.Manifest = ""
	p.run()
	wantStatus(t, "no manifest", p.run(), all(Built))
	if _, err := os.Stat(p.out(ManifestName)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a manifest was written without a path (err %v)", err)
	}
}

func TestBatchCheck(t *testing.T) {
	dir := t.TempDir()
	copyTestdata(t, "small.toml", filepath.Join(dir, "a.toml"))
	copyTestdata(t, "bad.toml", filepath.Join(dir, "b.toml"))
	srcs, err := Sources([]string{dir}, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	var got []Result
	(&Batch{Jobs: 2}).Check(t.Context(), srcs, func(r Result) { got = append(got, r) })
	if len(got) != 2 || got[0].Status != Checked || got[0].Err != nil || got[1].Status != Failed || got[1].Err == nil {
		t.Errorf("Check: %+v, want a checked, b failed", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Check wrote something (err %v)", err)
	}
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func appendTo(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestPrune(t *testing.T) {
	p := newProject(t)
	p.b.Prune = true
	p.run()
	// b is deleted; c is renamed, and its summary changed by hand.
	mustRemove(t, p.content("b.toml"))
	if err := os.Rename(p.content("c.toml"), p.content("d.toml")); err != nil {
		t.Fatal(err)
	}
	appendTo(t, p.out("c-summary.pdf"), "% kept by hand\n")
	srcs, err := Sources([]string{filepath.Join(p.dir, "content")}, filepath.Join(p.dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	removed := map[string][]string{}
	var statuses []Status
	p.b.Run(t.Context(), srcs, func(r Result) {
		statuses = append(statuses, r.Status)
		if r.Status == Removed {
			removed[trimExt(filepath.Base(r.Source.Name))] = r.Removed
		}
	})
	if want := []Status{Skipped, Built, Removed, Removed}; !slices.Equal(statuses, want) {
		t.Errorf("statuses %v, want %v (a, d, then b and c gone)", statuses, want)
	}
	if got, want := removed["b"], []string{p.out("b.pdf"), p.out("b-summary.pdf")}; !slices.Equal(got, want) {
		t.Errorf("b gone: removed %q, want %q", got, want)
	}
	if got, want := removed["c"], []string{p.out("c.pdf")}; !slices.Equal(got, want) {
		t.Errorf("c renamed: removed %q, want %q (not the summary changed by hand)", got, want)
	}
	for _, name := range []string{"a.pdf", "d.pdf", "c-summary.pdf"} {
		if _, err := os.Stat(p.out(name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Gone from the manifest too: nothing more to remove.
	p.srcs = srcs
	if got := p.run(); len(got) != 2 || got["a"] != Skipped || got["d"] != Skipped {
		t.Errorf("after pruning: %v, want a and d skipped and nothing else", got)
	}
}

func TestPruneShardAndOff(t *testing.T) {
	for _, tt := range []struct {
		name  string
		prune bool
		shard Shard
		kept  bool
	}{
		{"prune off", false, Shard{}, true},
		{"b in the shard", true, shardOf(t, "b", true), false},
		{"b in another shard", true, shardOf(t, "b", false), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject(t)
			p.run()
			mustRemove(t, p.content("b.toml"))
			p.b.Prune, p.b.Shard = tt.prune, tt.shard
			p.b.Run(t.Context(), tt.shard.Of(p.srcs[:1], filepath.Join(p.dir, "out")), func(Result) {})
			_, err := os.Stat(p.out("b.pdf"))
			if kept := err == nil; kept != tt.kept {
				t.Errorf("b.pdf kept: %v, want %v", kept, tt.kept)
			}
		})
	}
}

// shardOf returns a shard of 2 that has the output path key, or not.
func shardOf(t *testing.T, key string, has bool) Shard {
	for k := range 2 {
		if sh := (Shard{k, 2}); sh.Has(key) == has {
			return sh
		}
	}
	t.Fatal("no such shard")
	return Shard{}
}

func TestRunInterrupted(t *testing.T) {
	p := newProject(t)
	ctx, cancel := context.WithCancel(t.Context())
	p.b.Jobs = 1
	var got []string
	p.b.Run(ctx, p.srcs, func(r Result) {
		got = append(got, r.Source.Name)
		cancel() // after the first file: no more are started
	})
	// One worker: the first file, and at most the one it had taken next.
	if len(got) == 0 || len(got) > 2 || got[0] != p.srcs[0].Name {
		t.Errorf("emitted %q, want the first file and at most one more", got)
	}
	if _, err := os.Stat(p.out("c.pdf")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("c.pdf was built after the batch was interrupted (err %v)", err)
	}
	// What was built is recorded: the next build skips it.
	if s := p.run(); s["a"] != Skipped {
		t.Errorf("after the interrupted build a is %s, want skipped", s["a"])
	}

	var emitted int
	(&Batch{}).Check(ctx, p.srcs, func(Result) { emitted++ })
	if emitted != 0 {
		t.Errorf("Check with a done context emitted %d results, want none", emitted)
	}
}

func mustRemove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

// sameSum reports whether the file at path can be read and has the
// SHA-256 sum.
func sameSum(path, sum string) bool {
	data, err := os.ReadFile(path)
	return err == nil && hash(data) == sum
}

// TestUpToDateThroughLinks replaces, after a build, a PDF by a symbolic
// link to a copy of it, and a folder of PDFs by a link to a copy of it,
// both inside the output folder: neither file is up to date, though what
// the links lead to is byte for byte what was built. The first is built
// again, the second fails, its folder being a link.
func TestUpToDateThroughLinks(t *testing.T) {
	p := newProject(t)
	copyTestdata(t, "small.toml", p.content(filepath.Join("sub", "d.toml")))
	srcs, err := Sources([]string{p.content("")}, p.out(""))
	if err != nil {
		t.Fatal(err)
	}
	p.srcs = srcs
	wantStatus(t, "first build", p.run(), map[string]Status{"a": Built, "d": Built})
	mustWrite(t, p.out(filepath.Join("copies", "a.pdf")), string(readBytes(t, p.out("a.pdf"))))
	if err := os.Remove(p.out("a.pdf")); err != nil {
		t.Fatal(err)
	}
	symlinkOrSkip(t, filepath.Join("copies", "a.pdf"), p.out("a.pdf"))
	if err := os.Rename(p.out("sub"), p.out("copy")); err != nil {
		t.Fatal(err)
	}
	symlinkOrSkip(t, "copy", p.out("sub"))
	wantStatus(t, "through links", p.run(), map[string]Status{"a": Built, "b": Skipped, "d": Failed})
	if fi, err := os.Lstat(p.out("a.pdf")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("a.pdf is not a file again: %v, %v", fi, err)
	}
}
