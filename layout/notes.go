package layout

import (
	"slices"
	"unicode/utf8"

	"handout/document"
	"handout/fonts"
	"handout/linebreak"
)

// notesKind sets a notes block: the bold "Notes:" label and the prompt,
// then a bordered box of writing lines; prompt and box share a page. A
// model answer is written on the box's lines in the answer key, and must
// fit in them; a "fill" box takes the rest of its page. fit_pages takes
// writing lines from the box, down to its min_lines. It is a Div of a P,
// the label and the prompt, and the answer's P in the answer key; the box
// and its lines are artifacts.
type notesKind struct {
	*document.Notes
	pos document.Pos // the block's, for errors
}

func (notesKind) spacing() spacing { return spacing{around: 1} }

// maxCut implements kind: a box gives up no more than its lines, and a
// "fill" box none, as it takes what is left.
func (k notesKind) maxCut() int {
	if k.Fill {
		return 0
	}
	return k.Lines
}

func (k notesKind) set(b *builder, in *Node) []unit {
	div := in.add(RoleDiv)
	label := b.spans(nil, fonts.Bold, b.labels.Notes, "", false)
	var us []unit
	if len(k.Prompt) == 0 && len(label) > 0 {
		us = b.lines(label, b.size, b.lead, b.left, b.width, 0, solid(ink), content(div.add(RoleP)))
	}
	for i, p := range k.Prompt {
		spans := b.marked(p, fonts.Regular)
		if i == 0 && len(label) > 0 {
			// The space after the label is a span of its own, so that
			// the prompt's first span keeps its own font and link; a
			// label that ends in a full-width character, such as the
			// colon of "笔记：", has its space in it.
			sep := " "
			if last, _ := utf8.DecodeLastRuneInString(b.labels.Notes); linebreak.Wide(last) {
				sep = ""
			}
			spans = append(b.spans(slices.Clip(label), fonts.Regular, sep, "", false), spans...)
		}
		pu := b.lines(spans, b.size, b.lead, b.left, b.width, 0, solid(ink), content(div.add(RoleP)))
		if i > 0 {
			pu[0].space = 0.3 * b.lead
		}
		us = append(us, pu...)
	}
	inset := b.boxInset()
	ans := b.answerRows(k.Answer.Paragraphs, b.left+inset, b.width-2*inset, div)
	if k.Fill {
		f := &filler{min: max(fillMin, len(ans)), ruling: b.ruling, box: func(rows int, pad float64) []unit {
			return b.writingBox(rows, k.Ruling, b.left, b.width, ans, pad)
		}}
		return keepAll(append(us, unit{space: 0.35 * b.lead, fill: f}))
	}
	n := b.cutLines(k.Lines, k.MinLines, len(ans))
	if len(ans) > n {
		b.fail(k.Answer.Pos, "the answer of the notes block at line %d needs %d writing lines and its box has %d: shorten the answer or raise lines to %d",
			k.pos.Line, len(ans), n, len(ans))
	}
	box := b.writingBox(n, k.Ruling, b.left, b.width, ans, 0.5*b.ruling)
	box[0].space = 0.35 * b.lead
	return keepAll(append(us, box...))
}
