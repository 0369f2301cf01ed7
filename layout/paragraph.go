package layout

// This file sets text in lines and paragraphs, the pieces every kind of
// block is made of.

import (
	"slices"

	"handout/document"
	"handout/fonts"
)

// lines wraps spans into units of one line each, set at size with line
// height lead, starting at x in a column width wide, its runs tagged tag
// (see textTags). align places each line: 0 left, 0.5 centred, 1 right.
func (b *builder) lines(spans []span, size, lead, x, width, align float64, color func(fonts.Style) Color, tag Tag) []unit {
	return b.appendLines(nil, spans, size, lead, x, width, align, color, tag)
}

// appendLines is lines appending the units to us. A line with gaps has
// its runs among its items, each gap in its place (see gapItems).
func (b *builder) appendLines(us []unit, spans []span, size, lead, x, width, align float64, color func(fonts.Style) Color, tag Tag) []unit {
	wrapped := b.at(size).wrap(spans, width)
	base := b.baseline(size, lead)
	gaps := slices.ContainsFunc(spans, func(s span) bool { return s.gap })
	tt := b.textTags(tag, spans)
	us = slices.Grow(us, len(wrapped))
	for _, l := range wrapped {
		lx := x + (width-l.width)*align
		u := unit{height: lead, texts: l.runs(lx, base, size, color, tt), items: l.links(lx, base, size, lead, tt)}
		if gaps {
			u.texts, u.items = b.gapItems(l, lx, base, size, u.texts, u.items, tt)
		}
		us = append(us, u)
	}
	return us
}

// appendParagraph is appendLines with widow and orphan control: the first
// two lines and the last two stay together.
func (b *builder) appendParagraph(us []unit, spans []span, size, lead, x, width, align float64, color func(fonts.Style) Color, tag Tag) []unit {
	start := len(us)
	us = b.appendLines(us, spans, size, lead, x, width, align, color, tag)
	if n := len(us) - start; n >= 2 {
		us[start].keep = true
		us[start+n-2].keep = true
	}
	return us
}

// paragraphs sets paragraphs in the column from x, width wide, each a P
// inside the element in.
func (b *builder) paragraphs(ps []document.Inline, x, width float64, in *Node) []unit {
	var us []unit
	for i, p := range ps {
		start := len(us)
		us = b.appendParagraph(us, b.marked(p, fonts.Regular), b.size, b.lead, x, width, 0, solid(ink), content(in.add(RoleP)))
		if i > 0 && len(us) > start {
			us[start].space = 0.5 * b.lead
		}
	}
	return us
}

// leadIn keeps the last of us, the units of paragraphs ps, with what
// follows when ps ends with a colon: a lead-in stays with what it
// introduces.
func leadIn(us []unit, ps []document.Inline) []unit {
	if len(us) > 0 && endsWithColon(ps) {
		us[len(us)-1].keep = true
	}
	return us
}

// endsWithColon reports whether the last paragraph of ps ends with a colon.
func endsWithColon(ps []document.Inline) bool {
	if len(ps) == 0 || len(ps[len(ps)-1]) == 0 {
		return false
	}
	last := ps[len(ps)-1]
	text := last[len(last)-1].Text
	return len(text) > 0 && text[len(text)-1] == ':'
}

// keepAll joins a block's units so that they break only where they must.
func keepAll(us []unit) []unit {
	for i := range us[:max(len(us)-1, 0)] {
		us[i].keep = true
	}
	return us
}

// stroked returns a box whose stroke lies inside the rectangle x, y, w, h:
// a frame, a panel or a tick box, an artifact of the design.
func stroked(x, y, w, h, lw float64, stroke, fill *Color) Box {
	return Box{X: x + lw/2, Y: y + lw/2, W: w - lw, H: h - lw, Stroke: stroke, Fill: fill, LineWidth: lw, Tag: layoutArt}
}

// plain returns the spans of s set in the regular style.
func (t *theme) plain(s string) []span { return t.spans(nil, fonts.Regular, s, "", false) }
