package layout

// This file draws the places to write that several kinds share: writing
// boxes and their rows, and the lines a model answer is written on, in the
// answer key, or left empty for the student. The boxes, rows and lines are
// artifacts; an answer written on them is content.

import (
	"handout/document"
	"handout/fonts"
)

// boxInset is the space between a writing box's border and its lines.
func (b *builder) boxInset() float64 { return 0.75 * b.size }

// writingBox is a bordered box of n writing rows, ruling apart, as units of
// one row each so that a box taller than a page can continue on the next,
// and a foot pad high. Row k carries ans[k], the runs of the answer's line
// k, when there is one.
func (b *builder) writingBox(n int, r document.Ruling, x, width float64, ans [][]Text, pad float64) []unit {
	g := &group{draw: func(top, bottom float64) []Item {
		return []Item{stroked(x, top, width, bottom-top, 0.75, paint(frameC), nil)}
	}}
	inset := b.boxInset()
	us := b.writingRows(n, r, x+inset, x+width-inset, ans)
	for k := range us {
		us[k].group = g
	}
	return append(us, unit{height: pad, group: g})
}

// writingRows is n writing rows ruled by r from x0 to x1, each a unit a
// ruling high, with room for one unit more; row k carries ans[k] when
// there is one.
func (b *builder) writingRows(n int, r document.Ruling, x0, x1 float64, ans [][]Text) []unit {
	us := make([]unit, n, n+1)
	for k := range us {
		us[k] = unit{height: b.ruling, items: b.writingRow(r, k, x0, x1)}
		if k < len(ans) {
			us[k].texts = ans[k]
		}
	}
	return us
}

// writingRow draws row k of a writing area between x0 and x1: its writing line
// at the row's foot and, for a grid, the verticals up to the row above.
func (b *builder) writingRow(r document.Ruling, k int, x0, x1 float64) []Item {
	y := b.ruling
	switch r {
	case document.Lines:
		return []Item{Rule{X0: x0, Y0: y, X1: x1, Y1: y, Width: 0.5, Color: rule, Tag: layoutArt}}
	case document.Dotted:
		// Round dots 1.2 pt across, 3.6 pt apart, in the frame's grey: as
		// much ink along the row as a solid writing line, in dots darker
		// than it, so that they outlast the line on a photocopy. Rendered
		// at 300 dpi and blurred 0.13 mm as a copier blurs, the dots peak
		// at 42% black and the line at 18-26%; dots of 0.9 pt had a third
		// of the line's ink and peaked at 22-24%.
		return []Item{Rule{X0: x0, Y0: y, X1: x1, Y1: y, Width: 1.2, Color: frameC, Dash: []float64{0, 3.6}, Round: true, Tag: layoutArt}}
	case document.Grid:
		// Whole squares, centred between x0 and x1.
		cells := int((x1 - x0) / b.ruling)
		x0 += (x1 - x0 - float64(cells)*b.ruling) / 2
		x1 = x0 + float64(cells)*b.ruling
		items := []Item{Rule{X0: x0, Y0: y, X1: x1, Y1: y, Width: 0.4, Color: rule, Tag: layoutArt}}
		if k > 0 {
			for c := 0; c <= cells; c++ {
				gx := x0 + float64(c)*b.ruling
				items = append(items, Rule{X0: gx, Y0: 0, X1: gx, Y1: y, Width: 0.4, Color: rule, Tag: layoutArt})
			}
		}
		return items
	}
	return nil
}

// cutLines returns how many writing lines a space or box of lines has: its
// lines, less those fit_pages takes, but never fewer than minLines (the
// worksheet's min_lines when 0) nor than need, the lines its answer is
// written on.
func (b *builder) cutLines(lines, minLines, need int) int {
	if b.tn.cut == 0 {
		return lines
	}
	floor := b.minLines
	if minLines > 0 {
		floor = minLines
	}
	floor = max(min(lines, floor), min(lines, need))
	return max(floor, lines-b.tn.cut)
}

// answerSize is the type size of answers written on lines ruling apart.
func (b *builder) answerSize() float64 { return min(b.size, 0.6*b.ruling) }

// answerRows wraps a model answer's paragraphs to width, one line per
// writing row, each paragraph starting a new row. Each row holds the
// line's runs from x on a baseline a little above the row's rule, as
// handwriting sits, in the answer key, where each paragraph is a P inside
// the element in; in other editions the rows are empty, since only their
// number counts.
func (b *builder) answerRows(paras []document.Inline, x, width float64, in *Node) [][]Text {
	size := b.answerSize()
	base := 0.86 * b.ruling // the rule is at the row's foot, b.ruling down
	var rows [][]Text
	for _, p := range paras {
		spans := b.marked(p, fonts.Italic)
		var tt *textTags
		if b.ed.Answers {
			tt = b.textTags(content(in.add(RoleP)), spans)
		}
		for _, l := range b.at(size).wrap(spans, width) {
			var runs []Text
			if b.ed.Answers {
				runs = l.runs(x, base, size, solid(answer), tt)
			}
			rows = append(rows, runs)
		}
	}
	return rows
}

// answerLines is the writing lines under a task's items for its model
// answer, one per line of the answer, in every edition (so that the
// editions paginate alike); the answer key writes the answer on them, its
// paragraphs each a P inside the element in.
func (b *builder) answerLines(paras []document.Inline, x, width float64, in *Node) []unit {
	rows := b.answerRows(paras, x, width, in)
	us := make([]unit, len(rows))
	for k, row := range rows {
		us[k] = unit{
			height: b.ruling,
			items:  []Item{Rule{X0: x, Y0: b.ruling, X1: x + width, Y1: b.ruling, Width: 0.5, Color: rule, Tag: layoutArt}},
			texts:  row,
		}
	}
	if len(us) > 0 {
		us[0].space = 0.3 * b.lead
	}
	return us
}

// fillMin is the fewest writing lines of a lines = "fill" box: with fewer
// left on its page, it moves to the next.
const fillMin = 3

// filler makes the writing box of a lines = "fill" notes block once the
// flow knows how much room is left on its page.
type filler struct {
	min    int     // the fewest writing rows
	ruling float64 // the height of a row
	// box returns the box's units: rows writing rows and a foot pad high.
	box func(rows int, pad float64) []unit
}

// units returns the box filling a height h: as many rows as fit above a
// foot of at least half a row, and at least f.min, the foot taking what is
// left.
func (f *filler) units(h float64) []unit {
	rows := max(f.min, int((h-0.5*f.ruling)/f.ruling))
	pad := max(0.5*f.ruling, h-float64(rows)*f.ruling)
	return f.box(rows, pad)
}

// need is the least height of the box.
func (f *filler) need() float64 { return (float64(f.min) + 0.5) * f.ruling }
