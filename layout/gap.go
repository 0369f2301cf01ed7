package layout

// This file sets gaps, [[answer]] in the content (document.Span.Gap): a
// line of one width in the text for the student to write the answer on,
// and, in the answer key, the answer on it. The wrapper (wrap.go) keeps
// each gap whole, as wide as the theme's gap; appendLines places its items.

import (
	"math"
	"strings"

	"handout/document"
	"handout/fonts"
)

// gapWidth returns the width of every gap's line in d: [worksheet] gap_mm
// (scaled as the body text is in large print), or, when an answer with
// some room around it needs more, the widest answer's. It is one width for
// every gap, so that no line gives away the length of its answer, and the
// same in the student copy and the answer key, so that their lines break
// alike.
func (b *builder) gapWidth(d *document.Document) float64 {
	gapMM := d.Worksheet.GapMM
	if gapMM == 0 {
		gapMM = document.DefaultGapMM
	}
	scale := 1.0
	if d.Style.Size > 0 {
		scale = max(1, b.size/d.Style.Size)
	}
	w := gapMM * mm * scale
	m := b.at(b.size)
	for _, s := range d.Sections {
		for _, blk := range s.Blocks {
			if blk.Body == nil {
				continue
			}
			for _, in := range blk.Body.Texts(false) {
				for _, a := range in.Gaps() {
					for _, st := range []fonts.Style{fonts.Regular, fonts.Bold, fonts.Italic, fonts.BoldItalic} {
						w = max(w, m.width(st, a)+2*gapPad(b.size))
					}
				}
			}
		}
	}
	return w
}

// gapGive returns how much narrower than its width the word w, of text set
// at size, can be on a narrow line: what its gaps can give, as a gap is
// never wider than its line, down to four ems each. A table's column, which
// must hold its widest word, may be that much narrower.
func gapGive(w word, size float64) float64 {
	give := 0.0
	for _, f := range w.frags {
		if f.gap {
			give += max(0, f.width-4*size)
		}
	}
	return give
}

// gapPad is the least room on either side of an answer on its gap's line,
// for text set at size.
func gapPad(size float64) float64 { return 0.6 * size }

// gapItems returns the items of l, a line with gaps set from x on baseline
// y at size: items, with the runs of l, texts, and the line of each of its
// gaps and, in the answer key, its answer, among them in reading order;
// and no texts. A unit's items are drawn before its texts, and so its
// gaps would be, but a tagged PDF reads the content of a paragraph in the
// order it is drawn: each gap, a Span element (see textTags), is to be
// read in its place.
func (b *builder) gapItems(l line, x, y, size float64, texts []Text, items []Item, tt *textTags) ([]Text, []Item) {
	gs := l.gaps(x)
	k := 0 // the next run of texts to place
	for _, g := range gs {
		for ; k < len(texts) && texts[k].X < g.x; k++ {
			items = append(items, texts[k])
		}
		f, w := g.frag, g.frag.width
		gap := Gap{
			X: g.x, Y: y, W: w,
			LineY:     y + 0.2*size,
			LineWidth: max(0.6, 0.055*size),
			Color:     frameC,
			Font:      f.font,
			Size:      size,
			Tag:       tt.of(f),
		}
		if !b.ed.Answers {
			// A blank as text has it, about as long as the line.
			under := b.at(size).fontWidth(f.font, "_")
			n := max(1, int(math.Round(w/under)))
			gap.Text, gap.TextWidth = strings.Repeat("_", n), float64(n)*under
			items = append(items, gap)
			continue
		}
		items = append(items, gap)
		for _, t := range b.gapAnswer(f, g.x, y, size) {
			t.Tag = gap.Tag
			items = append(items, t)
		}
	}
	for ; k < len(texts); k++ {
		items = append(items, texts[k])
	}
	return nil, items
}

// gapAnswer returns the answer of the gap f, set from x on baseline y at
// size, in the answer colour, centred on its line: smaller, when the line
// is narrower than the answer (only on a line narrower than the gap). It
// is one Text, or one for each font of its characters.
func (b *builder) gapAnswer(f frag, x, y, size float64) []Text {
	text := document.Inline{{Text: f.text}}.String() // without its invisible characters
	tw := b.at(size).width(f.style, text)
	if room := f.width - 2*gapPad(size)/3; tw > room && tw > 0 {
		size *= room / tw
	}
	ts, tw := b.set(text, f.style, size, x, y, answer)
	return shifted(ts, (f.width-tw)/2)
}
