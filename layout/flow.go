package layout

import (
	"slices"

	"handout/document"
)

// unit is one unbreakable slice of the vertical flow: a line of text, a row
// of a writing box, a heading. Its items are placed relative to its top.
type unit struct {
	height float64 // vertical advance
	space  float64 // space above it, dropped at the top of a page
	keep   bool    // no page break between this unit and the next
	// firm is a keep that holds even in a chain too tall for a page,
	// unless nothing else can be placed: the title's and a heading's,
	// which are never the last thing on a page.
	firm   bool
	shrink *shrinker    // a picture, which may be set smaller to fit under its heading
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
// the next page whole when it does not fit on this one, unless a picture
// in it can be set smaller to fit (see shrink); a chain taller than a
// whole page breaks where it must, but never after a firm unit when it can
// help it, leaving at least two units together at the start of each page.
// It stops as soon as the flow is over its limit of pages.
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
		if need > fl.room() {
			if us, ok := fl.shrink(units, i, j); ok {
				units = us
				continue
			}
		}
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

// shrink sets the picture in the chain units[i:j+1], too tall for the
// room left, smaller, so that the chain fits: a picture kept under what
// comes before it in the chain (its heading), at the top of a page as
// small as it must be, elsewhere by no more than its shrinker allows. It
// returns the units with the picture's replaced, and whether it could.
func (fl *flow) shrink(units []unit, i, j int) ([]unit, bool) {
	k := i + 1
	for k <= j && units[k].shrink == nil {
		k++
	}
	if k > j {
		return units, false
	}
	f := units[k].shrink
	end := min(k+f.n, j+1)
	others := chainHeight(units[i:j+1], fl.atTop) - chainHeight(units[k:end], false)
	set, ok := f.units(fl.room()-others-units[k].space, fl.atTop)
	if !ok {
		return units, false
	}
	set[0].space = units[k].space
	set[len(set)-1].keep = units[end-1].keep
	return slices.Concat(units[:k], set, units[end:]), true
}

// fitsTwo reports whether the first two units of chain fit in the room left.
func (fl *flow) fitsTwo(chain []unit) bool {
	return chainHeight(chain[:min(2, len(chain))], fl.atTop) <= fl.room()
}

// placeSome places as many units of a too-tall chain as fit on this page,
// keeping at least two for the next and placing at least two after a firm
// unit, and starts a new page. It returns how many it placed: none, on a
// page with something on it, when no more than the firm units and one
// more would fit; at the top of a page at least one, so that the flow
// always advances.
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
	// At least two units under the last firm one, or none of them,
	// but at the top of a page, where nothing else would go.
	if f := lastFirm(chain[:n]); f >= 0 && n-f-1 < 2 {
		m := f
		for m > 0 && chain[m-1].firm {
			m--
		}
		switch {
		case m > 0:
			n = m
		case !fl.atTop:
			fl.newPage()
			return 0
		}
	}
	n = max(n, 1)
	fl.placeAll(chain[:n])
	fl.newPage()
	return n
}

// lastFirm returns the index of the last firm unit of us, or -1.
func lastFirm(us []unit) int {
	for i := len(us) - 1; i >= 0; i-- {
		if us[i].firm {
			return i
		}
	}
	return -1
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

// textEnd returns where the unit's text ends at the right: the right end
// of its rightmost run or gap, which are among its items on a line with
// gaps (see gapItems); 0 when it has none.
func (u *unit) textEnd() float64 {
	end := 0.0
	for _, t := range u.texts {
		end = max(end, t.X+t.Width)
	}
	for _, it := range u.items {
		switch v := it.(type) {
		case Text:
			end = max(end, v.X+v.Width)
		case Gap:
			end = max(end, v.X+v.W)
		}
	}
	return end
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
