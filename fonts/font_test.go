package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
)

// tinyFont is a font built for the test: glyphs[g] is glyph g's data, and
// rune 'A'+g-1 maps to glyph g. The tables are those of a subset, from
// Liberation Sans, but for edit, which may change them (by tag) first.
func tinyFont(t testing.TB, glyphs [][]byte, edit func(map[string][]byte)) []byte {
	t.Helper()
	base, err := Faces[0].Font()
	if err != nil {
		t.Fatal(err)
	}
	n := len(glyphs)
	var glyf []byte
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	var cmap []mapping
	for g, data := range glyphs {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		glyf = append(glyf, data...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		binary.BigEndian.PutUint16(hmtx[4*g:], 500)
		if g > 0 {
			cmap = append(cmap, mapping{'A' + rune(g) - 1, g})
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))
	c, err := format4(cmap)
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string][]byte{}
	for _, tb := range base.subsetTables(n, c, glyf, loca, hmtx) {
		tables[tb.tag] = bytes.Clone(tb.data) // edit must not change Liberation Sans
	}
	if edit != nil {
		edit(tables)
	}
	var list []table
	for tag, data := range tables {
		list = append(list, table{tag, data})
	}
	return writeTables(list)
}

// simple returns a simple glyph: a square of side s at x, y.
func simple(x, y, s int16) []byte {
	g := []byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0}
	g = append(g, 1, 1, 1, 1) // on the curve, two-byte coordinates
	for _, v := range []int16{x, s, 0, -s, y, 0, s, 0} {
		g = binary.BigEndian.AppendUint16(g, uint16(v))
	}
	return g
}

// composite returns a composite glyph of the given components, each moved
// by 10 units right.
func composite(components ...int) []byte {
	g := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0}
	for i, c := range components {
		flags := uint16(argsAreXY)
		if i < len(components)-1 {
			flags |= moreComponents
		}
		g = binary.BigEndian.AppendUint16(g, flags)
		g = binary.BigEndian.AppendUint16(g, uint16(c))
		g = append(g, 10, 0)
	}
	return g
}

func TestParseTiny(t *testing.T) {
	ttf := tinyFont(t, [][]byte{nil, simple(0, 0, 100), composite(1, 1)}, nil)
	f, err := Parse("tiny.ttf", ttf)
	if err != nil {
		t.Fatal(err)
	}
	m := f.Metrics()
	if !m.HasGlyph('A') || !m.HasGlyph('B') || m.HasGlyph('C') || m.Width("AB") != 2*m.RuneWidth('A') {
		t.Errorf("tiny font: HasGlyph A, B, C %v %v %v, widths %d %d", m.HasGlyph('A'), m.HasGlyph('B'), m.HasGlyph('C'), m.Width("AB"), m.RuneWidth('A'))
	}
	if f.Name() != "LiberationSans" || f.String() != "tiny.ttf" {
		t.Errorf("Name %q, String %q", f.Name(), f.String())
	}
}

func TestParseRejects(t *testing.T) {
	lib := Faces[0].TTF()
	withTag := func(tag string) []byte { return append([]byte(tag), lib[4:]...) }
	square := simple(0, 0, 100)
	tiny := func(glyphs [][]byte, edit func(map[string][]byte)) []byte { return tinyFont(t, glyphs, edit) }
	deep := [][]byte{nil}
	for g := 1; g <= maxComponentDepth+1; g++ {
		deep = append(deep, composite(g+1))
	}
	deep = append(deep, square)
	for _, tc := range []struct {
		name string
		data []byte
		kind error
		msg  string
	}{
		{"empty", nil, ErrNotFont, "not a font file"},
		{"text", []byte("hello, world"), ErrNotFont, "use a TrueType font"},
		{"OpenType CFF", withTag("OTTO"), ErrCFF, "TrueType (.ttf) version"},
		{"collection", withTag("ttcf"), ErrCollection, "font collection"},
		{"WOFF", withTag("wOFF"), ErrWOFF, "WOFF web font"},
		{"WOFF2", withTag("wOF2"), ErrWOFF, "WOFF web font"},
		{"zip", withTag("PK\x03\x04"), ErrNotFont, "unzip it"},
		{"too large", make([]byte, MaxSize+1), ErrTooLarge, "32 MB"},
		{"CFF tables", tiny([][]byte{nil}, func(m map[string][]byte) {
			delete(m, "glyf")
			delete(m, "loca")
			m["CFF "] = []byte{1, 0, 4, 4}
		}), ErrCFF, "CFF"},
		{"no outlines", tiny([][]byte{nil}, func(m map[string][]byte) { delete(m, "glyf") }), ErrNotFont, "no glyf and loca"},
		{"symbol font", tiny([][]byte{nil, square}, func(m map[string][]byte) {
			binary.BigEndian.PutUint16(m["cmap"][6:], 0) // platform 3 encoding 0: symbol
		}), ErrNoUnicode, "no Unicode character map"},
		{"restricted licence", tiny([][]byte{nil}, func(m map[string][]byte) {
			binary.BigEndian.PutUint16(m["OS/2"][8:], 0x0002)
		}), ErrNoEmbed, "restricted licence"},
		{"no subsetting", tiny([][]byte{nil}, func(m map[string][]byte) {
			binary.BigEndian.PutUint16(m["OS/2"][8:], 0x0100)
		}), ErrNoEmbed, "only whole"},
		{"bitmaps only", tiny([][]byte{nil}, func(m map[string][]byte) {
			binary.BigEndian.PutUint16(m["OS/2"][8:], 0x0208)
		}), ErrNoEmbed, "only as bitmaps"},
		{"no hmtx", tiny([][]byte{nil}, func(m map[string][]byte) { delete(m, "hmtx") }), ErrBroken, "hmtx table: it is missing"},
		{"short hmtx", tiny([][]byte{nil, square}, func(m map[string][]byte) { m["hmtx"] = m["hmtx"][:4] }), ErrBroken, "hmtx table"},
		{"units per em", tiny([][]byte{nil}, func(m map[string][]byte) { binary.BigEndian.PutUint16(m["head"][18:], 0) }), ErrBroken, "units per em"},
		{"loca out of order", tiny([][]byte{nil, square, square}, func(m map[string][]byte) {
			binary.BigEndian.PutUint32(m["loca"][4:], 1000)
		}), ErrBroken, "loca table"},
		{"glyph past glyf", tiny([][]byte{nil, square}, func(m map[string][]byte) { m["glyf"] = m["glyf"][:20] }), ErrBroken, "loca table"},
		{"points past glyph", tiny([][]byte{nil, square[:30]}, nil), ErrBroken, "glyph 1"},
		{"cmap out of order", tiny([][]byte{nil, square, square}, func(m map[string][]byte) {
			binary.BigEndian.PutUint16(m["cmap"][12+14:], 0xFFFF) // the first segment ends with the last
		}), ErrBroken, "cmap table"},
		{"component out of range", tiny([][]byte{nil, composite(7)}, nil), ErrBroken, "component glyph 7 of 2"},
		{"contains itself", tiny([][]byte{nil, composite(2), composite(1)}, nil), ErrBroken, "contains itself"},
		{"nested too deep", tiny(deep, nil), ErrBroken, "nested more than 8 deep"},
		{"too many components", tiny([][]byte{nil, square, composite(make([]int, 16)...), composite(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)}, nil), ErrBroken, "more than 256 glyphs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("fonts/x.ttf", tc.data)
			if err == nil {
				t.Fatalf("no error for %s (%d glyphs)", tc.name, f.NumGlyphs())
			}
			if !errors.Is(err, tc.kind) || !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "fonts/x.ttf: ") {
				t.Errorf("error %q (%v), want one of kind %v saying %q", err, errors.Unwrap(err), tc.kind, tc.msg)
			}
		})
	}
}

