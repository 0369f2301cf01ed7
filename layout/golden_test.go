package layout_test

import (
	"flag"
	"image"
	_ "image/jpeg" // for loadSizes
	_ "image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"handout/document"
	"handout/fonts"
	"handout/layout"
)

var update = flag.Bool("update", false, "rewrite the golden dumps in testdata/ from the current layout")

// TestGolden compares the placed pages of every content file, and of
// the fixtures in testdata/, with a readable dump kept in testdata/, so that a
// review sees each layout change as a diff. Run `go test ./layout -update`
// to accept a change.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("../content/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no content files found: %v", err)
	}
	// features.toml uses what the content files do not; markup.toml uses
	// inline markup and smart quotes; editions.toml has answers, a "fill"
	// box and min_lines, and is dumped in every edition; wild.toml is text
	// as pasted from Word and the web; tables.toml has tables, one of them
	// on three pages, and page breaks, and is dumped in every edition;
	// questions.toml is a question paper, dumped in every edition too;
	// gaps.toml has gaps and a word bank, and is dumped in every edition;
	// fin-des-purges.toml is the example worksheet in French, and
	// fin-des-purges-questions.toml a question paper in French, dumped in
	// every edition; furniture.toml has a header, a footer of three parts
	// and a logo, and is dumped in every edition; pictures.toml has
	// pictures under headings (see loadSizes); chinese.toml is in Chinese
	// and Japanese, in a fallback font, and is dumped in every edition too.
	files = append(files, filepath.Join("testdata", "features.toml"), filepath.Join("testdata", "markup.toml"),
		filepath.Join("testdata", "editions.toml"), filepath.Join("testdata", "wild.toml"), filepath.Join("testdata", "tables.toml"),
		filepath.Join("testdata", "questions.toml"), filepath.Join("testdata", "gaps.toml"),
		filepath.Join("testdata", "fin-des-purges.toml"), filepath.Join("testdata", "fin-des-purges-questions.toml"),
		filepath.Join("testdata", "furniture.toml"), filepath.Join("testdata", "pictures.toml"),
		filepath.Join("testdata", "chinese.toml"))
	everyEdition := map[string]bool{"editions": true, "tables": true, "questions": true, "gaps": true,
		"fin-des-purges-questions": true, "furniture": true, "chinese": true}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".toml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := document.Decode(f, data)
			if err != nil {
				t.Fatal(err)
			}
			loadSizes(t, d, filepath.Dir(f))
			readTestFonts(t, d)
			if len(d.Sections) > 0 {
				r, err := layout.Worksheet(d)
				if err != nil {
					t.Fatal(err)
				}
				golden(t, name+".golden", r.Dump())
			}
			if everyEdition[name] {
				for suffix, ed := range map[string]layout.Edition{"-answers": {Answers: true}, "-large": {LargePrint: true}} {
					r, err := layout.WorksheetEdition(d, ed)
					if err != nil {
						t.Fatal(err)
					}
					golden(t, name+suffix+".golden", r.Dump())
				}
			}
			if d.Summary != nil {
				r, err := layout.Summary(d)
				if err != nil {
					t.Fatal(err)
				}
				golden(t, name+"-summary.golden", r.Dump())
			}
		})
	}
}

// loadSizes fills d.Images with the size of each picture d shows, as the
// build does: the layout needs no more. A picture whose name ends with
// its size, such as images/photo-3000x4000.jpg, has that size, as a
// phone's photo would (there is no such file); any other is read from
// its file in dir.
func loadSizes(t *testing.T, d *document.Document, dir string) {
	t.Helper()
	named := regexp.MustCompile(`-(\d+)x(\d+)\.\w+$`)
	for _, m := range d.Pictures() {
		var c image.Config
		if s := named.FindStringSubmatch(m.Path); s != nil {
			c.Width, _ = strconv.Atoi(s[1])
			c.Height, _ = strconv.Atoi(s[2])
		} else {
			f, err := os.Open(filepath.Join(dir, m.Path))
			if err != nil {
				t.Fatal(err)
			}
			c, _, err = image.DecodeConfig(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		if d.Images == nil {
			d.Images = map[string]*document.ImageFile{}
		}
		d.Images[m.Path] = &document.ImageFile{Path: m.Path, Width: c.Width, Height: c.Height}
	}
}

// readTestFonts reads the fonts that d's [fonts] names from the fonts
// package's testdata, by their base names, as the build would read them
// from the content file's folder, and checks d's characters against them.
func readTestFonts(t *testing.T, d *document.Document) {
	t.Helper()
	for _, f := range d.Fonts.Files() {
		data, err := os.ReadFile(filepath.Join("..", "fonts", "testdata", filepath.Base(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if f.Font, err = fonts.Parse(f.Path, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.CheckChars(); err != nil {
		t.Fatal(err)
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./layout -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs from the layout at line %d:\n got: %s\nwant: %s\n(run go test ./layout -update to accept)", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s: got %d lines, want %d (run go test ./layout -update to accept)", path, len(gl), len(wl))
	}
}
