package render

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"codeberg.org/go-pdf/fpdf"

	"handout/layout"
)

// hasBoxes reports whether any page of r has a trim or bleed box. Then
// every page gets both, as fpdf carries a page's boxes over to the pages
// after it.
func hasBoxes(r *layout.Result) bool {
	return slices.ContainsFunc(r.Pages, func(p layout.Page) bool {
		return !p.Trim.IsZero() || !p.Bleed.IsZero()
	})
}

// pageBoxes sets the current page's BleedBox and TrimBox, the whole page
// for a zero Rect. PDF measures from the bottom-left corner, upwards.
func pageBoxes(pdf *fpdf.Fpdf, page layout.Page) {
	for _, b := range []struct {
		name string
		r    layout.Rect
	}{{"BleedBox", page.BleedBox()}, {"TrimBox", page.TrimBox()}} {
		pdf.SetPageBox(b.name, b.r.X, page.Height-b.r.Y-b.r.H, b.r.W, b.r.H)
	}
}

// checkBoxes checks that a page's trim box lies in its bleed box, and that
// in the page.
func checkBoxes(p layout.Page) error {
	trim, bleed := p.TrimBox(), p.BleedBox()
	if !finite(trim.X, trim.Y, trim.W, trim.H, bleed.X, bleed.Y, bleed.W, bleed.H) {
		return errors.New("bad trim or bleed box")
	}
	if trim.W <= 0 || trim.H <= 0 || !inside(trim, bleed) || !inside(bleed, layout.Rect{W: p.Width, H: p.Height}) {
		return fmt.Errorf("trim box %v must lie in the bleed box %v, and that in the page %vx%v", trim, bleed, p.Width, p.Height)
	}
	return nil
}

// inside reports whether a lies within b.
func inside(a, b layout.Rect) bool {
	return a.X >= b.X && a.Y >= b.Y && a.X+a.W <= b.X+b.W && a.Y+a.H <= b.Y+b.H
}

// boxOrder is the order in which a page dictionary lists its boxes, that
// of PDF 32000-1, 14.11.2: each from the largest to the smallest.
var boxOrder = [][]byte{[]byte("/MediaBox "), []byte("/CropBox "), []byte("/BleedBox "), []byte("/TrimBox "), []byte("/ArtBox ")}

// The lines around a page's boxes in fpdf's page dictionaries.
var (
	pageHead = []byte("<</Type /Page\n/Parent 1 0 R\n")
	pageTail = []byte("/Resources 2 0 R\n")
)

// orderBoxes is the output pass that puts the box entries of each page
// dictionary in boxOrder, when the pages have boxes. fpdf writes a page's
// boxes by ranging over a Go map, so a page with a TrimBox and a BleedBox
// lists them in either order from run to run; each entry is a line of its
// own.
func orderBoxes(d *doc, j *job) error {
	if !j.boxes {
		return nil
	}
	pages := d.pages()
	if len(pages) != j.pages {
		return fmt.Errorf("found %d page dictionaries, want %d", len(pages), j.pages)
	}
	for i, n := range pages {
		v := d.obj(n).value
		if !bytes.HasPrefix(v, pageHead) {
			return fmt.Errorf("page %d has no parent", i+1)
		}
		k := bytes.Index(v, pageTail)
		if k < 0 {
			return fmt.Errorf("page %d has no resources", i+1)
		}
		if err := sortBoxLines(v[len(pageHead):k]); err != nil {
			return fmt.Errorf("page %d: %v", i+1, err)
		}
	}
	return nil
}

// sortBoxLines sorts b, lines each of which is a box entry, in boxOrder,
// in place.
func sortBoxLines(b []byte) error {
	lines := bytes.SplitAfter(b, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	ranks := make(map[string]int, len(lines))
	for _, l := range lines {
		r := slices.IndexFunc(boxOrder, func(name []byte) bool { return bytes.HasPrefix(l, name) })
		if r < 0 || !bytes.HasSuffix(l, []byte("\n")) {
			return fmt.Errorf("unexpected entry %q", l)
		}
		ranks[string(l)] = r
	}
	slices.SortStableFunc(lines, func(a, b []byte) int { return ranks[string(a)] - ranks[string(b)] })
	copy(b, bytes.Join(lines, nil))
	return nil
}
