package pdfua

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"handout/fonts"
)

// A fixture is a small tagged PDF written by hand, object by object, so
// that a test can break one thing in it before it is written out.
type fixture struct {
	t     testing.TB
	objs  []*object
	num   map[string]int // object numbers by name
	font  *sfnt.Font
	glyph map[rune]sfnt.GlyphIndex // the glyphs the text uses
}

// An object is one object of a fixture: a dictionary, and a stream's data.
type object struct {
	name   string
	keys   []string // in the order written
	vals   map[string]string
	raw    string // the whole object, for one that is not a dictionary
	stream *string
}

// set sets the dictionary entry /key to the PDF source val.
func (o *object) set(key, val string) {
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = val
}

// del removes the entry /key.
func (o *object) del(key string) {
	o.keys = slices.DeleteFunc(o.keys, func(k string) bool { return k == key })
	delete(o.vals, key)
}

// The objects of the fixture, in the order of their numbers.
var fixtureObjects = []string{
	"catalog", "pages", "page1", "page2", "content1", "content2", "info", "xmp",
	"font", "cidfont", "descriptor", "fontfile", "tounicode", "image", "annot",
	"root", "parenttree", "Document", "H1", "P", "H2", "L", "LI", "Lbl", "LBody",
	"Figure", "Table", "TR1", "TR2", "TH1", "TH2", "TD1", "TD2", "P2", "Link",
}

// newFixture returns the correct fixture: a two-page tagged PDF with a
// heading, a paragraph that runs on to the next page, a subheading, a
// list, a figure, a table and a link, and a page number and a rule as
// artifacts.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	sf, err := sfnt.Parse(fonts.Face{Family: fonts.Sans}.TTF())
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, num: map[string]int{}, font: sf, glyph: map[rune]sfnt.GlyphIndex{}}
	for i, n := range fixtureObjects {
		f.num[n] = i + 1
		f.objs = append(f.objs, &object{name: n, vals: map[string]string{}})
	}
	f.document()
	f.pages()
	f.structure()
	return f
}

// o returns the object named n.
func (f *fixture) o(n string) *object {
	i, ok := f.num[n]
	if !ok {
		f.t.Fatalf("fixture: no object %q", n)
	}
	return f.objs[i-1]
}

// ref returns a reference to the object named n, such as "12 0 R".
func (f *fixture) ref(n string) string {
	f.o(n)
	return fmt.Sprintf("%d 0 R", f.num[n])
}

// dict sets the entries of the object named n: pairs of keys and values.
func (f *fixture) dict(n string, kv ...string) *object {
	o := f.o(n)
	for i := 0; i+1 < len(kv); i += 2 {
		o.set(kv[i], kv[i+1])
	}
	return o
}

// stream makes the object named n a stream with the data s.
func (f *fixture) stream(n, s string, kv ...string) *object {
	o := f.dict(n, kv...)
	o.stream = &s
	return o
}

// edit replaces old with new in the stream of the object named n, failing
// the test if old is not there.
func (f *fixture) edit(n, old, new string) {
	o := f.o(n)
	if o.stream == nil || !strings.Contains(*o.stream, old) {
		f.t.Fatalf("fixture: %q is not in the stream of %s", old, n)
	}
	s := strings.Replace(*o.stream, old, new, 1)
	o.stream = &s
}

// text returns s as a hex string of glyph numbers for the fixture's font,
// such as <002b0048>.
func (f *fixture) text(s string) string {
	var b strings.Builder
	var buf sfnt.Buffer
	b.WriteByte('<')
	for _, r := range s {
		g, err := f.font.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			f.t.Fatalf("fixture: no glyph for %q", r)
		}
		f.glyph[r] = g
		fmt.Fprintf(&b, "%04x", g)
	}
	b.WriteByte('>')
	return b.String()
}

