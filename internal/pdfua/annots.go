package pdfua

import (
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// An annot is an annotation of a page.
type annot struct {
	ref     types.Object // as in the page's /Annots
	d       types.Dict
	subtype string
	key     *int // its /StructParent
	index   int  // its place in /Annots, from 1
	page    *page
	exempt  bool // hidden, or outside the crop box: PDF/UA asks nothing of it
}

// String names a for messages, such as "Link annotation 9 0 R".
func (a *annot) String() string {
	if r := refName(a.ref); r != "" {
		return fmt.Sprintf("%s annotation %s", a.subtype, r)
	}
	return fmt.Sprintf("%s annotation %d of /Annots", a.subtype, a.index)
}

// readAnnots reads the annotations of p.
func (c *checker) readAnnots(p *page) []*annot {
	var as []*annot
	for i, o := range c.array(p.d["Annots"]) {
		d := c.dict(o)
		if d == nil {
			continue
		}
		a := &annot{ref: o, d: d, subtype: c.name(d, "Subtype"), key: c.intEntry(d, "StructParent"), index: i + 1, page: p}
		if f := c.intEntry(d, "F"); f != nil && *f&2 != 0 {
			a.exempt = true
		}
		if r, ok := c.rect(d["Rect"]); ok && p.crop != nil && outside(r, *p.crop) {
			a.exempt = true
		}
		as = append(as, a)
	}
	return as
}

// rect returns the rectangle o is or refers to, and whether it is one.
func (c *checker) rect(o types.Object) (types.Rectangle, bool) {
	a := c.array(o)
	if len(a) != 4 {
		return types.Rectangle{}, false
	}
	var n [4]float64
	for i, v := range a {
		switch v := c.deref(v).(type) {
		case types.Integer:
			n[i] = float64(v)
		case types.Float:
			n[i] = float64(v)
		default:
			return types.Rectangle{}, false
		}
	}
	return *types.NewRectangle(n[0], n[1], n[2], n[3]), true
}

// outside reports whether r and box do not meet.
func outside(r, box types.Rectangle) bool {
	return min(r.LL.X, r.UR.X) > box.UR.X || max(r.LL.X, r.UR.X) < box.LL.X ||
		min(r.LL.Y, r.UR.Y) > box.UR.Y || max(r.LL.Y, r.UR.Y) < box.LL.Y
}

// annotByObj returns the annotation that is object n, and its page; nil if
// there is none.
func (c *checker) annotByObj(n int) (*annot, *page) {
	if c.annotIndex == nil {
		c.annotIndex = map[int]*annot{}
		for _, p := range c.pages {
			for _, a := range p.annots {
				if m := objNum(a.ref); m >= 0 {
					c.annotIndex[m] = a
				}
			}
		}
	}
	a := c.annotIndex[n]
	if a == nil {
		return nil, nil
	}
	return a, a.page
}

// checkAnnots checks each page's /Tabs and each annotation's place in the
// structure tree and description.
func (c *checker) checkAnnots() {
	for _, p := range c.pages {
		if len(p.annots) == 0 {
			continue
		}
		switch tabs := c.name(p.d, "Tabs"); tabs {
		case "S":
		case "":
			c.reportAs(ruleTabs, "28-008", p.num, "page "+refName(p.ref), "has annotations but no /Tabs: the tab order need not follow the structure")
		default:
			c.reportAs(ruleTabs, "28-009", p.num, "page "+refName(p.ref), "has annotations and /Tabs /%s, not /S", tabs)
		}
		for _, a := range p.annots {
			if a.exempt || a.subtype == "Popup" {
				continue // a Popup shows its parent's Contents, and is no content of its own
			}
			e := c.checkAnnotStruct(p, a)
			c.checkAnnotContents(p, a, e)
		}
	}
}

// checkAnnotStruct checks that a's /StructParent leads to an element of
// the right type that holds an OBJR of a, and returns that element (nil if
// there is none).
func (c *checker) checkAnnotStruct(p *page, a *annot) *elem {
	want, cond := "Annot", "28-002"
	switch a.subtype {
	case "Link":
		want, cond = "Link", "28-011"
	case "Widget":
		want, cond = "Form", "28-010"
	case "TrapNet":
		c.reportAs(ruleAnnotStruct, "28-007", p.num, a.String(), "TrapNet annotations are not allowed")
		return nil
	case "PrinterMark":
		if a.key != nil {
			c.reportAs(ruleAnnotStruct, "28-017", p.num, a.String(), "has a /StructParent: a PrinterMark is an artifact, outside the structure tree")
		}
		return nil
	}
	switch {
	case objNum(a.ref) < 0:
		c.reportAs(ruleAnnotStruct, cond, p.num, a.String(), "is a direct object in /Annots, so no OBJR can name it")
		return nil
	case a.key == nil:
		c.reportAs(ruleAnnotStruct, cond, p.num, a.String(), "has no /StructParent: it is not in the structure tree, where it belongs in %s element", article(want))
		return nil
	case c.tree == nil:
		return nil
	}
	o, ok := c.pt[*a.key]
	if !ok {
		c.reportAs(ruleAnnotStruct, cond, p.num, a.String(), "the ParentTree has no entry for its /StructParent %d", *a.key)
		return nil
	}
	e := c.elemByObj[objNum(o)]
	switch {
	case e == nil:
		c.reportAs(ruleAnnotStruct, cond, p.num, a.String(), "its /StructParent %d leads to %v, which is not an element of the structure tree", *a.key, o)
	case e.std != want:
		c.reportAs(ruleAnnotStruct, cond, p.num, a.String(), "its /StructParent leads to %s, but it belongs in %s element", e, article(want))
	case !e.holdsObj(a):
		c.reportAs(ruleAnnotStruct, cond, p.num, a.String(), "its /StructParent leads to %s, which has no OBJR of it", e)
	}
	return e
}

// holdsObj reports whether e has an OBJR of a.
func (e *elem) holdsObj(a *annot) bool {
	for _, r := range e.objrs {
		if objNum(r.obj) == objNum(a.ref) {
			return true
		}
	}
	return false
}

// checkAnnotContents checks that a, whose element is e (or nil), has a
// description: its /Contents, or for annotations other than links the
// /Alt of e.
func (c *checker) checkAnnotContents(p *page, a *annot, e *elem) {
	if a.subtype == "Widget" || a.subtype == "PrinterMark" {
		return
	}
	if s, _ := c.text(a.d, "Contents"); strings.TrimSpace(s) != "" {
		return
	}
	if a.subtype == "Link" {
		c.reportAs(ruleAnnotContents, "28-012", p.num, a.String(), "has no /Contents, or an empty one: the link is not described")
		return
	}
	if e != nil {
		if alt, _ := c.text(e.d, "Alt"); strings.TrimSpace(alt) != "" {
			return
		}
	}
	c.reportAs(ruleAnnotContents, "28-004", p.num, a.String(), "has no /Contents and its element no /Alt: it is not described")
}
