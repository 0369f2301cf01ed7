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
//
// It is an item of the list of questions (see part), whose LBody holds,
// after its text and marks, an L of the left texts, each an LI of its
// number and of its text and, in the answer key, its letter, and an L of
// the right texts, each an LI of its letter and its text; the boxes and
// the dots are artifacts.
type matchKind struct{ *document.Match }

func (matchKind) spacing() spacing { return spacing{around: 1.2} }

func (matchKind) maxCut() int { return 0 }

func (k matchKind) set(b *builder, in *Node) []unit {
	stem := document.Part{Text: k.Prompt, Marks: k.Marks, Marked: k.Marked}
	us, body := b.part(&stem, 1, b.left, b.numberLabel(k.Match), partRef{}, nil, in.list("question"))
	rows := b.matchRows(k.Match, b.left+b.labelWidth(1), body)
	rows[0].space = 0.5 * b.lead
	return keepAll(append(us, rows...))
}

// matchRows sets the two columns of m from x to the right of the text
// column, one unit a row: left text i beside the right text of pair
// order[i]. On a page too narrow for two columns of a few words each,
// the right column comes under the left one instead. Its lists are in
// the element in.
func (b *builder) matchRows(m *document.Match, x float64, in *Node) []unit {
	lefts, rights := in.add(RoleL), in.add(RoleL)
	order := b.arr.matchOrder(m)
	row := make([]int, len(order)) // the row of each pair's right text
	for k, i := range order {
		row[i] = k
	}
	at := b.at(b.size)
	right := b.left + b.width
	gutter := 2 * b.size
	numW := at.width(fonts.Regular, strconv.Itoa(len(order))+".") + 0.5*b.size
	letterW := 0.0
	for i := range order {
		letterW = max(letterW, at.width(fonts.Bold, document.ChoiceLetter(i)))
	}
	letterW += 0.5 * b.size
	side := b.letterSide()
	colW := (right - x - gutter) / 2
	rx := x + colW + gutter
	if colW-numW-side-b.size < 5*b.size || right-rx-letterW < 5*b.size {
		// One column under the other, each as wide as the text.
		colW, rx = right-x, x
	}
	us := make([]unit, 0, 2*len(order))
	for i, p := range m.Pairs {
		us = append(us, b.matchLeft(p.Left, i, row[i], x, colW, numW, lefts))
	}
	var rus []unit
	for k, i := range order {
		rus = append(rus, b.matchRight(m.Pairs[i].Right, k, rx, right, letterW, rights))
	}
	if rx == x {
		rus[0].space = 0.8 * b.lead
		return append(us, rus...)
	}
	// Side by side: row k has the left text k and the right text k.
	for k := range us {
		r := rus[k]
		us[k].texts = append(us[k].texts, r.texts...)
		us[k].items = append(us[k].items, r.items...)
		us[k].height = max(us[k].height, r.height)
	}
	return us
}

// matchLeft sets left text i of a matching exercise in a column from x,
// colW wide: its number, its text and, at the column's end, the box for
// the letter of its match, which is in row; the answer key writes that
// letter in the box. It is an item of the list l.
func (b *builder) matchLeft(text document.Inline, i, row int, x, colW, numW float64, l *Node) unit {
	side := b.letterSide()
	base := b.baseline(b.size, b.lead)
	u := unit{space: 0.45 * b.lead}
	lbl, body := l.item(true)
	nt, nw := b.set(strconv.Itoa(i+1)+".", fonts.Regular, b.size, x+numW-0.5*b.size, base, muted)
	u.texts = append(u.texts, tagged(shifted(nt, -nw), content(lbl))...)
	lines := b.cellLines(&u, text, x+numW, colW-numW-side-b.size, base, body.add(RoleP))
	bx := x + colW - side
	u.items = append(u.items, stroked(bx, base-b.capHeight(b.size)/2-side/2, side, side, 0.8, paint(ink), nil))
	if end := firstLineEnd(u.texts, base) + 0.6*b.size; bx-0.6*b.size-end > 2*b.size {
		// Dots lead the eye from a short text to its box.
		u.items = append(u.items, Rule{X0: end, Y0: base, X1: bx - 0.6*b.size, Y1: base, Width: 0.9, Color: rule, Dash: []float64{0, 3.6}, Round: true, Tag: layoutArt})
	}
	if b.ed.Answers {
		lt, w := b.set(document.ChoiceLetter(row), fonts.Bold, b.size, bx, base, answer)
		u.texts = append(u.texts, tagged(shifted(lt, (side-w)/2), content(body.add(RoleP)))...)
	}
	u.height = float64(lines) * b.lead
	return u
}

// matchRight sets the right text of row k of a matching exercise from x
// to right: its letter, then the text. It is an item of the list l.
func (b *builder) matchRight(text document.Inline, k int, x, right, letterW float64, l *Node) unit {
	base := b.baseline(b.size, b.lead)
	u := unit{space: 0.45 * b.lead}
	lbl, body := l.item(true)
	lt, _ := b.set(document.ChoiceLetter(k), fonts.Bold, b.size, x, base, ink)
	u.texts = append(u.texts, tagged(lt, content(lbl))...)
	u.height = float64(b.cellLines(&u, text, x+letterW, right-x-letterW, base, body.add(RoleP))) * b.lead
	return u
}

// cellLines wraps text into width at x, its first baseline y down from
// the top of u, and adds its runs and links to u, as content of the
// element in. It returns the number of lines.
func (b *builder) cellLines(u *unit, text document.Inline, x, width, y float64, in *Node) int {
	spans := b.marked(text, fonts.Regular)
	tt := b.textTags(content(in), spans)
	lines := b.at(b.size).wrap(spans, max(width, b.size))
	for k, l := range lines {
		dy := float64(k) * b.lead
		u.texts = append(u.texts, l.runs(x, y+dy, b.size, solid(ink), tt)...)
		u.items = append(u.items, translated(l.links(x, y, b.size, b.lead, tt), 0, dy)...)
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
