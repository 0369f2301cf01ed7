package layout

import (
	"handout/document"
	"handout/fonts"
)

// quoteKind sets a quote block: a quotation indented from both sides in
// italics (its italic text upright), with a bar at its left and its source
// right-aligned beneath in smaller bold type; in large print, upright, with
// the source left-aligned. The quotation and its source stay together
// unless they are taller than a page. It is a BlockQuote of a P for each
// paragraph and one for the source; the bar is an artifact.
type quoteKind struct{ *document.Quote }

func (quoteKind) spacing() spacing { return spacing{around: 0.85} }

func (quoteKind) maxCut() int { return 0 }

func (k quoteKind) set(b *builder, in *Node) []unit {
	indent := 2 * b.size
	x, width := b.left+indent, b.width-2*indent
	bar := &group{draw: func(top, bottom float64) []Item {
		return []Item{Box{X: x - 0.85*b.size, Y: top + 0.15*b.lead, W: b.barWidth(), H: bottom - top - 0.3*b.lead, Fill: paint(accent), Tag: layoutArt}}
	}}
	quote := in.add(RoleBlockQuote)
	var us []unit
	for i, p := range k.Paragraphs {
		start := len(us)
		us = b.appendLines(us, b.marked(p, b.quoteStyle()), b.size, b.lead, x, width, 0, solid(ink), content(quote.add(RoleP)))
		if i > 0 && len(us) > start {
			us[start].space = 0.4 * b.lead
		}
	}
	for i := range us {
		us[i].group = bar
	}
	if len(k.Source) > 0 {
		ss := 0.88 * b.size
		src := b.lines(b.marked(k.Source, fonts.Bold), ss, b.pitch(ss, 1.35), x, width, 2*b.centre(), solid(muted), content(quote.add(RoleP)))
		src[0].space = 0.2 * b.lead
		us = append(us, src...)
	}
	return keepAll(us)
}

// quoteStyle is the style of quotations: italic, or upright in large print.
func (b *builder) quoteStyle() fonts.Style {
	if b.large {
		return fonts.Regular
	}
	return fonts.Italic
}

// barWidth is the width of the bar beside a quotation: wider in large
// print, where it alone sets the quotation off.
func (b *builder) barWidth() float64 {
	if b.large {
		return 3
	}
	return 1.8
}
