package layout

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"handout/document"
	"handout/fonts"
)

// Worksheet lays out the worksheet pages of d: the title block, the
// sections and their blocks, and a footer on every page. It is the student
// edition: WorksheetEdition with no edition switches.
func Worksheet(d *document.Document) (*Result, error) {
	return WorksheetEdition(d, Edition{})
}

// worksheet lays out the worksheet pages of d in edition ed, squeezed by tn,
// on at most limit pages: when it needs more, it stops as it passes the
// limit and returns a *pagesError.
func worksheet(d *document.Document, ed Edition, tn tune, limit int) (*Result, error) {
	if len(d.Sections) == 0 {
		return nil, errors.New("the worksheet has no sections")
	}
	images, err := usedImages(d)
	if err != nil {
		return nil, err
	}
	p := d.Worksheet.Paper
	b, err := newEditionBuilder(d, ed, tn)
	if err != nil {
		return nil, err
	}
	defer b.release()
	f := frame{width: p.Width, height: p.Height, top: b.margin, bottom: p.Height - b.margin - b.footerZone()}
	b.images, b.flowHeight = images, f.bottom-f.top
	fl := newFlow(f, limit)
	fl.add(b.join(b.pieces(d)))
	if b.err != nil {
		return nil, b.err
	}
	if fl.over {
		return nil, &pagesError{limit: limit, section: fl.section}
	}
	b.footers(fl.pages)
	title := d.Worksheet.Title.String()
	if ed.Answers {
		title += " (answers)"
	}
	return &Result{
		Pages:    fl.pages,
		Outline:  fl.outline,
		Title:    title,
		Author:   d.Worksheet.Author,
		Language: d.Worksheet.Language,
		Images:   images,
	}, nil
}

// usedImages returns the image files that d's image blocks show, by path,
// or nil when there are none. Every one must be in d.Images, with a size.
func usedImages(d *document.Document) (map[string]*document.ImageFile, error) {
	var used map[string]*document.ImageFile
	for _, s := range d.Sections {
		for _, blk := range s.Blocks {
			if blk.Kind != document.Image {
				continue
			}
			img := d.Images[blk.ImagePath]
			if img == nil || img.Width <= 0 || img.Height <= 0 {
				return nil, fmt.Errorf("image %q was not loaded", blk.ImagePath)
			}
			if used == nil {
				used = map[string]*document.ImageFile{}
			}
			used[blk.ImagePath] = img
		}
	}
	return used, nil
}

// builder turns a document's parts into units of the flow.
type builder struct {
	*theme
	left, width float64 // the text column
	footer      document.Footer
	link        string // the footer's URL, if any

	ed         Edition
	tn         tune
	minLines   int     // the worksheet's min_lines
	gapScale   float64 // spacing between blocks, 1 unless fit_pages tightens it
	err        error   // the first problem found, such as an answer too long for its box
	images     map[string]*document.ImageFile
	flowHeight float64 // the height an empty page gives the flow
}

// newBuilder measures d with its style on paper p.
func newBuilder(d *document.Document, p document.Paper) (*builder, error) {
	return newStyledBuilder(d, p, d.Style)
}

// newStyledBuilder measures d with style s on paper p.
func newStyledBuilder(d *document.Document, p document.Paper, s document.Style) (*builder, error) {
	t, err := newTheme(s)
	if err != nil {
		return nil, err
	}
	return &builder{
		theme:    t,
		left:     t.margin,
		width:    p.Width - 2*t.margin,
		footer:   d.Worksheet.Footer,
		link:     d.Worksheet.FooterLink,
		minLines: d.Worksheet.MinLines,
		gapScale: 1,
	}, nil
}

// fail records a problem with the content at pos; the first one is
// returned.
func (b *builder) fail(pos document.Pos, format string, args ...any) {
	if b.err == nil {
		b.err = &PosError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	}
}

// role is what a piece of the flow is, as spacing sees it.
type role uint8

