package pdfua

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// standardTypes are the standard structure types of ISO 32000-1 14.8.4.
var standardTypes = map[string]bool{}

func init() {
	for _, t := range []string{
		"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private",
		"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
		"Table", "TR", "TH", "TD", "THead", "TBody", "TFoot",
		"Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot",
		"Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
	} {
		standardTypes[t] = true
	}
}

// The structure tree.
type tree struct {
	ref     types.Object      // the catalog's /StructTreeRoot, as written
	d       types.Dict        // the StructTreeRoot dictionary
	roleMap map[string]string // /RoleMap
}

// An elem is a structure element.
type elem struct {
	ref    types.IndirectRef
	d      types.Dict
	s      string // its /S, as written
	std    string // the standard type it is or is mapped to; "" if none
	parent *elem  // nil for the root's children
	kids   []*elem
	mcrs   []mcr
	objrs  []objr
}

// An mcr is a marked-content reference: an MCID of a content stream.
type mcr struct {
	mcid int
	pg   types.Object // the page, as written (its own /Pg or the element's)
	stm  types.Object // the form XObject, for marked content not in the page's content
}

// An objr is an object reference: an annotation or XObject that is content
// of an element.
type objr struct {
	obj types.Object
	pg  types.Object
}

// String names e for messages, such as "Figure 14 0 R", or "Image 14 0 R
// (Figure)" when its type is mapped to a standard one.
func (e *elem) String() string {
	s := fmt.Sprintf("%s %d %d R", e.s, e.ref.ObjectNumber, e.ref.GenerationNumber)
	if e.std != "" && e.std != e.s {
		s += " (" + e.std + ")"
	}
	return s
}

// page returns the number of the page e's content is on, its /Pg or that
// of its first marked-content reference; 0 if none is known.
func (c *checker) page(e *elem) int {
	if p := c.pageByObj[objNum(e.d["Pg"])]; p != nil {
		return p.num
	}
	for _, m := range e.mcrs {
		if p := c.pageByObj[objNum(m.pg)]; p != nil {
			return p.num
		}
	}
	return 0
}

// readTree reads the structure tree into c.tree and c.elems, and checks
// its form: the root, the role map, each element's /P and /S.
func (c *checker) readTree() {
	ref := c.catalog["StructTreeRoot"]
	d := c.dict(ref)
	if d == nil {
		c.report(ruleStructTree, 0, "catalog", "no /StructTreeRoot: the document has no structure tree")
		return
	}
	t := &tree{ref: ref, d: d, roleMap: map[string]string{}}
	c.tree = t
	if ty := c.name(d, "Type"); ty != "StructTreeRoot" {
		c.report(ruleStructTree, 0, "StructTreeRoot", "/Type is /%s, not /StructTreeRoot", ty)
	}
	roleMap := c.dict(d["RoleMap"])
	for _, k := range slices.Sorted(maps.Keys(roleMap)) {
		v := roleMap[k]
		n, ok := c.deref(v).(types.Name)
		switch {
		case !ok:
			c.report(ruleRoleMap, 0, "StructTreeRoot /RoleMap", "/%s maps to %v, not to a name", k, v)
		case standardTypes[k]:
			c.reportAs(ruleRoleMap, "02-003", 0, "StructTreeRoot /RoleMap", "the standard type /%s is remapped to /%s", k, n)
		default:
			t.roleMap[k] = string(n)
		}
	}
	kids := c.kids(d["K"])
	if len(kids) == 0 {
		c.report(ruleStructTree, 0, "StructTreeRoot", "/K holds no structure elements: the tree is empty")
	}
	for _, k := range kids {
		c.readElem(k, nil, 0)
	}
}

// kids returns the objects of a /K entry: the array's items, or the one
// object.
func (c *checker) kids(k types.Object) []types.Object {
	if a, ok := c.deref(k).(types.Array); ok {
		return a
	}
	if k == nil {
		return nil
	}
	return []types.Object{k}
}

