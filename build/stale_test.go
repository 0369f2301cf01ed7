package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handout/document"
)

// editionsRun builds the project with the edition flags given ("--answers",
// "--large-print", "--impose 2up"), as handout build does, and returns the
// result of each file by base name without extension.
func (p *project) editionsRun(flags ...string) map[string]Result {
	p.t.Helper()
	p.b.Answers = slices.Contains(flags, "--answers")
	p.b.LargePrint = slices.Contains(flags, "--large-print")
	p.b.Print.Impose = nil
	if slices.Contains(flags, "--impose 2up") {
		i := document.TwoUp
		p.b.Print.Impose = &i
	}
	got := map[string]Result{}
	err := p.b.Run(p.t.Context(), p.srcs, func(r Result) {
		if r.Err != nil {
			p.t.Errorf("%s: %v", r.Source.Name, r.Err)
		}
		got[trimExt(filepath.Base(r.Source.Name))] = r
	})
	if err != nil {
		p.t.Errorf("Run: %v", err)
	}
	return got
}

// warned returns the messages of r's warnings, with the project's folder
// cut from them.
func (p *project) warned(r Result) []string {
	var ws []string
	for _, w := range r.Warnings {
		if w.File != r.Source.Name || w.Line != 0 {
			p.t.Errorf("warning %v is not of %s as a whole", w, r.Source.Name)
		}
		ws = append(ws, strings.ReplaceAll(w.Msg, p.dir+string(filepath.Separator), ""))
	}
	return ws
}

func stale(name, input, flag string) string {
	return filepath.FromSlash("out/"+name) + " is older than " + filepath.FromSlash(input) + ": build with " + flag + " to update it"
}

// TestStaleEditions builds with every edition, then without them: the
// editions are left, and once a content file changes, each build warns of
// those built from its old content, until they are built again, removed
// or changed by hand.
func TestStaleEditions(t *testing.T) {
	p := newProject(t)
	all := []string{"--answers", "--large-print", "--impose 2up"}
	for name, r := range p.editionsRun(all...) {
		if r.Status != Built || len(r.Outputs) != 5 || len(r.Warnings) != 0 {
			t.Fatalf("%s: %s, %d outputs, warnings %v; want built, 5 PDFs, no warnings", name, r.Status, len(r.Outputs), r.Warnings)
		}
	}

	// Without the flags, nothing is stale: the content is as it was.
	for name, r := range p.editionsRun() {
		if r.Status != Built || len(r.Removed) != 0 || len(r.Warnings) != 0 {
			t.Errorf("flags dropped: %s: %s, removed %q, warnings %v; want built, nothing removed or warned of", name, r.Status, r.Removed, r.Warnings)
		}
	}
	appendTo(t, p.content("a.toml"), "\n# a changes\n")
	want := []string{stale("a-answers.pdf", "a.toml", "--answers"), stale("a-large.pdf", "a.toml", "--large-print"),
		stale("a-2up.pdf", "a.toml", "--impose 2up")}
	for _, step := range []struct {
		name   string
		status Status
	}{{"a changed", Built}, {"a unchanged since", Skipped}} {
		got := p.editionsRun()
		step, status := step.name, step.status
		if r := got["a"]; r.Status != status || !slices.Equal(p.warned(r), want) {
			t.Errorf("%s: a %s, warnings %q; want %s, %q", step, r.Status, p.warned(r), status, want)
		}
		for _, name := range []string{"b", "c"} {
			if r := got[name]; r.Status != Skipped || len(r.Warnings) != 0 {
				t.Errorf("%s: %s %s with warnings %v; want skipped, none", step, name, r.Status, r.Warnings)
			}
		}
	}
	for _, name := range []string{"a-answers.pdf", "a-large.pdf", "a-2up.pdf", "b-answers.pdf"} {
		if _, err := os.Stat(p.out(name)); err != nil {
			t.Errorf("%s, left from the build with it, is gone: %v", name, err)
		}
	}

	// A stale edition removed or changed by hand is no longer handout's:
	// nothing is said of it.
	mustRemove(t, p.out("a-large.pdf"))
	appendTo(t, p.out("a-2up.pdf"), "% changed by hand\n")
	if r := p.editionsRun()["a"]; !slices.Equal(p.warned(r), want[:1]) {
		t.Errorf("a-large.pdf removed, a-2up.pdf changed: warnings %q, want %q", p.warned(r), want[:1])
	}

	// The answer key built again is up to date: a changes again, and
	// only the imposed copy, which --answers does not make, is stale.
	if r := p.editionsRun("--answers")["a"]; r.Status != Built || len(r.Warnings) != 0 {
		t.Errorf("--answers: a %s, warnings %q; want built, none", r.Status, p.warned(r))
	}
	if r := p.editionsRun()["a"]; r.Status != Built || len(r.Warnings) != 0 {
		t.Errorf("the answer key built again: a %s, warnings %q; want built (other flags), none", r.Status, p.warned(r))
	}
	if r := p.editionsRun()["b"]; r.Status != Skipped || len(r.Warnings) != 0 {
		t.Errorf("b: %s, warnings %q; want skipped, none", r.Status, p.warned(r))
	}
}

