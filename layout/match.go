package layout

import (
	"strconv"

	"handout/document"
	"handout/fonts"
)

// matchKind sets a match block, a numbered question like any other: its
// number, its text and its marks, then two columns: at the left each
// pair's left text, in order, numbered, with a box at the column's end
// for the letter of what it matches; at the right the right texts,
// lettered A, B, C …, shuffled (see matchOrder) so that none is beside
// its own. The answer key writes the right letter in each box. The block
// stays whole on one page when it fits.
type matchKind struct{ *document.Match }

func (matchKind) spacing() spacing { return spacing{around: 1.2} }

func (matchKind) maxCut() int { return 0 }

func (k matchKind) set(b *builder) []unit {
	stem := document.Part{Text: k.Prompt, Marks: k.Marks, Marked: k.Marked}
	us := b.part(&stem, 1, b.left, b.numberLabel(k.Match), partRef{}, nil)
	rows := b.matchRows(k.Match, b.left+b.labelWidth(1))
	rows[0].space = 0.5 * b.lead
	return keepAll(append(us, rows...))
}

// matchRows sets the two columns of m from x to the right of the text
// column, one unit a row: left text i beside the right text of pair
// order[i].
func (b *builder) matchRows(m *document.Match, x float64) []unit {
	order := matchOrder(m, b.version)
	row := make([]int, len(order)) // the row of each pair's right text
	for k, i := range order {
		row[i] = k
	}
	at := b.at(b.size)
	reg, bold := b.face(fonts.Regular), b.face(fonts.Bold)
	right := b.left + b.width
	gutter := 2 * b.size
	colW := (right - x - gutter) / 2
	numW := at.width(reg, strconv.Itoa(len(order))+".") + 0.5*b.size
	side := b.letterSide()
	leftW := colW - numW - side - b.size
	rx := x + colW + gutter
	letterW := 0.0
	for i := range order {
		letterW = max(letterW, at.width(bold, document.ChoiceLetter(i)))
	}
	letterW += 0.5 * b.size
	base := b.baseline(b.size, b.lead)
	top := base - b.capHeight(b.size)/2 - side/2
	us := make([]unit, 0, len(order))
	for i, p := range m.Pairs {
		u := unit{space: 0.45 * b.lead}
		num := strconv.Itoa(i+1) + "."
		nw := at.width(reg, num)
		u.texts = append(u.texts, Text{X: x + numW - 0.5*b.size - nw, Y: base, Face: reg, Size: b.size, Color: muted, Text: num, Width: nw})
		ln := b.cellLines(&u, p.Left, x+numW, leftW, base)
		bx := x + colW - side
		u.items = append(u.items, stroked(bx, top, side, side, 0.8, paint(ink), nil))
		if end := firstLineEnd(u.texts, base) + 0.6*b.size; bx-0.6*b.size-end > 2*b.size {
			// Dots lead the eye from a short text to its box.
			u.items = append(u.items, Rule{X0: end, Y0: base, X1: bx - 0.6*b.size, Y1: base, Width: 0.9, Color: rule, Dash: []float64{0, 3.6}, Round: true})
		}
		if b.ed.Answers {
			l := document.ChoiceLetter(row[i])
			w := at.width(bold, l)
			u.texts = append(u.texts, Text{X: bx + (side-w)/2, Y: base, Face: bold, Size: b.size, Color: answer, Text: l, Width: w})
		}
		l := document.ChoiceLetter(i)
		u.texts = append(u.texts, Text{X: rx, Y: base, Face: bold, Size: b.size, Color: ink, Text: l, Width: at.width(bold, l)})
		rn := b.cellLines(&u, m.Pairs[order[i]].Right, rx+letterW, right-rx-letterW, base)
		u.height = float64(max(ln, rn)) * b.lead
		us = append(us, u)
	}
	return us
}

// cellLines wraps text into width at x, its first baseline y down from
// the top of u, and adds its runs and links to u. It returns the number
// of lines.
func (b *builder) cellLines(u *unit, text document.Inline, x, width, y float64) int {
	lines := b.at(b.size).wrap(b.marked(text, fonts.Regular), max(width, b.size))
	for k, l := range lines {
		dy := float64(k) * b.lead
		u.texts = append(u.texts, l.runs(x, y+dy, b.size, solid(ink))...)
		u.items = append(u.items, translated(l.links(x, b.lead), 0, dy)...)
	}
	return len(lines)
}

// letterSide is the side of the box a matching letter is written in.
func (b *builder) letterSide() float64 { return 1.3 * b.size }

// firstLineEnd returns where the last of texts on baseline y ends.
func firstLineEnd(texts []Text, y float64) float64 {
	end := 0.0
	for _, t := range texts {
		if t.Y == y {
			end = max(end, t.X+t.Width)
		}
	}
	return end
}
