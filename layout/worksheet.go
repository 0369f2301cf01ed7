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
	images, err := usedImages(d, d.Pictures())
	if err != nil {
		return nil, err
	}
	p := d.Worksheet.Paper
	b, err := newEditionBuilder(d, ed, tn)
	if err != nil {
		return nil, err
	}
	defer b.release()
	d = b.arr.document(d)
	if err := b.checkZones(p.Height); err != nil {
		return nil, err
	}
	f := frame{width: p.Width, height: p.Height, top: b.margin + b.headerZone(), bottom: p.Height - b.margin - b.footerZone()}
	if !b.firstHeader {
		f.first = b.margin
	}
	b.images, b.flowHeight = images, f.bottom-f.top
	b.paper = b.newQuestionPaper(d)
	fl := newFlow(f, limit)
	tree := &Node{Role: RoleDocument}
	ps, err := b.pieces(d, tree)
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
	b.furnish(fl.pages, tree)
	title := b.title
	if ed.Version > 0 {
		title += " (" + b.versionName() + ")"
	}
	if ed.Answers && b.labels.Answers != "" {
		title += " " + b.labels.Answers
	}
	return &Result{
		Pages:    fl.pages,
		Outline:  fl.outline,
		Title:    title,
		Author:   d.Worksheet.Author,
		Language: d.Worksheet.Language,
		Images:   images,
		Tree:     tree,
	}, nil
}

// builder turns a document's parts into units of the flow.
type builder struct {
	*theme
	left, width float64 // the text column
	title       string  // the worksheet's title, {title} in the header and footer
	// header and footer are the running header and footer; firstHeader
	// says whether the header is on the first page too.
	header, footer document.Running
	firstHeader    bool
	link           string // the footer's URL, if any
	// logo is the picture beside the title, logoMM high; nil for none.
	logo   *document.Image
	logoMM float64

	ed         Edition
	tn         tune
	minLines   int     // the worksheet's min_lines
	gapScale   float64 // spacing between blocks, 1 unless fit_pages tightens it
	err        error   // the first problem found, such as an answer too long for its box
	images     map[string]*document.ImageFile
	flowHeight float64 // the height an empty page gives the flow

	labels *document.Labels // the words handout prints by itself
	paper  *questionPaper   // the questions' numbers and marks (see paper.go)
	// arr is the order of the paper's choices, matching columns and
	// questions: that of its version, Edition.Version (see versions.go).
	arr arrangement
}

// newBuilder measures d with its style on paper p.
func newBuilder(d *document.Document, p document.Paper) (*builder, error) {
	return newStyledBuilder(d, p, d.Style)
}