// TestStaleEditionImage: an edition is stale when an image of its file
// has changed, and the warning names the image.
func TestStaleEditionImage(t *testing.T) {
	p := newProject(t)
	copyTestdata(t, "images.toml", p.content("a.toml"))
	for _, img := range []string{"trotsky.jpg", "figures/chart.png"} {
		copyTestdata(t, filepath.Join("images", img), p.content(filepath.Join("images", img)))
	}
	p.editionsRun("--answers")
	p.editionsRun()
	copyTestdata(t, filepath.Join("images", "trotsky.jpg"), p.content(filepath.Join("images", "figures", "chart.png")))
	r := p.editionsRun()["a"]
	if want := []string{stale("a-answers.pdf", "images/figures/chart.png", "--answers")}; r.Status != Built || !slices.Equal(p.warned(r), want) {
		t.Errorf("chart.png changed: a %s, warnings %q; want built, %q", r.Status, p.warned(r), want)
	}
}

// TestNoLongerMade: a PDF that the build is asked for, or that the content
// file asks for, and that the build no longer makes is removed, whatever
// the flags of the build before; one that flags asked for is left.
func TestNoLongerMade(t *testing.T) {
	p := newProject(t)
	p.editionsRun("--answers", "--impose 2up")
	// a becomes a summary sheet alone: its worksheet and, with
	// --answers, its answer key are no longer made; its imposed copy,
	// asked for by a flag not given now, is left, and stale.
	copyTestdata(t, "summary-only.toml", p.content("a.toml"))
	r := p.editionsRun("--answers")["a"]
	removed := slices.Clone(r.Removed)
	slices.Sort(removed)
	if want := []string{p.out("a-answers.pdf"), p.out("a.pdf")}; r.Status != Built || !slices.Equal(removed, want) {
		t.Errorf("a summary alone: a %s, removed %q; want built, %q", r.Status, removed, want)
	}
	if want := []string{stale("a-2up.pdf", "a.toml", "--impose 2up")}; !slices.Equal(p.warned(r), want) {
		t.Errorf("a summary alone: warnings %q, want %q", p.warned(r), want)
	}
	for name, gone := range map[string]bool{"a.pdf": true, "a-answers.pdf": true, "a-2up.pdf": false, "a-summary.pdf": false} {
		if _, err := os.Stat(p.out(name)); errors.Is(err, fs.ErrNotExist) != gone {
			t.Errorf("%s: gone %v, want %v", name, !gone, gone)
		}
	}
	// Once a is gone, so are all the PDFs handout made for it.
	mustRemove(t, p.content("a.toml"))
	p.srcs = p.srcs[1:]
	p.b.Prune = true
	p.editionsRun("--answers")
	for _, name := range []string{"a-summary.pdf", "a-2up.pdf"} {
		if _, err := os.Stat(p.out(name)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a is gone, and %s is still there (%v)", name, err)
		}
	}
}

// TestStaleVersion gives a's manifest entry the answer key of version A,
// as --versions with --answers will make it, beside a's own: a build
// without --answers leaves both, each a PDF of its own, and once a
// changes, warns of each; a build with --answers, which makes no version
// A, removes version A's.
func TestStaleVersion(t *testing.T) {
	p := newProject(t)
	p.editionsRun("--answers")
	data := []byte("%PDF-1.4 version A's answer key")
	mustWrite(t, p.out("a-A-answers.pdf"), string(data))
	m := readManifest(t, p.out(ManifestName))
	e := m.Files["a"]
	e.Outputs = append(e.Outputs, pdfSum{Kind: "answers", Version: "A", Path: "a-A-answers.pdf", Pages: 1, Bytes: len(data),
		SHA256: hash(data), Asked: "--answers"})
	m.Files["a"] = e
	writeManifest(t, p.out(ManifestName), m)

	if r := p.editionsRun()["a"]; r.Status != Built || len(r.Removed) != 0 || len(r.Warnings) != 0 {
		t.Errorf("without --answers: a %s, removed %q, warnings %q; want built, none", r.Status, r.Removed, p.warned(r))
	}
	appendTo(t, p.content("a.toml"), "\n# a changes\n")
	want := []string{stale("a-answers.pdf", "a.toml", "--answers"), stale("a-A-answers.pdf", "a.toml", "--answers")}
	if r := p.editionsRun()["a"]; !slices.Equal(p.warned(r), want) {
		t.Errorf("a changed: warnings %q, want %q", p.warned(r), want)
	}
	r := p.editionsRun("--answers")["a"]
	if !slices.Equal(r.Removed, []string{p.out("a-A-answers.pdf")}) || len(r.Warnings) != 0 {
		t.Errorf("--answers: removed %q, warnings %q; want version A's answer key, none", r.Removed, p.warned(r))
	}
}