const (
	roleTitle role = iota
	roleHeading
	roleBullet
	roleText
	roleQuote
	roleNotes
	roleTask
	roleImage
)

// roleOf returns the role of a block of kind k.
func roleOf(k document.Kind) role {
	switch k {
	case document.Bullet:
		return roleBullet
	case document.Quote:
		return roleQuote
	case document.Notes:
		return roleNotes
	case document.Task:
		return roleTask
	case document.Image:
		return roleImage
	}
	return roleText
}

// piece is the units of one title block, heading or block.
type piece struct {
	role  role
	units []unit
}

// pieces lays out every part of the worksheet, in order.
func (b *builder) pieces(d *document.Document) []piece {
	ps := []piece{{roleTitle, b.titleBlock(d.Worksheet)}}
	for i, s := range d.Sections {
		text := s.Heading
		if d.Worksheet.NumberSections {
			text = append(document.Inline{{Text: strconv.Itoa(i+1) + ". "}}, s.Heading...)
		}
		h := b.heading(text)
		h[0].at = s.Pos
		ps = append(ps, piece{roleHeading, h})
		for _, blk := range s.Blocks {
			ps = append(ps, piece{roleOf(blk.Kind), b.block(blk)})
		}
	}
	return ps
}

// join strings pieces together with the space each pair asks for. The
// title and headings stay with what follows them.
func (b *builder) join(ps []piece) []unit {
	n := 0
	for _, p := range ps {
		n += len(p.units)
	}
	us := make([]unit, 0, n)
	for i, p := range ps {
		if len(p.units) == 0 {
			continue
		}
		if i > 0 {
			p.units[0].space = b.gap(ps[i-1].role, p.role)
		}
		if (p.role == roleTitle || p.role == roleHeading) && i < len(ps)-1 {
			p.units[len(p.units)-1].keep = true
		}
		us = append(us, p.units...)
	}
	return us
}

// gap returns the space between a piece of role prev and one of role next:
// the larger of what each asks for, in body line heights.
func (b *builder) gap(prev, next role) float64 {
	around := func(r role) float64 {
		switch r {
		case roleQuote:
			return 0.85
		case roleNotes, roleTask, roleImage:
			return 1.0
		case roleHeading:
			return 1.5
		}
		return 0.6
	}
	k := b.lead * b.gapScale
	switch {
	case prev == roleTitle:
		return 0.8 * k
	case prev == roleHeading:
		return 0.3 * k
	case prev == roleBullet && next == roleBullet:
		return 0.3 * k
	}
	return max(around(prev), around(next)) * k
}

// lines wraps spans into units of one line each, set at size with line
// height lead, starting at x in a column width wide. align places each line:
// 0 left, 0.5 centred, 1 right.
func (b *builder) lines(spans []span, size, lead, x, width, align float64, color func(fonts.Face) Color) []unit {
	return b.appendLines(nil, spans, size, lead, x, width, align, color)
}

// appendLines is lines appending the units to us.
func (b *builder) appendLines(us []unit, spans []span, size, lead, x, width, align float64, color func(fonts.Face) Color) []unit {
	wrapped := b.at(size).wrap(spans, width)
	base := b.baseline(size, lead)
	us = slices.Grow(us, len(wrapped))
	for _, l := range wrapped {
		lx := x + (width-l.width)*align
		us = append(us, unit{height: lead, texts: l.runs(lx, base, size, color), items: l.links(lx, lead)})
	}
	return us
}

// appendParagraph is appendLines with widow and orphan control: the first
// two lines and the last two stay together.
func (b *builder) appendParagraph(us []unit, spans []span, size, lead, x, width, align float64, color func(fonts.Face) Color) []unit {
	start := len(us)
	us = b.appendLines(us, spans, size, lead, x, width, align, color)
	if n := len(us) - start; n >= 2 {
		us[start].keep = true
		us[start+n-2].keep = true
	}
	return us
}

// keepAll joins a block's units so that they break only where they must.
func keepAll(us []unit) []unit {
	for i := range us[:max(len(us)-1, 0)] {
		us[i].keep = true
	}
	return us
}

