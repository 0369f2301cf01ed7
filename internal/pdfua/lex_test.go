package pdfua

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func TestScan(t *testing.T) {
	tests := []struct {
		in   string
		want string // each op as name(args...), space-separated
	}{
		{"/P <</MCID 3>> BDC (Hi) Tj EMC", "BDC(P,MCID=3) Tj((Hi)) EMC()"},
		{"/P<</MCID 3>>BDC", "BDC(P,MCID=3)"},
		{"(a(b)c\\)d) Tj", `Tj((a(b)c\)d))`},
		{"[(A) -250 <0042>] TJ", "TJ([(A) -250 <0042>])"},
		{"% a comment (\n1 0 0 1 72.5 -.5 cm", "cm(1,0,0,1,72.50,-0.50)"},
		{"/Artifact BMC 0 0 m 1 1 l S EMC", "BMC(Artifact) m(0,0) l(1,1) S() EMC()"},
		{"q BI /W 2 /H 1 /CS /G /BPC 8 ID \x00EI\xff EI Q", "q() BI(BPC=8,CS=G,H=1,W=2) Q()"},
		{"/Span <</ActualText (x\\)y) /Lang (en)>> BDC", "BDC(Span,ActualText=(x\\)y),Lang=(en))"},
		{"true false null d0", "d0(true,false,<nil>)"},
		{"T* ' \"", `T*() '() "()`},
	}
	for _, tt := range tests {
		var got []string
		err := scan(tt.in, func(o op) error {
			var args []string
			for _, a := range o.args {
				args = append(args, show(a))
			}
			got = append(got, o.name+"("+strings.Join(args, ",")+")")
			return nil
		})
		if err != nil {
			t.Errorf("scan(%q): %v", tt.in, err)
			continue
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("scan(%q)\n got %s\nwant %s", tt.in, g, tt.want)
		}
	}
}

// show writes an operand for TestScan: a dictionary as its entries in
// order, key=value.
func show(o types.Object) string {
	d, ok := o.(types.Dict)
	if !ok {
		return fmt.Sprint(o)
	}
	var kv []string
	for _, k := range slices.Sorted(maps.Keys(d)) {
		kv = append(kv, k+"="+fmt.Sprint(d[k]))
	}
	return strings.Join(kv, ",")
}

func TestScanErrors(t *testing.T) {
	for _, in := range []string{
		"(unclosed Tj",
		") Tj",
		"BI /W 1 ID \x00\x01",
		"1 2",
		"<</MCID 3 BDC",
	} {
		if err := scan(in, func(op) error { return nil }); err == nil {
			t.Errorf("scan(%q): no error", in)
		}
	}
}

func TestToUnicode(t *testing.T) {
	cmap := `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0044> <00660069> endbfchar
4 beginbfrange <0010> <0012> <0041> <0020> <0021> [<00E9> <D83DDE00>] <01FE> <0201> <0030> <0300> <0310> <00F8> endbfrange
endcmap`
	u, err := readToUnicode([]byte(cmap))
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]string{
		"\x00\x03": " ", "\x00\x44": "fi", "\x00\x10": "A", "\x00\x12": "C",
		"\x00\x20": "é", "\x00\x21": "😀", "\x01\xfe": "0", "\x02\x01": "3", "\x03\x10": "\u0108",
	} {
		got, ok := u.lookup([]byte(code))
		if !ok || string(utf16.Decode(got)) != want {
			t.Errorf("lookup(%x) = %q, %v; want %q", code, string(utf16.Decode(got)), ok, want)
		}
	}
	for _, code := range []string{"\x00\x13", "\x00\x22", "\x00", "\x00\x00\x10"} {
		if got, ok := u.lookup([]byte(code)); ok {
			t.Errorf("lookup(%x) = %v, want none", code, got)
		}
	}
	if want := "<0300> <0310> <00f8>"; len(u.overflowing) != 1 || u.overflowing[0] != want {
		t.Errorf("overflowing ranges %q, want [%s]", u.overflowing, want)
	}
}

func TestReadXMP(t *testing.T) {
	tests := []struct {
		name, props       string
		part, prefix, tit string
	}{
		{"elements", `<pdfuaid:part>1</pdfuaid:part><dc:title><rdf:Alt><rdf:li xml:lang="de">Titel</rdf:li><rdf:li xml:lang="x-default"> Title </rdf:li></rdf:Alt></dc:title>`, "1", "pdfuaid", "Title"},
		{"first title", `<dc:title><rdf:Alt><rdf:li xml:lang="de">Titel</rdf:li></rdf:Alt></dc:title>`, "", "", "Titel"},
		{"other prefix", `<u:part xmlns:u="http://www.aiim.org/pdfua/ns/id/">1</u:part>`, "1", "u", ""},
		{"other namespace", `<q:part xmlns:q="http://example.org/">1</q:part><dc:description><rdf:Alt><rdf:li>Not a title</rdf:li></rdf:Alt></dc:description>`, "", "", ""},
	}
	for _, tt := range tests {
		x, err := readXMP([]byte(xmp(tt.props)))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		title, _ := x.title()
		if x.part != tt.part || x.partPrefix != tt.prefix || title != tt.tit {
			t.Errorf("%s: part %q prefix %q title %q, want %q %q %q", tt.name, x.part, x.partPrefix, title, tt.part, tt.prefix, tt.tit)
		}
	}
	if _, err := readXMP([]byte("<x:xmpmeta><rdf:RDF>")); err == nil {
		t.Error("unclosed XMP: no error")
	}
}
