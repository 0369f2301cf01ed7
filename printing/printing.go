// Package printing applies the print options to placed pages, in one
// place, between layout and render (docs/print.md): it imposes the pages
// two to a sheet (with package impose), grows each page by a bleed,
// records the page's trim and bleed boxes, adds crop marks and a slug line
// outside them, and turns every colour and image gray.
//
// Like layout it is pure and deterministic: Prepare takes a laid-out
// result and returns a new one, leaving its argument as it was, and draws
// nothing itself; render draws what it is given, and writes the boxes as
// the PDF's TrimBox and BleedBox.
package printing

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"handout/document"
	"handout/fonts"
	"handout/impose"
	"handout/layout"
)

// mm is a millimetre in points.
const mm = 72 / 25.4

// The marks' geometry, after the usual practice of print shops.
const (
	markWidth  = 0.25      // crop marks are hairlines, 0.25 pt
	markLength = 5 * mm    // each of a corner's two marks
	minGap     = 3 * mm    // the least gap between the trim and a crop mark
	bleedClear = 1 * mm    // and between the bleed's edge and a crop mark
	slugRoom   = 3 * mm    // paper left beyond the marks
	slugSize   = 6.0       // the slug line's type size, in points
	slugIndent = 5 * mm    // the slug line starts this far right of the trim's left edge
	slugDrop   = 3.75 * mm // its baseline below the top of the marks' band
)

// slugFace is the slug line's face.
var slugFace = fonts.Face{Family: fonts.Sans, Style: fonts.Regular}

// Settings say how to prepare pages: the print options of one PDF.
type Settings struct {
	Impose  document.Impose // put the pages two to a sheet: TwoUp or Booklet; NoImpose leaves them
	BleedMM float64         // the bleed on every side, 0..document.MaxBleedMM
	Marks   bool            // add crop marks and a slug line
	Gray    bool            // every colour and image gray
	// Name is the PDF's file name, such as "water-cycle.pdf", and Time the
	// build time (from SOURCE_DATE_EPOCH, or now): the slug line shows both.
	Name string
	Time time.Time
}

// ErrBleed is the error for a bleed out of range.
var ErrBleed = errors.New("printing: bleed out of range")

// ErrPrepared is the error for pages that already have a trim or bleed
// box: preparing them twice would lose the first boxes.
var ErrPrepared = errors.New("printing: pages already have a trim box")

// trims reports whether s grows the pages around a trim: a bleed or marks.
func (s Settings) trims() bool { return s.BleedMM > 0 || s.Marks }