// stroked returns a box whose stroke lies inside the rectangle x, y, w, h.
func stroked(x, y, w, h, lw float64, stroke, fill *Color) Box {
	return Box{X: x + lw/2, Y: y + lw/2, W: w - lw, H: h - lw, Stroke: stroke, Fill: fill, LineWidth: lw}
}

func (t *theme) plain(s string) []span { return []span{{face: t.face(fonts.Regular), text: s}} }

// titleBlock is the title, subtitle, optional name line and a rule.
func (b *builder) titleBlock(w document.Worksheet) []unit {
	ts := b.size * 1.9
	us := b.lines(b.marked(w.Title, fonts.Bold), ts, b.pitch(ts, 1.2), b.left, b.width, b.centre(), solid(ink))
	if len(w.Subtitle) > 0 {
		ss := b.size * 1.15
		sub := b.lines(b.marked(w.Subtitle, fonts.Regular), ss, b.pitch(ss, 1.3), b.left, b.width, b.centre(), solid(muted))
		sub[0].space = 0.15 * b.lead
		us = append(us, sub...)
	}
	if w.NameLine {
		us = append(us, b.nameLine([]string{"Name", "Class", "Date"}, []float64{0.5, 0.25, 0.25}))
	}
	us = append(us, unit{
		space:  0.5 * b.lead,
		height: 0.8,
		items:  []Item{Rule{X0: b.left, Y0: 0.4, X1: b.left + b.width, Y1: 0.4, Width: 0.8, Color: accent}},
	})
	return keepAll(us)
}

// nameLine is a row of labels, each followed by a line to write on, sharing
// the column in the given proportions.
func (b *builder) nameLine(labels []string, share []float64) unit {
	lead := 2 * b.lead
	base := lead - 0.35*b.lead
	u := unit{space: 0.4 * b.lead, height: lead}
	x := b.left
	gutter := 1.2 * b.size
	for i, l := range labels {
		span := share[i]*(b.width+gutter) - gutter
		w := b.at(b.size).width(b.face(fonts.Regular), l)
		u.items = append(u.items,
			Text{X: x, Y: base, Face: b.face(fonts.Regular), Size: b.size, Color: muted, Text: l, Width: w},
			Rule{X0: x + w + 0.4*b.size, Y0: base + 1, X1: x + span, Y1: base + 1, Width: 0.6, Color: frameC},
		)
		x += span + gutter
	}
	return u
}

// heading sets a section heading, with its bookmark.
func (b *builder) heading(text document.Inline) []unit {
	hs := b.size * 1.27
	us := keepAll(b.lines(b.marked(text, fonts.Bold), hs, b.pitch(hs, 1.25), b.left, b.width, 0, solid(accent)))
	us[0].mark = text.String()
	return us
}

