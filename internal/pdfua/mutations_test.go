package pdfua

import (
	"maps"
	"slices"
	"strings"
)

// A mutation breaks the correct fixture in one way.
type mutation struct {
	name   string
	change func(f *fixture)
	want   []string // the IDs of the rules broken; none: the change is allowed
}

// mutations lists the ways to break the fixture, at least one for each rule
// (TestEveryRuleIsSeeded), and some changes that break nothing.
var mutations = []mutation{
	{"no MarkInfo", func(f *fixture) { f.o("catalog").del("MarkInfo") }, []string{"mark-info"}},
	{"Marked false", func(f *fixture) { f.dict("catalog", "MarkInfo", "<< /Marked false >>") }, []string{"mark-info"}},
	{"Suspects true", func(f *fixture) { f.dict("catalog", "MarkInfo", "<< /Marked true /Suspects true >>") }, []string{"suspects"}},

	{"no StructTreeRoot", func(f *fixture) { f.o("catalog").del("StructTreeRoot") }, []string{"struct-tree"}},
	{"StructTreeRoot of another type", func(f *fixture) { f.dict("root", "Type", "/StructElem") }, []string{"struct-tree"}},
	{"element without S", func(f *fixture) { f.o("Lbl").del("S") }, []string{"struct-tree"}},
	{"element with a wrong P", func(f *fixture) { f.dict("H2", "P", f.ref("H1")) }, []string{"struct-parent"}},
	{"element without P", func(f *fixture) { f.o("TD1").del("P") }, []string{"struct-parent"}},
	{"element twice in the tree", func(f *fixture) {
		f.dict("Document", "K", "["+f.refs("H1", "P", "H2", "L", "Figure", "Table", "P2", "H2")+"]")
	}, []string{"struct-parent"}},

	{"type not role-mapped", func(f *fixture) { f.o("root").del("RoleMap") }, []string{"role-map"}},
	{"role map in a circle", func(f *fixture) {
		f.dict("root", "RoleMap", "<< /Worksheet /Sheet /Sheet /Worksheet >>")
	}, []string{"role-map"}},
	{"standard type remapped", func(f *fixture) {
		f.dict("root", "RoleMap", "<< /Worksheet /Document /P /Span >>")
	}, []string{"role-map"}},
	{"role map through two steps", func(f *fixture) {
		f.dict("root", "RoleMap", "<< /Worksheet /Sheet /Sheet /Document >>")
	}, nil},

	{"no Metadata", func(f *fixture) { f.o("catalog").del("Metadata") }, []string{"metadata"}},
	{"Metadata not XML", func(f *fixture) { f.dict("xmp", "Subtype", "/Text") }, []string{"metadata"}},
	{"XMP not XML", func(f *fixture) { f.stream("xmp", "<x:xmpmeta>", "Type", "/Metadata", "Subtype", "/XML") }, []string{"metadata"}},
	{"no pdfuaid:part", func(f *fixture) {
		f.stream("xmp", xmp(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Fixture</rdf:li></rdf:Alt></dc:title>`))
	}, []string{"pdfua-part"}},
	{"pdfuaid:part 2", func(f *fixture) { f.edit("xmp", "<pdfuaid:part>1", "<pdfuaid:part>2") }, []string{"pdfua-part"}},
	{"pdfuaid:part with another prefix", func(f *fixture) {
		f.edit("xmp", "<pdfuaid:part>1</pdfuaid:part>", `<ua:part xmlns:ua="http://www.aiim.org/pdfua/ns/id/">1</ua:part>`)
	}, []string{"pdfua-part"}},
	{"pdfuaid:part as an attribute", func(f *fixture) {
		f.edit("xmp", "<pdfuaid:part>1</pdfuaid:part>", "")
		f.edit("xmp", `rdf:about=""`, `rdf:about="" pdfuaid:part="1"`)
	}, nil},
	{"no dc:title", func(f *fixture) { f.stream("xmp", xmp(`<pdfuaid:part>1</pdfuaid:part>`)) }, []string{"dc-title"}},
	{"empty dc:title", func(f *fixture) { f.edit("xmp", ">Fixture<", "><") }, []string{"dc-title", "info-title"}},
	{"Info Title not dc:title", func(f *fixture) { f.dict("info", "Title", "(Untitled)") }, []string{"info-title"}},
	{"no Info Title", func(f *fixture) { f.o("info").del("Title") }, []string{"info-title"}},
	{"Info Title in UTF-16", func(f *fixture) { f.dict("info", "Title", "<FEFF0046006900780074007500720065>") }, nil},

	{"no ViewerPreferences", func(f *fixture) { f.o("catalog").del("ViewerPreferences") }, []string{"display-doc-title"}},
	{"DisplayDocTitle false", func(f *fixture) {
		f.dict("catalog", "ViewerPreferences", "<< /DisplayDocTitle false >>")
	}, []string{"display-doc-title"}},

	{"no Lang", func(f *fixture) { f.o("catalog").del("Lang") }, []string{"lang"}},
	{"empty Lang", func(f *fixture) { f.dict("catalog", "Lang", "()") }, []string{"lang"}},
	{"Lang not a tag", func(f *fixture) { f.dict("catalog", "Lang", "(en_GB)") }, []string{"lang"}},
	{"element Lang not a tag", func(f *fixture) { f.dict("P", "Lang", "(en GB)") }, []string{"lang"}},
	{"marked-content Lang not a tag", func(f *fixture) {
		f.edit("content1", "/P <</MCID 1>>", "/P <</MCID 1 /Lang (fr FR)>>")
	}, []string{"lang"}},
	{"element Lang", func(f *fixture) { f.dict("P", "Lang", "(fr-FR)") }, nil},

	{"text outside marked content", func(f *fixture) {
		f.edit("content1", "/P <</MCID 1>>", f.line(72, 700, "Stray")+"\n/P <</MCID 1>>")
	}, []string{"content-tagged"}},
	{"path outside marked content", func(f *fixture) {
		f.edit("content2", "/Figure", "72 500 100 20 re f\n/Figure")
	}, []string{"content-tagged"}},
	{"image outside marked content", func(f *fixture) {
		f.edit("content2", "/Figure", "q 10 0 0 10 72 400 cm /Im1 Do Q\n/Figure")
	}, []string{"content-tagged"}},
	{"inline image outside marked content", func(f *fixture) {
		f.edit("content2", "/Figure", "q 10 0 0 10 72 400 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q\n/Figure")
	}, []string{"content-tagged"}},
	{"content in BMC without MCID", func(f *fixture) {
		f.edit("content1", "/P <</MCID 1>>", "/Span BMC "+f.line(72, 700, "Stray")+" EMC\n/P <</MCID 1>>")
	}, []string{"content-tagged"}},
	{"inline image as artifact", func(f *fixture) {
		f.edit("content2", "/Figure", "/Artifact BMC q 10 0 0 10 72 400 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q EMC\n/Figure")
	}, nil},
	{"clipping path outside marked content", func(f *fixture) {
		f.edit("content2", "/Figure", "72 500 100 20 re W n\n/Figure")
	}, nil},

	{"artifact inside tagged content", func(f *fixture) {
		f.edit("content1", "/P <</MCID 1>> BDC", "/P <</MCID 1>> BDC /Artifact BMC 72 735 m 100 735 l S EMC")
	}, []string{"artifact-nesting"}},
	{"tagged content inside an artifact", func(f *fixture) {
		f.edit("content1", "/H1", "/Artifact BMC /H1")
		f.edit("content1", "EMC", "EMC EMC")
	}, []string{"artifact-nesting"}},

	{"EMC missing at the end", func(f *fixture) {
		f.stream("content1", strings.TrimSuffix(*f.o("content1").stream, " EMC"))
	}, []string{"marked-content"}},
	{"EMC too many", func(f *fixture) { f.edit("content1", "\n/P", "\nEMC\n/P") }, []string{"marked-content"}},
	{"marked content across ET", func(f *fixture) {
		f.edit("content1", "/P <</MCID 1>> BDC BT", "BT /P <</MCID 1>> BDC")
	}, []string{"marked-content"}},
	{"marked content inside a path", func(f *fixture) {
		f.edit("content1", "/Artifact <</Type /Layout>> BDC 0.5 w 72 760 m", "0.5 w 72 760 m /Artifact <</Type /Layout>> BDC")
	}, []string{"marked-content"}},
	{"property list not in the resources", func(f *fixture) {
		f.edit("content1", "/Artifact <</Type /Layout>> BDC", "/Artifact /Rule BDC")
	}, []string{"marked-content"}},
	{"property list from the resources", func(f *fixture) {
		f.edit("content1", "/Artifact <</Type /Layout>> BDC", "/Artifact /Rule BDC")
		f.dict("page1", "Resources", "<< /Font << /F1 "+f.ref("font")+" >> /Properties << /Rule << /Type /Layout >> >> >>")
	}, nil},
	{"content cannot be read", func(f *fixture) { f.stream("content1", *f.o("content1").stream+"\n)") }, []string{"marked-content"}},

	{"page without StructParents", func(f *fixture) { f.o("page2").del("StructParents") }, []string{"parent-tree"}},
	{"no ParentTree", func(f *fixture) { f.o("root").del("ParentTree") }, []string{"annot-struct", "parent-tree"}},
	{"MCID not in the ParentTree", func(f *fixture) {
		f.o("parenttree").raw = strings.Replace(f.o("parenttree").raw, "0 ["+f.refs("H1", "P")+"]", "0 ["+f.ref("H1")+"]", 1)
	}, []string{"parent-tree"}},
	{"ParentTree maps an MCID to another element", func(f *fixture) {
		f.o("parenttree").raw = strings.Replace(f.o("parenttree").raw, "0 ["+f.refs("H1", "P")+"]", "0 ["+f.refs("P", "H1")+"]", 1)
	}, []string{"parent-tree"}},
	{"ParentTree maps an MCID the page lacks", func(f *fixture) {
		f.o("parenttree").raw = strings.Replace(f.o("parenttree").raw, "0 ["+f.refs("H1", "P")+"]", "0 ["+f.refs("H1", "P", "P")+"]", 1)
	}, []string{"parent-tree"}},
	{"element holds an MCID the page lacks", func(f *fixture) { f.dict("H2", "K", "[1 12]") }, []string{"parent-tree"}},
	{"two elements hold one MCID", func(f *fixture) { f.dict("H2", "K", "[1 2]") }, []string{"parent-tree"}},
	{"MCID twice on a page", func(f *fixture) { f.edit("content1", "/P <</MCID 1>>", "/P <</MCID 0>>") }, []string{"parent-tree"}},
	{"ParentTreeNextKey too small", func(f *fixture) { f.dict("root", "ParentTreeNextKey", "2") }, []string{"parent-tree"}},
	{"two pages with one key", func(f *fixture) { f.dict("page2", "StructParents", "0") }, []string{"parent-tree"}},
	{"ParentTree maps MCIDs of a page without any", func(f *fixture) {
		f.stream("content1", "/Artifact BMC "+f.line(72, 700, "Nothing")+" EMC")
		f.dict("P", "K", "<< /Type /MCR /Pg "+f.ref("page2")+" /MCID 0 >>")
		f.dict("Document", "K", "["+f.refs("P", "H2", "L", "Figure", "Table", "P2")+"]")
		f.dict("H2", "S", "/H1")
	}, []string{"parent-tree"}},
	{"page without MCIDs and its entry", func(f *fixture) {
		f.stream("content1", "/Artifact BMC "+f.line(72, 700, "Nothing")+" EMC")
		f.dict("P", "K", "<< /Type /MCR /Pg "+f.ref("page2")+" /MCID 0 >>")
		f.dict("Document", "K", "["+f.refs("P", "H2", "L", "Figure", "Table", "P2")+"]")
		f.dict("H2", "S", "/H1")
		f.o("parenttree").raw = strings.Replace(f.o("parenttree").raw, "0 ["+f.refs("H1", "P")+"]", "0 [null null]", 1)
	}, nil},
	{"ParentTree node twice", func(f *fixture) {
		pt := f.o("parenttree")
		pt.raw = strings.Replace(pt.raw, "<< /Nums", "<< /Kids ["+f.ref("parenttree")+"] /Nums", 1)
	}, []string{"parent-tree"}},
	{"ParentTree in a tree of nodes", func(f *fixture) {
		pt := f.o("parenttree")
		pt.raw = "<< /Kids [<< /Limits [0 1] " + strings.TrimPrefix(strings.Replace(pt.raw, "] 2 ", "]] >> << /Limits [2 2] /Nums [2 ", 1), "<<") + "] >>"
	}, nil},

	{"link without StructParent", func(f *fixture) { f.o("annot").del("StructParent") }, []string{"annot-struct"}},
	{"link in a Span", func(f *fixture) { f.dict("Link", "S", "/Span") }, []string{"annot-struct"}},
	{"link element without OBJR", func(f *fixture) { f.dict("Link", "K", "[9]") }, []string{"annot-struct"}},
	{"annotation in Annot", func(f *fixture) { f.dict("annot", "Subtype", "/Text"); f.dict("Link", "S", "/Annot") }, nil},
	{"annotation not in Annot", func(f *fixture) { f.dict("annot", "Subtype", "/Text") }, []string{"annot-struct"}},
	{"hidden link without structure", func(f *fixture) {
		f.dict("annot", "F", "2")
		f.o("annot").del("StructParent")
		f.o("annot").del("Contents")
	}, nil},
	{"TrapNet annotation", func(f *fixture) { f.dict("annot", "Subtype", "/TrapNet") }, []string{"annot-struct"}},
	{"PrinterMark in the structure", func(f *fixture) { f.dict("annot", "Subtype", "/PrinterMark") }, []string{"annot-struct"}},
	{"PrinterMark outside the structure", func(f *fixture) {
		f.dict("annot", "Subtype", "/PrinterMark")
		f.o("annot").del("StructParent")
		f.dict("Link", "K", "[9]")
		f.o("parenttree").raw = strings.Replace(f.o("parenttree").raw, " 2 "+f.ref("Link"), "", 1)
		f.dict("root", "ParentTreeNextKey", "2")
	}, nil},
	{"link outside the crop box", func(f *fixture) {
		f.dict("annot", "Rect", "[600 900 700 950]")
		f.o("annot").del("StructParent")
		f.o("annot").del("Contents")
	}, nil},
	{"Popup outside the structure, without Contents", func(f *fixture) {
		f.dict("annot", "Subtype", "/Popup")
		f.o("annot").del("StructParent")
		f.o("annot").del("Contents")
	}, nil},
	{"link without Contents", func(f *fixture) { f.o("annot").del("Contents") }, []string{"annot-contents"}},
	{"link with empty Contents", func(f *fixture) { f.dict("annot", "Contents", "( )") }, []string{"annot-contents"}},
	{"annotation described by Alt", func(f *fixture) {
		f.dict("annot", "Subtype", "/Text")
		f.o("annot").del("Contents")
		f.dict("Link", "S", "/Annot", "Alt", "(A note)")
	}, nil},
	{"annotation not described", func(f *fixture) {
		f.dict("annot", "Subtype", "/Text")
		f.o("annot").del("Contents")
		f.dict("Link", "S", "/Annot")
	}, []string{"annot-contents"}},

	{"no Tabs", func(f *fixture) { f.o("page2").del("Tabs") }, []string{"tabs"}},
	{"Tabs R", func(f *fixture) { f.dict("page2", "Tabs", "/R") }, []string{"tabs"}},

	{"Figure without Alt", func(f *fixture) { f.o("Figure").del("Alt") }, []string{"figure-alt"}},
	{"Figure with empty Alt", func(f *fixture) { f.dict("Figure", "Alt", "()") }, []string{"figure-alt"}},
	{"Figure with ActualText", func(f *fixture) { f.o("Figure").del("Alt"); f.dict("Figure", "ActualText", "(A)") }, nil},
	{"Formula without Alt", func(f *fixture) { f.dict("Figure", "S", "/Formula"); f.o("Figure").del("Alt") }, []string{"formula-alt"}},

	{"heading level skipped", func(f *fixture) { f.dict("H2", "S", "/H3") }, []string{"headings"}},
	{"first heading not H1", func(f *fixture) { f.dict("H1", "S", "/H2") }, []string{"headings"}},
	{"H and Hn", func(f *fixture) { f.dict("H2", "S", "/H") }, []string{"headings"}},
	{"two H in a node", func(f *fixture) { f.dict("H1", "S", "/H"); f.dict("H2", "S", "/H") }, []string{"headings"}},
	{"heading level going up", func(f *fixture) { f.dict("P2", "S", "/H1") }, nil},

	{"LI not in L", func(f *fixture) { f.dict("L", "S", "/Div") }, []string{"list"}},
	{"L holding a P", func(f *fixture) { f.dict("LI", "S", "/P") }, []string{"list"}},
	{"LI holding a P", func(f *fixture) { f.dict("LBody", "S", "/P") }, []string{"list"}},
	{"Caption after the items", func(f *fixture) {
		f.dict("L", "K", "["+f.refs("LI", "P2")+"]")
		f.dict("Document", "K", "["+f.refs("H1", "P", "H2", "L", "Figure", "Table")+"]")
		f.dict("P2", "S", "/Caption", "P", f.ref("L"))
	}, []string{"list"}},

	{"TR not in a Table", func(f *fixture) { f.dict("Table", "S", "/Div") }, []string{"table"}},
	{"Table holding a P", func(f *fixture) { f.dict("TR2", "S", "/P") }, []string{"table"}},
	{"cell outside a TR", func(f *fixture) { f.dict("TR1", "S", "/TBody") }, []string{"table"}},
	{"THead without TBody", func(f *fixture) {
		f.dict("Table", "K", "["+f.refs("TR1", "TR2")+"]")
		f.dict("TR1", "S", "/THead", "K", "["+f.ref("TR2")+"]")
		f.dict("TR2", "P", f.ref("TR1"), "K", "["+f.refs("TH1", "TH2", "TD1", "TD2")+"]")
		f.dict("Table", "K", "["+f.ref("TR1")+"]")
		for _, c := range []string{"TH1", "TH2", "TD1", "TD2"} {
			f.dict(c, "P", f.ref("TR2"))
		}
	}, []string{"table"}},
	{"row wider than the first", func(f *fixture) {
		f.dict("TD2", "A", "<< /O /Table /ColSpan 2 >>")
	}, []string{"table"}},
	{"RowSpan past the last row", func(f *fixture) {
		f.dict("TD2", "A", "<< /O /Table /RowSpan 2 >>")
	}, []string{"table"}},
	{"header cells by Headers and IDs", func(f *fixture) {
		for i, th := range []string{"TH1", "TH2"} {
			f.o(th).del("A")
			f.dict(th, "ID", []string{"(year)", "(event)"}[i])
		}
		f.dict("TD1", "A", "<< /O /Table /Headers [(year)] >>")
		f.dict("TD2", "A", "[<< /O /Table /Headers [(event)] >> 0]")
	}, nil},

	{"TOCI not in TOC", func(f *fixture) { f.dict("LI", "S", "/TOCI") }, []string{"list", "toc"}},
	{"TOC holding an LI", func(f *fixture) { f.dict("L", "S", "/TOC") }, []string{"list", "toc"}},
	{"TOCI outside a TOC", func(f *fixture) {
		f.dict("L", "S", "/Div")
		f.dict("LI", "S", "/TOCI")
		f.dict("LBody", "S", "/P")
	}, []string{"toc"}},
	{"TOC of TOCI", func(f *fixture) {
		f.dict("L", "S", "/TOC")
		f.dict("LI", "S", "/TOCI")
		f.dict("LBody", "S", "/P")
	}, nil},

	{"TH without Scope", func(f *fixture) { f.o("TH1").del("A") }, []string{"th-scope"}},
	{"TH without Scope in a table organized by Headers", func(f *fixture) {
		f.o("TH1").del("A")
		f.dict("TH2", "ID", "(event)")
		f.dict("TD1", "A", "<< /O /Table /Headers [] >>")
		f.dict("TD2", "A", "<< /O /Table /Headers [(event)] >>")
	}, nil},
	{"TH without Scope, one TD without Headers", func(f *fixture) {
		f.o("TH1").del("A")
		f.dict("TH2", "ID", "(event)")
		f.dict("TD2", "A", "<< /O /Table /Headers [(event)] >>")
	}, []string{"th-scope"}},
	{"TH with a bad Scope", func(f *fixture) { f.dict("TH1", "A", "<< /O /Table /Scope /Top >>") }, []string{"th-scope"}},
	{"Headers naming no TH", func(f *fixture) { f.dict("TD1", "A", "<< /O /Table /Headers [(nothing)] >>") }, []string{"th-scope"}},
	{"Scope in another owner", func(f *fixture) { f.dict("TH1", "A", "<< /O /Layout /Scope /Column >>") }, []string{"th-scope"}},

	{"Note without ID", func(f *fixture) { f.dict("P2", "S", "/Note") }, []string{"note-id"}},
	{"Notes with one ID", func(f *fixture) {
		f.dict("P2", "S", "/Note", "ID", "(n1)")
		f.dict("P", "S", "/Note", "ID", "(n1)")
	}, []string{"note-id"}},

	{"reference XObject", func(f *fixture) {
		f.form("/Im1 Do", "Ref", "<< /F (other.pdf) /Page 0 >>")
	}, []string{"xobject"}},
	{"form drawn in the Figure", func(f *fixture) { f.form("/Im1 Do") }, nil},
	{"form that draws itself", func(f *fixture) {
		f.form("/Im1 Do /Fm1 Do")
		f.dict("image", "Resources", "<< /XObject << /Im1 "+f.ref("formimage")+" /Fm1 "+f.ref("image")+" >> >>")
	}, []string{"xobject"}},
	{"form with its own MCIDs drawn twice", func(f *fixture) {
		f.form("/Figure <</MCID 0>> BDC /Im1 Do EMC", "StructParents", "3")
		f.edit("content2", "/Figure <</MCID 4>> BDC q 50 0 0 50 72 650 cm /Fm1 Do Q EMC", "q 50 0 0 50 72 650 cm /Fm1 Do Q q /Fm1 Do Q")
		f.o("parenttree").raw = strings.Replace(f.o("parenttree").raw, "] >>", " 3 ["+f.ref("Figure")+"]] >>", 1)
		f.o("parenttree").raw = strings.Replace(f.o("parenttree").raw, f.refs("LBody", "Figure"), f.ref("LBody")+" null", 1)
		f.dict("Figure", "K", "<< /Type /MCR /Pg "+f.ref("page2")+" /Stm "+f.ref("image")+" /MCID 0 >>")
		f.dict("root", "ParentTreeNextKey", "4")
	}, []string{"xobject"}},
	{"form with its own MCIDs", func(f *fixture) {
		f.form("/Figure <</MCID 0>> BDC /Im1 Do EMC", "StructParents", "3")
		f.edit("content2", "/Figure <</MCID 4>> BDC q 50 0 0 50 72 650 cm /Fm1 Do Q EMC", "q 50 0 0 50 72 650 cm /Fm1 Do Q")
		f.o("parenttree").raw = strings.Replace(f.o("parenttree").raw, "] >>", " 3 ["+f.ref("Figure")+"]] >>", 1)
		f.o("parenttree").raw = strings.Replace(f.o("parenttree").raw, f.refs("LBody", "Figure"), f.ref("LBody")+" null", 1)
		f.dict("Figure", "K", "<< /Type /MCR /Pg "+f.ref("page2")+" /Stm "+f.ref("image")+" /MCID 0 >>")
		f.dict("root", "ParentTreeNextKey", "4")
	}, nil},

	{"font not embedded", func(f *fixture) { f.o("descriptor").del("FontFile2") }, []string{"font-embedded"}},
	{"no CIDToGIDMap", func(f *fixture) { f.o("cidfont").del("CIDToGIDMap") }, []string{"font-embedded"}},
	{"no ToUnicode", func(f *fixture) { f.o("font").del("ToUnicode") }, []string{"to-unicode"}},
	{"no ToUnicode, an Adobe collection", func(f *fixture) {
		f.o("font").del("ToUnicode")
		f.dict("cidfont", "CIDSystemInfo", "<< /Registry (Adobe) /Ordering (Japan1) /Supplement 4 >>")
	}, nil},
	{"code missing from ToUnicode", func(f *fixture) {
		f.glyphs()
		f.edit("tounicode", "<"+strings.Trim(f.text("F"), "<>")+"> <0046>\n", "")
	}, []string{"to-unicode"}},
	{"code mapped to U+FEFF", func(f *fixture) {
		f.glyphs()
		f.edit("tounicode", "<"+strings.Trim(f.text("F"), "<>")+"> <0046>", "<"+strings.Trim(f.text("F"), "<>")+"> <feff>")
	}, []string{"to-unicode"}},
	{"bfrange past a byte", func(f *fixture) {
		f.glyphs()
		f.edit("tounicode", "endcmap", "1 beginbfrange\n<0100> <0200> <0041>\nendbfrange\nendcmap")
	}, []string{"to-unicode"}},
	{"bfrange within a byte", func(f *fixture) {
		f.glyphs()
		f.edit("tounicode", "endcmap", "2 beginbfrange\n<0100> <0110> <0041>\n<0120> <0121> [<0041> <00420043>]\nendbfrange\nendcmap")
	}, nil},
}

// form makes the Figure draw a form XObject, /Fm1, whose content is
// content, in place of the image; the form takes the image's object.
func (f *fixture) form(content string, kv ...string) {
	old := f.o("image")
	img := &object{name: "formimage", keys: slices.Clone(old.keys), vals: maps.Clone(old.vals), stream: old.stream}
	f.objs = append(f.objs, img)
	f.num["formimage"] = len(f.objs)
	f.stream("image", content, append([]string{"Type", "/XObject", "Subtype", "/Form", "BBox", "[0 0 1 1]",
		"Resources", "<< /XObject << /Im1 " + f.ref("formimage") + " >> >>"}, kv...)...)
	for _, k := range []string{"Width", "Height", "ColorSpace", "BitsPerComponent"} {
		f.o("image").del(k)
	}
	for _, p := range []string{"page1", "page2"} {
		f.dict(p, "Resources", "<< /Font << /F1 "+f.ref("font")+" >> /XObject << /Fm1 "+f.ref("image")+" >> >>")
	}
	f.edit("content2", "/Im1 Do", "/Fm1 Do")
}
