package render_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"handout/internal/pdftool"
	"handout/internal/tagtest"
	"handout/layout"
	"handout/printing"
	"handout/render"
)

// mm is a millimetre in points.
const mm = 72 / 25.4

// prepared returns the sample prepared for print with s.
func prepared(t testing.TB, s printing.Settings) *layout.Result {
	t.Helper()
	s.Name, s.Time = "sample.pdf", when
	r, err := printing.Prepare(sample(), s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// writePDF renders r into a temporary file for the tools.
func writePDF(t *testing.T, r *layout.Result) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "boxes.pdf")
	if err := os.WriteFile(path, renderOK(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfBoxes returns the boxes pdfinfo -box reads from page n of the PDF at
// path, by name ("MediaBox"): left, bottom, right, top in points.
func pdfBoxes(t *testing.T, path string, n int) map[string][4]float64 {
	t.Helper()
	out := pdftool.Run(t, "pdfinfo", "-box", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), path)
	boxes := map[string][4]float64{}
	re := regexp.MustCompile(`(?m)^Page +\d+ (\w+Box): +([-\d.]+) +([-\d.]+) +([-\d.]+) +([-\d.]+)$`)
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		var b [4]float64
		for i := range b {
			b[i], _ = strconv.ParseFloat(m[2+i], 64)
		}
		boxes[m[1]] = b
	}
	return boxes
}

func TestPageBoxes(t *testing.T) {
	const w, h = 595.28, 841.89 // the sample's first page, A4
	tests := []struct {
		name             string
		s                printing.Settings
		margin, bleedOut float64 // from the trim to the media box's and the bleed box's edges, in mm
	}{
		{"A4, bleed 3, marks", printing.Settings{BleedMM: 3, Marks: true}, 3 + 1 + 5 + 3, 3},
		{"A4, bleed 3, no marks", printing.Settings{BleedMM: 3}, 3, 3},
		{"A4, marks, no bleed", printing.Settings{Marks: true}, 3 + 5 + 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writePDF(t, prepared(t, tt.s))
			got := pdfBoxes(t, path, 1)
			m, b := tt.margin*mm, tt.bleedOut*mm
			want := map[string][4]float64{
				"MediaBox": {0, 0, w + 2*m, h + 2*m},
				"BleedBox": {m - b, m - b, m + w + b, m + h + b},
				"TrimBox":  {m, m, m + w, m + h},
			}
			for name, wb := range want {
				gb, ok := got[name]
				if !ok {
					t.Errorf("pdfinfo shows no %s", name)
				}
				for i := range wb {
					if math.Abs(gb[i]-wb[i]) > 0.1 {
						t.Errorf("%s = %v, want %v (to 0.1 pt)", name, gb, wb)
						break
					}
				}
			}
			if out := pdftool.Run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") || strings.Contains(out, "WARNING") {
				t.Errorf("qpdf --check:\n%s", out)
			}
		})
	}
}

// TestNoBoxes checks that an ordinary page has no trim or bleed box.
func TestNoBoxes(t *testing.T) {
	b := renderOK(t, sample())
	for _, box := range []string{"/TrimBox", "/BleedBox", "/Separation"} {
		if bytes.Contains(b, []byte(box)) {
			t.Errorf("an ordinary PDF has %s", box)
		}
	}
}

// TestBoxesDeterministic renders pages with both a trim box and a bleed
// box many times: the PDF writer lists them in map order, which varies
// from run to run, and render must put them in a fixed order.
func TestBoxesDeterministic(t *testing.T) {
	r := prepared(t, printing.Settings{BleedMM: 3, Marks: true})
	first := renderOK(t, r)
	for i := range 50 {
		if b := renderOK(t, r); !bytes.Equal(b, first) {
			t.Fatalf("render %d differs from the first (%d and %d bytes)", i+2, len(b), len(first))
		}
	}
	// Every page lists its boxes in the order of PDF 32000-1, 14.11.2:
	// the bleed box, then the trim box.
	if n := len(regexp.MustCompile(`\n/BleedBox \[[^\]\n]*\]\n/TrimBox \[`).FindAll(first, -1)); n != len(r.Pages) {
		t.Errorf("%d pages list a BleedBox then a TrimBox, want %d", n, len(r.Pages))
	}
}

// TestRegistration checks that crop marks are drawn in the registration
// colour: a Separation colour space named All, for every plate.
func TestRegistration(t *testing.T) {
	b := renderOK(t, prepared(t, printing.Settings{Marks: true}))
	if !bytes.Contains(b, []byte("[/Separation /All\n/DeviceCMYK")) {
		t.Error("no Separation colour space named All")
	}
	pages := contents(t, b)
	for i, c := range pages {
		if n := strings.Count(c, "/CS1 CS 1.000 SCN"); n == 0 {
			t.Errorf("page %d does not stroke in the registration colour", i+1)
		}
	}
	// The rules drawn after the marks are back in their own colours.
	r := prepared(t, printing.Settings{Marks: true})
	r.Pages[0].Items = append(r.Pages[0].Items, layout.Rule{X0: 100, Y0: 100, X1: 200, Y1: 100, Width: 1, Color: blue})
	c := contents(t, renderOK(t, r))[0]
	if i := strings.LastIndex(c, "SCN"); !strings.Contains(c[i:], "0.078 0.235 0.627 RG") {
		t.Errorf("a blue rule after the marks is not blue:\n%s", c[i:])
	}
}

func TestBadBoxes(t *testing.T) {
	tests := []struct {
		name        string
		trim, bleed layout.Rect
	}{
		{"trim outside the bleed", layout.Rect{X: 0, Y: 0, W: 100, H: 100}, layout.Rect{X: 10, Y: 10, W: 100, H: 100}},
		{"bleed off the page", layout.Rect{X: 20, Y: 20, W: 100, H: 100}, layout.Rect{X: 10, Y: 10, W: 1000, H: 100}},
		{"empty trim", layout.Rect{X: 20, Y: 20, W: 0, H: 100}, layout.Rect{}},
		{"NaN", layout.Rect{X: math.NaN(), Y: 20, W: 10, H: 100}, layout.Rect{}},
	}
	for _, tt := range tests {
		r := sample()
		r.Pages[0].Trim, r.Pages[0].Bleed = tt.trim, tt.bleed
		if _, err := render.PDF(tagtest.Tag(r), opts); err == nil || !strings.Contains(err.Error(), "page 1") {
			t.Errorf("%s: err = %v, want an error about page 1", tt.name, err)
		}
	}
}
