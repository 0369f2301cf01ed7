package pdfua

import (
	"fmt"
	"slices"
	"strings"
)

// A Rule is one machine-checkable requirement that Check enforces.
type Rule struct {
	// ID is short and stable, such as "figure-alt": tests name rules by it.
	ID string
	// Matterhorn lists the Matterhorn Protocol 1.1 failure conditions the
	// rule covers, such as "13-004", or is empty when the requirement has
	// no failure condition of its own there.
	Matterhorn string
	// Clause is where the requirement is written, such as
	// "ISO 14289-1 7.3".
	Clause string
	// Summary says in a sentence what a conforming file has.
	Summary string
}

// The rules, in the order of the package documentation.
var (
	ruleMarkInfo = &Rule{"mark-info", "", "ISO 14289-1 6.2",
		"the catalog has /MarkInfo with /Marked true"}
	ruleSuspects = &Rule{"suspects", "01-007", "ISO 14289-1 7.1",
		"/MarkInfo /Suspects is not true"}
	ruleMetadata = &Rule{"metadata", "06-001", "ISO 14289-1 7.1",
		"the catalog has /Metadata, an XMP stream with /Type /Metadata and /Subtype /XML"}
	rulePDFUAPart = &Rule{"pdfua-part", "06-002", "ISO 14289-1 5",
		"the XMP has pdfuaid:part 1, with the prefix pdfuaid"}
	ruleDCTitle = &Rule{"dc-title", "06-003", "ISO 14289-1 7.1",
		"the XMP has a non-empty dc:title"}
	ruleInfoTitle = &Rule{"info-title", "", "ISO 32000-1 14.3.3 (handout's rule)",
		"the Info dictionary's /Title is dc:title, so that every reader shows the same title"}
	ruleDisplayDocTitle = &Rule{"display-doc-title", "07-001, 07-002", "ISO 14289-1 7.1",
		"the catalog's /ViewerPreferences has /DisplayDocTitle true"}
	ruleLang = &Rule{"lang", "11-001, 11-002, 11-003, 11-004, 11-006", "ISO 14289-1 7.2",
		"the catalog has /Lang, a language tag, so that the language of all text is determined; every other /Lang is a language tag"}
	ruleStructTree = &Rule{"struct-tree", "", "ISO 14289-1 7.1",
		"the catalog has a /StructTreeRoot whose /K holds the structure elements"}
	ruleStructParent = &Rule{"struct-parent", "", "ISO 32000-1 14.7.2, table 323",
		"each structure element appears once in the tree, is an indirect object, and its /P is its parent"}
	ruleRoleMap = &Rule{"role-map", "02-001, 02-002, 02-003", "ISO 14289-1 7.1",
		"every structure type is standard or role-mapped to one without a cycle, and standard types are not remapped"}
	ruleFigureAlt = &Rule{"figure-alt", "13-004", "ISO 14289-1 7.3",
		"each Figure has a non-empty /Alt or an /ActualText"}
	ruleFormulaAlt = &Rule{"formula-alt", "17-002", "ISO 14289-1 7.7",
		"each Formula has a non-empty /Alt or an /ActualText"}
	ruleHeadings = &Rule{"headings", "14-002, 14-003, 14-006, 14-007", "ISO 14289-1 7.4.2, 7.4.4",
		"numbered headings start at H1 and never skip a level going down; H and Hn are not mixed; no element has two H children"}
	ruleList = &Rule{"list", "09-005", "ISO 32000-1 table 336",
		"L holds only L, LI and a first Caption; LI sits in L and holds only Lbl and LBody; LBody sits in LI"}
	ruleTable = &Rule{"table", "09-004", "ISO 32000-1 table 337",
		"Table holds TR, THead, TBody, TFoot and one Caption (first or last); TR holds TH and TD; each sits in its parent; rows have the same number of columns"}
	ruleTOC = &Rule{"toc", "09-006", "ISO 32000-1 table 333",
		"TOC holds only TOC, TOCI and a first Caption; TOCI sits in TOC"}
	ruleTHScope = &Rule{"th-scope", "15-003", "ISO 14289-1 7.5",
		"each TH has /Scope Row, Column or Both, unless cells name it in their /Headers; every /Headers ID is a TH of the table"}
	ruleNoteID = &Rule{"note-id", "19-003, 19-004", "ISO 14289-1 7.9",
		"each Note has an /ID, and no two Notes share one"}
	ruleContentTagged = &Rule{"content-tagged", "01-005", "ISO 14289-1 7.1",
		"every piece of content (text, path, image, shading) is inside marked content with an /MCID or inside an Artifact"}
	ruleArtifactNesting = &Rule{"artifact-nesting", "01-003, 01-004", "ISO 14289-1 7.1",
		"no Artifact inside tagged content and no tagged content inside an Artifact"}
	ruleMarkedContent = &Rule{"marked-content", "", "ISO 32000-1 14.6",
		"BMC/BDC and EMC balance in each content stream, nest separately from BT/ET, sit between graphics objects, and name property lists that exist"}
	ruleParentTree = &Rule{"parent-tree", "", "ISO 32000-1 14.7.4.4",
		"the ParentTree maps every MCID of every content stream to the structure element whose /K holds it, and nothing else"}
	ruleXObject = &Rule{"xobject", "30-001, 30-002", "ISO 14289-1 7.20",
		"no reference XObjects; a form XObject with marked content of its own is drawn once, not inside tagged content"}
	ruleAnnotStruct = &Rule{"annot-struct", "28-002, 28-007, 28-010, 28-011, 28-017", "ISO 14289-1 7.18.1, 7.18.2, 7.18.4, 7.18.5, 7.18.8",
		"each annotation's /StructParent leads to a Link (links), Form (widgets) or Annot element holding an OBJR of it; PrinterMarks are outside the structure; no TrapNet annotations"}
	ruleAnnotContents = &Rule{"annot-contents", "28-004, 28-012", "ISO 14289-1 7.18.1, 7.18.5",
		"each annotation other than a widget has a non-empty /Contents (or, but not for links, an /Alt on its element)"}
	ruleTabs = &Rule{"tabs", "28-008, 28-009", "ISO 14289-1 7.18.3",
		"each page with annotations has /Tabs /S"}
	ruleFontEmbedded = &Rule{"font-embedded", "31-004, 31-005, 31-009", "ISO 14289-1 7.21.3.2, 7.21.4.1",
		"every font but Type 3 has its program embedded; an embedded CIDFontType2 has a /CIDToGIDMap"}
	ruleToUnicode = &Rule{"to-unicode", "10-001, 31-027", "ISO 14289-1 7.21.7",
		"every font maps its codes to Unicode: a /ToUnicode CMap, or an encoding from which Unicode follows"}
)

