package layout

import (
	"fmt"

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

// runPlan is where the three parts of a header or footer go: in boxes
// side by side, or, stacked, one under another across the column.
type runPlan struct {
	boxes   [3]runBox
	stacked bool
}

// furnitureSize is the type size of the header and footer.
func (b *builder) furnitureSize() float64 {
	if b.large {
		return 0.875 * b.size
	}
	return max(0.75*b.size, 7)
}

// runPlan returns where the parts of r go, decided once for every page
// from their text on a page numbered 999 of 999. Each part keeps to one
// line when they fit side by side, the centre part centred on the page
// and the others against the margins. Otherwise each wraps in a box of
// its own, the centre part's box centred: as wide as the centre part, or
// a third of the column, or, without a centre part, a half each; the
// first of those in which no word must be broken and which takes fewer
// lines than the parts one under another. When there is none, the parts
// are stacked so, each across the column.
func (b *builder) runPlan(r document.Running) runPlan {
	texts := b.runTexts(r, 999, 999)
	size := b.furnitureSize()
	at := b.at(size)
	var w [3]float64
	var n int
	for i, s := range texts {
		if s != "" {
			w[i] = at.width(fonts.Regular, s)
			n++
		}
	}
	gap := 2 * size
	whole := runPlan{boxes: [3]runBox{{b.left, b.width, 0}, {b.left, b.width, 0.5}, {b.left, b.width, 1}}}
	if n <= 1 || w[1] == 0 && w[0]+gap+w[2] <= b.width || w[1] > 0 && max(w[0], w[2]) <= (b.width-w[1])/2-gap {
		return whole
	}
	fits := func(i int, width float64) bool {
		return texts[i] == "" || width > 0 && at.fits(b.plain(texts[i]), width)
	}
	lines := func(i int, width float64) int {
		if texts[i] == "" {
			return 0
		}
		return len(at.wrap(b.plain(texts[i]), width))
	}
	stacked := lines(0, b.width) + lines(1, b.width) + lines(2, b.width)
	centres := []float64{w[1], (b.width - 2*gap) / 3}
	if w[1] == 0 {
		centres = []float64{-gap}
	}
	for _, c := range centres {
		side := (b.width-c)/2 - gap
		if fits(0, side) && fits(1, c) && fits(2, side) && max(lines(0, side), lines(1, c), lines(2, side)) < stacked {
			return runPlan{boxes: [3]runBox{{b.left, side, 0}, {b.left + side + gap, c, 0.5}, {b.left + b.width - side, side, 1}}}
		}
	}
	whole.stacked = true
	return whole
}

// runTexts returns the three parts of r on page n of total.
func (b *builder) runTexts(r document.Running, n, total int) [3]string {
	var texts [3]string
	for i, t := range r.Parts() {
		texts[i] = t.Expand(n, total, b.title)
	}
	return texts
}

// setRunning sets r on page n of total as plan says, its text artifacts
// of kind a, with a link to link on each line, which says the line's text
// and link to a reader and which furnish tags: its items, relative to its
// top, and its height. Parts side by side are aligned at their tops, or,
// when bottom is true, at their feet.
func (b *builder) setRunning(r document.Running, plan runPlan, n, total int, a Artifact, link string, bottom bool) ([]Item, float64) {
	size := b.furnitureSize()
	lead := b.pitch(size, 1.3)
	base := b.baseline(size, lead)
	tt := &textTags{tag: artifact(a)}
	var parts [3][]Item
	var heights [3]float64
	for i, s := range b.runTexts(r, n, total) {
		if s == "" {
			continue
		}
		bx := plan.boxes[i]
		for k, l := range b.at(size).wrap(b.plain(s), bx.w) {
			x, y := bx.x+(bx.w-l.width)*bx.align, float64(k)*lead
			parts[i] = append(parts[i], l.texts(x, y+base, size, solid(muted), tt)...)
			if link != "" {
				parts[i] = append(parts[i], Link{X: x, Y: y, W: l.width, H: lead, URL: link, Contents: l.text() + " (" + link + ")"})
			}
			heights[i] += lead
		}
	}
	var items []Item
	var height float64
	for i := range parts {
		if plan.stacked {
			items = appendMoved(items, parts[i], height)
			height += heights[i]
			continue
		}
		height = max(height, heights[i])
	}
	if plan.stacked {
		return items, height
	}
	for i := range parts {
		y := 0.0
		if bottom {
			y = height - heights[i]
		}
		items = appendMoved(items, parts[i], y)
	}
	return items, height
}

// runHeight is the height of r, set on a page numbered 999 of 999; 0 when
// r prints nothing.
func (b *builder) runHeight(r document.Running) float64 {
	if r.IsZero() {
		return 0
	}
	_, h := b.setRunning(r, b.runPlan(r), 999, 999, ArtifactHeader, "", false)
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

// checkZones returns an error when the header and footer leave less than
// half the height between the margins of a page height high for the
// content, as a long header or footer can on a small page.
func (b *builder) checkZones(height float64) error {
	inside := height - 2*b.margin
	if z := b.headerZone() + b.footerZone(); z > inside/2 {
		return fmt.Errorf("the header and footer take %.0f mm of the %.0f mm between the top and bottom margins: shorten them, or use a larger paper", z/mm, inside/mm)
	}
	return nil
}

// furnish puts the header at the top of every page, but the first when
// the worksheet says so, and the footer, a link when the worksheet gives
// footer_link, at the foot of every page: the header from the top margin
// down, and the footer up to the bottom margin. They are pagination
// artifacts; the footer's links, on every page, are the annotations of one
// Link element at the end of the structure tree under root, as every link
// of a tagged PDF is in one.
func (b *builder) furnish(pages []Page, root *Node) {
	var hp, fp runPlan
	if !b.header.IsZero() {
		hp = b.runPlan(b.header)
	}
	if !b.footer.IsZero() {
		fp = b.runPlan(b.footer)
	}
	var link Tag
	if !b.footer.IsZero() && b.link != "" {
		link = content(root.add(RoleLink))
	}
	for i := range pages {
		p := &pages[i]
		if !b.header.IsZero() && (i > 0 || b.firstHeader) {
			items, _ := b.setRunning(b.header, hp, i+1, len(pages), ArtifactHeader, "", false)
			p.Items = appendMoved(p.Items, items, b.margin)
		}
		if !b.footer.IsZero() {
			items, h := b.setRunning(b.footer, fp, i+1, len(pages), ArtifactFooter, b.link, true)
			for k, it := range items {
				if _, ok := it.(Link); ok {
					items[k] = it.Retag(link)
				}
			}
			p.Items = appendMoved(p.Items, items, p.Height-b.margin-h)
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
	h = max(min(b.logoMM*mm, b.flowHeight/3), 1)
	w = h * aspect
	if w > b.width/2 {
		w = b.width / 2
		h = w / aspect
	}
	return w, h
}

// logoGap is the space between the logo and the title.
func (b *builder) logoGap() float64 { return max(4*mm, b.size) }

// titleColumn returns the column that a title, spans set at size and
// aligned by align, is set in, and whether that is beside the logo: the
// text column, or with a logo the part of it beside the logo. A centred
// title keeps as much room on its right as the logo takes on its left,
// so that it stays centred on the page, unless that leaves it less than
// half the column. A title with a word too wide to fit beside the logo
// goes under it, across the column.
func (b *builder) titleColumn(spans []span, size, align float64) (x, width float64, beside bool) {
	if b.logo == nil {
		return b.left, b.width, false
	}
	w, _ := b.logoSize()
	side := w + b.logoGap()
	x, width = b.left+side, b.width-side
	if align > 0 && b.width-2*side >= b.width/2 {
		width = b.width - 2*side
	}
	if b.at(size).fits(spans, width) {
		return x, width, true
	}
	return b.left, b.width, false
}

// withLogo puts the logo at the top left of us, the title's lines set in
// titleColumn. Beside them, when they are less tall than the logo, they
// are centred beside it, and what follows them starts under it; else the
// logo goes above them. The logo is an artifact, as a letterhead is.
func (b *builder) withLogo(us []unit, beside bool) []unit {
	if b.logo == nil || len(us) == 0 {
		return us
	}
	w, h := b.logoSize()
	logo := Image{X: b.left, Y: 0, W: w, H: h, Ref: b.logo.Path, Tag: layoutArt}
	if !beside {
		us[0].space = 0.5 * b.lead
		return append([]unit{{height: h, items: []Item{logo}}}, us...)
	}
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
	us[0].items = append([]Item{logo}, us[0].items...)
	return us
}