// block lays out one block at the top of its own units.
func (b *builder) block(blk document.Block) []unit {
	var us []unit
	switch blk.Kind {
	case document.Bullet:
		us = b.bullets(blk.Paragraphs, b.left, b.width)
	case document.Text:
		us = b.paragraphs(blk.Paragraphs, b.left, b.width)
	case document.Quote:
		us = b.quote(blk)
	case document.Notes:
		us = b.notes(blk)
	case document.Task:
		us = b.task(blk)
	case document.Image:
		us = b.image(blk)
	}
	// A lead-in ending in a colon stays with what it introduces.
	if k := blk.Kind; (k == document.Bullet || k == document.Text) && len(us) > 0 && endsWithColon(blk.Paragraphs) {
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

// paragraphs sets paragraphs in the column from x, width wide.
func (b *builder) paragraphs(ps []document.Inline, x, width float64) []unit {
	var us []unit
	for i, p := range ps {
		start := len(us)
		us = b.appendParagraph(us, b.marked(p, fonts.Regular), b.size, b.lead, x, width, 0, solid(ink))
		if i > 0 && len(us) > start {
			us[start].space = 0.5 * b.lead
		}
	}
	return us
}

// bullets sets a bulleted item: a small square drawn as a shape, and the
// text with a hanging indent. Later paragraphs of the item hang too.
func (b *builder) bullets(ps []document.Inline, x, width float64) []unit {
	indent := 1.3 * b.size
	us := b.paragraphs(ps, x+indent, width-indent)
	if len(us) == 0 {
		return us
	}
	side := 0.34 * b.size
	cy := b.baseline(b.size, b.lead) - b.xHeight(b.size)/2
	sq := Box{X: x + 0.2*b.size, Y: cy - side/2, W: side, H: side, Fill: paint(accent)}
	us[0].items = append([]Item{sq}, us[0].items...)
	return us
}

// quote sets a quotation indented from both sides in italics (its italic
// text upright), with a bar at its left and its source right-aligned
// beneath in smaller bold type; in large print, upright, with the source
// left-aligned. The quotation and its source stay together unless they are
// taller than a page.
func (b *builder) quote(blk document.Block) []unit {
	indent := 2 * b.size
	x, width := b.left+indent, b.width-2*indent
	bar := &group{draw: func(top, bottom float64) []Item {
		return []Item{Box{X: x - 0.85*b.size, Y: top + 0.15*b.lead, W: b.barWidth(), H: bottom - top - 0.3*b.lead, Fill: paint(accent)}}
	}}
	var us []unit
	for i, p := range blk.Paragraphs {
		start := len(us)
		us = b.appendLines(us, b.marked(p, b.quoteStyle()), b.size, b.lead, x, width, 0, solid(ink))
		if i > 0 && len(us) > start {
			us[start].space = 0.4 * b.lead
		}
	}
	for i := range us {
		us[i].group = bar
	}
	if len(blk.Source) > 0 {
		ss := 0.88 * b.size
		src := b.lines(b.marked(blk.Source, fonts.Bold), ss, b.pitch(ss, 1.35), x, width, 2*b.centre(), solid(muted))
		src[0].space = 0.2 * b.lead
		us = append(us, src...)
	}
	return keepAll(us)
}

// notes sets the bold "Notes:" label and the prompt, then a bordered box of
// writing lines; prompt and box share a page. A model answer is written on
// the box's lines in the answer key, and must fit in them; a "fill" box
// takes the rest of its page.
func (b *builder) notes(blk document.Block) []unit {
	label := span{face: b.face(fonts.Bold), text: "Notes:"}
	var us []unit
	if len(blk.Paragraphs) == 0 {
		us = b.lines([]span{label}, b.size, b.lead, b.left, b.width, 0, solid(ink))
	}
	for i, p := range blk.Paragraphs {
		spans := b.marked(p, fonts.Regular)
		if i == 0 {
			// The space after the label is a span of its own, so that
			// the prompt's first span keeps its own face and link.
			spans = append([]span{label, {face: b.face(fonts.Regular), text: " "}}, spans...)
		}
		pu := b.lines(spans, b.size, b.lead, b.left, b.width, 0, solid(ink))
		if i > 0 {
			pu[0].space = 0.3 * b.lead
		}
		us = append(us, pu...)
	}
	inset := b.boxInset()
	ans := b.answerRows(blk.Answer, b.left+inset, b.width-2*inset)
	if blk.Fill {
		f := &filler{min: max(fillMin, len(ans)), ruling: b.ruling, box: func(rows int, pad float64) []unit {
			return b.writingBox(rows, blk.Ruling, b.left, b.width, ans, pad)
		}}
		return keepAll(append(us, unit{space: 0.35 * b.lead, fill: f}))
	}
	n := b.boxLines(blk, len(ans))
	if len(ans) > n {
		b.fail(blk.AnswerPos, "the answer of the notes block at line %d needs %d writing lines and its box has %d: shorten the answer or raise lines to %d",
			blk.Pos.Line, len(ans), n, len(ans))
	}
	box := b.writingBox(n, blk.Ruling, b.left, b.width, ans, 0.5*b.ruling)
	box[0].space = 0.35 * b.lead
	return keepAll(append(us, box...))
}

// boxInset is the space between a writing box's border and its lines.
func (b *builder) boxInset() float64 { return 0.75 * b.size }

// boxLines returns how many writing lines the box of notes block blk has:
// its lines, less those that fit_pages takes, but never fewer than its
// min_lines nor than need, the lines its answer is written on.
func (b *builder) boxLines(blk document.Block, need int) int {
	n := blk.Lines
	if b.tn.cut == 0 {
		return n
	}
	floor := b.minLines
	if blk.MinLines > 0 {
		floor = blk.MinLines
	}
	floor = max(min(n, floor), min(n, need))
	return max(floor, n-b.tn.cut)
}

// writingBox is a bordered box of n writing rows, ruling apart, as units of
// one row each so that a box taller than a page can continue on the next,
// and a foot pad high. Row k carries ans[k], the runs of the answer's line
// k, when there is one.
func (b *builder) writingBox(n int, r document.Ruling, x, width float64, ans [][]Text, pad float64) []unit {
	g := &group{draw: func(top, bottom float64) []Item {
		return []Item{stroked(x, top, width, bottom-top, 0.75, paint(frameC), nil)}
	}}
	inset := b.boxInset()
	us := make([]unit, 0, n+1)
	for k := range n {
		u := unit{height: b.ruling, group: g}
		u.items = b.writingRow(r, k, x+inset, x+width-inset)
		if k < len(ans) {
			u.texts = ans[k]
		}
		us = append(us, u)
	}
	return append(us, unit{height: pad, group: g})
}

// writingRow draws row k of a writing area between x0 and x1: its writing line
// at the row's foot and, for a grid, the verticals up to the row above.
func (b *builder) writingRow(r document.Ruling, k int, x0, x1 float64) []Item {
	y := b.ruling
	switch r {
	case document.Lines:
		return []Item{Rule{X0: x0, Y0: y, X1: x1, Y1: y, Width: 0.5, Color: rule}}
	case document.Dotted:
		return []Item{Rule{X0: x0, Y0: y, X1: x1, Y1: y, Width: 0.9, Color: frameC, Dash: []float64{0, 3.6}, Round: true}}
	case document.Grid:
		// Whole squares, centred between x0 and x1.
		cells := int((x1 - x0) / b.ruling)
		x0 += (x1 - x0 - float64(cells)*b.ruling) / 2
		x1 = x0 + float64(cells)*b.ruling
		items := []Item{Rule{X0: x0, Y0: y, X1: x1, Y1: y, Width: 0.4, Color: rule}}
		if k > 0 {
			for c := 0; c <= cells; c++ {
				gx := x0 + float64(c)*b.ruling
				items = append(items, Rule{X0: gx, Y0: 0, X1: gx, Y1: y, Width: 0.4, Color: rule})
			}
		}
		return items
	}
	return nil
}

// task sets a shaded panel holding the bold label, the task's text and its
// bulleted items. The panel stays whole on one page when it fits.
func (b *builder) task(blk document.Block) []unit {
	pad := 0.9 * b.size
	x, width := b.left+pad, b.width-2*pad
	g := &group{draw: func(top, bottom float64) []Item {
		return []Item{stroked(b.left, top, b.width, bottom-top, 0.8, paint(accent), paint(tint))}
	}}
	us := b.lines(b.marked(blk.Label, fonts.Bold), b.size, b.lead, x, width, 0, solid(accent))
	body := b.paragraphs(blk.Paragraphs, x, width)
	if len(body) > 0 {
		body[0].space = 0.2 * b.lead
	}
	us = append(us, body...)
	for _, it := range blk.Items {
		bu := b.bullets([]document.Inline{it}, x, width)
		bu[0].space = 0.3 * b.lead
		us = append(us, bu...)
	}
	us = append(us, b.answerLines(blk.Answer, x, width)...)
	us = append([]unit{{height: pad - 0.15*b.lead}}, us...)
	us = append(us, unit{height: pad - 0.15*b.lead})
	for i := range us {
		us[i].group = g
	}
	return keepAll(us)
}

// image sets a picture and its caption, which share a page. Its width is
// width_mm, or by default its natural size at 96 pixels an inch but no
// wider than the text column; its height keeps its aspect ratio. A picture
// too tall for an empty page, with its caption, is scaled down to fit.
func (b *builder) image(blk document.Block) []unit {
	img := b.images[blk.ImagePath]
	aspect := float64(img.Height) / float64(img.Width)
	w := min(float64(img.Width)*72/96, b.width)
	if blk.WidthMM > 0 {
		w = min(blk.WidthMM*mm, b.width)
	}
	// The caption is no taller than when set in the narrowest column it
	// may have, which leaves room for the picture.
	var capH float64
	if len(blk.Caption) > 0 {
		narrow := b.caption(blk.Caption, 0, blk.Align)
		capH = chainHeight(narrow, false)
	}
	if maxH := max(b.flowHeight-capH, b.lead); w*aspect > maxH {
		w = maxH / aspect
	}
	h := w * aspect
	x := b.left + (b.width-w)*alignShare(blk.Align)
	us := []unit{{height: h, items: []Item{Image{X: x, Y: 0, W: w, H: h, Ref: blk.ImagePath}}}}
	if len(blk.Caption) > 0 {
		us = append(us, b.caption(blk.Caption, w, blk.Align)...)
	}
	return keepAll(us)
}

// captionSize is the type size of image captions: in large print no
// smaller than its other small text.
func (b *builder) captionSize() float64 {
	if b.large {
		return b.footerSize()
	}
	return 0.85 * b.size
}

// caption sets an image's caption, small and muted, under an image w wide
// placed by align: in a column as wide as the image, but at least half the
// text column, against the same side as the image.
func (b *builder) caption(text document.Inline, w float64, align document.Align) []unit {
	cs := b.captionSize()
	cw := max(w, b.width/2)
	share := alignShare(align)
	x := b.left + (b.width-cw)*share
	us := b.lines(b.marked(text, fonts.Regular), cs, b.pitch(cs, 1.3), x, cw, share, solid(muted))
	us[0].space = 0.35 * b.lead
	return us
}

// alignShare returns the share of the free width left of something placed
// by a: 0, a half or all of it.
func alignShare(a document.Align) float64 {
	switch a {
	case document.Left:
		return 0
	case document.Right:
		return 1
	}
	return 0.5
}

// footerSize is the footer's type size.
func (b *builder) footerSize() float64 {
	if b.large {
		return 0.875 * b.size
	}
	return max(0.75*b.size, 7)
}

// footerLines wraps the footer of page n of total.
func (b *builder) footerLines(n, total int) []line {
	text := b.footer.Expand(n, total)
	if text == "" {
		return nil
	}
	return b.at(b.footerSize()).wrap(b.plain(text), b.width)
}

// footerZone is the height kept free above the bottom margin for the
// footer, measured with three-digit page numbers.
func (b *builder) footerZone() float64 {
	n := len(b.footerLines(999, 999))
	if n == 0 {
		return 0
	}
	return float64(n)*b.footerSize()*1.3 + 1.2*b.lead
}

// footers puts the expanded footer, centred, at the foot of every page, as
// a link when the worksheet gives footer_link.
func (b *builder) footers(pages []Page) {
	size := b.footerSize()
	lead := b.pitch(size, 1.3)
	for i := range pages {
		p := &pages[i]
		lines := b.footerLines(i+1, len(pages))
		top := p.Height - b.margin - float64(len(lines))*lead
		for k, l := range lines {
			y := top + float64(k)*lead
			x := b.left + (b.width-l.width)/2
			p.Items = append(p.Items, l.texts(x, y+b.baseline(size, lead), size, solid(muted))...)
			if b.link != "" {
				p.Items = append(p.Items, Link{X: x, Y: y, W: l.width, H: lead, URL: b.link})
			}
		}
	}
}
