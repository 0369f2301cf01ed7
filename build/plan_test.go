package build

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// planSteps returns b's plan of srcs by content file's base name.
func planSteps(b *Batch, srcs []Source) map[string]Step {
	got := map[string]Step{}
	for _, st := range b.Plan(srcs) {
		got[trimExt(filepath.Base(st.Source.Name))] = st
	}
	return got
}

// wantPlan checks each step of got named in want: its action and reason,
// and, when want gives a part of it, its detail.
func wantPlan(t *testing.T, step string, got map[string]Step, want map[string][3]string) {
	t.Helper()
	for name, w := range want {
		g := got[name]
		if string(g.Action) != w[0] || g.Reason != w[1] || !strings.Contains(g.Detail, w[2]) {
			t.Errorf("%s: %s is %s %s (%s), want %s %s (%s)", step, name, g.Action, g.Reason, g.Detail, w[0], w[1], w[2])
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: plan of %d files, want %d: %v", step, len(got), len(want), got)
	}
}

func TestPlan(t *testing.T) {
	p := newProject(t)
	p.b.Prune = true
	wantPlan(t, "before any build", planSteps(&p.b, p.srcs), map[string][3]string{
		"a": {"build", "new", "no build of it is recorded"}, "b": {"build", "new", ""}, "c": {"build", "new", ""}})
	if _, err := os.Stat(p.out("")); !os.IsNotExist(err) {
		t.Errorf("the plan made the output folder: %v", err)
	}
	p.run()
	got := planSteps(&p.b, p.srcs)
	wantPlan(t, "after the build", got, map[string][3]string{
		"a": {"skip", "up-to-date", ""}, "b": {"skip", "up-to-date", ""}, "c": {"skip", "up-to-date", ""}})
	if want := []string{p.out("a.pdf"), p.out("a-summary.pdf")}; !slices.Equal(got["a"].Outputs, want) {
		t.Errorf("a's outputs %q, want %q", got["a"].Outputs, want)
	}

	mustWrite(t, p.content("a.toml"), string(readBytes(t, p.content("a.toml")))+"\n")
	mustWrite(t, p.out("b-summary.pdf"), "%PDF-1.4 changed by hand")
	mustRemove(t, p.content("c.toml"))
	got = planSteps(&p.b, p.srcs[:2])
	wantPlan(t, "after changes", got, map[string][3]string{
		"a": {"build", "content", p.content("a.toml") + " changed"},
		"b": {"build", "output", p.out("b-summary.pdf") + " changed, or is gone"},
		"c": {"remove", "gone", p.content("c.toml") + " is gone"}})
	if want := []string{p.out("c.pdf"), p.out("c-summary.pdf")}; !slices.Equal(got["c"].Outputs, want) {
		t.Errorf("c's PDFs to remove %q, want %q", got["c"].Outputs, want)
	}

	p.b.Force = true
	wantPlan(t, "forced", planSteps(&p.b, p.srcs[:1]), map[string][3]string{
		"a": {"build", "forced", "--force"}, "c": {"remove", "gone", ""}})
	p.b.Force, p.b.Answers = false, true
	wantPlan(t, "other options", planSteps(&p.b, p.srcs[:1]), map[string][3]string{
		"a": {"build", "settings", ".handout-manifest.json was written with other options"}})
	mustWrite(t, p.out(ManifestName), "{damaged")
	wantPlan(t, "a damaged manifest", planSteps(&p.b, p.srcs[:1]), map[string][3]string{
		"a": {"build", "settings", "ignoring damaged manifest"}})
	// Nothing was written or removed.
	if _, err := os.Stat(p.out("c.pdf")); err != nil {
		t.Errorf("the plan removed c.pdf: %v", err)
	}
	if got := string(readBytes(t, p.out("b-summary.pdf"))); got != "%PDF-1.4 changed by hand" {
		t.Error("the plan rewrote b-summary.pdf")
	}
}

func TestPlanCache(t *testing.T) {
	p := newCacheProject(t)
	p.run("out1")
	b, srcs := p.batch("out2")
	got := planSteps(b, srcs)
	wantPlan(t, "a fresh output folder", got, map[string][3]string{
		"a": {"copy", "cached", "its PDFs are in the cache"}, "b": {"copy", "cached", ""}, "c": {"copy", "cached", ""}})
	if want := []string{filepath.Join(p.dir, "out2", "b.pdf"), filepath.Join(p.dir, "out2", "b-summary.pdf")}; !slices.Equal(got["b"].Outputs, want) {
		t.Errorf("b's outputs %q, want %q", got["b"].Outputs, want)
	}
	if _, err := os.Stat(filepath.Join(p.dir, "out2")); !os.IsNotExist(err) {
		t.Errorf("the plan made the output folder: %v", err)
	}
	p.run("out2")
	writeFiles(t, p.content, map[string][]byte{"images/trotsky.jpg": readBytes(t, filepath.Join("testdata", "images", "figures", "chart.png"))})
	wantPlan(t, "an image changed", planSteps(b, srcs), map[string][3]string{
		"a": {"build", "input", filepath.Join(p.content, "images", "trotsky.jpg") + " changed"},
		"b": {"skip", "up-to-date", ""}, "c": {"skip", "up-to-date", ""}})
}

// shardProject is a content folder of 24 files built into one output
// folder, as the pods of a Kubernetes Indexed Job build into one volume.
func shardProject(t *testing.T) (*project, map[string]bool) {
	p := &project{t: t, dir: t.TempDir()}
	names := map[string]bool{}
	for i := range 24 {
		name := fmt.Sprintf("w%02d", i)
		copyTestdata(t, "worksheet-only.toml", p.content(name+".toml"))
		names[name] = true
	}
	srcs, err := Sources([]string{filepath.Join(p.dir, "content")}, filepath.Join(p.dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	p.srcs = srcs
	p.b = Batch{Options: Options{Time: testTime, FixedTime: true, Version: "test"}, Jobs: 2, Tool: "handout test", Prune: true}
	return p, names
}

// runShard builds shard sh of p, as handout build --shard does, and
// returns each file's status.
func (p *project) runShard(sh Shard) map[string]Status {
	p.t.Helper()
	b := p.b
	b.Shard, b.Manifest = sh, p.out(ManifestFor(sh))
	got := map[string]Status{}
	err := b.Run(p.t.Context(), sh.Of(p.srcs, filepath.Join(p.dir, "out")), func(r Result) {
		got[trimExt(filepath.Base(r.Source.Name))] = r.Status
	})
	if err != nil {
		p.t.Errorf("shard %s: %v", sh, err)
	}
	return got
}

// TestShardManifests builds shards into one folder: each keeps its own
// manifest, a build of every file reads them all, and so do the shards of
// another N, which find every file up to date.
func TestShardManifests(t *testing.T) {
	p, names := shardProject(t)
	built := map[string]int{}
	for k := range 3 {
		for name, st := range p.runShard(Shard{k, 3}) {
			if st != Built {
				t.Errorf("shard %d/3: %s is %s", k, name, st)
			}
			built[name]++
		}
		m := readManifest(t, p.out(fmt.Sprintf(".handout-manifest-%d-of-3.json", k)))
		for key := range m.Files {
			if !(Shard{k, 3}).Has(key) {
				t.Errorf("the manifest of shard %d/3 has %s, of another shard", k, key)
			}
		}
	}
	if len(built) != len(names) {
		t.Errorf("the shards built %d files, want %d", len(built), len(names))
	}
	if _, err := os.Stat(p.out(ManifestName)); !os.IsNotExist(err) {
		t.Errorf("a shard wrote %s: %v", ManifestName, err)
	}
	for _, sh := range []Shard{{}, {0, 4}, {1, 4}, {2, 4}, {3, 4}, {0, 2}} {
		for name, st := range p.runShard(sh) {
			if st != Skipped {
				t.Errorf("shard %s after 3 shards: %s is %s, want skipped", sh, name, st)
			}
		}
	}
	// The build of every file took on the entries of the shards.
	if m := readManifest(t, p.out(ManifestName)); len(m.Files) != len(names) {
		t.Errorf("%s has %d entries, want %d", ManifestName, len(m.Files), len(names))
	}
	// A file gone: the first shard of 5 that has it removes its PDFs,
	// though only the manifests of others know it.
	mustRemove(t, p.content("w07.toml"))
	p.srcs = slices.DeleteFunc(p.srcs, func(s Source) bool { return strings.HasSuffix(s.Name, "w07.toml") })
	var removedBy []Shard
	for k := range 5 {
		sh := Shard{k, 5}
		if got := p.runShard(sh); got["w07"] == Removed {
			removedBy = append(removedBy, sh)
		}
	}
	if len(removedBy) != 1 || !removedBy[0].Has("w07") {
		t.Errorf("w07's PDFs removed by shards %v, want the one that has it", removedBy)
	}
	if _, err := os.Stat(p.out("w07.pdf")); !os.IsNotExist(err) {
		t.Errorf("w07.pdf: %v, want it removed", err)
	}
}

func TestManifestFor(t *testing.T) {
	for _, tt := range []struct {
		sh   Shard
		want string
	}{{Shard{}, ManifestName}, {Shard{0, 1}, ManifestName}, {Shard{0, 4}, ".handout-manifest-0-of-4.json"}, {Shard{11, 12}, ".handout-manifest-11-of-12.json"}} {
		if got := ManifestFor(tt.sh); got != tt.want || !IsManifest(got) {
			t.Errorf("ManifestFor(%v) = %q, want %q, a manifest", tt.sh, got, tt.want)
		}
	}
	for _, name := range []string{".handout-manifest-01-of-4.json", ".handout-manifest-a-of-4.json", "handout-manifest.json", ".handout-manifest-0-of-0.json", ".handout-manifest.json.tmp"} {
		if IsManifest(name) {
			t.Errorf("IsManifest(%q) is true", name)
		}
	}
}
