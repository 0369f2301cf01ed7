package layout

import (
	"strconv"

	"handout/document"
	"handout/fonts"
)

// questionKind sets a question block: its number hanging at the left of
// the text column, its text, its marks ("[4 marks]") right-aligned in the
// column kept for them, its choices (choices.go), its space to answer,
// and its parts (a), (b) … and their parts (i), (ii) …, each label
// hanging under the text above it. A part's text stays on the page of
// its space to answer, and a question's text on the page of its first
// part. fit_pages takes writing lines from every part that has some, down
// to their min_lines. Questions one after another, matching exercises
// too, are the items of one list (see part).
type questionKind struct {
	*document.Question
	pos document.Pos // the block's, for errors
}

func (questionKind) spacing() spacing { return spacing{around: 1.2} }

// maxCut implements kind: the most writing lines of any of its parts.
func (k questionKind) maxCut() int { return mostLines(&k.Part) }

func (k questionKind) set(b *builder, in *Node) []unit {
	us, _ := b.part(&k.Part, 1, b.left, b.numberLabel(k.Question), partRef{line: k.pos.Line}, nil, in.list("question"))
	return us
}

// partRef names a question or part in errors: "the question at line 12",
// "part (b)(ii) of the question at line 12".
type partRef struct {
	path string // the part's labels, such as "(b)(ii)"; "" for the question
	line int    // the question's line
}

// String implements fmt.Stringer.
func (r partRef) String() string {
	q := "the question at line " + strconv.Itoa(r.line)
	if r.path == "" {
		return q
	}
	return "part " + r.path + " of " + q
}

// mostLines returns the most writing lines that p or any of its parts
// has; "fill" lines are not counted, as they take what is left.
func mostLines(p *document.Part) int {
	n := 0
	if !p.Space.Fill {
		n = p.Space.Lines
	}
	for i := range p.Parts {
		n = max(n, mostLines(&p.Parts[i]))
	}
	return n
}

// numberLabel returns the number printed before question q, or "" when
// questions are not numbered.
func (b *builder) numberLabel(q document.Numbered) string {
	if b.paper.numberWidth == 0 {
		return ""
	}
	return strconv.Itoa(b.paper.numbers[q])
}

// The spacing inside a question, in body line heights.
const (
	stemGap = 0.55 // between a question's text and its first part
	partGap = 0.8  // between one part and the next
)

// part sets p, a question (level 1) or a part (2) or a part of a part
// (3), with label, its number or its letter, hanging at x: its text
// (which head, the labels and marks of the parts above it that have no
// text, joins on its first line), its marks, its choices, its space to
// answer, and then its parts. where names it in errors.
//
// It is an item of the list l: an LI of a Lbl, its label, when it has
// one, and an LBody, which part returns, of a P for each paragraph of its
// text, a P for its marks, an L of its choices, its answer's P in the
// answer key and an L of its parts; its lines and boxes are artifacts.
func (b *builder) part(p *document.Part, level int, x float64, label string, where partRef, head []Item, l *Node) ([]unit, *Node) {
	tx := min(x+b.labelWidth(level), b.left+b.width/3)
	base := b.baseline(b.size, b.lead)
	lbl, body := l.item(label != "")
	head = append([]Item(nil), head...)
	if label != "" {
		head = appendTexts(head, b.partLabel(label, level, x, tx, base, lbl))
	}
	us := b.partText(p, tx, body)
	var marks *Node
	if marksAt(p) {
		marks = body.add(RoleP)
	}
	if p.Space.Line && len(us) > 0 {
		us = b.answerLine(p, us, tx, where, body)
	}
	if marks != nil {
		if b.paper.marksApart {
			us = append(us, unit{height: b.lead, texts: b.marksItem(p.Marks, base, marks)})
		} else {
			head = appendTexts(head, b.marksItem(p.Marks, base, marks))
		}
	}
	if cs := b.choiceRows(p, tx, body); len(cs) > 0 {
		if len(us) > 0 {
			cs[0].space = 0.4 * b.lead
		}
		us = append(us, cs...)
	}
	us = append(us, b.answerSpace(p, tx, where, body)...)
	if len(us) > 0 {
		us[0].items = append(head, us[0].items...)
		head = nil
		keepAll(us)
	}
	var parts *Node
	if len(p.Parts) > 0 {
		parts = body.add(RoleL)
	}
	for i := range p.Parts {
		c := &p.Parts[i]
		cl := document.PartLabel(level+1, i)
		pu, _ := b.part(c, level+1, tx, cl, partRef{where.path + cl, where.line}, head, parts)
		head = nil
		if len(us) > 0 {
			pu[0].space = partGap * b.lead
			if i == 0 {
				pu[0].space = stemGap * b.lead
				if us[len(us)-1].fill == nil {
					us[len(us)-1].keep = true // the text stays with its first part
				}
			}
		}
		us = append(us, pu...)
	}
	return us, body
}