// readElem reads the structure element o, a kid of parent (nil: of the
// root), and its descendants.
func (c *checker) readElem(o types.Object, parent *elem, depth int) {
	under := "the StructTreeRoot"
	if parent != nil {
		under = parent.String()
	}
	ref, ok := o.(types.IndirectRef)
	if !ok {
		c.report(ruleStructParent, 0, under, "has a structure element that is a direct object: the ParentTree can only point at indirect ones")
		return
	}
	d := c.dict(ref)
	if d == nil {
		c.report(ruleStructTree, 0, under, "/K holds %s, which is not a dictionary", refName(ref))
		return
	}
	if seen := c.elemByObj[ref.ObjectNumber.Value()]; seen != nil {
		c.report(ruleStructParent, c.page(seen), seen.String(), "appears twice in the tree, the second time under %s", under)
		return
	}
	e := &elem{ref: ref, d: d, s: c.name(d, "S"), parent: parent}
	c.elemByObj[ref.ObjectNumber.Value()] = e
	c.elems = append(c.elems, e)
	if parent != nil {
		parent.kids = append(parent.kids, e)
	}
	if e.s == "" {
		c.report(ruleStructTree, 0, fmt.Sprintf("element %s", refName(ref)), "has no /S: a structure element needs a type")
	}
	e.std = c.standard(e)
	c.checkP(e)
	if lang, ok := c.text(d, "Lang"); ok && !langTag.MatchString(lang) {
		c.report(ruleLang, c.page(e), e.String(), "/Lang %q is not a language tag", lang)
	}
	if depth >= maxDepth {
		c.report(ruleStructTree, c.page(e), e.String(), "the tree is deeper than %d levels; the checker reads no deeper", maxDepth)
		return
	}
	for _, k := range c.kids(d["K"]) {
		c.readKid(e, k, depth)
	}
}

// readKid reads one kid k of e: an MCID, a marked-content or object
// reference, or a structure element.
func (c *checker) readKid(e *elem, k types.Object, depth int) {
	if n, ok := k.(types.Integer); ok {
		e.mcrs = append(e.mcrs, mcr{mcid: int(n), pg: e.d["Pg"]})
		return
	}
	d := c.dict(k)
	switch c.name(d, "Type") {
	case "MCR":
		m := mcr{mcid: -1, pg: d["Pg"], stm: d["Stm"]}
		if m.pg == nil {
			m.pg = e.d["Pg"]
		}
		if n := c.intEntry(d, "MCID"); n != nil {
			m.mcid = *n
		}
		e.mcrs = append(e.mcrs, m)
	case "OBJR":
		r := objr{obj: d["Obj"], pg: d["Pg"]}
		if r.pg == nil {
			r.pg = e.d["Pg"]
		}
		e.objrs = append(e.objrs, r)
	default:
		if d == nil {
			c.report(ruleStructTree, c.page(e), e.String(), "/K holds %v, which is neither an MCID, an MCR, an OBJR nor a structure element", k)
			return
		}
		c.readElem(k, e, depth+1)
	}
}

// checkP checks that e's /P is its parent.
func (c *checker) checkP(e *elem) {
	want, what := c.tree.ref, "the StructTreeRoot"
	if e.parent != nil {
		want, what = e.parent.ref, e.parent.String()
	}
	p, ok := e.d["P"]
	switch {
	case !ok:
		c.report(ruleStructParent, c.page(e), e.String(), "has no /P (its parent is %s)", what)
	case objNum(want) >= 0 && objNum(p) != objNum(want):
		c.report(ruleStructParent, c.page(e), e.String(), "/P is %s, but its parent is %s", objString(p), what)
	}
}

// objString writes o for messages: "12 0 R" for a reference.
func objString(o types.Object) string {
	if r := refName(o); r != "" {
		return r
	}
	return fmt.Sprint(o)
}

// standard returns the standard type e is or is role-mapped to, and
// reports a type that maps to none. Each type is reported once.
func (c *checker) standard(e *elem) string {
	if standardTypes[e.s] || e.s == "" {
		return e.s
	}
	seen := map[string]bool{e.s: true}
	path := "/" + e.s
	for t := e.s; ; {
		m, ok := c.tree.roleMap[t]
		switch {
		case ok && standardTypes[m]:
			return m
		case !ok:
			c.reportType(e, "02-001", "the type /%s is not standard, and the RoleMap maps %s to no standard type", e.s, path)
			return ""
		case seen[m]:
			c.reportType(e, "02-002", "the RoleMap maps %s -> /%s in a circle", path, m)
			return ""
		}
		seen[m] = true
		path += " -> /" + m
		t = m
	}
}

// reportType reports a fault of e's type, once per type.
func (c *checker) reportType(e *elem, cond, format string, args ...any) {
	if !c.typesSeen[e.s] {
		c.typesSeen[e.s] = true
		c.reportAs(ruleRoleMap, cond, c.page(e), e.String(), format, args...)
	}
}