// newStyledBuilder measures d with style s on paper p.
func newStyledBuilder(d *document.Document, p document.Paper, s document.Style) (*builder, error) {
	t, err := newTheme(s, d.Fonts)
	if err != nil {
		return nil, err
	}
	w := d.Worksheet
	return &builder{
		theme:       t,
		left:        t.margin,
		width:       p.Width - 2*t.margin,
		title:       w.Title.String(),
		header:      w.Header,
		footer:      w.Footer,
		firstHeader: w.FirstPageHeader,
		link:        w.FooterLink,
		logo:        w.Logo,
		logoMM:      w.LogoMM,
		minLines:    w.MinLines,
		gapScale:    1,
		labels:      &d.Labels,
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

// pieces lays out every part of the worksheet, in order, with its
// elements in the structure tree under root: the title block's, then each
// section's, a Sect of its heading and its blocks. Each block is set by
// its kind (see kindOf).
func (b *builder) pieces(d *document.Document, root *Node) ([]piece, error) {
	title := titleSpacing
	title.least = b.keyLabelRoom()
	ps := []piece{{space: title, keep: true, units: b.titleBlock(d.Worksheet, root)}}
	for i, s := range d.Sections {
		sect := root.add(RoleSect)
		text := s.Heading
		if d.Worksheet.NumberSections {
			text = append(document.Inline{{Text: strconv.Itoa(i+1) + ". "}}, s.Heading...)
		}
		h := b.heading(text, sect)
		h[0].at = s.Pos
		ps = append(ps, piece{space: headingSpacing, keep: true, brk: s.NewPage, units: h})
		if len(s.WordBank) > 0 {
			ps = append(ps, piece{space: wordBankSpacing, keep: true, units: b.wordBank(s.WordBank, sect)})
		}
		for _, blk := range s.Blocks {
			k, err := kindOf(blk)
			if err != nil {
				return nil, err
			}
			ps = append(ps, piece{key: blk.Body.KindKey(), space: k.spacing(), brk: blk.PageBreak, units: k.set(b, sect)})
		}
	}
	return ps, nil
}

// join strings pieces together with the space each pair asks for. The
// title and headings stay with what follows them, firmly: they are never
// the last thing on a page. A piece that starts a new page takes what
// stays with it there too, such as its heading.
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
			for k := range p.units {
				p.units[k].firm = true
			}
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

// titleBlock is the title, subtitle, in a version of the paper the
// version's name, the total of the marks, optional name line, the
// grading table and a rule; in the answer key, the label that says so
// hangs under the rule. With a logo, the title, subtitle, version and
// total are set beside it. The title is the H1 of the structure tree
// under root; the name line and the rule are artifacts.
func (b *builder) titleBlock(w document.Worksheet, root *Node) []unit {
	ts := b.size * 1.9
	title := b.marked(w.Title, fonts.Bold)
	x, width, beside := b.titleColumn(title, ts, b.centre())
	us := b.lines(title, ts, b.pitch(ts, 1.2), x, width, b.centre(), solid(ink), content(root.add(RoleH1)))
	if len(w.Subtitle) > 0 {
		ss := b.size * 1.15
		sub := b.lines(b.marked(w.Subtitle, fonts.Regular), ss, b.pitch(ss, 1.3), x, width, b.centre(), solid(muted), content(root.add(RoleP)))
		sub[0].space = 0.15 * b.lead
		us = append(us, sub...)
	}
	us = append(us, b.versionLine(x, width, root)...)
	us = append(us, b.totalLine(w, x, width, root)...)
	us = b.withLogo(us, beside)
	if len(w.NameLine) > 0 {
		us = append(us, b.nameLine(w.NameLine)...)
	}
	us = append(us, b.gradingTable(w, root)...)
	rule := unit{
		space:  0.5 * b.lead,
		height: 0.8,
		items:  []Item{Rule{X0: b.left, Y0: 0.4, X1: b.left + b.width, Y1: 0.4, Width: 0.8, Color: accent, Tag: layoutArt}},
	}
	if b.ed.Answers {
		rule.items = appendTexts(rule.items, b.keyLabel(0.8, root.add(RoleP)))
	}
	return keepAll(append(us, rule))
}

// nameLine is a row of fields, such as "Name", "Class" and "Date", each
// followed by a line to write on, the first line twice as long as each
// other. On a column too narrow for every line to be at least three times
// the type size long, the fields go on as many rows as that needs, the
// same number on each (the last may have fewer); a field too wide for the
// column even alone is set smaller. They are artifacts: the lines are
// for a pen.
func (b *builder) nameLine(fields []string) []unit {
	gutter, pad, least := 1.2*b.size, 0.4*b.size, 3*b.size
	widths := make([]float64, len(fields))
	for i, f := range fields {
		widths[i] = b.at(b.size).width(fonts.Regular, f)
	}
	// spans returns the lengths of the fields from..to on a row.
	spans := func(from, to int) []float64 {
		weight := func(i int) float64 {
			if i == 0 {
				return 2
			}
			return 1
		}
		var total float64
		for i := from; i < to; i++ {
			total += weight(i)
		}
		out := make([]float64, 0, to-from)
		for i := from; i < to; i++ {
			out = append(out, weight(i)/total*(b.width+gutter)-gutter)
		}
		return out
	}
	per := len(fields)
	for ; per > 1; per-- {
		fits := true
		for from := 0; from < len(fields) && fits; from += per {
			to := min(from+per, len(fields))
			for k, span := range spans(from, to) {
				fits = fits && widths[from+k]+pad+least <= span
			}
		}
		if fits {
			break
		}
	}
	lead := 2 * b.lead
	base := lead - 0.35*b.lead
	var us []unit
	for from := 0; from < len(fields); from += per {
		to := min(from+per, len(fields))
		u := unit{height: lead}
		x := b.left
		for k, span := range spans(from, to) {
			l, w, size := fields[from+k], widths[from+k], b.size
			if room := span - pad - least; w > room {
				size = size * room / w
			}
			ts, w := b.set(l, fonts.Regular, size, x, base, muted)
			u.items = append(appendTexts(u.items, tagged(ts, layoutArt)),
				Rule{X0: x + w + pad, Y0: base + 1, X1: x + span, Y1: base + 1, Width: 0.6, Color: frameC, Tag: layoutArt},
			)
			x += span + gutter
		}
		us = append(us, u)
	}
	us[0].space = 0.4 * b.lead
	return keepAll(us)
}

// heading sets a section heading, with its bookmark: an H2 inside the
// section's element, sect.
func (b *builder) heading(text document.Inline, sect *Node) []unit {
	hs := b.size * 1.27
	us := keepAll(b.lines(b.marked(text, fonts.Bold), hs, b.pitch(hs, 1.25), b.left, b.width, 0, solid(accent), content(sect.add(RoleH2))))
	us[0].mark = text.String()
	return us
}

// footerSize is the type size of the footer, the header and other small
// text.
func (b *builder) footerSize() float64 { return b.furnitureSize() }
