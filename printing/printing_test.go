package printing

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"handout/fonts"
	"handout/layout"
)

// a4 is the size of an A4 page in points.
const a4W, a4H = 595.28, 841.89

var when = time.Date(2025, 11, 27, 8, 0, 0, 0, time.UTC)

// sample returns a one-page A4 result with an item of every kind, a box
// that runs to the left, top and right edges, flagged FullBleed, and one
// that does the same without the flag.
func sample() *layout.Result {
	face, err := fonts.Face{Family: fonts.Sans, Style: fonts.Regular}.Font()
	if err != nil {
		panic(err)
	}
	grey := layout.Color{R: 200, G: 200, B: 200}
	return &layout.Result{
		Pages: []layout.Page{{Width: a4W, Height: a4H, Items: []layout.Item{
			layout.Box{X: 0, Y: 0, W: a4W, H: 60, Fill: &grey, FullBleed: true},
			layout.Box{X: 0, Y: 100, W: 50, H: 50, Fill: &grey},
			layout.Text{X: 72, Y: 90, Font: face, Size: 11, Text: "Hello", Width: 26},
			layout.Rule{X0: 72, Y0: 120, X1: 500, Y1: 120, Width: 0.5},
			layout.Link{X: 72, Y: 130, W: 40, H: 10, URL: "https://example.org"},
			layout.Image{X: 72, Y: 150, W: 100, H: 80, Ref: "a.png"},
		}}},
		Outline: []layout.Bookmark{{Title: "One", Page: 0, Y: 90}},
	}
}

func TestPrepareBoxes(t *testing.T) {
	tests := []struct {
		name          string
		s             Settings
		margin, bleed float64 // in mm
	}{
		{"bleed 3", Settings{BleedMM: 3}, 3, 3},
		{"bleed 3 and marks", Settings{BleedMM: 3, Marks: true}, 4 + 5 + 3, 3},
		{"marks alone", Settings{Marks: true}, 3 + 5 + 3, 0},
		{"wide bleed and marks", Settings{BleedMM: 20, Marks: true}, 21 + 5 + 3, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Prepare(sample(), tt.s)
			if err != nil {
				t.Fatal(err)
			}
			p := r.Pages[0]
			m, b := tt.margin*mm, tt.bleed*mm
			near(t, "media", layout.Rect{W: p.Width, H: p.Height}, layout.Rect{W: a4W + 2*m, H: a4H + 2*m})
			near(t, "trim", p.Trim, layout.Rect{X: m, Y: m, W: a4W, H: a4H})
			near(t, "bleed", p.Bleed, layout.Rect{X: m - b, Y: m - b, W: a4W + 2*b, H: a4H + 2*b})
			if got, want := r.Outline[0].Y, 90+m; math.Abs(got-want) > 1e-9 {
				t.Errorf("bookmark y = %v, want %v", got, want)
			}
		})
	}
}

// near fails t unless a and b are within a hundredth of a point.
func near(t *testing.T, what string, a, b layout.Rect) {
	t.Helper()
	if math.Abs(a.X-b.X) > 0.01 || math.Abs(a.Y-b.Y) > 0.01 || math.Abs(a.W-b.W) > 0.01 || math.Abs(a.H-b.H) > 0.01 {
		t.Errorf("%s = %+v, want %+v", what, a, b)
	}
}

