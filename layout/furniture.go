package layout

import (
	"handout/document"
	"handout/fonts"
)

// This file sets a page's furniture: the running header and footer, each
// of three parts (left, centre and right), and the logo beside the title
// on the first page.

// runBox is where one part of a header or footer goes across the text
// column: a box from x, w wide, its lines aligned in it by align (0 at
// the left, a half centred, 1 at the right).
type runBox struct {
	x, w, align float64
}

// furnitureSize is the type size of the header and footer.
func (b *builder) furnitureSize() float64 {
	if b.large {
		return 0.875 * b.size
	}
	return max(0.75*b.size, 7)
}

// runBoxes returns where the parts of r go, decided once for every page
// from their text on a page numbered 999 of 999. Each part keeps to one
// line when they fit side by side, the centre part centred on the page
// and the others against the margins; otherwise each wraps in a box of
// its own: the only part the whole column, two side parts a half each,
// and three parts (or the centre and one side) a third each.
func (b *builder) runBoxes(r document.Running) [3]runBox {
	texts := b.runTexts(r, 999, 999)
	at, face := b.at(b.furnitureSize()), b.face(fonts.Regular)
	var w [3]float64
	var n int
	for i, s := range texts {
		if s != "" {
			w[i] = at.width(face, s)
			n++
		}
	}
	gap := 2 * b.furnitureSize()
	whole := [3]runBox{{b.left, b.width, 0}, {b.left, b.width, 0.5}, {b.left, b.width, 1}}
	side := (b.width-w[1])/2 - gap
	switch {
	case n <= 1:
		return whole
	case w[1] == 0 && w[0]+gap+w[2] <= b.width:
		return whole
	case w[1] > 0 && w[1] <= b.width && w[0] <= side && w[2] <= side:
		return whole
	case w[1] == 0:
		half := (b.width - gap) / 2
		return [3]runBox{{b.left, half, 0}, {}, {b.left + half + gap, half, 1}}
	}
	third := (b.width - 2*gap) / 3
	return [3]runBox{{b.left, third, 0}, {b.left + third + gap, third, 0.5}, {b.left + 2*(third+gap), third, 1}}
}

// runTexts returns the three parts of r on page n of total.
func (b *builder) runTexts(r document.Running, n, total int) [3]string {
	var texts [3]string
	for i, t := range r.Parts() {
		texts[i] = t.Expand(n, total, b.title)
	}
	return texts
}

// runPart is one part of a header or footer, set: its lines' items,
// relative to the top of the part, and its height.
type runPart struct {
	items  []Item
	height float64
}

// runParts sets the parts of r on page n of total in boxes, as part f of
// the page, with links to link on each line.
func (b *builder) runParts(r document.Running, boxes [3]runBox, n, total int, f Furniture, link string) [3]runPart {
	size := b.furnitureSize()
	lead := b.pitch(size, 1.3)
	base := b.baseline(size, lead)
	var parts [3]runPart
	for i, s := range b.runTexts(r, n, total) {
		if s == "" {
			continue
		}
		bx := boxes[i]
		for k, l := range b.at(size).wrap(b.plain(s), bx.w) {
			x, y := bx.x+(bx.w-l.width)*bx.align, float64(k)*lead
			for _, t := range l.runs(x, y+base, size, solid(muted)) {
				t.Furniture = f
				parts[i].items = append(parts[i].items, t)
			}
			if link != "" {
				parts[i].items = append(parts[i].items, Link{X: x, Y: y, W: l.width, H: lead, URL: link})
			}
			parts[i].height += lead
		}
	}
	return parts
}

// runHeight is the height of the tallest part of r, set on a page
// numbered 999 of 999; 0 when r prints nothing.
func (b *builder) runHeight(r document.Running) float64 {
	if r.IsZero() {
		return 0
	}
	var h float64
	for _, p := range b.runParts(r, b.runBoxes(r), 999, 999, Content, "") {
		h = max(h, p.height)
	}
	return h
}

// footerZone is the height kept free above the bottom margin for the
// footer, and headerZone below the top margin for the header: the
// footer's or header's height and a gap.
func (b *builder) footerZone() float64 { return b.zone(b.footer) }

func (b *builder) headerZone() float64 { return b.zone(b.header) }

func (b *builder) zone(r document.Running) float64 {
	h := b.runHeight(r)
	if h == 0 {
		return 0
	}
	return h + 1.2*b.lead
}

// furnish puts the header at the top of every page, but the first when
// the worksheet says so, and the footer, a link when the worksheet gives
// footer_link, at the foot of every page: each part's lines from the top
// margin down in the header, and up to the bottom margin in the footer.
func (b *builder) furnish(pages []Page) {
	var hb, fb [3]runBox
	if !b.header.IsZero() {
		hb = b.runBoxes(b.header)
	}
	if !b.footer.IsZero() {
		fb = b.runBoxes(b.footer)
	}
	for i := range pages {
		p := &pages[i]
		if !b.header.IsZero() && (i > 0 || b.firstHeader) {
			for _, part := range b.runParts(b.header, hb, i+1, len(pages), PageHeader, "") {
				p.Items = appendMoved(p.Items, part.items, b.margin)
			}
		}
		if !b.footer.IsZero() {
			for _, part := range b.runParts(b.footer, fb, i+1, len(pages), PageFooter, b.link) {
				p.Items = appendMoved(p.Items, part.items, p.Height-b.margin-part.height)
			}
		}
	}
}

// appendMoved appends items, moved down by y, to to.
func appendMoved(to, items []Item, y float64) []Item {
	for _, it := range items {
		to = append(to, it.Translate(0, y))
	}
	return to
}

// logoSize returns the width and height of the logo: logo_mm high, as
// wide as its picture's proportions make it, but no wider than half the
// text column nor higher than a third of the flow's height.
func (b *builder) logoSize() (w, h float64) {
	img := b.images[b.logo.Path]
	aspect := float64(img.Width) / float64(img.Height)
	h = min(b.logoMM*mm, b.flowHeight/3)
	w = h * aspect
	if w > b.width/2 {
		w = b.width / 2
		h = w / aspect
	}
	return w, h
}

// logoGap is the space between the logo and the title.
func (b *builder) logoGap() float64 { return max(4*mm, b.size) }

// titleColumn returns the column a title is set in: the text column, or
// with a logo the part of it beside the logo. A centred title keeps as
// much room on its right as the logo takes on its left, so that it stays
// centred on the page, unless that leaves it less than half the column.
func (b *builder) titleColumn(align float64) (x, width float64) {
	if b.logo == nil {
		return b.left, b.width
	}
	w, _ := b.logoSize()
	side := w + b.logoGap()
	if align > 0 && b.width-2*side >= b.width/2 {
		return b.left + side, b.width - 2*side
	}
	return b.left + side, b.width - side
}

// besideLogo puts the logo at the top left of us, the title's lines set
// in titleColumn: when they are less tall than the logo, they are
// centred beside it, and what follows them starts under it.
func (b *builder) besideLogo(us []unit) []unit {
	if b.logo == nil || len(us) == 0 {
		return us
	}
	w, h := b.logoSize()
	if t := chainHeight(us, true); t < h {
		shift := (h - t) / 2
		first := &us[0]
		for i, it := range first.items {
			first.items[i] = it.Translate(0, shift)
		}
		for i := range first.texts {
			first.texts[i].Y += shift
		}
		first.height += shift
		us[len(us)-1].height += h - t - shift
	}
	logo := Image{X: b.left, Y: 0, W: w, H: h, Ref: b.logo.Path, Furniture: PageLogo}
	us[0].items = append([]Item{logo}, us[0].items...)
	return us
}
