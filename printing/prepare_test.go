package printing

import (
	"math"
	"reflect"
	"testing"

	"handout/document"
	"handout/layout"
)

// threePages returns sample with three pages, whose text is red.
func threePages() *layout.Result {
	r := sample()
	red := layout.Color{R: 200, G: 30, B: 40}
	items := r.Pages[0].Items
	for i, it := range items {
		if t, ok := it.(layout.Text); ok {
			t.Color = red
			items[i] = t
		}
	}
	r.Pages = append(r.Pages, r.Pages[0], r.Pages[0])
	return r
}

// TestPrepareOrder applies the print options together, as Prepare's
// written order says: pages are imposed first, so that the bleed and the
// marks go around each sheet; gray comes last, so that the crop marks are
// black too.
func TestPrepareOrder(t *testing.T) {
	tests := []struct {
		name   string
		s      Settings
		pages  int     // pages, or sheet sides, of the result
		trimW  float64 // the width of each page's trim box; 0 for none
		marks  int     // crop marks on each page
		colour bool    // whether any colour is left: red text, registration marks
	}{
		{"2up", Settings{Impose: document.TwoUp}, 2, 0, 0, true},
		{"booklet", Settings{Impose: document.Booklet}, 2, 0, 0, true},
		{"2up, bleed", Settings{Impose: document.TwoUp, BleedMM: 3}, 2, 2 * a4W, 0, true},
		{"booklet, marks", Settings{Impose: document.Booklet, Marks: true}, 2, 2 * a4W, 8, true},
		{"marks, gray", Settings{Marks: true, Gray: true}, 3, a4W, 8, false},
		{"2up, gray", Settings{Impose: document.TwoUp, Gray: true}, 2, 0, 0, false},
		{"every option", Settings{Impose: document.Booklet, BleedMM: 3, Marks: true, Gray: true}, 2, 2 * a4W, 8, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := threePages()
			r, err := Prepare(in, tt.s)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Pages) != tt.pages {
				t.Fatalf("%d pages, want %d", len(r.Pages), tt.pages)
			}
			for i, p := range r.Pages {
				if math.Abs(p.Trim.W-tt.trimW) > 0.01 {
					t.Errorf("page %d: trim %+v, want %v pt wide", i+1, p.Trim, tt.trimW)
				}
				marks, colour := 0, false
				for _, it := range p.Items {
					switch v := it.(type) {
					case layout.Rule:
						if v.Width == markWidth {
							marks++
						}
						colour = colour || v.Registration
					case layout.Text:
						colour = colour || v.Color.R != v.Color.G || v.Color.G != v.Color.B
					}
				}
				if marks != tt.marks || colour != tt.colour {
					t.Errorf("page %d: %d crop marks, colour %v; want %d, %v", i+1, marks, colour, tt.marks, tt.colour)
				}
			}
			if !reflect.DeepEqual(in, threePages()) {
				t.Error("Prepare changed its argument")
			}
		})
	}
	if _, err := Prepare(threePages(), Settings{Impose: document.Impose(9)}); err == nil {
		t.Error("an unknown imposition: no error")
	}
	if _, err := Prepare(nil, Settings{Gray: true}); err == nil {
		t.Error("no result: no error")
	}
}