// labelWidth is the width of the column that the labels of level hang
// in: question numbers, then (a), (b) …, then (i), (ii) … (see
// maxIndent).
func (b *builder) labelWidth(level int) float64 {
	switch level {
	case 1:
		return b.paper.numberWidth
	case 2:
		return b.at(b.size).width(fonts.Regular, "(m)") + 0.7*b.size
	}
	return b.at(b.size).width(fonts.Regular, "(viii)") + 0.7*b.size
}

// partLabel sets label on baseline y: a question's number in bold against
// x, a part's letter or numeral right-aligned against the text at tx; it
// is content of the Lbl lbl.
func (b *builder) partLabel(label string, level int, x, tx, y float64, lbl *Node) []Text {
	st := fonts.Regular
	if level == 1 {
		st = fonts.Bold
	}
	w := b.at(b.size).width(st, label)
	if level > 1 {
		x = max(tx-0.7*b.size-w, b.left)
	}
	ts, _ := b.set(label, st, b.size, x, y, ink)
	return tagged(ts, content(lbl))
}

// partText sets p's text from x to the column kept for marks, each
// paragraph a P in the element in.
func (b *builder) partText(p *document.Part, x float64, in *Node) []unit {
	var us []unit
	for i, para := range p.Text {
		start := len(us)
		us = b.appendLines(us, b.marked(para, fonts.Regular), b.size, b.lead, x, b.textRight()-x, 0, solid(ink), content(in.add(RoleP)))
		if i > 0 && len(us) > start {
			us[start].space = 0.5 * b.lead
		}
	}
	return us
}

// answerLine puts a short line for a one-word answer at the right of the
// last line of us, p's text set from x, or, when that line leaves no room
// for it, on a line of its own. The answer key writes the answer on it,
// which must fit, a P in the element in.
func (b *builder) answerLine(p *document.Part, us []unit, x float64, where partRef, in *Node) []unit {
	right := b.textRight()
	w := min(max(0.28*b.width, 9*b.size), right-x)
	x0 := right - w
	end := max(x, us[len(us)-1].textEnd())
	if end+b.size > x0 {
		us = append(us, unit{height: b.lead})
	}
	last := &us[len(us)-1]
	base := b.baseline(b.size, b.lead)
	y := base + 0.25*b.size
	last.items = append(last.items, Rule{X0: x0, Y0: y, X1: right, Y1: y, Width: 0.6, Color: frameC, Tag: layoutArt})
	paras := p.Answer.Paragraphs
	if len(paras) == 0 {
		return us
	}
	size, pad := b.answerSize(), 0.3*b.size
	spans := b.marked(paras[0], fonts.Italic)
	lines := b.at(size).wrap(spans, w-2*pad)
	if len(paras) > 1 || len(lines) > 1 {
		b.fail(p.Answer.Pos, "the answer of %s does not fit on its answer line: shorten it, or give lines = 1 instead of answer_line", where)
		return us
	}
	if b.ed.Answers && len(lines) == 1 {
		tt := b.textTags(content(in.add(RoleP)), spans)
		last.texts = append(last.texts, lines[0].runs(x0+pad, base, size, solid(answer), tt)...)
	}
	return us
}

