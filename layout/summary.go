package layout

import (
	"errors"
	"fmt"
	"math"

	"handout/document"
	"handout/fonts"
)

// minRows is the fewest writing lines a summary panel may have.
const minRows = 3

// Summary lays out the one-page summary sheet of d: the title, a name line,
// the panels side by side (or, on a portrait sheet with four or more, in a
// grid of two columns), each filled with writing lines, and the worksheet's
// footer. It is an error if a panel has no room for its heading, its prompt
// and three writing lines. Its structure tree is the title, an H1, and a
// Sect for each panel, of its heading, an H2, and its prompt, a P; the
// name line, the panels' frames and lines and the footer are artifacts.
func Summary(d *document.Document) (*Result, error) {
	s := d.Summary
	if s == nil || len(s.Panels) == 0 {
		return nil, errors.New("the document has no summary panels")
	}
	var logo []*document.Image
	if d.Worksheet.Logo != nil {
		logo = append(logo, d.Worksheet.Logo)
	}
	images, err := usedImages(d, logo)
	if err != nil {
		return nil, err
	}
	p := s.Paper
	b, err := newBuilder(d, p)
	if err != nil {
		return nil, err
	}
	defer b.release()
	// The sheet is the first page of its PDF: the header is on it unless
	// the worksheet leaves it off its first page.
	if !b.firstHeader {
		b.header = document.Running{}
	}
	if err := b.checkZones(p.Height); err != nil {
		return nil, fmt.Errorf("on %s %s: %w", p.Name, orientation(p), err)
	}
	b.title = s.Title.String()
	headTop, bottom := b.margin+b.headerZone(), p.Height-b.margin-b.footerZone()
	b.images, b.flowHeight = images, bottom-headTop
	tree := &Node{Role: RoleDocument}
	ts := b.size * 2.1
	title := b.marked(s.Title, fonts.Bold)
	x, width, beside := b.titleColumn(title, ts, 0.5)
	head := b.withLogo(b.lines(title, ts, ts*1.2, x, width, 0.5, solid(ink), content(tree.add(RoleH1))), beside)
	if len(s.NameLine) > 0 {
		head = append(head, b.nameLine(s.NameLine)...)
	}
	page := Page{Width: p.Width, Height: p.Height}
	var y float64
	page.Items, y = stack(nil, head, headTop)
	top := y + 0.8*b.lead

	cols := len(s.Panels)
	if !p.Landscape && cols >= 4 {
		cols = 2
	}
	rows := (len(s.Panels) + cols - 1) / cols
	gutter := 1.4 * b.size
	pw := (b.width - float64(cols-1)*gutter) / float64(cols)
	ph := (bottom - top - float64(rows-1)*gutter) / float64(rows)
	for i, pan := range s.Panels {
		x := b.left + float64(i%cols)*(pw+gutter)
		py := top + float64(i/cols)*(ph+gutter)
		items, err := b.panel(pan, x, py, pw, ph, tree.add(RoleSect))
		if err != nil {
			return nil, fmt.Errorf("on %s %s: %w", p.Name, orientation(p), err)
		}
		page.Items = append(page.Items, items...)
	}
	pages := []Page{page}
	b.furnish(pages, tree)
	return &Result{
		Pages:    pages,
		Title:    s.Title.String(),
		Author:   d.Worksheet.Author,
		Language: d.Worksheet.Language,
		Images:   images,
		Tree:     tree,
	}, nil
}

func orientation(p document.Paper) string {
	if p.Landscape {
		return "landscape"
	}
	return "portrait"
}

// stack places units one under another from y, appending their items to
// items; it returns the items and the y below the last unit.
func stack(items []Item, us []unit, y float64) ([]Item, float64) {
	for _, u := range us {
		y += u.space
		items = u.appendTo(items, y)
		y += u.height
	}
	return items, y
}

// panel draws one summary panel: a bordered box with its heading in a
// shaded band, the prompt in small grey type, and writing lines to the
// foot. Its heading and prompt are in the element sect.
func (b *builder) panel(pan document.Panel, x, y, w, h float64, sect *Node) ([]Item, error) {
	inset := 0.75 * b.size
	hs := 1.15 * b.size
	ps := 0.85 * b.size
	noRoom := fmt.Errorf("panel %q has no room for its heading, prompt and %d writing lines: use fewer panels, a larger paper or a smaller size", pan.Heading.String(), minRows)
	headSpans, promptSpans := b.marked(pan.Heading, fonts.Bold), b.marked(pan.Prompt, fonts.Regular)
	if !b.at(hs).fits(headSpans, w-2*inset) || !b.at(ps).fits(promptSpans, w-2*inset) {
		return nil, noRoom
	}
	heading := b.lines(headSpans, hs, hs*1.25, x+inset, w-2*inset, 0.5, solid(accent), content(sect.add(RoleH2)))
	pad := (2*b.lead - hs*1.25) / 2 // one heading line sits in a band two body lines high
	heading[0].space = pad
	_, band := stack(nil, heading, y)
	band += pad - y
	items := []Item{
		Box{X: x, Y: y, W: w, H: band, Fill: paint(tint), Tag: layoutArt},
		Rule{X0: x, Y0: y + band, X1: x + w, Y1: y + band, Width: 0.75, Color: frameC, Tag: layoutArt},
	}
	items, _ = stack(items, heading, y)
	next := y + band
	if len(pan.Prompt) > 0 {
		prompt := b.lines(promptSpans, ps, ps*1.3, x+inset, w-2*inset, 0, solid(muted), content(sect.add(RoleP)))
		prompt[0].space = 0.3 * b.lead
		items, next = stack(items, prompt, next)
	}
	// Writing rows fill the panel down to half a row above its foot.
	n := int(math.Floor((y + h - 0.5*b.ruling - next) / b.ruling))
	if n < minRows {
		return nil, noRoom
	}
	for k := range n {
		for _, it := range b.writingRow(pan.Ruling, k, x+inset, x+w-inset) {
			items = append(items, it.Translate(0, next+float64(k)*b.ruling))
		}
	}
	return append(items, stroked(x, y, w, h, 0.9, paint(frameC), nil)), nil
}