// Prepare returns r prepared for print as s says. It is the one place
// where the print options are applied to placed pages, in this order:
//
//  1. Impose (--impose): the pages go two to a sheet (impose.TwoUp,
//     impose.Booklet), so that what follows goes around each sheet,
//     which is what the print shop cuts.
//  2. BleedMM and Marks (--bleed, --marks): each page grows by the margin
//     they need, with its trim and bleed boxes, crop marks and slug line
//     (see trim).
//  3. Gray (--gray): every colour becomes the gray of its luma
//     (layout.Gray), the crop marks, in the registration colour
//     otherwise, plain black, and every image its gray copy (see gray).
//
// Each step takes a result and returns a new one: r is not changed, and
// with no option set Prepare returns r itself.
func Prepare(r *layout.Result, s Settings) (*layout.Result, error) {
	if r == nil {
		return nil, errors.New("printing: no pages")
	}
	if !(s.BleedMM >= 0 && s.BleedMM <= document.MaxBleedMM) {
		return nil, fmt.Errorf("%w: %v mm, want 0 to %d", ErrBleed, s.BleedMM, document.MaxBleedMM)
	}
	r, err := imposed(r, s.Impose)
	if err == nil && s.trims() {
		r, err = trim(r, s)
	}
	if err == nil && s.Gray {
		r, err = gray(r)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// geometry is where things go around a trim, in points.
type geometry struct {
	bleed  float64 // the bleed on every side
	gap    float64 // from the trim to the near end of a crop mark
	margin float64 // from the trim to the edge of the media box
}

// geometryOf returns the geometry of s.
func geometryOf(s Settings) geometry {
	g := geometry{bleed: s.BleedMM * mm}
	g.margin = g.bleed
	if s.Marks {
		g.gap = max(minGap, g.bleed+bleedClear)
		g.margin = g.gap + markLength + slugRoom
	}
	return g
}

// imposed returns r imposed as i says, or r itself for NoImpose.
func imposed(r *layout.Result, i document.Impose) (*layout.Result, error) {
	switch i {
	case document.NoImpose:
		return r, nil
	case document.TwoUp:
		return impose.TwoUp(r)
	case document.Booklet:
		return impose.Booklet(r)
	}
	return nil, fmt.Errorf("printing: unknown imposition %v", i)
}

// trim returns r with every page grown around its trim as s says: the
// page grows by the margin the bleed and marks need on every side,
// everything on it moves with it, its Trim is where the page was and its
// Bleed the trim grown by the bleed. A Box marked FullBleed is carried out
// into the bleed on each side where it reached the page's edge. With
// Marks, each page gets crop marks at the four corners of its trim and a
// slug line below it, both outside the bleed box, artifacts of a print
// shop's (layout.ArtifactPage). Bookmarks move with their pages.
func trim(r *layout.Result, s Settings) (*layout.Result, error) {
	g := geometryOf(s)
	out := *r
	out.Pages = make([]layout.Page, len(r.Pages))
	for i, p := range r.Pages {
		if !p.Trim.IsZero() || !p.Bleed.IsZero() {
			return nil, fmt.Errorf("%w (page %d)", ErrPrepared, i+1)
		}
		out.Pages[i] = g.page(p)
		if s.Marks {
			out.Pages[i].Items = append(out.Pages[i].Items, cropMarks(out.Pages[i].Trim, g)...)
			out.Pages[i].Items = append(out.Pages[i].Items, slug(out.Pages[i].Trim, g, s, i+1, len(r.Pages)))
		}
	}
	out.Outline = slices.Clone(r.Outline)
	for i := range out.Outline {
		out.Outline[i].Y += g.margin
	}
	return &out, nil
}

// page returns p grown by g's margin, its items moved with it.
func (g geometry) page(p layout.Page) layout.Page {
	m := g.margin
	out := layout.Page{
		Width:  p.Width + 2*m,
		Height: p.Height + 2*m,
		Trim:   layout.Rect{X: m, Y: m, W: p.Width, H: p.Height},
		Bleed:  layout.Rect{X: m - g.bleed, Y: m - g.bleed, W: p.Width + 2*g.bleed, H: p.Height + 2*g.bleed},
		Items:  make([]layout.Item, 0, len(p.Items)+9),
	}
	for _, it := range p.Items {
		it = it.Translate(m, m)
		if b, ok := it.(layout.Box); ok && b.FullBleed {
			it = g.bleedOut(b, out.Trim)
		}
		out.Items = append(out.Items, it)
	}
	return out
}

// edgeSlack is how near a side of a box must be to the trim's edge to be
// taken as reaching it, in points.
const edgeSlack = 0.01

// bleedOut returns b with each side that reaches, or passes, an edge of
// trim carried out to the bleed.
func (g geometry) bleedOut(b layout.Box, trim layout.Rect) layout.Box {
	x0, y0, x1, y1 := b.X, b.Y, b.X+b.W, b.Y+b.H
	if x0 <= trim.X+edgeSlack {
		x0 = min(x0, trim.X-g.bleed)
	}
	if y0 <= trim.Y+edgeSlack {
		y0 = min(y0, trim.Y-g.bleed)
	}
	if x1 >= trim.X+trim.W-edgeSlack {
		x1 = max(x1, trim.X+trim.W+g.bleed)
	}
	if y1 >= trim.Y+trim.H-edgeSlack {
		y1 = max(y1, trim.Y+trim.H+g.bleed)
	}
	b.X, b.Y, b.W, b.H = x0, y0, x1-x0, y1-y0
	return b
}

// cropMarks returns the eight crop marks of trim: at each corner one mark
// along each of the trim's edges that meet there, continuing the edge
// outwards, from g.gap to g.gap+markLength beyond the corner.
func cropMarks(trim layout.Rect, g geometry) []layout.Item {
	l, t, r, b := trim.X, trim.Y, trim.X+trim.W, trim.Y+trim.H
	near, far := g.gap, g.gap+markLength
	mark := func(x0, y0, x1, y1 float64) layout.Item {
		return layout.Rule{X0: x0, Y0: y0, X1: x1, Y1: y1, Width: markWidth, Registration: true, Tag: layout.Tag{Artifact: layout.ArtifactPage}}
	}
	return []layout.Item{
		mark(l-far, t, l-near, t), mark(l, t-far, l, t-near), // top left
		mark(r+near, t, r+far, t), mark(r, t-far, r, t-near), // top right
		mark(l-far, b, l-near, b), mark(l, b+near, l, b+far), // bottom left
		mark(r+near, b, r+far, b), mark(r, b+near, r, b+far), // bottom right
	}
}

// slug returns the slug line of page n of total: the file name, the page,
// the date and the sizes, in small type below the trim, between the
// bottom crop marks.
func slug(trim layout.Rect, g geometry, s Settings, n, total int) layout.Text {
	m, err := fonts.Load(slugFace)
	size := func(t string) float64 {
		if err != nil {
			return 0
		}
		return m.Size(t, slugSize)
	}
	rest := fmt.Sprintf("  ·  page %d of %d  ·  %s  ·  trim %s × %s mm, bleed %s mm",
		n, total, s.Time.UTC().Format("2006-01-02 15:04 UTC"),
		fmtMM(trim.W), fmtMM(trim.H), fmtMM(g.bleed))
	room := trim.W - 2*slugIndent - size(rest)
	name := fitName(drawable(m, s.Name), room, size)
	text := name + rest
	var font *fonts.Font
	if err == nil {
		font = m.Font()
	}
	return layout.Text{
		X: trim.X + slugIndent, Y: trim.Y + trim.H + g.gap + slugDrop,
		Font: font, Style: slugFace.Style, Size: slugSize, Text: text, Width: size(text),
		Tag: layout.Tag{Artifact: layout.ArtifactPage},
	}
}

// fitName returns name, cut short with an ellipsis when it is wider than
// room.
func fitName(name string, room float64, size func(string) float64) string {
	if size(name) <= room {
		return name
	}
	rs := []rune(name)
	for len(rs) > 0 && size(string(rs)+"…") > room {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// drawable returns s with each rune the slug's face cannot draw, and each
// control character, replaced by "?".
func drawable(m *fonts.Metrics, s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r > 0xFFFF || m == nil || !m.HasGlyph(r) {
			return '?'
		}
		return r
	}, s)
}

// fmtMM formats a length in points as millimetres, to a tenth.
func fmtMM(pt float64) string {
	v := math.Round(pt/mm*10) / 10
	return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0")
}
