package pdfua

import (
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// allowedKids lists, for the standard types whose content ISO 32000-1
// restricts (tables 333, 336, 337), the types of structure element they
// may hold. Kids whose type maps to no standard type are left to the
// role-map rule.
var allowedKids = map[string][]string{
	"L":     {"L", "LI", "Caption"},
	"LI":    {"Lbl", "LBody"},
	"Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
	"THead": {"TR"},
	"TBody": {"TR"},
	"TFoot": {"TR"},
	"TR":    {"TH", "TD"},
	"TOC":   {"TOC", "TOCI", "Caption"},
}

// allowedParents lists, for the standard types that belong inside one
// another, the types of their possible parents.
var allowedParents = map[string][]string{
	"LI":    {"L"},
	"LBody": {"LI"},
	"THead": {"Table"},
	"TBody": {"Table"},
	"TFoot": {"Table"},
	"TR":    {"Table", "THead", "TBody", "TFoot"},
	"TH":    {"TR"},
	"TD":    {"TR"},
	"TOCI":  {"TOC"},
}

// familyRule is the rule of each type in allowedKids and allowedParents.
var familyRule = map[string]*Rule{
	"L": ruleList, "LI": ruleList, "LBody": ruleList,
	"Table": ruleTable, "THead": ruleTable, "TBody": ruleTable, "TFoot": ruleTable, "TR": ruleTable, "TH": ruleTable, "TD": ruleTable,
	"TOC": ruleTOC, "TOCI": ruleTOC,
}

// checkElements checks each structure element by its type.
func (c *checker) checkElements() {
	if c.tree == nil {
		return
	}
	notes := map[string]*elem{}
	for _, e := range c.elems {
		c.checkFamily(e)
		switch e.std {
		case "Figure":
			c.checkAlt(e, ruleFigureAlt)
		case "Formula":
			c.checkAlt(e, ruleFormulaAlt)
		case "Table":
			c.checkTable(e)
		case "Note":
			id, ok := c.bytes(e.d, "ID")
			switch {
			case !ok || id == "":
				c.reportAs(ruleNoteID, "19-003", c.page(e), e.String(), "has no /ID")
			case notes[id] != nil:
				c.reportAs(ruleNoteID, "19-004", c.page(e), e.String(), "has the /ID %q of %s", id, notes[id])
			default:
				notes[id] = e
			}
		}
	}
	c.checkHeadings()
}

// checkFamily checks e's place among list, table and TOC elements.
func (c *checker) checkFamily(e *elem) {
	r := familyRule[e.std]
	if r == nil {
		return
	}
	if want := allowedParents[e.std]; want != nil {
		got, what := "", "the StructTreeRoot"
		if e.parent != nil {
			got, what = e.parent.std, e.parent.String()
		}
		if !slices.Contains(want, got) {
			c.report(r, c.page(e), e.String(), "is inside %s; %s belongs in %s", what, article(e.std), article(list(want, "or")))
		}
	}
	allowed := allowedKids[e.std]
	if allowed == nil {
		return
	}
	n := map[string]int{} // kids by type
	for i, k := range e.kids {
		n[k.std]++
		switch {
		case k.std == "":
		case !slices.Contains(allowed, k.std):
			c.report(r, c.page(e), e.String(), "holds %s; %s holds only %s", k, article(e.std), list(allowed, "and"))
		case k.std == "Caption" && i > 0 && (e.std != "Table" || i < len(e.kids)-1):
			where := "first"
			if e.std == "Table" {
				where = "first or last"
			}
			c.report(r, c.page(e), e.String(), "holds %s as kid %d of %d; its Caption must come %s", k, i+1, len(e.kids), where)
		}
	}
	if e.std != "Table" {
		return
	}
	for _, t := range []string{"Caption", "THead", "TFoot"} {
		if n[t] > 1 {
			c.report(r, c.page(e), e.String(), "holds %d %s elements; a Table has at most one", n[t], t)
		}
	}
	if (n["THead"] > 0 || n["TFoot"] > 0) && n["TBody"] == 0 {
		c.report(r, c.page(e), e.String(), "has a THead or TFoot but no TBody")
	}
}

// list returns "A", "A and B", "A, B and C" (with and or or).
func list(items []string, and string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + and + " " + items[len(items)-1]
}

// article returns the structure type t with its article: "a Table",
// "a Link", "an Annot", and "an LI", "an H1", whose first letter is read
// as a letter.
func article(t string) string {
	spelt := len(t) == 1 || len(t) > 1 && (t[1] < 'a' || t[1] > 'z')
	if strings.ContainsAny(t[:1], "AEIOU") || spelt && strings.ContainsAny(t[:1], "FHLMNRSX") {
		return "an " + t
	}
	return "a " + t
}

// checkAlt checks that e has an alternative description or a replacement
// text.
func (c *checker) checkAlt(e *elem, r *Rule) {
	alt, _ := c.text(e.d, "Alt")
	if _, ok := c.text(e.d, "ActualText"); ok || strings.TrimSpace(alt) != "" {
		return
	}
	if _, ok := e.d["Alt"]; ok {
		c.report(r, c.page(e), e.String(), "/Alt is empty and there is no /ActualText")
		return
	}
	c.report(r, c.page(e), e.String(), "has neither /Alt nor /ActualText: a reader of the tags learns nothing of it")
}

// checkHeadings checks the headings in document order.
func (c *checker) checkHeadings() {
	var firstH, firstHn *elem
	prev := 0
	siblings := func(kids []*elem, parent string) {
		n := 0
		for _, k := range kids {
			if k.std == "H" {
				n++
			}
		}
		if n > 1 {
			c.reportAs(ruleHeadings, "14-006", 0, parent, "holds %d H elements; a node holds at most one H", n)
		}
	}
	var top []*elem
	for _, e := range c.elems {
		if e.parent == nil {
			top = append(top, e)
		}
		siblings(e.kids, e.String())
		if e.std == "H" && firstH == nil {
			firstH = e
		}
		level := headingLevel(e.std)
		if level == 0 {
			continue
		}
		switch {
		case firstHn == nil && level != 1:
			c.reportAs(ruleHeadings, "14-002", c.page(e), e.String(), "is the first numbered heading; it must be H1")
		case firstHn != nil && level > prev+1:
			c.reportAs(ruleHeadings, "14-003", c.page(e), e.String(), "follows an H%d: heading levels are skipped", prev)
		}
		if firstHn == nil {
			firstHn = e
		}
		prev = level
	}
	siblings(top, "StructTreeRoot")
	if firstH != nil && firstHn != nil {
		c.reportAs(ruleHeadings, "14-007", c.page(firstH), firstH.String(), "is an H, and %s a numbered heading: a document uses H or H1-H6, not both", firstHn)
	}
}

// headingLevel returns n for Hn, else 0.
func headingLevel(t string) int {
	if len(t) == 2 && t[0] == 'H' && t[1] >= '1' && t[1] <= '6' {
		return int(t[1] - '0')
	}
	return 0
}

// bytes returns the byte string d[key] is or refers to, and whether there
// is one.
func (c *checker) bytes(d types.Dict, key string) (string, bool) {
	switch v := c.deref(d[key]).(type) {
	case types.StringLiteral:
		b, err := types.Unescape(v.Value())
		return string(b), err == nil
	case types.HexLiteral:
		b, err := v.Bytes()
		return string(b), err == nil
	}
	return "", false
}

// attr returns the attribute key of the owner owner in e's /A, or nil.
func (c *checker) attr(e *elem, owner, key string) types.Object {
	var dicts []types.Dict
	switch v := c.deref(e.d["A"]).(type) {
	case types.Dict:
		dicts = []types.Dict{v}
	case types.StreamDict:
		dicts = []types.Dict{v.Dict}
	case types.Array:
		for _, o := range v {
			if d := c.dict(o); d != nil {
				dicts = append(dicts, d)
			}
		}
	}
	for _, d := range dicts {
		if c.name(d, "O") == owner {
			if v, ok := d[key]; ok {
				return c.deref(v)
			}
		}
	}
	return nil
}
