package layout

import (
	"slices"

	"handout/document"
)

// unit is one unbreakable slice of the vertical flow: a line of text, a row
// of a writing box, a heading. Its items are placed relative to its top.
type unit struct {
	height float64      // vertical advance
	space  float64      // space above it, dropped at the top of a page
	keep   bool         // no page break between this unit and the next
	items  []Item       // y relative to the unit's top
	texts  []Text       // runs of text drawn after items, y relative likewise
	group  *group       // decoration spanning consecutive units, or nil
	mark   string       // bookmark title, when the unit starts a section
	fill   *filler      // a lines = "fill" box, made when the flow reaches it
	at     document.Pos // with mark: where the section starts in the content file
	brk    bool         // a page break before it, unless it starts a page anyway
	head   *unit        // placed above it, space dropped, when it starts a page: a table's header row, repeated
}

// group draws a decoration (a panel behind, a bar beside) around the units
// that share it, once per page the units fall on.
type group struct {
	// draw returns the items for the part of the group between top and
	// bottom on one page; they are drawn before the units' own items.
	draw func(top, bottom float64) []Item
}

// frame is the area of a page that the flow fills.
type frame struct {
	width, height float64 // the page
	top, bottom   float64 // the flow's vertical limits
	// first, when not 0, is the flow's top on the first page, where it
	// differs from top: a page without the running header.
	first float64
}

// flow places units on pages, breaking pages only where keep allows.
type flow struct {
	frame   frame
	pages   []Page
	outline []Bookmark
	y       float64 // top of the next unit on the last page
	atTop   bool    // nothing placed yet on the last page

	// limit is the most pages the flow may take, none when 0. When the
	// flow would need more, over is set and it stops placing units.
	limit   int
	over    bool
	section document.Pos // where the section last started is in the content file

	segGroup *group // group of the open decoration segment on the last page
	segAt    int    // index in the page's items where the segment's decoration goes
	segTop   float64
	segBot   float64
}

// newFlow returns a flow over pages of frame f, at most limit of them
// (any number when limit is 0).
func newFlow(f frame, limit int) *flow {
	fl := &flow{frame: f, limit: limit}
	fl.newPage()
	return fl
}

func (fl *flow) page() *Page { return &fl.pages[len(fl.pages)-1] }

// newPage starts a new page, or, when the flow has limit pages already,
// sets over instead.
func (fl *flow) newPage() {
	if fl.limit > 0 && len(fl.pages) >= fl.limit {
		fl.over = true
		return
	}
	if len(fl.pages) > 0 {
		fl.closeSegment()
	}
	fl.pages = append(fl.pages, Page{Width: fl.frame.width, Height: fl.frame.height})
	fl.y = fl.frame.top
	if len(fl.pages) == 1 && fl.frame.first > 0 {
		fl.y = fl.frame.first
	}
	fl.atTop = true
}

// room is the height left on the current page.
func (fl *flow) room() float64 { return fl.frame.bottom - fl.y }

// full is the height of an empty page's flow area.
func (fl *flow) full() float64 { return fl.frame.bottom - fl.frame.top }

// add places all units, in order. A unit with brk starts a new page,
// unless it is at the top of one. A chain of units joined by keep goes to
// the next page whole when it does not fit on this one; a chain taller than
// a whole page breaks where it must, leaving at least two units together
// at the start of each page. It stops as soon as the flow is over its
// limit of pages.
func (fl *flow) add(units []unit) {
	for i := 0; i < len(units) && !fl.over; {
		if units[i].brk && !fl.atTop {
			fl.newPage()
			continue
		}
		j := i
		for j < len(units)-1 && units[j].keep && !units[j+1].brk {
			j++
		}
		chain := units[i : j+1]
		if f := chain[len(chain)-1].fill; f != nil {
			units = fl.expand(units, i, j)
			continue
		}
		need := chainHeight(chain, fl.atTop)
		switch {
		case need <= fl.room():
			fl.placeAll(chain)
			i = j + 1
		case chainHeight(chain, true) <= fl.full() || !fl.atTop && !fl.fitsTwo(chain):
			fl.newPage()
		default:
			i += fl.placeSome(chain)
		}
	}
	fl.closeSegment()
}