// rules lists every rule, in the order of the package documentation.
var rules = []*Rule{
	ruleMarkInfo, ruleSuspects, ruleMetadata, rulePDFUAPart, ruleDCTitle, ruleInfoTitle, ruleDisplayDocTitle, ruleLang,
	ruleStructTree, ruleStructParent, ruleRoleMap, ruleFigureAlt, ruleFormulaAlt, ruleHeadings, ruleList, ruleTable, ruleTOC, ruleTHScope, ruleNoteID,
	ruleContentTagged, ruleArtifactNesting, ruleMarkedContent, ruleParentTree, ruleXObject,
	ruleAnnotStruct, ruleAnnotContents, ruleTabs, ruleFontEmbedded, ruleToUnicode,
}

// Rules returns the rules Check enforces.
func Rules() []Rule {
	rs := make([]Rule, len(rules))
	for i, r := range rules {
		rs[i] = *r
	}
	return rs
}

// A Violation is one failure of a rule: what is wrong and where.
type Violation struct {
	Rule Rule
	// Matterhorn is the Matterhorn Protocol failure condition this is,
	// such as "28-011"; "" if the rule has none, or none fits.
	Matterhorn string
	// Page is the number of the page, from 1, where the fault is, or 0
	// when it is not on one page (the catalog, the metadata, an element
	// with no content).
	Page int
	// Object names the object at fault, such as "catalog",
	// "Figure 14 0 R" or "Link annotation 9 0 R".
	Object string
	// Message says what is wrong.
	Message string
}

// String returns the violation on one line, such as
//
//	figure-alt (Matterhorn 13-004): page 2, Figure 14 0 R: has neither /Alt nor /ActualText
//	mark-info (ISO 14289-1 6.2): catalog: no /MarkInfo dictionary
func (v Violation) String() string {
	var b strings.Builder
	b.WriteString(v.Rule.ID)
	if v.Matterhorn != "" {
		fmt.Fprintf(&b, " (Matterhorn %s): ", v.Matterhorn)
	} else {
		fmt.Fprintf(&b, " (%s): ", v.Rule.Clause)
	}
	if v.Page > 0 {
		fmt.Fprintf(&b, "page %d, ", v.Page)
	}
	if v.Object != "" {
		b.WriteString(v.Object)
		b.WriteString(": ")
	}
	b.WriteString(v.Message)
	return b.String()
}

// IDs returns the IDs of the rules that vs break, sorted, each once.
func IDs(vs []Violation) []string {
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.Rule.ID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
