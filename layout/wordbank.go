package layout

import (
	"handout/document"
	"handout/fonts"
)

// wordBankSpacing is the space around a word bank, which follows its
// section's heading and stays with what follows it.
var wordBankSpacing = spacing{around: 1}

// wordBank sets a section's word bank: a framed box under the heading,
// headed "Word bank", with its words in rows (see wordRows). It stays whole
// on one page. It is a Div in the section's element sect, of a P for its
// heading and an L of its words; the frame is an artifact.
func (b *builder) wordBank(words []string, sect *Node) []unit {
	div := sect.add(RoleDiv)
	pad := 0.9 * b.size
	x, width := b.left+pad, b.width-2*pad
	g := &group{draw: func(top, bottom float64) []Item {
		return []Item{stroked(b.left, top, b.width, bottom-top, 0.75, paint(frameC), nil)}
	}}
	us := []unit{{height: pad - 0.15*b.lead}}
	us = append(us, b.lines(b.marked(document.Plain(b.labels.WordBank), fonts.Bold), b.size, b.lead, x, width, 0, solid(accent), content(div.add(RoleP)))...)
	rows := b.wordRows(words, x, width, div.add(RoleL))
	rows[0].space = 0.2 * b.lead
	us = append(us, rows...)
	us = append(us, unit{height: pad - 0.15*b.lead})
	for i := range us {
		us[i].group = g
	}
	return keepAll(us)
}

// wordRows sets words in rows from x, width wide: each word whole, in
// order, two ems from the one before, on as few rows as they fill. A word
// wider than a row is wrapped on rows of its own. Each word is an item of
// the list l, an LI of an LBody.
func (b *builder) wordRows(words []string, x, width float64, l *Node) []unit {
	var (
		us    []unit
		row   []Text
		pos   float64 // where the row's text ends, from x
		sep   = 2 * b.size
		m     = b.at(b.size)
		base  = b.baseline(b.size, b.lead)
		flush = func() {
			if len(row) > 0 {
				us = append(us, unit{height: b.lead, texts: row})
				row, pos = nil, 0
			}
		}
	)
	for _, w := range words {
		_, body := l.item(false)
		ww := m.width(fonts.Regular, w)
		if ww > width {
			flush()
			us = b.appendLines(us, b.plain(w), b.size, b.lead, x, width, 0, solid(ink), content(body))
			continue
		}
		if len(row) > 0 && pos+sep+ww > width {
			flush()
		}
		if len(row) > 0 {
			pos += sep
		}
		ts, _ := b.set(w, fonts.Regular, b.size, x+pos, base, ink)
		row = append(row, tagged(ts, content(body))...)
		pos += ww
	}
	flush()
	return us
}
