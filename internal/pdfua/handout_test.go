package pdfua

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"handout/build"
	"handout/document"
)

// TestHandoutOutput builds the content files and the fixtures of the
// layout and build tests, with every edition, with every print option
// (bleed, crop marks, the booklet and 2-up impositions, gray) and in
// versions, and checks every PDF: each passes, or, when it shows a
// picture without alt text, breaks only figure-alt and does not claim
// PDF/UA (pdfua-part).
func TestHandoutOutput(t *testing.T) {
	files, err := filepath.Glob("../../content/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no content files: %v", err)
	}
	for _, f := range []string{"features", "markup", "editions", "wild", "tables", "questions", "gaps",
		"fin-des-purges", "fin-des-purges-questions", "furniture"} {
		files = append(files, filepath.Join("..", "..", "layout", "testdata", f+".toml"))
	}
	for _, f := range []string{"images", "tagged", "small"} {
		files = append(files, filepath.Join("..", "..", "build", "testdata", f+".toml"))
	}
	bleed, marks, booklet, twoUp, gray, versions := 3.0, true, document.Booklet, document.TwoUp, true, 2
	opts := map[string]build.Options{
		"editions": {Answers: true, LargePrint: true},
		"print":    {Print: build.PrintFlags{BleedMM: &bleed, Marks: &marks, Impose: &booklet, Gray: &gray}},
		"2up":      {Print: build.PrintFlags{Impose: &twoUp}},
		"versions": {Answers: true, Print: build.PrintFlags{Versions: &versions}},
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(filepath.Base(name), ".toml")
		for _, what := range slices.Sorted(maps.Keys(opts)) {
			opt := opts[what]
			opt.Time, opt.Version = time.Unix(1700000000, 0).UTC(), "test"
			outs, err := build.File(name, data, opt)
			if err != nil {
				t.Fatalf("%s, %s: %v", name, what, err)
			}
			for _, o := range outs {
				checkHandoutPDF(t, what+"/"+base+o.Suffix()+".pdf", o.PDF)
			}
		}
	}
}

// checkHandoutPDF checks one PDF of TestHandoutOutput.
func checkHandoutPDF(t *testing.T, name string, pdf []byte) {
	t.Run(name, func(t *testing.T) {
		vs, err := Check(pdf)
		if err != nil {
			t.Fatal(err)
		}
		if ids := IDs(vs); len(ids) > 0 && !slices.Equal(ids, []string{"figure-alt", "pdfua-part"}) {
			t.Errorf("%s is not PDF/UA-1: %d violations of %s\n%s", name, len(vs), strings.Join(ids, ", "), Report(vs))
		}
	})
}