// TestParseCutShort parses the embedded faces and the CJK sample cut
// short at many places: every cut is an error, and none panics.
func TestParseCutShort(t *testing.T) {
	for _, ttf := range [][]byte{Faces[0].TTF(), cjkSample(t).TTF()} {
		for n := 0; n < len(ttf); n += 1 + n/7 {
			if _, err := Parse("cut.ttf", ttf[:n]); err == nil {
				t.Errorf("a font cut to %d of %d bytes: no error", n, len(ttf))
			}
		}
	}
}

// TestParsedFontsSubset checks, on damaged copies of a small font, that a
// font Parse accepts can be measured and subset, and that the subset is a
// font Parse accepts that measures the same.
func TestParsedFontsSubset(t *testing.T) {
	orig := cjkSample(t).TTF()
	accepted := 0
	for i := range 300 {
		ttf := bytes.Clone(orig)
		at := (i * 7919) % len(ttf)
		ttf[at] ^= byte(1 + i%255)
		if checkParsed(t, ttf) {
			accepted++
		}
	}
	if accepted < 100 {
		t.Errorf("only %d damaged fonts of 300 accepted: the test tests too little", accepted)
	}
}

// checkParsed parses ttf and, if it is accepted, checks that it can be
// subset, and its subset parsed and measured alike. It reports whether
// ttf was accepted.
func checkParsed(t *testing.T, ttf []byte) bool {
	t.Helper()
	f, err := Parse("x.ttf", ttf)
	if err != nil {
		return false
	}
	runes := []rune(" AZaz09" + cjkText[:300])
	sub, err := f.Subset(runes)
	if err != nil {
		t.Errorf("Subset: %v", err)
		return true
	}
	g, err := Parse("subset.ttf", sub)
	if err != nil {
		t.Errorf("the subset of an accepted font: %v", err)
		return true
	}
	for _, r := range runes {
		if a, b := f.Metrics().RuneWidth(r), g.Metrics().RuneWidth(r); a != b {
			t.Errorf("%U: width %d in the subset, %d in the font", r, b, a)
			return true
		}
	}
	return true
}

func FuzzParse(f *testing.F) {
	f.Add(tinyFont(f, [][]byte{nil, simple(0, 0, 100), composite(1, 1)}, nil))
	f.Add(Faces[0].TTF()[:4096])
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParsed(t, data)
	})
}

func TestBold(t *testing.T) {
	for _, f := range Faces {
		font, err := f.Font()
		if err != nil {
			t.Fatal(err)
		}
		if want := f.Style == Bold || f.Style == BoldItalic; font.Bold() != want {
			t.Errorf("%v: Bold() = %v", f, font.Bold())
		}
	}
	data, err := os.ReadFile("testdata/cjk-sample.ttf")
	if err != nil {
		t.Fatal(err)
	}
	cjk, err := Parse("cjk-sample.ttf", data)
	if err != nil {
		t.Fatal(err)
	}
	if cjk.Bold() {
		t.Error("the CJK sample font (Droid Sans Fallback, one weight) is bold")
	}
}
