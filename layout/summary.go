package layout

import (
	"errors"
	"math"

	"handout/document"
	"handout/fonts"
)

// Summary lays out the one-page summary sheet of d: the title, a name line,
// the panels side by side (or, on a portrait sheet with four or more, in a
// grid of two columns), each filled with writing lines, and the footer.
func Summary(d *document.Document) (*Result, error) {
	s := d.Summary
	if s == nil || len(s.Panels) == 0 {
		return nil, errors.New("layout: the document has no summary panels")
	}
	t, err := newTheme(d.Style)
	if err != nil {
		return nil, err
	}
	p := s.Paper
	b := &builder{theme: t, left: t.margin, width: p.Width - 2*t.margin}
	page := Page{Width: p.Width, Height: p.Height}

	ts := b.size * 2.1
	var head []unit
	head = append(head, b.lines([]span{{b.face(fonts.Bold), s.Title}}, ts, ts*1.2, b.left, b.width, 0.5, solid(ink))...)
	if s.NameLine {
		head = append(head, b.nameLine([]string{"Name", "Class", "Date"}, []float64{0.5, 0.25, 0.25}))
	}
	y := t.margin
	for _, u := range head {
		y += u.space
		for _, it := range u.items {
			page.Items = append(page.Items, shift(it, y))
		}
		y += u.height
	}
	top, bottom := y+0.8*b.lead, p.Height-t.margin-b.footerZone()

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
		page.Items = append(page.Items, b.panel(pan, x, py, pw, ph)...)
	}
	pages := []Page{page}
	b.footers(pages, d.Worksheet)
	return &Result{
		Pages:    pages,
		Title:    s.Title,
		Author:   d.Worksheet.Author,
		Language: d.Worksheet.Language,
	}, nil
}

// panel draws one summary panel: a bordered box with its heading in a
// shaded band, the prompt in small grey type, and writing lines to the foot.
func (b *builder) panel(pan document.Panel, x, y, w, h float64) []Item {
	hs := 1.15 * b.size
	band := 2 * b.lead
	items := []Item{
		Box{X: x, Y: y, W: w, H: band, Fill: &tint},
		Rule{X0: x, Y0: y + band, X1: x + w, Y1: y + band, Width: 0.75, Color: frameC},
	}
	for _, u := range b.lines([]span{{b.face(fonts.Bold), pan.Heading}}, hs, band, x, w, 0.5, solid(accent))[:1] {
		for _, it := range u.items {
			items = append(items, shift(it, y))
		}
	}
	inset := 0.75 * b.size
	next := y + band
	if pan.Prompt != "" {
		ps := 0.85 * b.size
		next += 0.3 * b.lead
		for _, u := range b.lines(b.plain(pan.Prompt), ps, ps*1.3, x+inset, w-2*inset, 0, solid(muted)) {
			for _, it := range u.items {
				items = append(items, shift(it, next))
			}
			next += u.height
		}
	}
	// Writing rows fill the panel down to half a row above its foot.
	n := int(math.Floor((y + h - 0.5*b.ruling - next) / b.ruling))
	for k := range n {
		for _, it := range b.writingRow(pan.Ruling, k, x+inset, x+w-inset) {
			items = append(items, shift(it, next+float64(k)*b.ruling))
		}
	}
	return append(items, stroked(x, y, w, h, 0.9, &frameC, nil))
}