// expand replaces units[j], a "fill" box ending the chain units[i:j+1],
// with the box filling the rest of the page below the chain, and returns
// the new units. When less than the box's least height is left, it starts
// a new page instead, and returns units as they were.
func (fl *flow) expand(units []unit, i, j int) []unit {
	ph := units[j]
	h := fl.room() - chainHeight(units[i:j+1], fl.atTop)
	if h < ph.fill.need() && !fl.atTop {
		fl.newPage()
		return units
	}
	// A hair less than the room, so that rounding cannot push it over.
	box := ph.fill.units(h - 1e-6)
	box[0].space = ph.space
	out := make([]unit, 0, len(units)+len(box))
	out = append(out, units[:j]...)
	out = append(out, box...)
	return append(out, units[j+1:]...)
}

// fitsTwo reports whether the first two units of chain fit in the room left.
func (fl *flow) fitsTwo(chain []unit) bool {
	return chainHeight(chain[:min(2, len(chain))], fl.atTop) <= fl.room()
}

// placeSome places as many units of a too-tall chain as fit on this page,
// keeping at least two for the next, and starts a new page. It returns how
// many it placed (at least one, so the flow always advances).
func (fl *flow) placeSome(chain []unit) int {
	n, h := 0, 0.0
	for n < len(chain) {
		h += chain[n].height + chain[n].above(n == 0 && fl.atTop)

		if h > fl.room() {
			break
		}
		n++
	}
	if len(chain)-n < 2 && n > 2 {
		n = len(chain) - 2
	}
	n = max(n, 1)
	fl.placeAll(chain[:n])
	fl.newPage()
	return n
}

// chainHeight is the height chain takes, at the top of a page or not.
func chainHeight(chain []unit, atTop bool) float64 {
	h := 0.0
	for k, u := range chain {
		h += u.above(k == 0 && atTop) + u.height
	}
	return h
}

// above is the height the flow gives a unit above it: its space, or at
// the top of a page its head.
func (u *unit) above(atTop bool) float64 {
	switch {
	case !atTop:
		return u.space
	case u.head != nil:
		return u.head.height
	}
	return 0
}

func (fl *flow) placeAll(us []unit) {
	for _, u := range us {
		fl.place(u)
	}
}

// place puts one unit at the current position, after its head at the top
// of a page.
func (fl *flow) place(u unit) {
	switch {
	case !fl.atTop:
		fl.y += u.space
	case u.head != nil:
		fl.place(*u.head)
	}
	fl.atTop = false
	p := fl.page()
	if u.group != fl.segGroup {
		fl.closeSegment()
		if u.group != nil {
			fl.segGroup, fl.segAt, fl.segTop = u.group, len(p.Items), fl.y
		}
	}
	if u.mark != "" {
		fl.section = u.at
		fl.outline = append(fl.outline, Bookmark{Title: u.mark, Page: len(fl.pages) - 1, Y: fl.y})
	}
	p.Items = u.appendTo(p.Items, fl.y)
	fl.y += u.height
	fl.segBot = fl.y
}

// closeSegment draws the open group segment's decoration behind its units.
func (fl *flow) closeSegment() {
	if fl.segGroup == nil {
		return
	}
	p := fl.page()
	deco := fl.segGroup.draw(fl.segTop, fl.segBot)
	p.Items = slices.Insert(p.Items, fl.segAt, deco...)
	fl.segGroup = nil
}

// appendTo appends the unit's items, then its texts, to items, moved down
// by y, and returns the extended slice.
func (u *unit) appendTo(items []Item, y float64) []Item {
	for _, it := range u.items {
		items = append(items, it.Translate(0, y))
	}
	for _, t := range u.texts {
		t.Y += y
		items = append(items, t)
	}
	return items
}