// document makes the catalog, the Info dictionary, the XMP and the font.
func (f *fixture) document() {
	f.dict("catalog", "Type", "/Catalog", "Pages", f.ref("pages"), "Lang", "(en-GB)",
		"MarkInfo", "<< /Marked true >>", "StructTreeRoot", f.ref("root"),
		"ViewerPreferences", "<< /DisplayDocTitle true >>", "Metadata", f.ref("xmp"))
	f.dict("info", "Title", "(Fixture)", "Producer", "(handout pdfua tests)")
	f.stream("xmp", xmp(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Fixture</rdf:li></rdf:Alt></dc:title>`,
		`<pdfuaid:part>1</pdfuaid:part>`), "Type", "/Metadata", "Subtype", "/XML")

	f.dict("font", "Type", "/Font", "Subtype", "/Type0", "BaseFont", "/LiberationSans",
		"Encoding", "/Identity-H", "DescendantFonts", "["+f.ref("cidfont")+"]", "ToUnicode", f.ref("tounicode"))
	f.dict("cidfont", "Type", "/Font", "Subtype", "/CIDFontType2", "BaseFont", "/LiberationSans",
		"CIDSystemInfo", "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>",
		"FontDescriptor", f.ref("descriptor"), "CIDToGIDMap", "/Identity")
	f.dict("descriptor", "Type", "/FontDescriptor", "FontName", "/LiberationSans", "Flags", "32",
		"FontBBox", "[-544 -303 1302 980]", "ItalicAngle", "0", "Ascent", "905", "Descent", "-212",
		"CapHeight", "729", "StemV", "80", "FontFile2", f.ref("fontfile"))
	ttf := fonts.Face{Family: fonts.Sans}.TTF()
	f.stream("fontfile", fontFile(), "Filter", "/FlateDecode", "Length1", fmt.Sprint(len(ttf)))
	f.stream("image", "\x00\x80\x80\xff", "Type", "/XObject", "Subtype", "/Image", "Width", "2", "Height", "2",
		"ColorSpace", "/DeviceGray", "BitsPerComponent", "8")
}

// fontFile returns the fixture's font program, compressed, made once.
var fontFile = sync.OnceValue(func() string {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(fonts.Face{Family: fonts.Sans}.TTF())
	w.Close()
	return z.String()
})

// xmp returns an XMP packet with the given properties.
func xmp(props ...string) string {
	return `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
` + strings.Join(props, "\n") + `
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`
}

// line returns content that shows s at (x, y), size 11.
func (f *fixture) line(x, y int, s string) string {
	return fmt.Sprintf("BT /F1 11 Tf %d %d Td %s Tj ET", x, y, f.text(s))
}

// pages makes the two pages, their content and the link.
func (f *fixture) pages() {
	f.dict("pages", "Type", "/Pages", "Kids", "["+f.ref("page1")+" "+f.ref("page2")+"]", "Count", "2")
	res := "<< /Font << /F1 " + f.ref("font") + " >> /XObject << /Im1 " + f.ref("image") + " >> >>"
	f.dict("page1", "Type", "/Page", "Parent", f.ref("pages"), "MediaBox", "[0 0 595 842]",
		"Resources", res, "Contents", f.ref("content1"), "StructParents", "0")
	f.dict("page2", "Type", "/Page", "Parent", f.ref("pages"), "MediaBox", "[0 0 595 842]",
		"Resources", res, "Contents", f.ref("content2"), "StructParents", "1",
		"Annots", "["+f.ref("annot")+"]", "Tabs", "/S")
	footer := func(n string) string {
		return "/Artifact <</Type /Pagination /Subtype /Footer>> BDC " + f.line(290, 40, n) + " EMC"
	}
	f.stream("content1", strings.Join([]string{
		"/H1 <</MCID 0>> BDC " + strings.Replace(f.line(72, 770, "Fixture"), "11 Tf", "18 Tf", 1) + " EMC",
		"/Artifact <</Type /Layout>> BDC 0.5 w 72 760 m 523 760 l S EMC",
		"/P <</MCID 1>> BDC " + f.line(72, 740, "A paragraph that runs on") + " EMC",
		footer("1"),
	}, "\n"))
	f.stream("content2", strings.Join([]string{
		"/P <</MCID 0>> BDC " + f.line(72, 770, "to the next page.") + " EMC",
		"/H2 <</MCID 1>> BDC " + f.line(72, 740, "Section") + " EMC",
		"/Lbl <</MCID 2>> BDC " + f.line(72, 720, "1.") + " EMC",
		"/LBody <</MCID 3>> BDC " + f.line(90, 720, "An item") + " EMC",
		"/Figure <</MCID 4>> BDC q 50 0 0 50 72 650 cm /Im1 Do Q EMC",
		"/TH <</MCID 5>> BDC " + f.line(72, 620, "Year") + " EMC",
		"/TH <</MCID 6>> BDC " + f.line(150, 620, "Event") + " EMC",
		"/TD <</MCID 7>> BDC " + f.line(72, 600, "1938") + " EMC",
		"/TD <</MCID 8>> BDC " + f.line(150, 600, "Purges end") + " EMC",
		"/Link <</MCID 9>> BDC " + f.line(72, 570, "example.org") + " EMC",
		footer("2"),
	}, "\n"))
	f.dict("annot", "Type", "/Annot", "Subtype", "/Link", "Rect", "[72 567 140 581]", "Border", "[0 0 0]",
		"F", "4", "A", "<< /S /URI /URI (https://example.org/) >>", "Contents", "(example.org: https://example.org/)",
		"StructParent", "2")
}

// structure makes the structure tree, its ParentTree and the ToUnicode
// CMap and widths of the glyphs the pages use.
func (f *fixture) structure() {
	f.dict("root", "Type", "/StructTreeRoot", "K", "["+f.ref("Document")+"]", "ParentTree", f.ref("parenttree"),
		"ParentTreeNextKey", "3", "RoleMap", "<< /Worksheet /Document >>")
	f.o("parenttree").raw = "<< /Nums [0 [" + f.refs("H1", "P") + "] 1 [" +
		f.refs("P", "H2", "Lbl", "LBody", "Figure", "TH1", "TH2", "TD1", "TD2", "Link") + "] 2 " + f.ref("Link") + "] >>"
	p1, p2 := f.ref("page1"), f.ref("page2")
	elem := func(n, s, parent, pg, k string, kv ...string) {
		f.dict(n, append([]string{"Type", "/StructElem", "S", "/" + s, "P", parent, "Pg", pg, "K", k}, kv...)...)
	}
	elem("Document", "Worksheet", f.ref("root"), p1, "["+f.refs("H1", "P", "H2", "L", "Figure", "Table", "P2")+"]")
	doc := f.ref("Document")
	elem("H1", "H1", doc, p1, "0")
	elem("P", "P", doc, p1, "[1 << /Type /MCR /Pg "+p2+" /MCID 0 >>]")
	elem("H2", "H2", doc, p2, "1")
	elem("L", "L", doc, p2, "["+f.ref("LI")+"]", "A", "<< /O /List /ListNumbering /Decimal >>")
	elem("LI", "LI", f.ref("L"), p2, "["+f.refs("Lbl", "LBody")+"]")
	elem("Lbl", "Lbl", f.ref("LI"), p2, "2")
	elem("LBody", "LBody", f.ref("LI"), p2, "3")
	elem("Figure", "Figure", doc, p2, "4", "Alt", "(A grey square)", "A", "<< /O /Layout /BBox [72 650 122 700] >>")
	elem("Table", "Table", doc, p2, "["+f.refs("TR1", "TR2")+"]")
	elem("TR1", "TR", f.ref("Table"), p2, "["+f.refs("TH1", "TH2")+"]")
	elem("TR2", "TR", f.ref("Table"), p2, "["+f.refs("TD1", "TD2")+"]")
	elem("TH1", "TH", f.ref("TR1"), p2, "5", "A", "<< /O /Table /Scope /Column >>")
	elem("TH2", "TH", f.ref("TR1"), p2, "6", "A", "<< /O /Table /Scope /Column >>")
	elem("TD1", "TD", f.ref("TR2"), p2, "7")
	elem("TD2", "TD", f.ref("TR2"), p2, "8")
	elem("P2", "P", doc, p2, "["+f.ref("Link")+"]")
	elem("Link", "Link", f.ref("P2"), p2, "[9 << /Type /OBJR /Obj "+f.ref("annot")+" >>]")
}

// refs returns references to the named objects, separated by spaces.
func (f *fixture) refs(names ...string) string {
	var s []string
	for _, n := range names {
		s = append(s, f.ref(n))
	}
	return strings.Join(s, " ")
}

// glyphs writes the font's widths and ToUnicode CMap for the glyphs the
// text uses, in the order of the glyph numbers.
func (f *fixture) glyphs() {
	type g struct {
		r rune
		i sfnt.GlyphIndex
	}
	var gs []g
	for r, i := range f.glyph {
		gs = append(gs, g{r, i})
	}
	slices.SortFunc(gs, func(a, b g) int { return int(a.i) - int(b.i) })
	var w, cmap strings.Builder
	var buf sfnt.Buffer
	upem := fixed.Int26_6(f.font.UnitsPerEm())
	for _, g := range gs {
		adv, err := f.font.GlyphAdvance(&buf, g.i, upem, 0)
		if err != nil {
			f.t.Fatal(err)
		}
		fmt.Fprintf(&w, "%d [%d] ", g.i, int(adv)*1000/int(upem))
		fmt.Fprintf(&cmap, "<%04x> <%04x>\n", g.i, g.r)
	}
	f.dict("cidfont", "W", "["+strings.TrimSpace(w.String())+"]")
	if f.o("tounicode").stream == nil {
		f.stream("tounicode", "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
			"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
			"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
			"1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n"+
			fmt.Sprintf("%d beginbfchar\n%sendbfchar\n", len(gs), cmap.String())+
			"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	}
}

// bytes writes the fixture out as a PDF file.
func (f *fixture) bytes() []byte {
	f.glyphs()
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(f.objs))
	for i, o := range f.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		if o.raw != "" {
			b.WriteString(o.raw)
		} else {
			if o.stream != nil {
				o.set("Length", fmt.Sprint(len(*o.stream)))
			}
			b.WriteString("<<")
			for _, k := range o.keys {
				fmt.Fprintf(&b, " /%s %s", k, o.vals[k])
			}
			b.WriteString(" >>")
			if o.stream != nil {
				b.WriteString("\nstream\n" + *o.stream + "\nendstream")
			}
		}
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(f.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s /Info %s /ID [<%032x> <%032x>] >>\nstartxref\n%d\n%%%%EOF\n",
		len(f.objs)+1, f.ref("catalog"), f.ref("info"), 1, 1, xref)
	return b.Bytes()
}
