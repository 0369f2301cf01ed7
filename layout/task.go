package layout

import (
	"handout/document"
	"handout/fonts"
)

// taskKind sets a task block: a shaded panel holding the bold label, the
// task's text and its bulleted items, and, for a task with a model answer,
// writing lines for it, on which the answer key writes it. The panel stays
// whole on one page when it fits. It is a Sect of a P for the label and
// each paragraph, an L of its items and the answer's P in the answer key;
// the panel and the lines are artifacts.
type taskKind struct{ *document.Task }

func (taskKind) spacing() spacing { return spacing{around: 1} }

func (taskKind) maxCut() int { return 0 }

func (k taskKind) set(b *builder, in *Node) []unit {
	pad := 0.9 * b.size
	x, width := b.left+pad, b.width-2*pad
	g := &group{draw: func(top, bottom float64) []Item {
		return []Item{stroked(b.left, top, b.width, bottom-top, 0.8, paint(accent), paint(tint))}
	}}
	sect := in.add(RoleSect)
	us := b.lines(b.marked(k.Label, fonts.Bold), b.size, b.lead, x, width, 0, solid(accent), content(sect.add(RoleP)))
	body := b.paragraphs(k.Paragraphs, x, width, sect)
	if len(body) > 0 {
		body[0].space = 0.2 * b.lead
	}
	us = append(us, body...)
	var items *Node
	for _, it := range k.Items {
		if items == nil {
			items = sect.add(RoleL)
		}
		bu := b.bullets([]document.Inline{it}, x, width, items)
		bu[0].space = 0.3 * b.lead
		us = append(us, bu...)
	}
	us = append(us, b.answerLines(k.Answer.Paragraphs, x, width, sect)...)
	us = append([]unit{{height: pad - 0.15*b.lead}}, us...)
	us = append(us, unit{height: pad - 0.15*b.lead})
	for i := range us {
		us[i].group = g
	}
	return keepAll(us)
}