func TestPrepareShiftsItems(t *testing.T) {
	in := sample()
	r, err := Prepare(in, Settings{BleedMM: 3})
	if err != nil {
		t.Fatal(err)
	}
	d := 3 * mm
	for i, it := range r.Pages[0].Items {
		x0, y0, x1, y1 := it.Bounds()
		a0, b0, a1, b1 := in.Pages[0].Items[i].Bounds()
		if b, ok := it.(layout.Box); ok && b.FullBleed {
			// carried out by the bleed on the left, top and right, not at the bottom
			a0, b0, a1 = a0-d, b0-d, a1+d
		}
		if math.Abs(x0-a0-d) > 1e-9 || math.Abs(y0-b0-d) > 1e-9 || math.Abs(x1-a1-d) > 1e-9 || math.Abs(y1-b1-d) > 1e-9 {
			t.Errorf("item %d (%T) at %v,%v-%v,%v, want moved by %v from %v,%v-%v,%v", i, it, x0, y0, x1, y1, d, a0, b0, a1, b1)
		}
	}
	// The full-bleed box fills the bleed box across, and the top of it.
	band := r.Pages[0].Items[0].(layout.Box)
	near(t, "full-bleed band", layout.Rect{X: band.X, Y: band.Y, W: band.W, H: band.H}, layout.Rect{W: a4W + 2*d, H: 60 + d})
	// The argument is left as it was.
	if in.Pages[0].Items[2].(layout.Text).X != 72 || !in.Pages[0].Trim.IsZero() || in.Outline[0].Y != 90 {
		t.Error("Prepare changed its argument")
	}
}

func TestPrepareNothing(t *testing.T) {
	in := sample()
	r, err := Prepare(in, Settings{Name: "x.pdf", Time: when})
	if err != nil || r != in {
		t.Errorf("no bleed, no marks: got %p, %v; want the result itself", r, err)
	}
}

