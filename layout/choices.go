package layout

import (
	"slices"

	"handout/document"
	"handout/fonts"
)

// This file sets the choices of a multiple-choice question or part: in a
// grid of columns under its text, each a drawn tick box, its letter and
// its text, which wraps within its column. In the answer key the boxes of
// the right choices are coloured and ticked.

// choiceRows sets p's choices from x to the right of the text column (no
// marks are printed beside them), one unit a row of the grid, in the
// order of the paper's version. They are an L in the element in, each
// choice an LI of its letter, a Lbl, and an LBody of its text's P and, for
// a right choice in the answer key, its tick, a Figure that says so; the
// tick boxes are artifacts.
func (b *builder) choiceRows(p *document.Part, x float64, in *Node) []unit {
	n := len(p.Choices)
	if n == 0 {
		return nil
	}
	list := in.add(RoleL)
	order := b.arr.choiceOrder(p)
	avail := b.left + b.width - x
	side := b.tickSide()
	at := b.at(b.size)
	letterW := 0.0
	for i := range n {
		letterW = max(letterW, at.width(fonts.Bold, document.ChoiceLetter(i)))
	}
	letterX := side + 0.5*b.size
	textX := letterX + letterW + 0.45*b.size
	gutter := 1.5 * b.size
	// No more columns than leave each room for a few letters.
	most := max(1, int(avail/(textX+gutter+2*b.size)))
	cols := min(p.Columns, most)
	if cols == 0 {
		cols = b.choiceColumns(p, avail, textX+gutter, most)
	}
	colW := avail / float64(cols)
	if cols == 1 {
		gutter = 0 // nothing to keep apart
	}
	base := b.baseline(b.size, b.lead)
	top := base - b.capHeight(b.size)/2 - side/2
	var us []unit
	for first := 0; first < n; first += cols {
		u := unit{space: 0.3 * b.lead}
		lines := 1
		for c := 0; c < cols && first+c < n; c++ {
			i := first + c
			ci := order[i]
			cx := x + float64(c)*colW
			lbl, body := list.item(true)
			text := body.add(RoleP)
			u.items = append(u.items, b.tickBox(cx, top, side, slices.Contains(p.Correct, ci), body)...)
			letter := document.ChoiceLetter(i)
			lt, _ := b.set(letter, fonts.Bold, b.size, cx+letterX, base, ink)
			u.texts = append(u.texts, tagged(lt, content(lbl))...)
			spans := b.marked(p.Choices[ci], fonts.Regular)
			tt := b.textTags(content(text), spans)
			wrapped := at.wrap(spans, max(colW-textX-gutter, b.size))
			for k, l := range wrapped {
				u.texts = append(u.texts, l.runs(cx+textX, base+float64(k)*b.lead, b.size, solid(ink), tt)...)
				u.items = append(u.items, translated(l.links(cx+textX, base, b.size, b.lead, tt), 0, float64(k)*b.lead)...)
			}
			lines = max(lines, len(wrapped))
		}
		u.height = float64(lines) * b.lead
		us = append(us, u)
	}
	return us
}

// choiceColumns returns how many columns p's choices take when the file
// does not say: as many as fit on a line avail wide, each choice whole on
// one line in a column, pad being what a column needs besides the
// choice's text, and most at most; then as few as make the same number
// of rows, so that the rows are balanced (four choices that do not fit
// four to a line take two rows of two, not three and one).
func (b *builder) choiceColumns(p *document.Part, avail, pad float64, most int) int {
	widest := 0.0
	at := b.at(b.size)
	for _, c := range p.Choices {
		w := 0.0
		for _, l := range at.wrap(b.marked(c, fonts.Regular), 1e9) {
			w = max(w, l.width)
		}
		widest = max(widest, w+pad)
	}
	n := len(p.Choices)
	cols := min(n, most)
	for cols > 1 && float64(cols)*widest > avail {
		cols--
	}
	rows := (n + cols - 1) / cols
	return (n + rows - 1) / rows
}

// tickSide is the side of a tick box: it scales with the type, so large
// print has larger boxes.
func (b *builder) tickSide() float64 { return 1.05 * b.size }

// capHeight returns the height of capitals at size.
func (b *builder) capHeight(size float64) float64 {
	return float64(b.main(fonts.Regular).Metrics().CapHeight) * size / 1000
}

// tickBox draws a tick box side wide at x, y: a square drawn as a shape,
// not a glyph, an artifact. In the answer key a right choice's box is
// filled with a tint and ticked in the answer colour, which the student
// copy leaves out, so that the two are otherwise alike: a Figure in the
// choice's element in, whose alternative text says that it is the right
// answer.
func (b *builder) tickBox(x, y, side float64, right bool, in *Node) []Item {
	const lw = 0.8
	box := stroked(x, y, side, side, lw, paint(ink), nil)
	if !right || !b.ed.Answers {
		return []Item{box}
	}
	tick := in.add(RoleFigure)
	tick.Alt = b.labels.Correct
	tw := 0.15 * side
	pt := func(fx, fy float64) (float64, float64) { return x + fx*side, y + fy*side }
	ax, ay := pt(0.2, 0.5)
	bx, by := pt(0.42, 0.76)
	cx, cy := pt(0.84, 0.16)
	return retagged([]Item{
		stroked(x, y, side, side, lw, nil, paint(keyTint)),
		box,
		Rule{X0: ax, Y0: ay, X1: bx, Y1: by, Width: tw, Color: answer, Round: true},
		Rule{X0: bx, Y0: by, X1: cx, Y1: cy, Width: tw, Color: answer, Round: true},
	}, content(tick))
}

// translated returns items each moved down by dy and right by dx.
func translated(items []Item, dx, dy float64) []Item {
	for i, it := range items {
		items[i] = it.Translate(dx, dy)
	}
	return items
}
