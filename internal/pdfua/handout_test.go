package pdfua

import (
	"maps"
	"os"
	"slices"
	"testing"
	"time"

	"handout/build"
	"handout/document"
)

// TestHandoutOutput checks the PDFs the example content file builds into,
// with every edition, and again with every print option. Until handout tags its PDFs (issue 13), the checker
// must reject each of them for the faults of an untagged file, and find
// every page's content untagged; once a PDF says it is tagged (/MarkInfo
// /Marked true), it must pass.
func TestHandoutOutput(t *testing.T) {
	const name = "../../content/end-of-the-purges.toml"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	bleed, marks, impose, gray := 3.0, true, document.Booklet, true
	opts := map[string]build.Options{
		"editions": {Answers: true, LargePrint: true},
		"print":    {Print: build.PrintFlags{BleedMM: &bleed, Marks: &marks, Impose: &impose, Gray: &gray}},
	}
	for _, what := range slices.Sorted(maps.Keys(opts)) {
		opt := opts[what]
		opt.Time, opt.Version = time.Unix(1700000000, 0).UTC(), "test"
		outs, err := build.File(name, data, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range outs {
			checkHandoutPDF(t, what+"/end-of-the-purges"+o.Suffix()+".pdf", o)
		}
	}
}

// checkHandoutPDF checks one PDF of TestHandoutOutput.
func checkHandoutPDF(t *testing.T, name string, o build.Rendered) {
	t.Run(name, func(t *testing.T) {
		vs, err := Check(o.PDF)
		if err != nil {
			t.Fatal(err)
		}
		ids := IDs(vs)
		if !slices.Contains(ids, "mark-info") {
			Conforms(t, name, o.PDF)
			return
		}
		for _, want := range []string{"mark-info", "struct-tree", "metadata", "display-doc-title", "content-tagged"} {
			if !slices.Contains(ids, want) {
				t.Errorf("the untagged PDF does not break %s:\n%s", want, Report(vs))
			}
		}
		untagged := map[int]bool{}
		for _, v := range vs {
			if v.Rule.ID == "content-tagged" {
				untagged[v.Page] = true
			}
		}
		if len(untagged) != o.Pages {
			t.Errorf("content-tagged reports %d of %d pages:\n%s", len(untagged), o.Pages, Report(vs))
		}
	})
}