// answerSpace sets the space to answer p in, from x to the right of the
// text column: its writing lines ("fill": to the foot of the page), or
// its blank space; or, when it gives neither but has a model answer, as
// many writing lines as the answer needs, as for a task. The answer key
// writes the answer there, which must fit, each paragraph a P in the
// element in.
func (b *builder) answerSpace(p *document.Part, x float64, where partRef, in *Node) []unit {
	s := p.Space
	if s.Line {
		return nil
	}
	x1 := b.left + b.width
	ans := b.answerRows(p.Answer.Paragraphs, x, x1-x, in)
	var us []unit
	switch {
	case s.Fill:
		f := &filler{min: max(fillMin, len(ans)), ruling: b.ruling, box: func(rows int, pad float64) []unit {
			return b.ruledRows(rows, p.Ruling, x, x1, ans, pad)
		}}
		return []unit{{space: 0.15 * b.lead, fill: f}}
	case s.Lines > 0:
		n := b.cutLines(s.Lines, s.MinLines, len(ans))
		if len(ans) > n {
			b.fail(p.Answer.Pos, "the answer of %s needs %d writing lines and it has %d: shorten the answer or raise lines to %d",
				where, len(ans), n, len(ans))
		}
		us = b.ruledRows(n, p.Ruling, x, x1, ans, 0)
	case s.MM > 0:
		us = b.blankRows(s.MM*mm, ans, p, where)
	case len(ans) > 0:
		us = b.ruledRows(len(ans), p.Ruling, x, x1, ans, 0)
	}
	if len(us) > 0 {
		us[0].space = 0.15 * b.lead
		if p.Ruling == document.Grid && s.MM == 0 {
			us[0].space = 0.45 * b.lead // a grid's top edge clear of the text
		}
	}
	return us
}

// ruledRows is n writing rows, unframed, ruled by r from x0 to x1, each a
// unit, then a pad as high as pad; row k carries ans[k] when there is
// one. A grid is of whole squares from x0, closed at its top.
func (b *builder) ruledRows(n int, r document.Ruling, x0, x1 float64, ans [][]Text, pad float64) []unit {
	switch r {
	case document.Dotted:
		// The round dots stand out half their width past the ends of
		// their rule.
		if rs := b.writingRow(r, 0, x0, x1); len(rs) > 0 {
			x1 -= rs[0].(Rule).Width / 2
		}
	case document.Grid:
		x0 += 0.2 // the grid's left line, 0.4 wide, inside the column
		x1 = x0 + float64(int((x1-x0-0.2)/b.ruling))*b.ruling
	}
	us := b.writingRows(n, r, x0, x1, ans)
	if r == document.Grid && n > 0 {
		// The first row has its verticals, as the rows below, and a rule
		// at its top.
		items := b.writingRow(r, 1, x0, x1)
		top := items[0].(Rule)
		top.Y0, top.Y1 = 0, 0
		us[0].items = append(items, top)
	}
	if pad > 0 {
		us = append(us, unit{height: pad})
	}
	return us
}

// blankRows is blank space h high, as rows a ruling high (so that space
// taller than a page can break), the last taking what is left; the answer
// key writes the answer in them as on writing lines.
func (b *builder) blankRows(h float64, ans [][]Text, p *document.Part, where partRef) []unit {
	rows := int(h/b.ruling + 1e-9)
	if len(ans) > rows {
		b.fail(p.Answer.Pos, "the answer of %s needs %d writing lines (%s mm) and its space_mm = %s has room for %d: shorten the answer or raise space_mm to %s",
			where, len(ans), fmtMM(float64(len(ans))*b.ruling), fmtMM(p.Space.MM*mm), rows, fmtMM(float64(len(ans))*b.ruling))
	}
	var us []unit
	for k := range rows {
		u := unit{height: b.ruling}
		if k < len(ans) {
			u.texts = ans[k]
		}
		us = append(us, u)
	}
	if rest := h - float64(rows)*b.ruling; rest > 0.01 {
		us = append(us, unit{height: rest})
	}
	return us
}

// fmtMM formats a length in points as whole millimetres, rounded up.
func fmtMM(pt float64) string {
	v := pt / mm
	n := int(v)
	if float64(n) < v-1e-6 {
		n++
	}
	return strconv.Itoa(n)
}