func TestPrepareErrors(t *testing.T) {
	for _, bleed := range []float64{-1, 20.5, math.NaN(), math.Inf(1)} {
		if _, err := Prepare(sample(), Settings{BleedMM: bleed}); !errors.Is(err, ErrBleed) {
			t.Errorf("bleed %v: err = %v, want ErrBleed", bleed, err)
		}
	}
	r, err := Prepare(sample(), Settings{BleedMM: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Prepare(r, Settings{Marks: true}); !errors.Is(err, ErrPrepared) {
		t.Errorf("prepared twice: err = %v, want ErrPrepared", err)
	}
}

// marks returns the crop marks and the slug lines of p.
func marks(p layout.Page) (rules []layout.Rule, slugs []layout.Text) {
	for _, it := range p.Items {
		switch v := it.(type) {
		case layout.Rule:
			if v.Registration {
				rules = append(rules, v)
			}
		case layout.Text:
			if v.Size == slugSize {
				slugs = append(slugs, v)
			}
		}
	}
	return rules, slugs
}

// outside reports whether the rectangle x0, y0, x1, y1 has nothing in
// common with r but perhaps an edge.
func outside(x0, y0, x1, y1 float64, r layout.Rect) bool {
	return x1 <= r.X || x0 >= r.X+r.W || y1 <= r.Y || y0 >= r.Y+r.H
}

// gap returns how far the rectangle x0, y0, x1, y1 is from r, along x or
// y, whichever is further: negative when they overlap.
func gap(x0, y0, x1, y1 float64, r layout.Rect) float64 {
	return max(r.X-x1, x0-(r.X+r.W), r.Y-y1, y0-(r.Y+r.H))
}

func TestMarksOutsideTrimAndBleed(t *testing.T) {
	for _, bleed := range []float64{0, 3, 5, 20} {
		r, err := Prepare(sample(), Settings{BleedMM: bleed, Marks: true, Name: "water-cycle.pdf", Time: when})
		if err != nil {
			t.Fatal(err)
		}
		p := r.Pages[0]
		rules, slugs := marks(p)
		if len(rules) != 8 || len(slugs) != 1 {
			t.Fatalf("bleed %v: %d crop marks and %d slug lines, want 8 and 1", bleed, len(rules), len(slugs))
		}
		page := layout.Rect{W: p.Width, H: p.Height}
		for _, m := range rules {
			x0, y0, x1, y1 := m.Bounds()
			if !outside(x0, y0, x1, y1, p.Bleed) || !outside(x0, y0, x1, y1, p.Trim) {
				t.Errorf("bleed %v: crop mark %v,%v-%v,%v touches the bleed box %+v", bleed, x0, y0, x1, y1, p.Bleed)
			}
			if g := gap(x0, y0, x1, y1, p.Bleed); g < bleedClear-1e-9 {
				t.Errorf("bleed %v: crop mark %v,%v-%v,%v is %v pt from the bleed box, want at least 1 mm", bleed, x0, y0, x1, y1, g)
			}
			if x0 < 0 || y0 < 0 || x1 > page.W || y1 > page.H {
				t.Errorf("bleed %v: crop mark %v,%v-%v,%v is off the page", bleed, x0, y0, x1, y1)
			}
			if m.Width != 0.25 || math.Abs(math.Hypot(m.X1-m.X0, m.Y1-m.Y0)-5*mm) > 1e-9 {
				t.Errorf("bleed %v: crop mark %+v is not a 0.25 pt hairline 5 mm long", bleed, m)
			}
		}
		x0, y0, x1, y1 := slugs[0].Bounds()
		if !outside(x0, y0, x1, y1, p.Bleed) || x1 > p.Trim.X+p.Trim.W || y1 > page.H {
			t.Errorf("bleed %v: slug line %v,%v-%v,%v is not below the bleed box %+v, on the page", bleed, x0, y0, x1, y1, p.Bleed)
		}
		for _, m := range rules {
			a0, b0, a1, b1 := m.Bounds()
			if !(a1 <= x0 || a0 >= x1 || b1 <= y0 || b0 >= y1) {
				t.Errorf("bleed %v: the slug line crosses crop mark %+v", bleed, m)
			}
		}
	}
}

func TestMarksAtTheCorners(t *testing.T) {
	r, err := Prepare(sample(), Settings{BleedMM: 3, Marks: true})
	if err != nil {
		t.Fatal(err)
	}
	p := r.Pages[0]
	rules, _ := marks(p)
	// Every mark continues an edge of the trim: each corner has one
	// horizontal mark on its top or bottom edge and one vertical mark on
	// its left or right edge.
	corners := map[[2]float64]int{}
	edgeX := []float64{p.Trim.X, p.Trim.X + p.Trim.W}
	edgeY := []float64{p.Trim.Y, p.Trim.Y + p.Trim.H}
	for _, m := range rules {
		switch {
		case m.Y0 == m.Y1: // horizontal: at the y of a corner
			x := edgeX[0]
			if m.X0 > x {
				x = edgeX[1]
			}
			corners[[2]float64{x, m.Y0}]++
		case m.X0 == m.X1:
			y := edgeY[0]
			if m.Y0 > y {
				y = edgeY[1]
			}
			corners[[2]float64{m.X0, y}]++
		}
	}
	for _, x := range edgeX {
		for _, y := range edgeY {
			if corners[[2]float64{x, y}] != 2 {
				t.Errorf("corner %v,%v has %d marks, want 2 (%v)", x, y, corners[[2]float64{x, y}], corners)
			}
		}
	}
}

func TestSlugText(t *testing.T) {
	in := sample()
	in.Pages = append(in.Pages, in.Pages[0], in.Pages[0])
	tests := []struct{ name, want string }{
		{"water-cycle.pdf", "water-cycle.pdf  ·  page 2 of 3  ·  2025-11-27 08:00 UTC  ·  trim 210 × 297 mm, bleed 3 mm"},
		{"a\tb🙂.pdf", "a?b?.pdf  ·  page 2 of 3"},
		{strings.Repeat("long-", 60) + ".pdf", "long-long-"},
	}
	for _, tt := range tests {
		r, err := Prepare(in, Settings{BleedMM: 3, Marks: true, Name: tt.name, Time: when.In(time.FixedZone("X", 3600))})
		if err != nil {
			t.Fatal(err)
		}
		_, slugs := marks(r.Pages[1])
		s := slugs[0]
		if !strings.HasPrefix(s.Text, tt.want) {
			t.Errorf("slug of %q = %q, want it to start %q", tt.name, s.Text, tt.want)
		}
		if s.X+s.Width > r.Pages[1].Trim.X+r.Pages[1].Trim.W {
			t.Errorf("slug of %q runs past the trim's right edge: %q", tt.name, s.Text)
		}
	}
}
