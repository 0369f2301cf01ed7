package layout

import (
	"errors"
	"fmt"
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
	b.paper = b.newQuestionPaper(d)
	fl := newFlow(f, limit)
	ps, err := b.pieces(d)
	if err != nil {
		return nil, err
	}
	fl.add(b.join(ps))
	if b.err != nil {
		return nil, b.err
	}
	if fl.over {
		return nil, &pagesError{limit: limit, section: fl.section}
	}
	b.footers(fl.pages)
	title := d.Worksheet.Title.String()
	if ed.Answers {
		title += " " + b.labels.answers
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

	labels labels         // the words a question paper prints by itself
	paper  *questionPaper // the questions' numbers and marks (see paper.go)
	// version is the version of the paper, which the order of choices
	// and of matching columns follows (see shuffle.go): 0, the paper
	// every edition prints.
	version int
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
		labels:   english,
	}, nil
}

// fail records a problem with the content at pos; the first one is
// returned.
func (b *builder) fail(pos document.Pos, format string, args ...any) {
	if b.err == nil {
		b.err = &PosError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	}
}

// piece is the units of one title block, heading or block, and the space
// it asks for around it.
type piece struct {
	key   string  // the kind key of a block; "" for the title and headings
	space spacing // the space it asks for (see gap)
	keep  bool    // it stays with what follows: the title and headings
	brk   bool    // it starts a new page: page_break, new_page
	units []unit
}

// The spacing of the title block and of section headings.
var (
	titleSpacing   = spacing{around: 0.6, after: 0.8}
	headingSpacing = spacing{around: 1.5, after: 0.3}
)

// pieces lays out every part of the worksheet, in order. Each block is set
// by its kind (see kindOf).
func (b *builder) pieces(d *document.Document) ([]piece, error) {
	title := titleSpacing
	title.least = b.keyLabelRoom()
	ps := []piece{{space: title, keep: true, units: b.titleBlock(d.Worksheet)}}
	for i, s := range d.Sections {
		text := s.Heading
		if d.Worksheet.NumberSections {
			text = append(document.Inline{{Text: strconv.Itoa(i+1) + ". "}}, s.Heading...)
		}
		h := b.heading(text)
		h[0].at = s.Pos
		ps = append(ps, piece{space: headingSpacing, keep: true, brk: s.NewPage, units: h})
		if len(s.WordBank) > 0 {
			ps = append(ps, piece{space: wordBankSpacing, keep: true, units: b.wordBank(s.WordBank)})
		}
		for _, blk := range s.Blocks {
			k, err := kindOf(blk)
			if err != nil {
				return nil, err
			}
			ps = append(ps, piece{key: blk.Body.KindKey(), space: k.spacing(), brk: blk.PageBreak, units: k.set(b)})
		}
	}
	return ps, nil
}

// join strings pieces together with the space each pair asks for. The
// title and headings stay with what follows them. A piece that starts a
// new page takes what stays with it there too, such as its heading.
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
			p.units[0].space = b.gap(ps[i-1], p)
		}
		if p.keep && i < len(ps)-1 {
			p.units[len(p.units)-1].keep = true
		}
		start := len(us)
		us = append(us, p.units...)
		if p.brk {
			for start > 0 && us[start-1].keep {
				start--
			}
			us[start].brk = true
		}
	}
	return us
}

// gap returns the space between the pieces prev and next: what prev asks
// for after itself, or between two pieces of its kind, if anything, and
// otherwise the larger of what each asks for around itself; in body line
// heights, scaled by fit_pages' tightening.
func (b *builder) gap(prev, next piece) float64 {
	k := b.lead * b.gapScale
	switch {
	case prev.space.after != 0:
		return max(prev.space.after*k, prev.space.least)
	case prev.space.run != 0 && prev.key == next.key:
		return prev.space.run * k
	}
	return max(prev.space.around, next.space.around) * k
}

// titleBlock is the title, subtitle, the total of the marks, optional
// name line, the grading table and a rule; in the answer key, the label
// that says so hangs under the rule.
func (b *builder) titleBlock(w document.Worksheet) []unit {
	ts := b.size * 1.9
	us := b.lines(b.marked(w.Title, fonts.Bold), ts, b.pitch(ts, 1.2), b.left, b.width, b.centre(), solid(ink))
	if len(w.Subtitle) > 0 {
		ss := b.size * 1.15
		sub := b.lines(b.marked(w.Subtitle, fonts.Regular), ss, b.pitch(ss, 1.3), b.left, b.width, b.centre(), solid(muted))
		sub[0].space = 0.15 * b.lead
		us = append(us, sub...)
	}
	us = append(us, b.totalLine(w)...)
	if w.NameLine {
		us = append(us, b.nameLine(b.labels.nameLine, []float64{0.5, 0.25, 0.25}))
	}
	us = append(us, b.gradingTable(w)...)
	rule := unit{
		space:  0.5 * b.lead,
		height: 0.8,
		items:  []Item{Rule{X0: b.left, Y0: 0.4, X1: b.left + b.width, Y1: 0.4, Width: 0.8, Color: accent}},
	}
	if b.ed.Answers {
		rule.items = append(rule.items, b.keyLabel(0.8))
	}
	return keepAll(append(us, rule))
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
